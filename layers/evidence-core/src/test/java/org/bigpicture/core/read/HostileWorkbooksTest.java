package org.bigpicture.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bigpicture.core.read.HandWrittenXlsx.n;
import static org.bigpicture.core.read.HandWrittenXlsx.row;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile workbooks, generated here, checked in a child JVM with {@code -Xmx256m} (the heap issue 6
 * gives ingest): each ends quarantined with a reason a person understands, or (where it is only
 * wasteful, not wrong) read, and none exhausts the heap. Before these readers, the first exhausted a
 * 1 GB heap and the third a 2 GB one, and neither was ever quarantined.
 */
class HostileWorkbooksTest {

    @TempDir
    static Path dir;

    private static final Map<String, String> verdicts = new LinkedHashMap<>();

    @BeforeAll
    static void runAllInOneChild() throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();

        // 1. A 2 KB XLSX whose one cell is ZZZZZZ2 (fastexcel sized the row's cell list up to it).
        files.put("x/zzzzzz2.xlsx", new HandWrittenXlsx().sheet("Data", row(1, n("A1", "1", -1)) + row(2,
                n("ZZZZZZ2", "1", -1))).write(dir.resolve("zzzzzz2.xlsx")));

        // 2. A declared dimension of the whole grid with sparse cells, and 1,048,576 styled empty rows
        //    with a styled cell at XFD: nothing may be sized from them. Read, not refused.
        StringBuilder sparse = new StringBuilder(row(1, n("A1", "0", -1), n("B1", "0", -1)));
        for (int r = 2; r <= 200; r++) {
            sparse.append(row(r, n("A" + r, Integer.toString(r), -1), n("B" + r, Integer.toString(r * 2), -1),
                    "<c r=\"XFD" + r + "\" s=\"0\"/>"));
        }
        sparse.append("<row r=\"1048576\" s=\"1\" customFormat=\"1\"><c r=\"XFD1048576\" s=\"0\"/></row>");
        HandWrittenXlsx whole = new HandWrittenXlsx().sheet("Data", "<dimension ref=\"A1:XFD1048576\"/>", sparse.toString());
        whole.shared("a");
        files.put("x/dimension.xlsx", whole.write(dir.resolve("dimension.xlsx")));

        // 3. A ~17 MB XLSX whose shared strings unpack to 1.5 GB (compressed about 90:1, under the zip-bomb ratio).
        files.put("x/strings.xlsx", sharedStringsBomb(dir.resolve("strings.xlsx")));

        // 4. An ODS whose one row repeats a value across 16,384 columns, 1,048,576 times.
        files.put("x/repeats.ods", ods(dir.resolve("repeats.ods"), "<table:table-row table:number-rows-repeated=\"1048576\">"
                + "<table:table-cell office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"16384\">"
                + "<text:p>1</text:p></table:table-cell></table:table-row>"));

        // 5. An ODS with a small table and then the empty rows and columns LibreOffice and Excel write:
        //    1,048,576 rows × 16,384 columns of nothing. Read, at no cost.
        files.put("x/empty-grid.ods", ods(dir.resolve("empty-grid.ods"), "<table:table-row>"
                + "<table:table-cell office:value-type=\"string\"><text:p>area</text:p></table:table-cell>"
                + "<table:table-cell office:value-type=\"string\"><text:p>value</text:p></table:table-cell>"
                + "<table:table-cell table:number-columns-repeated=\"16382\"/></table:table-row>"
                + "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Stockport</text:p></table:table-cell>"
                + "<table:table-cell office:value-type=\"float\" office:value=\"293423\"><text:p>293,423</text:p>"
                + "</table:table-cell><table:table-cell table:number-columns-repeated=\"16382\"/></table:table-row>"
                + "<table:table-row table:number-rows-repeated=\"1048574\"><table:table-cell"
                + " table:number-columns-repeated=\"16384\"/></table:table-row>"));

        // 6. An .xls whose shared-strings table declares two billion strings in a 4 KB file.
        files.put("x/sst.xls", Biff8Writer.withSstCount(dir.resolve("sst.xls"), 2_000_000_000L));

        // 7. An .xls whose allocation table chains a sector to itself.
        files.put("x/loop.xls", Biff8Writer.withLoopingChain(dir.resolve("loop.xls")));

