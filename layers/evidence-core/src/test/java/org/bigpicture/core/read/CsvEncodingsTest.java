package org.bigpicture.core.read;

import org.bigpicture.core.convert.Records;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One parser for every encoding: the same text written as UTF-8 and as UTF-16 (transcoded to UTF-8
 * on the way in) reads as the same records, cells, lines, irregularities and errors (messages
 * included), over hand-picked cases and random ones.
 */
class CsvEncodingsTest {

    @TempDir
    Path dir;

    private int files;

    private List<String> read(Path file, Limits limits) throws IOException {
        TextEncoding.Detected enc = TextEncoding.detect("k", file, Long.MAX_VALUE);
        CsvDialect dialect = CsvDialect.detect(file, enc);
        List<String> out = new ArrayList<>();
        // the delimiter and line ends found (the sample is bytes, so UTF-16 sees half as much text: other details may differ)
        out.add("[" + dialect.delimiter() + " " + dialect.lineEndings() + "]");
        try (Records r = CsvRecords.open("k", file, dialect, limits)) {
            while (r.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    cells.add(r.get(i) + (r.isEmpty(i) ? "∅" : ""));
                }
                out.add(r.line() + ": " + String.join("|", cells) + " " + r.get(r.size()) + r.get(-1)
                        + " flags " + r.irregularities());
            }
        } catch (RuntimeException e) {
            out.add("error " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return out;
    }

    private void assertSame(String text, Limits limits) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("f" + files++ + ".csv");
        Files.write(file, utf8);
        try {
            if (!TextEncoding.detect("k", file, Long.MAX_VALUE).charset().equals(StandardCharsets.UTF_8)) {
                return;
            }
        } catch (RuntimeException e) {
            return; // not a text table at all
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        byte[] utf16 = ("\uFEFF" + body).getBytes(StandardCharsets.UTF_16LE);
        Path other = dir.resolve("f" + files++ + ".csv");
        Files.write(other, utf16);
        assertThat(read(other, limits)).as(text).isEqualTo(read(file, limits));
    }

    @Test
    void handPickedCasesReadTheSame() throws IOException {
        Limits limits = Limits.defaults();
        for (String text : List.of(
                "a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\n1,2", "a,b\n\n1,2\n\n",
                "\"quoted, with comma\",\"doubled \"\"quote\"\"\"\n",
                "\"line\nbreak\",x\n\"ends\"after,y\n", "a,\"unterminated\n",
                "Stockport – Ħeaton “north” £,€,✓\n",
                "\uFEFFCode,Name\r\nE08000007,Stockport\r\n", "a,b\n\uFEFFa,b\n1,\"x\"y\n2,\"z\"  \n3",
                "sep=;\nA;B\n1;2\n", "a\tb\tc\n1\t2\t3\n",
                "a,,c,\n,,,\n", "x,y\n\"a\"\"\",\"\"\"b\"\n", "a,b\n1,2\r\n3,4\n",
                "a,b\n1,\"2\r\n3\",4\n", "nul,here\n1,\u0000\n")) {
            assertSame(text, limits);
        }
    }

    @Test
    void longCellsAndRecordsAcrossBufferBoundariesAndLimits() throws IOException {
        StringBuilder b = new StringBuilder("h1,h2\n");
        for (int i = 0; i < 3_000; i++) {
            b.append("row ").append(i).append(",\"").append("é".repeat(i % 97)).append("\"\"x\n")
                    .append("y".repeat(i % 53)).append("\"\n");
        }
        assertSame(b.toString(), Limits.defaults());
        String longCell = "a,b\n" + "é".repeat(70_000) + ",1\n" + "z".repeat(150_000) + ",2\n";
        assertSame(longCell, Limits.defaults());
        Limits small = new Limits(Limits.defaults().maxFileBytes(), 10, 100_000, 1_000, Limits.defaults().maxXlsxUncompressed(),
                Limits.defaults().maxXlsxRatio());
        assertSame(longCell, small); // é is 2 bytes: 70,000 characters fit, 140,000 bytes would not
        assertSame("a,b\n" + "z".repeat(100_001) + ",1\n", small);
        assertSame("a,\"" + "q".repeat(200_000) + "\n", small);
        assertSame("a,b,c,d,e,f,g,h,i,j,k\n", small);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            many.append(i).append('\n');
        }
        assertSame(many.toString(), small);
    }

    @Test
    void randomFilesReadTheSame() throws IOException {
        SplittableRandom random = new SplittableRandom(6);
        String[] pieces = {"a", "bc", "Stockport", "é", "“", "✓", "𝄞", " ", ",", ",", ",", "\"", "\"\"", "\n", "\r\n",
            "\r", "\t", ";", "1.5", "-", "", "\f", "\u000b", "a\tb"};
        for (int f = 0; f < 300; f++) {
            StringBuilder b = new StringBuilder("col1,col2,col3\n");
            int n = random.nextInt(200);
            for (int i = 0; i < n; i++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            assertSame(b.toString(), Limits.defaults());
        }
    }
}
