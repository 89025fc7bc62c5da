package org.bigpicture.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan of a file's first bytes, as {@link TextEncoding#detectAhead} runs it before reading. */
class TextEncodingScanTest {

    @TempDir
    Path dir;

    @Test
    void aScanCutInsideAMultiByteCharacterDoesNotCallTheFileInvalid() throws IOException {
        // "é" (C3 A9) straddles the cut at byte 5: the prefix is valid UTF-8 so far.
        Path file = dir.resolve("cut.csv");
        Files.write(file, "abcd\u00e9fgh".getBytes(StandardCharsets.UTF_8));
        assertThat(TextEncoding.scan("k", file, 0, false, 5, null)).isTrue();
        // The same unfinished sequence at the real end of the file is invalid.
        Files.write(file, new byte[] {'a', 'b', 'c', 'd', (byte) 0xC3});
        assertThat(TextEncoding.scan("k", file, 0, false, Long.MAX_VALUE, null)).isFalse();
    }

    @Test
    void aScanStopsAtItsLimit() throws IOException {
        Path file = dir.resolve("late.csv");
        byte[] bytes = new byte[3 << 20];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[bytes.length - 1] = (byte) 0xA3; // "£" in Windows-1252, invalid UTF-8
        Files.write(file, bytes);
        assertThat(TextEncoding.scan("k", file, 0, false, TextEncoding.SCAN_PREFIX_BYTES, null)).isTrue();
        assertThat(TextEncoding.scan("k", file, 0, false, Long.MAX_VALUE, null)).isFalse();
    }

    @Test
    void aCancelledScanStopsWithoutAVerdict() throws IOException {
        Path file = dir.resolve("late.csv");
        byte[] bytes = new byte[3 << 20];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[bytes.length - 1] = (byte) 0xA3;
        Files.write(file, bytes);
        assertThat(TextEncoding.scan("k", file, 0, false, Long.MAX_VALUE, new AtomicBoolean(true))).isTrue();
    }
}
