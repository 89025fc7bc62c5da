package org.bigpicture.core.read;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bigpicture.core.ingest.Limits;
import org.junit.jupiter.api.Test;

class ScratchAreasTest {
    void dump(String file, String sheet, String out) throws Exception {
        Workbook wb = Workbooks.open("k", Path.of(file), Limits.defaults());
        int idx = wb.sheets().stream().filter(s -> s.name().equals(sheet)).findFirst().get().index();
        try (Records r = wb.open(idx); PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(out)))) {
            boolean on = false;
            while (r.next()) {
                if (r.get(0).equals("Code")) { on = true; continue; }
                if (on && !r.get(0).isBlank()) w.println(r.get(0) + "\t" + r.get(1) + "\t" + r.get(2));
            }
        }
    }
    @Test
    void gen() throws Exception {
        dump("/work/shared/realdata2/ons/mye22final.xlsx", "MYE2 - Persons", "/tmp/areas/mye2023.tsv");
        dump("/work/shared/realdata2/ons/ukpopestimatesmid2020on2021geography.xls", "MYE2 - Persons", "/tmp/areas/mye2021.tsv");
        Workbook wb = Workbooks.open("k", Path.of("/work/shared/realdata2/ons/itlproductivity.xlsx"), Limits.defaults());
        try (Records r = wb.open(3); PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of("/tmp/areas/itl.tsv")))) {
            while (r.next()) if (r.get(0).startsWith("ITL")) w.println(r.get(0) + "\t" + r.get(1) + "\t" + r.get(2));
        }
        Workbook n = Workbooks.open("k", Path.of("/work/shared/realdata2/nomis/nomis_2023_07_20_211328.xlsx"), Limits.defaults());
        try (Records r = n.open(0); PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of("/tmp/areas/nuts.tsv")))) {
            while (r.next()) if (r.get(0).matches("UK[A-N]\\w+ .*")) w.println(r.get(0));
        }
    }
}
