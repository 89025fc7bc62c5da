package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.read.EncodingCheck;
import org.bigpicture.core.read.TextEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large uploads are read while their encoding is still being confirmed by a whole-file scan
 * (issue 6). What the scan finds late must still decide the outcome exactly as a scan done first
 * would: a Windows-1252 byte after the first megabyte makes the file read again in Windows-1252,
 * a NUL byte at the end refuses it, and valid UTF-8 beyond the first megabyte changes nothing.
 */
class EncodingAheadTest {

    @TempDir
    Path dir;

    /** A two-column table over {@link TextEncoding#SCAN_AHEAD_BYTES}, then {@code tail} as its last row. */
    private Path bigTable(byte[] tail) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("area,count\r\n".getBytes(StandardCharsets.US_ASCII));
        int i = 0;
        while (out.size() < TextEncoding.SCAN_AHEAD_BYTES + (1 << 20)) {
            out.write(("place " + i + "," + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
            i++;
        }
        out.write(tail);
        Path file = dir.resolve("upload-" + System.nanoTime() + ".csv");
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void aWindows1252ByteAfterTheFirstMegabyteMakesTheFileReadAgainInWindows1252() throws IOException {
        Path file = bigTable("Stockport \u00a3 late,7\r\n".getBytes(TextEncoding.WINDOWS_1252));
        EncodingCheck check = TextEncoding.detectAhead("x/late.csv", file, Long.MAX_VALUE);
        assertThat(check.presumed().charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(check.confirm().charset()).isEqualTo(TextEncoding.WINDOWS_1252);

        Conversions c = new Conversions(dir.resolve("work"));
        c.run("x/late.csv", file);
        RecordingOutput.Recorded d = c.output.datasets.values().iterator().next();
        Object[] last = d.rows.get(d.rows.size() - 1);
        assertThat(d.get(last, d.columns.get(0).name())).isEqualTo("Stockport \u00a3 late");
        assertThat(c.tables.tables().get(0).physicalLayout()).contains("Windows-1252");
        assertThat(d.rows).noneMatch(r -> String.valueOf(r[0]).contains("\ufffd"));
    }

    @Test
    void validUtf8AfterTheFirstMegabyteIsReadOnceAsUtf8() throws IOException {
        Path file = bigTable("Caf\u00e9 \u2013 \u00a3,7\r\n".getBytes(StandardCharsets.UTF_8));
        Conversions c = new Conversions(dir.resolve("work"));
        c.run("x/utf8.csv", file);
        RecordingOutput.Recorded d = c.output.datasets.values().iterator().next();
        Object[] last = d.rows.get(d.rows.size() - 1);
        assertThat(d.get(last, d.columns.get(0).name())).isEqualTo("Caf\u00e9 \u2013 \u00a3");
        assertThat(c.tables.tables().get(0).physicalLayout()).contains("UTF-8");
    }

    @Test
    void aNulByteAtTheEndRefusesTheFileWithTheScansReason() throws IOException {
        Path file = bigTable(new byte[] {'z', ',', 0, '\r', '\n'});
        Conversions c = new Conversions(dir.resolve("work"));
        assertThatThrownBy(() -> c.run("x/nul.csv", file))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.reason()).contains("NUL bytes");
                    assertThat(e.line()).isGreaterThan(400_000);
                });
    }

    @Test
    void invalidUtf8AfterAByteOrderMarkIsRefusedEvenWhenFoundLate() throws IOException {
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Path body = bigTable(new byte[] {'x', ',', (byte) 0xA3, '\r', '\n'});
        bom.write(Files.readAllBytes(body));
        Path file = dir.resolve("bom.csv");
        Files.write(file, bom.toByteArray());
        Conversions c = new Conversions(dir.resolve("work"));
        assertThatThrownBy(() -> c.run("x/bom.csv", file))
                .isInstanceOfSatisfying(BadInputException.class,
                        e -> assertThat(e.reason()).contains("byte-order mark but holds bytes that are not valid UTF-8"));
    }

    @Test
    void smallFilesAreScannedWholeBeforeReading() throws IOException {
        Path file = dir.resolve("small.csv");
        Files.write(file, List.of("area,count", "a,1", "b,2"));
        assertThat(TextEncoding.detectAhead("x/small.csv", file, Long.MAX_VALUE).isConfirmed()).isTrue();
    }
}
