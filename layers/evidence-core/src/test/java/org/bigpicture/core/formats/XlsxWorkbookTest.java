package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bigpicture.core.formats.XlsxBuilder.row;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks: one dataset per table sheet, notes sheets skipped and named, cells typed. */
class XlsxWorkbookTest {

    @TempDir
    Path dir;

    @Test
    void eachTableSheetBecomesItsOwnDatasetAndNotesSheetsAreSkipped() throws Exception {
        List<List<Object>> mye = new ArrayList<>();
        mye.add(row("MYE2: Population estimates: Persons by single year of age, UK, Mid-2020"));
        mye.add(row("Mid-2020 population estimates on 2021 geography"));
        mye.add(null);
        List<Object> header = row("Code", "Name", "Geography", "All ages");
        for (int a = 0; a < 90; a++) {
            header.add(String.valueOf(a));
        }
        header.add("90+");
        mye.add(header);
        for (Object[] area : new Object[][] {{"E08000007", "Stockport", "Metropolitan District", 294197},
                {"E08000003", "Manchester", "Metropolitan District", 555741}}) {
            List<Object> r = row(area[0], area[1], area[2], area[3]);
            for (int a = 0; a <= 90; a++) {
                r.add(a == 40 ? (Integer) area[3] - 90 * 3 : 3);
            }
            mye.add(r);
        }
        List<List<Object>> table = List.of(
                row("School", "Opened", "Pupils", "Rating", "Ofsted URN"),
                row("Alpha Primary", LocalDate.of(1998, 9, 1), 210, 3.5, "0105"),
                row("Beta High", LocalDate.of(2004, 1, 5), 1024, 4.25, "0207"));
        Path file = new XlsxBuilder()
                .sheet("Cover", List.of(row("Population estimates"), row("Published by ONS")))
                .sheet("MYE2 - Persons", mye)
                .sheet("Data", table)
                .sheet("Notes", List.of(row("1", "Some note"), row("2", "Another note")))
                .sheet("Empty", List.of())
                .write(dir.resolve("book.xlsx"));

        Conversions c = new Conversions(dir);
        List<ConvertedDataset> out = c.run("ons/Population Workbook.xlsx", file);

        assertThat(c.tables.skipped()).containsExactly("Cover: cover or notes sheet", "Notes: cover or notes sheet",
                "Empty: empty sheet");
        assertThat(out).extracting(ConvertedDataset::datasetId)
                .containsExactly("ons-population-workbook-mye2-persons", "ons-population-workbook-data");
        assertThat(c.families).containsExactly("ons-wide", "table");

        RecordingOutput.Recorded mye2 = c.output.datasets.get("ons-population-workbook-mye2-persons");
        Object[] stockport = mye2.where("area_code", "E08000007", "age", "All ages").get(0);
        assertThat(stockport[mye2.index("value")]).isEqualTo(294197.0);
        assertThat(stockport[mye2.index("period")]).isEqualTo("mid-2020");
        assertThat(stockport[mye2.index("sex")]).isEqualTo("Persons");
        assertThat(out.get(0).notes()).noneMatch(n -> n.contains("file name"));

        RecordingOutput.Recorded data = c.output.datasets.get("ons-population-workbook-data");
        assertThat(data.columns).extracting(col -> col.name() + ":" + col.type().tableSchemaName())
                .containsExactly("School:string", "Opened:date", "Pupils:integer", "Rating:number", "Ofsted URN:string");
        assertThat(data.rows).hasSize(2);
        assertThat(data.rows.get(0)[1]).isEqualTo((int) LocalDate.of(1998, 9, 1).toEpochDay());
        assertThat(data.rows.get(1)[2]).isEqualTo(1024L);
        assertThat(data.rows.get(1)[3]).isEqualTo(4.25);
        assertThat(data.rows.get(0)[4]).isEqualTo("0105");
    }

    @Test
    void aWorkbookWithOnlyNotesIsRefusedNamingTheSheets() throws Exception {
        Path file = new XlsxBuilder()
                .sheet("Contents", List.of(row("Table 1"), row("Table 2")))
                .write(dir.resolve("notes.xlsx"));
        Conversions c = new Conversions(dir);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.run("x/notes.xlsx", file))
                .isInstanceOf(org.bigpicture.core.convert.BadInputException.class)
                .hasMessageContaining("holds no table").hasMessageContaining("Contents: cover or notes sheet");
    }
}
