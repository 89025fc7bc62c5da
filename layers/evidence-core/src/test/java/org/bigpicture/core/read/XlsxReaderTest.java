package org.bigpicture.core.read;

import org.bigpicture.core.convert.CellKind;
import org.bigpicture.core.convert.Records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bigpicture.core.read.HandWrittenXlsx.n;
import static org.bigpicture.core.read.HandWrittenXlsx.row;
import static org.bigpicture.core.read.HandWrittenXlsx.s;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our XLSX reader on packages written by hand: values as the publisher showed them, and every bound. */
class XlsxReaderTest {

    @TempDir
    Path dir;

    private int files;

    private Workbook open(HandWrittenXlsx x) throws IOException {
        return open(x, Limits.defaults());
    }

    private Workbook open(HandWrittenXlsx x, Limits limits) throws IOException {
        return Workbooks.open("x/book.xlsx", x.write(dir.resolve("book" + files++ + ".xlsx")), limits);
    }

    /** Every record of sheet 0 as "line: cell|cell". */
    static List<String> rows(Workbook wb, int sheet) throws IOException {
        List<String> out = new ArrayList<>();
        try (Records r = wb.open(sheet)) {
            while (r.next()) {
                StringBuilder b = new StringBuilder().append(r.line()).append(": ");
                for (int i = 0; i < r.size(); i++) {
                    b.append(i == 0 ? "" : "|").append(r.get(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void numbersReadAsStoredWithoutFloatingPointNoiseAndPercentagesAndDatesAsShown() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx();
        int twoPlaces = x.style("0.00");
        int percent = x.style("0.0%");
        int thousands = x.style("#,##0");
        int general = x.style(null);
        int scaled = x.style("#,##0,");
        int textPercent = x.style("0.0\"%\"");
        int currency = x.style("[$£-809]#,##0.00;[Red]-[$£-809]#,##0.00");
        x.sheet("Data", row(1,
                n("A1", "37.770000000000003", twoPlaces),
                n("B1", "0.17499999999999999", percent),
                n("C1", "283253", thousands),
                n("D1", "0.30000000000000004", general),
                n("E1", "283253.4", scaled),
                n("F1", "17.5", textPercent),
                n("G1", "-1234.5", currency),
                n("H1", "5", twoPlaces),
                n("I1", "1.5E-7", general),
                n("J1", "296000000000000000000", general)));
        Workbook wb = open(x);
        assertThat(rows(wb, 0)).containsExactly(
                "1: 37.77|17.5%|283253|0.3|283253.4|17.5%|-1234.5|5|0.00000015|296000000000000000000");
        try (Records r = wb.open(0)) {
            r.next();
            assertThat(r.cellKind(1)).isEqualTo(CellKind.NUMBER);
            assertThat(r.number(1)).isEqualTo(17.5);
            assertThat(r.storedNumber(1)).isEqualTo(0.175);
            assertThat(r.numberFormat(1)).isEqualTo("0.0%");
            assertThat(r.number(0)).isEqualTo(37.77);
            assertThat(r.numberFormat(2)).isEqualTo("#,##0");
            assertThat(NumberFormats.decimalsShown(r.numberFormat(0))).isEqualTo(2);
            assertThat(NumberFormats.decimalsShown(r.numberFormat(6))).isEqualTo(2);
            assertThat(NumberFormats.isPercent(r.numberFormat(1))).isTrue();
            assertThat(NumberFormats.decimalsShown(r.numberFormat(3))).isEqualTo(-1);
        }
    }

    @Test
    void readsTextBooleansErrorsAndInlineStrings() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx();
        int plain = x.shared("Stockport");
        int rich = x.shared("<si><r><rPr><b/></rPr><t>Stock</t></r><r><t xml:space=\"preserve\">port &amp; co</t></r>"
                + "<rPh sb=\"0\" eb=\"1\"><t>ストック</t></rPh></si>");
        int escaped = x.shared("line one_x000D_\nline two");
        x.sheet("Data", row(1, s("A1", plain), s("B1", rich), s("C1", escaped),
                "<c r=\"D1\" t=\"b\"><v>1</v></c>", "<c r=\"E1\" t=\"e\"><v>#DIV/0!</v></c>",
                "<c r=\"F1\" t=\"inlineStr\"><is><t>inline</t></is></c>",
                "<c r=\"G1\" t=\"str\"><f>A1&amp;\"!\"</f><v>Stockport!</v></c>",
                "<c r=\"H1\"><f>1/0</f><v>0.5</v></c>"));
        Workbook wb = open(x);
        assertThat(rows(wb, 0)).containsExactly(
                "1: Stockport|Stockport & co|line one\r\nline two|TRUE|#DIV/0!|inline|Stockport!|0.5");
        try (Records r = wb.open(0)) {
            r.next();
            assertThat(r.cellKind(3)).isEqualTo(CellKind.BOOLEAN);
            assertThat(r.cellKind(4)).isEqualTo(CellKind.ERROR);
            assertThat(r.cellKind(0)).isEqualTo(CellKind.TEXT);
            assertThat(r.cellKind(20)).isEqualTo(CellKind.EMPTY);
        }
    }

    @Test
    void datesHonourTheWorkbooksDateSystem() throws IOException {
        for (boolean mac : new boolean[] {false, true}) {
            HandWrittenXlsx x = new HandWrittenXlsx();
            int date = x.style("dd/mm/yyyy");
            int dateTime = x.style("yyyy-mm-dd hh:mm");
            int time = x.style("h:mm");
            int builtInDate = x.style("builtin:14");
            // the same days written as each system counts them: 30 June 2022 is 44742 (1900) or 43280 (1904)
            String serial = mac ? "43280" : "44742";
            x.sheet("Data", row(1, n("A1", serial, date), n("B1", serial + ".375", dateTime), n("C1", "0.375", time),
                    n("D1", "14", builtInDate)));
            if (mac) {
                x.date1904();
            }
            Workbook wb = open(x);
            String d14 = mac ? "1904-01-15" : "1900-01-14";
            assertThat(rows(wb, 0)).as(mac ? "1904" : "1900")
                    .containsExactly("1: 2022-06-30|2022-06-30T09:00|09:00:00|" + d14);
            assertThat(wb.notes()).hasSize(mac ? 1 : 0);
        }
    }

    @Test
    void rowsAbsentInsideTheSheetAreBlankButTrailingEmptyRowsAreNot() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx();
        x.sheet("Data", "<dimension ref=\"A1:XFD1048576\"/>", row(1, n("A1", "1", -1))
                + "<row r=\"2\" s=\"3\" customFormat=\"1\"><c r=\"B2\" s=\"0\"/></row>"
                + row(4, n("B4", "4", -1))
                + "<row><c><v>5</v></c><c><v>6</v></c></row>" // no references: the next row, the next columns
                + "<row r=\"1048576\" s=\"1\" customFormat=\"1\"/>");
        assertThat(rows(open(x), 0)).containsExactly("1: 1", "2: ", "3: ", "4: |4", "5: 5|6");
    }

    @Test
    void readsPrefixedPartsAsTheOpenXmlSdkWritesThem() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx().prefixed("x");
        int a = x.shared("Respondent");
        x.sheet("Form1", row(1, "<x:c r=\"A1\" t=\"s\"><x:v>" + a + "</x:v></x:c>"));
        Workbook wb = open(x);
        assertThat(wb.sheets()).extracting(Sheet::name).containsExactly("Form1");
        assertThat(rows(wb, 0)).containsExactly("1: Respondent");
    }

    @Test
    void listsHiddenSheetsWithTheirState() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx().sheet("Data", row(1, n("A1", "1", -1)))
                .sheet("Lookup", row(1, n("A1", "2", -1))).sheet("Macro", row(1, n("A1", "3", -1)));
        x.hidden("Lookup", "hidden").hidden("Macro", "veryHidden");
        assertThat(open(x).sheets()).extracting(Sheet::visibility).containsExactly("VISIBLE", "HIDDEN", "VERY_HIDDEN");
    }

    @Test
    void aCellBeyondExcelsLastColumnIsRefusedWithoutAllocating() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx().sheet("Data", row(2, n("ZZZZZZ2", "1", -1)));
        Workbook wb = open(x);
        assertThatThrownBy(() -> rows(wb, 0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("ZZZZZZ2").hasMessageContaining("beyond Excel's last column (XFD)");
        HandWrittenXlsx far = new HandWrittenXlsx().sheet("Data", row(2, n("ZZZZZZZZZZZZZZZZZZZZ2", "1", -1)));
        Workbook farBook = open(far);
        assertThatThrownBy(() -> rows(farBook, 0)).hasMessageContaining("beyond Excel's last column");
    }

    @Test
    void aValueBeyondTheColumnLimitIsRefusedButAnEmptyStyledCellThereCostsNothing() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx().sheet("Data", row(1, n("A1", "1", -1), "<c r=\"XFD1\" s=\"0\"/>")
                + row(2, n("A2", "2", -1), n("XFD2", "9", -1)));
        Workbook wb = open(x);
        assertThatThrownBy(() -> rows(wb, 0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("row 2").hasMessageContaining("column 16384")
                .hasMessageContaining("limit of 5000 columns");
        try (Records r = wb.open(0)) {
            r.next();
            assertThat(r.size()).isEqualTo(1);
        }
    }

    @Test
    void rowsBeyondExcelsGridOrOutOfOrderAreDamage() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx().sheet("Data", row(2000000, n("A2000000", "1", -1)));
        Workbook wb = open(x);
        assertThatThrownBy(() -> rows(wb, 0)).hasMessageContaining("beyond Excel's last row");
        HandWrittenXlsx back = new HandWrittenXlsx().sheet("Data", row(5, n("A5", "1", -1)) + row(3, n("A3", "1", -1)));
        Workbook backBook = open(back);
        assertThatThrownBy(() -> rows(backBook, 0)).hasMessageContaining("lists row 3 after row 5");
    }

    @Test
    void aCellPointingPastTheSharedStringsIsDamage() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx();
        x.shared("only one");
        x.sheet("Data", row(1, s("A1", 7)));
        Workbook wb = open(x);
        assertThatThrownBy(() -> rows(wb, 0)).hasMessageContaining("shared string 7, but the workbook has 1");
    }

    @Test
    void sharedStringsAreBoundedByCountAndByTotalCharacters() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx().sheet("Data", row(1, s("A1", 0)));
        for (int i = 0; i < 50; i++) {
            x.shared("string number " + i);
        }
        Limits few = Limits.defaults().withWorkbookLimits(1000, 10, 1_000_000, 1000);
        assertThatThrownBy(() -> open(x, few)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("declares 50 shared strings, more than the limit of 10");
        Limits shortText = Limits.defaults().withWorkbookLimits(1000, 1000, 200, 1000);
        assertThatThrownBy(() -> open(x, shortText)).hasMessageContaining("more than 200 characters in all");
    }

    @Test
    void stylesAndSheetsAreBounded() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx().sheet("A", row(1, n("A1", "1", -1))).sheet("B", row(1, n("A1", "1", -1)));
        for (int i = 0; i < 20; i++) {
            x.style("0." + "0".repeat(i % 5 + 1));
        }
        assertThatThrownBy(() -> open(x, Limits.defaults().withWorkbookLimits(1, 1000, 1000, 1000)))
                .hasMessageContaining("more than 1 sheets");
        assertThatThrownBy(() -> open(x, Limits.defaults().withWorkbookLimits(10, 1000, 1000, 10)))
                .hasMessageContaining("more than 10 cell styles");
    }

    @Test
    void aLongCellIsRefusedAtTheCellLimit() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx();
        x.sheet("Data", row(1, "<c r=\"A1\" t=\"inlineStr\"><is><t>" + "z".repeat(5000) + "</t></is></c>"));
        Limits small = new Limits(1L << 30, 100, 1000, 1000, 1L << 30, 200);
        Workbook wb = open(x, small);
        assertThatThrownBy(() -> rows(wb, 0)).hasMessageContaining("longer than 1000 characters");
    }

    @Test
    void undefinedEntitiesAndDoctypesAreRefused() throws IOException {
        HandWrittenXlsx x = new HandWrittenXlsx().sheet("Data", row(1, "<c r=\"A1\" t=\"inlineStr\"><is><t>&lol;</t></is></c>"));
        Workbook wb = open(x);
        assertThatThrownBy(() -> rows(wb, 0)).hasMessageContaining("entity that is not defined");
    }
}
