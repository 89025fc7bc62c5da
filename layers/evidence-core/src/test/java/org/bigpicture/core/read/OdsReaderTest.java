package org.bigpicture.core.read;

import org.bigpicture.core.convert.CellKind;
import org.bigpicture.core.convert.Records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our OpenDocument reader on packages written by hand (OpenDocument 1.2 part 1, table:table). */
class OdsReaderTest {

    @TempDir
    Path dir;

    private int files;

    /** A content.xml with the spreadsheet namespaces, the given automatic styles and body. */
    static String content(String body) {
        return content("", body);
    }

    static String content(String styles, String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
                + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
                + " xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\""
                + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.2\">"
                + "<office:automatic-styles>" + styles + "</office:automatic-styles>"
                + "<office:body><office:spreadsheet>" + body + "</office:spreadsheet></office:body>"
                + "</office:document-content>";
    }

    private Workbook open(String styles, String body) throws Exception {
        return open(styles, body, Limits.defaults());
    }

    private Workbook open(String styles, String body, Limits limits) throws Exception {
        Path file = dir.resolve("book" + files++ + ".ods");
        RawZip zip = new RawZip(file);
        zip.stored("mimetype", Workbooks.ODS_MIMETYPE);
        zip.add("META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:"
                + "manifest:1.0\"/>");
        zip.add("content.xml", content(styles, body));
        zip.close();
        return Workbooks.open("x/book.ods", file, limits);
    }

    private static final String STYLES = "<number:number-style style:name=\"N2\"><number:number number:decimal-places=\"2\""
            + " number:min-integer-digits=\"1\"/></number:number-style>"
            + "<number:number-style style:name=\"N0\"><number:number number:decimal-places=\"0\" number:grouping=\"true\"/>"
            + "</number:number-style>"
            + "<number:percentage-style style:name=\"P1\"><number:number number:decimal-places=\"1\"/><number:text>%"
            + "</number:text></number:percentage-style>"
            + "<style:style style:name=\"ce2\" style:family=\"table-cell\" style:data-style-name=\"N2\"/>"
            + "<style:style style:name=\"ce0\" style:family=\"table-cell\" style:data-style-name=\"N0\"/>"
            + "<style:style style:name=\"cep\" style:family=\"table-cell\" style:data-style-name=\"P1\"/>"
            + "<style:style style:name=\"child\" style:family=\"table-cell\" style:parent-style-name=\"ce2\"/>"
            + "<style:style style:name=\"hidden\" style:family=\"table\"><style:table-properties table:display=\"false\"/>"
            + "</style:style>";

    private static String cell(String attrs, String text) {
        return "<table:table-cell " + attrs + "><text:p>" + text + "</text:p></table:table-cell>";
    }

    @Test
    void readsValuesAsTheirNumberStylesShowThem() throws Exception {
        String row = "<table:table-row>"
                + cell("office:value-type=\"float\" office:value=\"44.082000000000001\" table:style-name=\"ce0\"", "44")
                + cell("office:value-type=\"float\" office:value=\"1.2271856802282399\" table:style-name=\"ce2\"", " 1.23 ")
                + cell("office:value-type=\"percentage\" office:value=\"0.175\" table:style-name=\"cep\"", "17.5%")
                + cell("office:value-type=\"float\" office:value=\"0.1\" table:style-name=\"child\"", "0.10")
                + cell("office:value-type=\"float\" office:value=\"37.770000000000003\"", "37.77")
                + cell("office:value-type=\"date\" office:date-value=\"2023-05-10T00:00:00\"", "Wednesday, May 10, 2023")
                + cell("office:value-type=\"time\" office:time-value=\"PT10H30M00S\"", "10:30")
                + cell("office:value-type=\"boolean\" office:boolean-value=\"true\"", "TRUE")
                + cell("office:value-type=\"string\" table:formula=\"of:=1/0\"", "#DIV/0!")
                + "</table:table-row>";
        Workbook wb = open(STYLES, "<table:table table:name=\"T\">" + row + "</table:table>");
        assertThat(XlsxReaderTest.rows(wb, 0))
                .containsExactly("1: 44.082|1.22718568022824|17.5%|0.1|37.77|2023-05-10|10:30:00|TRUE|#DIV/0!");
        try (Records r = wb.open(0)) {
            r.next();
            assertThat(r.storedNumber(0)).isEqualTo(44.082);
            assertThat(r.numberFormat(0)).isEqualTo("0");
            assertThat(r.numberFormat(1)).isEqualTo("0.00");
            assertThat(r.numberFormat(2)).isEqualTo("0.0%");
            assertThat(r.numberFormat(3)).isEqualTo("0.00");
            assertThat(r.number(2)).isEqualTo(17.5);
            assertThat(r.cellKind(5)).isEqualTo(CellKind.DATE);
            assertThat(r.cellKind(8)).isEqualTo(CellKind.ERROR);
        }
    }

    @Test
    void readsParagraphsSpacesAndLinksButNotAnnotationsOrFrames() throws Exception {
        String row = "<table:table-row><table:table-cell office:value-type=\"string\">"
                + "<office:annotation><text:p>a comment</text:p></office:annotation>"
                + "<draw:frame><draw:text-box><text:p>a text box</text:p></draw:text-box></draw:frame>"
                + "<text:p>Statutory<text:s text:c=\"3\"/>homelessness<text:tab/>x</text:p>"
                + "<text:p><text:span>Detailed</text:span> <text:a xlink:href=\"#A1\">tables</text:a></text:p>"
                + "</table:table-cell></table:table-row>";
        Workbook wb = open("", "<table:table table:name=\"T\">" + row + "</table:table>");
        assertThat(XlsxReaderTest.rows(wb, 0)).containsExactly("1: Statutory   homelessness\tx\nDetailed tables");
    }

