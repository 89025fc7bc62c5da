package org.bigpicture.core.read;

import org.bigpicture.core.convert.CellKind;
import org.bigpicture.core.convert.Records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our BIFF8 reader on .xls files written by hand ({@link Biff8Writer}). */
class XlsReaderTest {

    @TempDir
    Path dir;

    private Workbook open(Biff8Writer w) throws IOException {
        return Workbooks.open("x/book.xls", w.write(dir.resolve("book" + System.nanoTime() + ".xls")), Limits.defaults());
    }

    @Test
    void readsEveryCellRecordAsThePublisherShowedIt() throws IOException {
        Biff8Writer w = new Biff8Writer();
        int twoPlaces = w.style("0.00");
        int percent = w.style("0.0%");
        int date = w.style("dd/mm/yyyy");
        w.sheet("Data")
                .text(0, 0, "Code").text(0, 1, "Name").text(0, 2, "All ages")
                .text(1, 0, "E08000007").text(1, 1, "Stockport").rk(1, 2, 15, (293423 << 2) | 2)
                .rk(2, 0, twoPlaces, (3777 << 2) | 3) // 37.77 as an integer RK divided by 100
                .mulrk(2, 1, 15, (1 << 2) | 2, (2 << 2) | 2, (3 << 2) | 2)
                .number(3, 0, percent, 0.17499999999999999).number(3, 1, date, 44742).number(3, 2, 15, 37.770000000000003)
                .formulaText(4, 0, "Stockport!").formulaNumber(4, 1, twoPlaces, 1.0 / 3).error(4, 2, 0x07).bool(4, 3, true)
                .text(6, 0, "after a gap");
        Workbook wb = open(w);
        assertThat(wb.format()).isEqualTo("XLS");
        assertThat(wb.sheets()).extracting(Sheet::name).containsExactly("Data");
        assertThat(XlsxReaderTest.rows(wb, 0)).containsExactly("1: Code|Name|All ages", "2: E08000007|Stockport|293423",
                "3: 37.77|1|2|3", "4: 17.5%|2022-06-30|37.77", "5: Stockport!|0.333333333333333|#DIV/0!|TRUE", "6: ", "7: after a gap");
        try (Records r = wb.open(0)) {
            r.next();
            r.next();
            r.next();
            r.next();
            assertThat(r.storedNumber(0)).isEqualTo(0.175);
            assertThat(r.number(0)).isEqualTo(17.5);
            assertThat(r.numberFormat(0)).isEqualTo("0.0%");
            assertThat(r.cellKind(1)).isEqualTo(CellKind.DATE);
            r.next();
            assertThat(r.cellKind(2)).isEqualTo(CellKind.ERROR);
            assertThat(r.cellKind(3)).isEqualTo(CellKind.BOOLEAN);
        }
    }

    @Test
    void honoursThe1904DateSystem() throws IOException {
        Biff8Writer w = new Biff8Writer().date1904();
        int date = w.style("yyyy-mm-dd");
        w.sheet("Data").number(0, 0, date, 43280);
        Workbook wb = open(w);
        assertThat(XlsxReaderTest.rows(wb, 0)).containsExactly("1: 2022-06-30");
        assertThat(wb.notes()).singleElement().asString().contains("1904");
    }

    @Test
    void readsSharedStringsContinuedAcrossRecordsInBothWidths() throws IOException {
        String longLatin = "Stockport ".repeat(1500);        // 15,000 one-byte characters: two CONTINUEs
        String longWide = "Ħeaton Mersey – ".repeat(600);     // 9,600 two-byte characters
        Biff8Writer w = new Biff8Writer();
        w.sheet("Data").text(0, 0, "short").text(1, 0, longLatin).text(2, 0, longWide).text(3, 0, "after");
        Workbook wb = open(w);
        assertThat(XlsxReaderTest.rows(wb, 0)).containsExactly("1: short", "2: " + longLatin, "3: " + longWide, "4: after");
    }

    @Test
    void listsHiddenSheets() throws IOException {
        Biff8Writer w = new Biff8Writer();
        w.sheet("Data").text(0, 0, "a");
        w.sheet("Lookup", 1).text(0, 0, "b");
        w.sheet("Macro", 2).text(0, 0, "c");
        Workbook wb = open(w);
        assertThat(wb.sheets()).extracting(Sheet::visibility).containsExactly("VISIBLE", "HIDDEN", "VERY_HIDDEN");
        assertThat(XlsxReaderTest.rows(wb, 2)).containsExactly("1: c");
    }

    @Test
    void refusesEncryptedOldAndForeignCompoundFiles() throws IOException {
        Biff8Writer w = new Biff8Writer().encrypted();
        w.sheet("Data").text(0, 0, "a");
        assertThatThrownBy(() -> open(w)).isInstanceOf(BadInputException.class).hasMessageContaining("password-protected");
        byte[] doc = Biff8Writer.compound(new byte[4096], false);
        // rename the stream: an old Word document
        byte[] name = "WordDocument".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        System.arraycopy(new byte[64], 0, doc, 1024 + 128, 64);
        System.arraycopy(name, 0, doc, 1024 + 128, name.length);
        doc[1024 + 128 + 64] = (byte) (name.length + 2);
        Path file = dir.resolve("letter.doc");
        Files.write(file, doc);
        assertThatThrownBy(() -> Workbooks.open("x/letter.doc", file, Limits.defaults()))
                .hasMessageContaining("old-style Word document");
    }
}
