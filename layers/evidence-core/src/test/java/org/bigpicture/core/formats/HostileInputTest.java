package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bigpicture.core.formats.XlsxBuilder.row;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad and hostile uploads end in {@link BadInputException} with a reason a person understands
 * (and the line where there is one), never a crash, a hang or memory exhaustion. Inputs are
 * generated here; nothing large is committed.
 */
@Timeout(60)
class HostileInputTest {

    @TempDir
    Path dir;

    private BadInputException refuse(String key, byte[] bytes) throws IOException {
        return refuse(key, bytes, Limits.defaults());
    }

    private BadInputException refuse(String key, byte[] bytes, Limits limits) throws IOException {
        Path file = dir.resolve("upload-" + System.nanoTime());
        Files.write(file, bytes);
        return refuse(key, file, limits);
    }

    private BadInputException refuse(String key, Path file, Limits limits) {
        Conversions c = new Conversions(dir.resolve("work-" + System.nanoTime()), limits);
        try {
            c.run(key, file);
        } catch (BadInputException e) {
            assertThat(e.file()).isEqualTo(key);
            assertThat(e.reason()).isNotBlank();
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected bad input, got " + e, e);
        }
        throw new AssertionError("accepted " + key);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void quarantinesAnEmptyFile() throws IOException {
        assertThat(refuse("x/empty.csv", new byte[0]).reason()).contains("empty");
    }

    @Test
    void quarantinesAFileOfBlankLines() throws IOException {
        assertThat(refuse("x/blank.csv", ascii("\r\n\r\n,,,\r\n")).reason()).contains("blank");
    }

    @Test
    void quarantinesAHeaderWithoutDataRows() throws IOException {
        BadInputException e = refuse("x/header.csv", ascii("Code,Name,Value\r\n"));
        assertThat(e.reason()).contains("header row but no data rows");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void quarantinesAFingertipsHeaderWithoutData() throws IOException {
        BadInputException e = refuse("x/ft.csv", ascii("Indicator ID,Indicator Name,Area Code,Time period,Value\n\n\n"));
        assertThat(e.reason()).contains("no data rows");
    }

    @Test
    void quarantinesBinaryNamedCsv() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        bytes[0] = 0x13;
        bytes[1] = 0;
        assertThat(refuse("x/data.csv", bytes).reason()).containsAnyOf("binary", "not valid text");
    }

    @Test
    void quarantinesAPdfNamedCsv() throws IOException {
        byte[] pdf = ascii("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
        assertThat(refuse("x/report.csv", pdf).reason()).contains("PDF document");
    }

    @Test
    void quarantinesNulBytesNamingTheLine() throws IOException {
        BadInputException e = refuse("x/nul.csv", ascii("a,b\n1,2\n3,\u00004\n"));
        assertThat(e.reason()).contains("NUL");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void quarantinesBytesValidInNoSupportedEncoding() throws IOException {
        // Latin-1 "é" makes it invalid UTF-8; 0x8D is undefined in Windows-1252
        byte[] latin = "a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] mixed = Arrays.copyOf(latin, latin.length + 3);
        mixed[latin.length] = (byte) 0x8D;
        mixed[latin.length + 1] = ',';
        mixed[latin.length + 2] = '\n';
        assertThat(refuse("x/mixed.csv", mixed).reason()).contains("not valid text in UTF-8 or Windows-1252");
    }

    @Test
    void quarantinesInvalidUtf8AfterAUtf8ByteOrderMark() throws IOException {
        byte[] body = "a,b\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        BadInputException e = refuse("x/bom.csv", bytes);
        assertThat(e.reason()).contains("not valid UTF-8");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void quarantinesAnUnterminatedQuoteNamingTheLineWhereItOpens() throws IOException {
        BadInputException e = refuse("x/quote.csv", ascii("a,b,c\n1,2,3\n4,\"five,6\n7,8,9\n10,11,12\n"));
        assertThat(e.reason()).contains("unterminated quote").contains("line 3");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void quarantinesAFileCutPartWayThroughItsLastRow() throws IOException {
        BadInputException e = refuse("x/cut.csv", ascii("a,b,c\n1,2,3\n4,5,6\n7,8"));
        assertThat(e.reason()).contains("truncated").contains("line 4");
        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void quarantinesATableWhoseRowsAreMostlyRagged() throws IOException {
        StringBuilder b = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 30; i++) {
            b.append(i).append(",x,y,z\n");
        }
        BadInputException e = refuse("x/ragged.csv", ascii(b.toString()));
        assertThat(e.reason()).contains("most rows are ragged");
    }

    @Test
    void quarantinesATruncatedXlsx() throws IOException {
        Path whole = new XlsxBuilder().sheet("Data", List.of(row("a", "b"), row(1, 2), row(3, 4)))
                .write(dir.resolve("whole.xlsx"));
        byte[] bytes = Files.readAllBytes(whole);
        byte[] half = Arrays.copyOf(bytes, bytes.length / 2);
        assertThat(refuse("x/book.xlsx", half).reason()).contains("truncated or damaged");
    }

    @Test
    void quarantinesAZipThatIsNotAWorkbook() throws IOException {
        Path zip = dir.resolve("plain.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write(ascii("hello"));
            out.closeEntry();
        }
        assertThat(refuse("x/data.xlsx", zip, Limits.defaults()).reason()).contains("not a spreadsheet");
    }

    @Test
    void quarantinesACompoundFileCutAfterItsSignature() throws IOException {
        byte[] ole = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThat(refuse("x/old.xls", ole).reason()).contains(".xls workbook is damaged");
    }

    @Test
    void quarantinesAHundredThousandColumnsQuickly() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            b.append(i == 0 ? "" : ",").append('c').append(i);
        }
        b.append('\n').append(b).append('\n');
        long start = System.nanoTime();
        BadInputException e = refuse("x/wide.csv", ascii(b.toString()));
        assertThat(e.reason()).contains("more than 5000 columns");
        assertThat(e.line()).isEqualTo(1);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void quarantinesA200MegabyteLineWithoutANewlineAtTheCellLimit() throws IOException {
        Path file = dir.resolve("long-line.csv");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ascii("a,b\n1,"));
            for (int i = 0; i < 200; i++) {
                out.write(chunk);
            }
        }
        long start = System.nanoTime();
        BadInputException e = refuse("x/long.csv", file, Limits.defaults());
        assertThat(e.reason()).contains("longer than 1000000 characters");
        assertThat(e.line()).isEqualTo(2);
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    @Test
    void quarantinesAFileOfRepeatedQuotesAtTheCellLimit() throws IOException {
        // 64 MiB of '"' on disk through the whole path; the 1 GiB case is read from a generated
        // stream in CsvRecordsTest (nothing that large is written to disk).
        Path file = dir.resolve("quotes.csv");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) '"');
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 64; i++) {
                out.write(chunk);
            }
        }
        BadInputException e = refuse("x/quotes.csv", file, Limits.defaults());
        assertThat(e.reason()).contains("unterminated quote").contains("line 1");
    }

    @Test
    void quarantinesMoreRowsThanTheLimit() throws IOException {
        Limits limits = new Limits(1L << 30, 100, 1000, 10, 1L << 30, 100);
        StringBuilder b = new StringBuilder("a,b\n");
        for (int i = 0; i < 20; i++) {
            b.append(i).append(',').append(i).append('\n');
        }
        BadInputException e = refuse("x/rows.csv", ascii(b.toString()), limits);
        assertThat(e.reason()).contains("more than 10 rows");
    }

    @Test
    void quarantinesAFileOverTheSizeLimit() throws IOException {
        Limits limits = new Limits(100, 100, 1000, 10, 1L << 30, 100);
        BadInputException e = refuse("x/big.csv", ascii("a,b\n" + "1,2\n".repeat(100)), limits);
        assertThat(e.reason()).contains("over the limit of 100 bytes");
    }

    @Test
    void quarantinesAnXlsxZipBombByRatio() throws IOException {
        byte[] zeros = new byte[64 << 20];
        Path file = new XlsxBuilder().sheet("Data", List.of(row("a", "b"), row(1, 2)))
                .part("xl/media/padding.bin", zeros)
                .write(dir.resolve("bomb.xlsx"));
        assertThat(Files.size(file)).isLessThan(1 << 20);
        BadInputException e = refuse("x/bomb.xlsx", file, Limits.defaults());
        assertThat(e.reason()).contains("zip bomb").contains("xl/media/padding.bin");
    }

    @Test
    void quarantinesAnXlsxOverTheUncompressedSizeLimit() throws IOException {
        byte[] noise = new byte[3 << 20];
        new Random(2).nextBytes(noise);
        Path file = new XlsxBuilder().sheet("Data", List.of(row("a", "b"), row(1, 2)))
                .part("xl/media/image1.bin", noise)
                .write(dir.resolve("big.xlsx"));
        Limits limits = new Limits(1L << 30, 5000, 1_000_000, 1_000_000, 2L << 20, 200);
        assertThat(refuse("x/big.xlsx", file, limits).reason()).contains("unpacks to more than 2097152 bytes");
    }

    private static final String SECRET = "top-secret-" + Long.toHexString(new Random().nextLong());

    private Path xxeWorkbook() throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, SECRET);
        String doctype = "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
        return new XlsxBuilder()
                .sheet("Data", List.of(row("a", "b"),
                        row(new XlsxBuilder.Raw("<c r=\"{ref}\" t=\"inlineStr\"><is><t>&xxe;</t></is></c>"), 2)))
                .prologue("Data", doctype)
                .write(dir.resolve("xxe.xlsx"));
    }

    @Test
    void quarantinesAnXlsxDeclaringAnExternalEntity() throws IOException {
        BadInputException e = refuse("x/xxe.xlsx", xxeWorkbook(), Limits.defaults());
        assertThat(e.reason()).contains("declares a DTD or entities");
        assertThat(e.toString()).doesNotContain(SECRET);
    }

    @Test
    void quarantinesAnXlsxWithEntityExpansion() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        Path file = new XlsxBuilder()
                .sheet("Data", List.of(row("a", "b"),
                        row(new XlsxBuilder.Raw("<c r=\"{ref}\" t=\"inlineStr\"><is><t>&lol9;</t></is></c>"), 2)))
                .prologue("Data", dtd.toString())
                .write(dir.resolve("laughs.xlsx"));
        assertThat(refuse("x/laughs.xlsx", file, Limits.defaults()).reason()).contains("declares a DTD or entities");
    }
}