    @Test
    void expandsRepeatsOnlyWhereThereAreValues() throws Exception {
        String rows = "<table:table-column table:number-columns-repeated=\"16384\"/>"
                + "<table:table-row>" + cell("office:value-type=\"string\"", "a")
                + "<table:table-cell table:number-columns-repeated=\"2\"/>"
                + cell("office:value-type=\"float\" office:value=\"7\" table:number-columns-repeated=\"3\"", "7")
                + "<table:covered-table-cell table:number-columns-repeated=\"5\"/>"
                + "<table:table-cell table:number-columns-repeated=\"16373\"/></table:table-row>"
                + "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell/></table:table-row>"
                + "<table:table-row table:number-rows-repeated=\"2\">" + cell("office:value-type=\"string\"", "b")
                + "</table:table-row>"
                + "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell"
                + " table:number-columns-repeated=\"16384\"/></table:table-row>";
        Workbook wb = open("", "<table:table table:name=\"T\">" + rows + "</table:table>");
        assertThat(XlsxReaderTest.rows(wb, 0)).containsExactly("1: a|||7|7|7", "2: ", "3: ", "4: b", "5: b");
    }

    @Test
    void listsSheetsWithHiddenOnesAndLeavesOutExternalLinkCaches() throws Exception {
        String body = "<table:table table:name=\"Data\"><table:table-row>" + cell("office:value-type=\"string\"", "x")
                + "</table:table-row></table:table>"
                + "<table:table table:name=\"Lookup\" table:style-name=\"hidden\"><table:table-row>"
                + cell("office:value-type=\"string\"", "y") + "</table:table-row></table:table>"
                + "<table:table table:name=\"'file:///C:/other.xlsx'#Sheet1\" table:style-name=\"hidden\">"
                + "<table:table-source xlink:href=\"file:///C:/other.xlsx\" table:table-name=\"Sheet1\"/>"
                + "<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell"
                + " table:number-columns-repeated=\"16384\"/></table:table-row></table:table>";
        Workbook wb = open(STYLES, body);
        assertThat(wb.sheets()).extracting(Sheet::name).containsExactly("Data", "Lookup");
        assertThat(wb.sheets()).extracting(Sheet::visibility).containsExactly("VISIBLE", "HIDDEN");
        assertThat(wb.notes()).singleElement().asString().contains("1 cached copies of linked workbooks");
        assertThat(XlsxReaderTest.rows(wb, 1)).containsExactly("1: y");
    }

    @Test
    void repeatsThatWouldExpandPastTheLimitsAreRefused() throws Exception {
        Workbook wide = open("", "<table:table table:name=\"T\"><table:table-row>"
                + cell("office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"6000\"", "1")
                + "</table:table-row></table:table>");
        assertThatThrownBy(() -> XlsxReaderTest.rows(wide, 0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a value repeated across 6000 columns").hasMessageContaining("limit of 5000");
        Workbook deep = open("", "<table:table table:name=\"T\"><table:table-row table:number-rows-repeated=\"2000000\">"
                + cell("office:value-type=\"float\" office:value=\"1\"", "1") + "</table:table-row></table:table>");
        assertThatThrownBy(() -> XlsxReaderTest.rows(deep, 0)).hasMessageContaining("beyond row 1,048,576");
        Workbook many = open("", "<table:table table:name=\"T\"><table:table-row table:number-rows-repeated=\"1000000\">"
                + cell("office:value-type=\"float\" office:value=\"1\" table:number-columns-repeated=\"100\"", "1")
                + "</table:table-row></table:table>");
        assertThatThrownBy(() -> XlsxReaderTest.rows(many, 0)).hasMessageContaining("more than 10000000 cells");
        Workbook bad = open("", "<table:table table:name=\"T\"><table:table-row table:number-rows-repeated=\"-1\">"
                + "</table:table-row></table:table>");
        assertThatThrownBy(() -> XlsxReaderTest.rows(bad, 0)).hasMessageContaining("not a positive number");
    }

    @Test
    void refusesOtherOpenDocumentsAndEncryptedSpreadsheets() throws Exception {
        Path text = dir.resolve("letter.odt");
        RawZip zip = new RawZip(text);
        zip.stored("mimetype", "application/vnd.oasis.opendocument.text");
        zip.add("content.xml", "<office:document-content/>");
        zip.close();
        assertThatThrownBy(() -> Workbooks.open("x/letter.odt", text, Limits.defaults()))
                .hasMessageContaining("an OpenDocument text, not a spreadsheet");
        Path secret = dir.resolve("secret.ods");
        RawZip z = new RawZip(secret);
        z.stored("mimetype", Workbooks.ODS_MIMETYPE);
        z.add("META-INF/manifest.xml", "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:"
                + "manifest:1.0\"><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/>"
                + "</manifest:file-entry></manifest:manifest>");
        z.add("content.xml", "garbage");
        z.close();
        assertThatThrownBy(() -> Workbooks.open("x/secret.ods", secret, Limits.defaults()))
                .hasMessageContaining("password-protected");
    }

    @Test
    void sheetsAreBounded() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            body.append("<table:table table:name=\"S").append(i).append("\"/>");
        }
        assertThatThrownBy(() -> open("", body.toString(), Limits.defaults().withWorkbookLimits(3, 10, 10, 10)))
                .hasMessageContaining("more than 3 sheets");
    }
}
