package org.bigpicture.core.util;

import org.bigpicture.core.read.CsvDialect;
import org.bigpicture.core.read.CsvRecords;
import org.bigpicture.core.read.ReadAheadRecords;
import org.bigpicture.core.read.TextEncoding;
import org.bigpicture.core.convert.Records;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers read from UTF-8 bytes (on the reading thread) equal numbers read from the cell's text,
 * and the read-ahead reader hands out the same numbers and texts whether or not it was told which
 * columns are numeric.
 */
class NumbersTest {

    @TempDir
    Path dir;

    private static double fromBytes(String s) {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
        return Numbers.parse(b, 2, b.length - 2);
    }

    @Test
    void bytesAndTextReadTheSameNumbers() {
        String[] fixed = {"", " ", "0", "-0", "+1", "1.", ".5", "-.5", "1,234", "1,234.5", "12,34", "1,2345", ",123",
            "1,234,567.891", "94.7261896202678", "1e5", "1E-3", "-2.5e+10", "1e", "e5", "..", "*", "[c]", "x",
            "12345678901234567890", "0.0000000000000000000001", "123456789012345678.5", " 42 ", "4 2", "\u00a042",
            "\u0663", "١٢", "1.2.3", "--1", "+-1", "9007199254740993", "1,000,000", "0,123", "NaN", "Infinity",
            "-", "1-", "3.14159265358979323846264338327950288"};
        for (String s : fixed) {
            assertThat(Double.doubleToRawLongBits(fromBytes(s)))
                    .as("'%s'", s).isEqualTo(Double.doubleToRawLongBits(Numbers.parse(s)));
        }
        Random random = new Random(6);
        String alphabet = "0123456789,.-+eE xé";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(24);
            for (int k = 0; k < n; k++) {
                b.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('0' + random.nextInt(10)));
            }
            String s = b.toString();
            assertThat(Double.doubleToRawLongBits(fromBytes(s)))
                    .as("'%s'", s).isEqualTo(Double.doubleToRawLongBits(Numbers.parse(s)));
        }
    }

    @Test
    void theReadAheadReaderGivesTheSameCellsWithAndWithoutNumericColumns() throws IOException {
        StringBuilder csv = new StringBuilder("id,value,lower,note\n");
        Random random = new Random(7);
        String[] specials = {"", "*", " 12 ", "1,234.5", "x", "1e3", "-0", "\"3,5\""};
        for (int i = 0; i < 20_000; i++) {
            String value = random.nextInt(10) == 0 ? specials[random.nextInt(specials.length)]
                    : Double.toString(random.nextGaussian() * 1000);
            String lower = random.nextInt(7) == 0 ? "" : Integer.toString(random.nextInt(100_000));
            csv.append("r").append(i).append(',').append(value).append(',').append(lower);
            if (i % 97 != 0) { // some short rows: the numeric column "lower" or "note" absent
                csv.append(",n").append(i % 3);
            } else if (i % 2 == 0) {
                csv.setLength(csv.length() - lower.length() - 1);
            }
            csv.append('\n');
        }
        Path file = dir.resolve("numbers.csv");
        Files.writeString(file, csv);
        List<String> plain = read(file, false);
        List<String> hinted = read(file, true);
        assertThat(hinted).hasSize(20_001).isEqualTo(plain);
    }

    private static List<String> read(Path file, boolean hint) throws IOException {
        TextEncoding.Detected enc = TextEncoding.detect("k", file, Long.MAX_VALUE);
        CsvDialect dialect = CsvDialect.detect(file, enc);
        List<String> out = new ArrayList<>();
        try (Records r = ReadAheadRecords.wrap(CsvRecords.open("k", file, dialect, Limits.defaults()), Long.MAX_VALUE)) {
            assertThat(r).isInstanceOf(ReadAheadRecords.class);
            if (hint) {
                r.expectNumbers(1, 2, 2, 9, -1);
            }
            while (r.next()) {
                StringBuilder b = new StringBuilder();
                // numbers first (the text of a number is made only when asked), then emptiness, then text
                for (int i = 0; i < 5; i++) {
                    b.append(Double.doubleToRawLongBits(r.number(i))).append(r.isEmpty(i) ? "∅" : "").append('|');
                }
                for (int i = 0; i < 5; i++) {
                    b.append(r.get(i)).append('|');
                }
                b.append(r.isBlank()).append(r.size()).append('@').append(r.line());
                out.add(b.toString());
            }
        }
        return out;
    }
}
