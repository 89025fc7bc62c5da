package org.bigpicture.core.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Encodings, delimiters, line endings and quoting, read as Excel and the publishers write them. */
class CsvRecordsTest {

    @TempDir
    Path dir;

    /** Every record with its starting line, as "line: cell|cell". */
    private List<String> read(byte[] bytes) throws IOException {
        Path file = dir.resolve("f" + System.nanoTime());
        Files.write(file, bytes);
        TextEncoding.Detected enc = TextEncoding.detect("k", file, Long.MAX_VALUE);
        CsvDialect dialect = CsvDialect.detect(file, enc);
        List<String> out = new ArrayList<>();
        out.add("[" + dialect.describe() + "]");
        try (CsvRecords r = CsvRecords.open("k", file, dialect, Limits.defaults())) {
            while (r.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    cells.add(r.get(i));
                }
                out.add(r.line() + ": " + String.join("|", cells));
            }
        }
        return out;
    }

    private static byte[] bytes(String s, Charset cs) {
        return s.getBytes(cs);
    }

    @Test
    void readsUtf8WithByteOrderMarkCrlf() throws IOException {
        byte[] body = bytes("Code,Name\r\nE08000007,Stockport £\r\n", StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(read(withBom)).containsExactly("[CSV, UTF-8 with BOM, comma-separated, CRLF line endings]",
                "1: Code|Name", "2: E08000007|Stockport £");
    }

    @Test
    void readsWindows1252EvenWhenTheFirstNonAsciiByteIsFarIntoTheFile() throws IOException {
        StringBuilder b = new StringBuilder("Item,Cost\r\n");
        for (int i = 0; i < 30_000; i++) {
            b.append("item ").append(i).append(",").append(i).append("\r\n");
        }
        b.append("café,£5 – “quoted”\r\n");
        List<String> rows = read(bytes(b.toString(), TextEncoding.WINDOWS_1252));
        assertThat(rows.get(0)).contains("Windows-1252");
        assertThat(rows.get(rows.size() - 1)).isEqualTo("30002: café|£5 – “quoted”");
    }

    @Test
    void readsExcelUnicodeTextUtf16LittleEndianTabSeparated() throws IOException {
        byte[] body = bytes("Area\tValue\r\nStockport\t1,234\r\nSalford\t5\r\n", StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        assertThat(read(bytes)).containsExactly("[CSV, UTF-16LE with BOM, tab-separated, CRLF line endings]",
                "1: Area|Value", "2: Stockport|1,234", "3: Salford|5");
    }

    @Test
    void readsUtf16BigEndian() throws IOException {
        byte[] body = bytes("a;b\n1;2\n", StandardCharsets.UTF_16BE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFE;
        bytes[1] = (byte) 0xFF;
        System.arraycopy(body, 0, bytes, 2, body.length);
        assertThat(read(bytes)).containsExactly("[CSV, UTF-16BE with BOM, semicolon-separated, LF line endings]",
                "1: a|b", "2: 1|2");
    }

    @Test
    void detectsSemicolonsWithDecimalCommas() throws IOException {
        assertThat(read(bytes("Area;Rate;Count\nStockport;12,5;3\nSalford;7,25;4\n", StandardCharsets.UTF_8)))
                .containsExactly("[CSV, UTF-8, semicolon-separated, LF line endings]", "1: Area|Rate|Count",
                        "2: Stockport|12,5|3", "3: Salford|7,25|4");
    }

    @Test
    void honoursExcelsSeparatorHintLine() throws IOException {
        assertThat(read(bytes("sep=;\r\na;b\r\n1,5;2\r\n", StandardCharsets.UTF_8))).containsExactly(
                "[CSV, UTF-8, semicolon-separated, CRLF line endings, Excel \"sep=\" line]", "2: a|b", "3: 1,5|2");
    }

    @Test
    void quotedLineBreaksAndDoubledQuotesKeepLineNumbersRight() throws IOException {
        String text = "id,text\r\n1,\"two\nlines\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"a,b\"\r\n4,\r\n";
        assertThat(read(bytes(text, StandardCharsets.UTF_8))).containsExactly(
                "[CSV, UTF-8, comma-separated, CRLF line endings, line breaks inside quoted cells]",
                "1: id|text", "2: 1|two\nlines", "4: 2|say \"hi\"", "5: 3|a,b", "6: 4|");
    }

    @Test
    void mixedAndOldMacLineEndings() throws IOException {
        assertThat(read(bytes("a,b\r\n1,2\n3,4\r\n", StandardCharsets.UTF_8)))
                .containsExactly("[CSV, UTF-8, comma-separated, mixed CRLF/LF line endings]", "1: a|b", "2: 1|2", "3: 3|4");
        assertThat(read(bytes("a,b\r1,2\r3,4", StandardCharsets.UTF_8)))
                .containsExactly("[CSV, UTF-8, comma-separated, CR line endings]", "1: a|b", "2: 1|2", "3: 3|4");
    }

    @Test
    void toleratesWhatExcelTolerates() throws IOException {
        // a quote inside an unquoted cell is a character; text after a closing quote joins the cell
        assertThat(read(bytes("a,b\n5\" pipe,\"x\"y\n", StandardCharsets.UTF_8)))
                .containsExactly("[CSV, UTF-8, comma-separated, LF line endings]", "1: a|b", "2: 5\" pipe|xy");
    }

    @Test
    void repeatedValuesReturnTheSameString() throws IOException {
        Path file = dir.resolve("rep.csv");
        Files.writeString(file, "a,b\nStockport,1\nStockport,2\n");
        TextEncoding.Detected enc = TextEncoding.detect("k", file, Long.MAX_VALUE);
        try (CsvRecords r = CsvRecords.open("k", file, CsvDialect.detect(file, enc), Limits.defaults())) {
            r.next();
            r.next();
            String first = r.get(0);
            r.next();
            assertThat(r.get(0)).isSameAs(first);
            assertThat(r.get(1)).isEqualTo("2");
        }
    }

    /** A gigabyte of '"' never read in full: the cell limit stops the parser after about a megabyte. */
    @Test
    @Timeout(20)
    void aGigabyteOfQuotesStopsAtTheCellLimit() {
        long gigabyte = 1L << 30;
        long[] consumed = {0};
        InputStream quotes = new InputStream() {
            @Override
            public int read() {
                if (consumed[0] >= gigabyte) {
                    return -1;
                }
                consumed[0]++;
                return '"';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (consumed[0] >= gigabyte) {
                    return -1;
                }
                int n = (int) Math.min(len, gigabyte - consumed[0]);
                java.util.Arrays.fill(b, off, off + n, (byte) '"');
                consumed[0] += n;
                return n;
            }
        };
        CsvDialect dialect = new CsvDialect(new TextEncoding.Detected(TextEncoding.Container.TEXT,
                StandardCharsets.UTF_8, 0, "UTF-8"), ',', '\n', "none", false);
        CsvRecords r = new CsvRecords("x/quotes.csv", quotes, dialect, Limits.defaults());
        assertThatThrownBy(r::next).isInstanceOf(BadInputException.class)
                .hasMessageContaining("unterminated quote");
        assertThat(consumed[0]).isLessThan(8L << 20);
    }
}