        Path target = Path.of("target");
        List<String> cp = new ArrayList<>();
        cp.add(target.resolve("classes").toAbsolutePath().toString());
        cp.add(target.resolve("test-classes").toAbsolutePath().toString());
        cp.add(Files.readString(target.resolve("runtime-classpath.txt")).trim());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, cp),
                HostileWorkbookChild.class.getName()));
        for (var e : files.entrySet()) {
            cmd.add(e.getKey() + "=" + e.getValue());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        for (String line : text.split("\n")) {
            if (line.startsWith("VERDICT ")) {
                String[] parts = line.split(" ", 3);
                verdicts.put(parts[1], parts[2]);
            }
        }
        System.out.println(text);
    }

    /** The shared strings: 1.5 GB of {@code <si>} items, from one 1 MB block deflated once and repeated. */
    private static Path sharedStringsBomb(Path file) throws Exception {
        StringBuilder block = new StringBuilder();
        int i = 0;
        while (block.length() < (1 << 20) - 400) {
            String word = String.format("Stockport %07d ", i++);
            block.append("<si><t>").append(word.repeat(40)).append("</t></si>");
        }
        long repeat = 1_500L * (1 << 20) / block.length();
        RawZip zip = new RawZip(file);
        zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        zip.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + HandWrittenXlsx.REL + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        zip.add("xl/workbook.xml", "<workbook xmlns=\"" + HandWrittenXlsx.MAIN + "\" xmlns:r=\"" + HandWrittenXlsx.REL
                + "\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        zip.add("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "relationships\"><Relationship Id=\"rId1\" Type=\"" + HandWrittenXlsx.REL + "/worksheet\" Target=\""
                + "worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" + HandWrittenXlsx.REL + "/sharedStrings\""
                + " Target=\"sharedStrings.xml\"/></Relationships>");
        zip.add("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + HandWrittenXlsx.MAIN + "\"><sheetData><row r=\"1\">"
                + "<c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v>"
                + "</c><c r=\"B2\"><v>2</v></c></row></sheetData></worksheet>");
        zip.repeated("xl/sharedStrings.xml", "<sst xmlns=\"" + HandWrittenXlsx.MAIN + "\">", block.toString(), repeat,
                "</sst>");
        zip.close();
        return file;
    }

    /** An ODS holding one table made of {@code rows}. */
    static Path ods(Path file, String rows) throws Exception {
        RawZip zip = new RawZip(file);
        zip.stored("mimetype", Workbooks.ODS_MIMETYPE);
        zip.add("META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:"
                + "manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\""
                + Workbooks.ODS_MIMETYPE + "\"/></manifest:manifest>");
        zip.add("content.xml", OdsReaderTest.content("<table:table table:name=\"Data\">" + rows + "</table:table>"));
        zip.close();
        return file;
    }

    private static String verdict(String key) {
        assertThat(verdicts).containsKey(key);
        return verdicts.get(key);
    }

    @Test
    void aCellAtColumnZzzzzzIsQuarantinedNotAllocated() {
        assertThat(verdict("x/zzzzzz2.xlsx")).startsWith("quarantined")
                .contains("ZZZZZZ2").contains("beyond Excel's last column (XFD)");
    }

    @Test
    void aWholeGridDimensionWithSparseCellsIsReadWithoutSizingAnything() {
        assertThat(verdict("x/dimension.xlsx")).startsWith("accepted");
    }

    @Test
    void sharedStringsOfOnePointFiveGigabytesAreQuarantinedAtTheCharacterLimit() {
        assertThat(verdict("x/strings.xlsx")).startsWith("quarantined")
                .contains("shared strings hold more than 50000000 characters");
    }

    @Test
    void anOdsRepeatingAValueAcrossTheGridIsQuarantined() {
        assertThat(verdict("x/repeats.ods")).startsWith("quarantined").contains("repeated across 16384 columns");
    }

    @Test
    void anOdsWithTheUsualEmptyGridIsReadAtNoCost() {
        assertThat(verdict("x/empty-grid.ods")).startsWith("accepted");
    }

    @Test
    void anXlsDeclaringTwoBillionSharedStringsIsQuarantined() {
        assertThat(verdict("x/sst.xls")).startsWith("quarantined").contains("declares 2000000000 shared strings");
    }

    @Test
    void anXlsWhoseSectorChainLoopsIsQuarantined() {
        assertThat(verdict("x/loop.xls")).startsWith("quarantined").contains("damaged").contains("loops");
    }
}
