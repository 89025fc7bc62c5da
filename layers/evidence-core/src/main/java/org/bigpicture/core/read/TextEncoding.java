package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bigpicture.core.convert.BadInputException;

/**
 * Decides how an upload's bytes are to be read: a ZIP container (XLSX, ODS), an OLE2 compound
 * file (legacy .xls) or text in UTF-8 (with or
 * without BOM), Windows-1252 or UTF-16 with BOM. Refuses, with a reason a person understands,
 * what is neither: empty files, PDFs and other binaries, NUL bytes, bytes valid in no supported
 * encoding.
 *
 * <p>Text without a BOM is scanned once in full (8 bytes at a time while it stays ASCII), because an
 * Excel "CSV" in Windows-1252 may be pure ASCII for 50,000 rows and then hold a "£": deciding on a
 * sample would quarantine it half-way through.
 */
public final class TextEncoding {

    /** What the file is: text, a ZIP (XLSX, ODS) or an OLE2 compound file (legacy .xls). */
    public enum Container { TEXT, ZIP, COMPOUND }

    /**
     * The result of {@link #detect}.
     *
     * @param container  text or ZIP
     * @param charset    the text's charset (null for ZIP)
     * @param bomLength  bytes of byte-order mark to skip
     * @param name       e.g. "UTF-8 with BOM", "Windows-1252", "UTF-16LE with BOM"
     * @param note       a remark for the report, or null: a Windows-1252 file that also holds valid
     *                   UTF-8 sequences (mixed encodings) says so and where
     */
    public record Detected(Container container, Charset charset, int bomLength, String name, String note) {

        public Detected(Container container, Charset charset, int bomLength, String name) {
            this(container, charset, bomLength, name, null);
        }
    }

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x0101010101010101L;

    private TextEncoding() {
    }

    /**
     * Files above this size are scanned in full on a background thread while they are read
     * ({@link #detectAhead}); smaller ones are scanned before anything else, as {@link #detect} does.
     */
    public static final long SCAN_AHEAD_BYTES = 8L << 20;

    /** The first bytes scanned before the rest is left to the background thread. */
    static final long SCAN_PREFIX_BYTES = 1L << 20;

    /** Detects the container and encoding, or throws {@link BadInputException}. */
    public static Detected detect(String key, Path file, long maxFileBytes) throws IOException {
        Start start = start(key, file, maxFileBytes);
        if (start.decided != null) {
            return start.decided;
        }
        return decide(key, file, start, scanResult(key, file, start.skip, start.mustBeUtf8, Long.MAX_VALUE, null));
    }

    /**
     * Detects as {@link #detect} does, but for a large text file without a decisive byte-order mark
     * scans only its first megabyte now and the rest on a background thread, so that reading the
     * file need not wait for a whole pass over it (issue 6: 0.2–0.3 s of a 680 MB upload). The
     * caller reads with {@link EncodingCheck#presumed()} and must {@link EncodingCheck#confirm()}
     * before it trusts what it read: the full scan may still refuse the file (a NUL byte at the
     * end) or find it is Windows-1252 after all (a "£" after the first megabyte).
     */
    public static EncodingCheck detectAhead(String key, Path file, long maxFileBytes) throws IOException {
        Start start = start(key, file, maxFileBytes);
        if (start.decided != null) {
            return EncodingCheck.confirmed(start.decided);
        }
        if (start.size <= SCAN_AHEAD_BYTES) {
            return EncodingCheck.confirmed(decide(key, file, start, scanResult(key, file, start.skip, start.mustBeUtf8,
                    Long.MAX_VALUE, null)));
        }
        ScanResult prefix = scanResult(key, file, start.skip, start.mustBeUtf8, SCAN_PREFIX_BYTES, null);
        Detected presumed = decide(key, file, start, prefix);
        return EncodingCheck.scanning(presumed, cancelled -> decide(key, file, start,
                scanResult(key, file, start.skip, start.mustBeUtf8, Long.MAX_VALUE, cancelled)));
    }

    /** What the first bytes decide: a container or encoding outright, or the scan still to do. */
    private record Start(long size, Detected decided, int skip, boolean mustBeUtf8) {
    }

    private static Start start(String key, Path file, long maxFileBytes) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new BadInputException(key, 0, "the file is empty (0 bytes)");
        }
        if (size > maxFileBytes) {
            throw new BadInputException(key, 0, "the file is " + size + " bytes, over the limit of "
                    + maxFileBytes + " bytes");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String signature = binarySignature(head, n);
        if (signature != null) {
            throw new BadInputException(key, 0, signature);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return new Start(size, new Detected(Container.ZIP, null, 0, "ZIP"), 0, false);
        }
        if (n == 8 && CompoundFile.isCompoundFile(head)) {
            return new Start(size, new Detected(Container.COMPOUND, null, 0, "OLE2 compound file"), 0, false);
        }
        if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            if (size == 3) {
                throw new BadInputException(key, 0, "the file is empty (only a byte-order mark)");
            }
            return new Start(size, null, 3, true);
        }
        if (n >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            if (n >= 4 && head[2] == 0 && head[3] == 0) {
                throw new BadInputException(key, 0, "the file is UTF-32 text, which is not supported: save it as UTF-8");
            }
            if (size == 2) {
                throw new BadInputException(key, 0, "the file is empty (only a byte-order mark)");
            }
            return new Start(size, new Detected(Container.TEXT, StandardCharsets.UTF_16LE, 2, "UTF-16LE with BOM"), 0,
                    false);
        }
        if (n >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            if (size == 2) {
                throw new BadInputException(key, 0, "the file is empty (only a byte-order mark)");
            }
            return new Start(size, new Detected(Container.TEXT, StandardCharsets.UTF_16BE, 2, "UTF-16BE with BOM"), 0,
                    false);
        }
        if (looksLikeUtf16WithoutBom(file)) {
            throw new BadInputException(key, 0, "the file looks like UTF-16 text without a byte-order mark;"
                    + " save it as UTF-8 (\"CSV UTF-8\") or as Excel \"Unicode text\"");
        }
        return new Start(size, null, 0, false);
    }

    /** The encoding a scan's answer gives (valid UTF-8 or not; with a note when Windows-1252 text also holds UTF-8). */
    private static Detected decide(String key, Path file, Start start, ScanResult scan) throws IOException {
        if (start.mustBeUtf8) {
            return new Detected(Container.TEXT, StandardCharsets.UTF_8, 3, "UTF-8 with BOM");
        }
        if (scan.utf8()) {
            return new Detected(Container.TEXT, StandardCharsets.UTF_8, 0, "UTF-8");
        }
        String note = null;
        if (scan.utf8Sequences() > 0) {
            note = "the file mixes encodings: it is read as Windows-1252, but " + scan.utf8Sequences()
                    + (scan.utf8Sequences() == 1 ? " character" : " characters") + " (the first on line "
                    + lineAt(file, start.skip, scan.firstUtf8Sequence()) + ") are valid UTF-8 and read as two or three"
                    + " characters each (\"Ã©\" for \"é\"): save the file again as \"CSV UTF-8\"";
        }
        return new Detected(Container.TEXT, WINDOWS_1252, 0, "Windows-1252", note);
    }

    /**
     * What a scan found: whether the bytes are valid UTF-8, and, when they are not, how many
     * multi-byte UTF-8 sequences they hold all the same (and where the first is): Windows-1252 text
     * rarely holds any, a file pasted together from two encodings holds many.
     */
    record ScanResult(boolean utf8, long utf8Sequences, long firstUtf8Sequence) {
    }

    /** A reason when the first bytes name a known non-table format, else null. */
    static String binarySignature(byte[] b, int n) {
        if (n >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "the file is a PDF document, not a table: export the table as CSV or XLSX";
        }
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 5 || b[2] == 7) && (b[3] == 6 || b[3] == 8)) {
            return "the file is an empty or split ZIP archive, not a workbook";
        }
        if (n >= 2 && (b[0] & 0xff) == 0x1F && (b[1] & 0xff) == 0x8B) {
            return "the file is gzip-compressed: upload the CSV or XLSX inside it";
        }
        if (n >= 4 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "the file is a PNG image, not a table";
        }
        if (n >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "the file is a JPEG image, not a table";
        }
        if (n >= 4 && b[0] == 'R' && b[1] == 'a' && b[2] == 'r' && b[3] == '!') {
            return "the file is a RAR archive, not a table";
        }
        if (n >= 6 && b[0] == '7' && b[1] == 'z' && (b[2] & 0xff) == 0xBC && (b[3] & 0xff) == 0xAF) {
            return "the file is a 7-Zip archive, not a table";
        }
        if (n >= 4 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F') {
            return "the file is an executable program, not a table";
        }
        if (n >= 2 && b[0] == 'M' && b[1] == 'Z') {
            return "the file is a Windows executable, not a table";
        }
        return null;
    }

    /** ASCII text in UTF-16 without a BOM has a zero byte in every other position. */
    private static boolean looksLikeUtf16WithoutBom(Path file) throws IOException {
        byte[] b = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(b, 0, b.length);
        }
        if (n < 8) {
            return false;
        }
        int evenZero = 0;
        int oddZero = 0;
        int pairs = n / 2;
        for (int i = 0; i + 1 < n; i += 2) {
            if (b[i] == 0 && b[i + 1] != 0) {
                evenZero++;
            }
            if (b[i + 1] == 0 && b[i] != 0) {
                oddZero++;
            }
        }
        return evenZero > pairs * 0.9 || oddZero > pairs * 0.9;
    }

    /**
     * Scans the whole file: refuses NUL bytes and binary control characters; returns whether the
     * bytes are valid UTF-8. When {@code mustBeUtf8} (a UTF-8 BOM was present), invalid UTF-8 is refused.
     * Bytes invalid in UTF-8 must be defined in Windows-1252.
     */
    static boolean scan(String key, Path file, int skip, boolean mustBeUtf8) throws IOException {
        return scan(key, file, skip, mustBeUtf8, Long.MAX_VALUE, null);
    }

    /**
     * Scans the first {@code limit} bytes (all of them when the file is shorter). A scan cut short
     * by the limit does not hold an unfinished UTF-8 sequence at the cut against the file. Stops
     * early, answering true, once {@code cancelled} is set (nobody will read the answer).
     */
    static boolean scan(String key, Path file, int skip, boolean mustBeUtf8, long limit,
                        java.util.concurrent.atomic.AtomicBoolean cancelled) throws IOException {
        return scanResult(key, file, skip, mustBeUtf8, limit, cancelled).utf8();
    }

    static ScanResult scanResult(String key, Path file, int skip, boolean mustBeUtf8, long limit,
                                 java.util.concurrent.atomic.AtomicBoolean cancelled) throws IOException {
        boolean utf8 = true;
        long sequences = 0;    // complete, valid multi-byte UTF-8 sequences (counted once the file is not UTF-8)
        long firstSequence = -1;
        int mixPending = 0;    // the same count's own decoder, running after the first invalid byte
        long mixStart = 0;
        long validBefore = 0;  // complete multi-byte sequences before the first invalid byte
        long firstValidBefore = -1;
        long seqStart = 0;
        boolean cut = false;
        long firstInvalidUtf8 = -1;
        long undefined1252 = -1;
        long controls = 0;
        long offset = 0;
        int pending = 0;      // continuation bytes still expected in the current UTF-8 sequence
        int seqFirst = 0;     // first byte of the current sequence, for overlong and surrogate checks
        int seqIndex = 0;     // bytes of the current sequence seen so far
        byte[] buf = new byte[1 << 18];
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(skip);
            offset = skip;
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                if (cancelled != null && cancelled.get()) {
                    return new ScanResult(true, 0, -1);
                }
                if (offset - skip + n > limit) {
                    n = (int) Math.max(0, limit - (offset - skip));
                    cut = true;
                    if (n == 0) {
                        break;
                    }
                }
                int i = 0;
                while (i < n) {
                    if (pending == 0 && i + 8 <= n) {
                        // 32 bytes at a time while all are printable ASCII (a line break ends the run)
                        while (i + 32 <= n && printable(getLong(buf, i), getLong(buf, i + 8), getLong(buf, i + 16),
                                getLong(buf, i + 24))) {
                            i += 32;
                        }
                        if (i >= n) {
                            continue;
                        }
                        if (i + 8 <= n) {
                            long w = getLong(buf, i);
                            // all eight bytes ASCII and none of them zero: skip the word
                            if ((w & HIGH_BITS) == 0 && ((w - LOW_BITS) & ~w & HIGH_BITS) == 0 && !hasControl(w)) {
                                i += 8;
                                continue;
                            }
                        }
                    }
                    int b = buf[i] & 0xff;
                    long at = offset + i;
                    if (b == 0) {
                        throw new BadInputException(key, lineAt(file, skip, at), "the file contains NUL bytes (first at byte "
                                + at + "): it is binary, not a text table");
                    }
                    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) {
                        controls++;
                        if (controls > 16 && controls * 100 > (at - skip + 1)) {
                            throw new BadInputException(key, 0, "the file holds binary data (control characters),"
                                    + " not a text table");
                        }
                    }
                    if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) {
                        if (undefined1252 < 0) {
                            undefined1252 = at;
                        }
                    }
                    if (!utf8) {
                        // Windows-1252 from here: still count whole UTF-8 sequences, the sign of mixed encodings
                        if (mixPending > 0) {
                            if ((b & 0xC0) == 0x80) {
                                if (--mixPending == 0) {
                                    if (sequences++ == 0) {
                                        firstSequence = mixStart;
                                    }
                                }
                            } else {
                                mixPending = 0;
                            }
                        }
                        if (mixPending == 0 && b >= 0xC2 && b <= 0xF4) {
                            mixPending = b <= 0xDF ? 1 : b <= 0xEF ? 2 : 3;
                            mixStart = at;
                        }
                    }
                    if (utf8) {
                        if (pending > 0) {
                            boolean ok = (b & 0xC0) == 0x80;
                            if (ok && seqIndex == 1) {
                                // second byte: reject overlongs, surrogates and code points above U+10FFFF
                                if (seqFirst == 0xE0 && b < 0xA0) {
                                    ok = false;
                                } else if (seqFirst == 0xED && b > 0x9F) {
                                    ok = false;
                                } else if (seqFirst == 0xF0 && b < 0x90) {
                                    ok = false;
                                } else if (seqFirst == 0xF4 && b > 0x8F) {
                                    ok = false;
                                }
                            }
                            if (!ok) {
                                utf8 = false;
                                firstInvalidUtf8 = at;
                            } else {
                                pending--;
                                seqIndex++;
                                if (pending == 0 && validBefore++ == 0) {
                                    firstValidBefore = seqStart;
                                }
                            }
                        } else if (b >= 0x80) {
                            if (b >= 0xC2 && b <= 0xDF) {
                                pending = 1;
                            } else if (b >= 0xE0 && b <= 0xEF) {
                                pending = 2;
                            } else if (b >= 0xF0 && b <= 0xF4) {
                                pending = 3;
                            } else {
                                utf8 = false;
                                firstInvalidUtf8 = at;
                            }
                            seqFirst = b;
                            seqIndex = 1;
                            seqStart = at;
                        }
                    }
                    i++;
                }
                offset += n;
                if (cut) {
                    break;
                }
            }
        }
        if (utf8 && pending > 0 && !cut) {
            utf8 = false;
            firstInvalidUtf8 = offset - 1;
        }
        if (!utf8 && mustBeUtf8) {
            throw new BadInputException(key, lineAt(file, skip, firstInvalidUtf8), "the file starts with a UTF-8"
                    + " byte-order mark but holds bytes that are not valid UTF-8 (first at byte " + firstInvalidUtf8
                    + "): it mixes encodings; save it again as \"CSV UTF-8\"");
        }
        if (!utf8 && undefined1252 >= 0) {
            throw new BadInputException(key, lineAt(file, skip, undefined1252), "the file is not valid text in UTF-8"
                    + " or Windows-1252 (invalid byte at " + undefined1252 + "); save it as \"CSV UTF-8\"");
        }
        if (utf8) {
            return new ScanResult(true, 0, -1);
        }
        return new ScanResult(false, validBefore + sequences, validBefore > 0 ? firstValidBefore : firstSequence);
    }

    private static boolean hasControl(long w) {
        // any byte below 0x20? (bytes are ASCII here)
        long t = (w - 0x2020202020202020L) & ~w & HIGH_BITS;
        return t != 0;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Eight bytes, little-endian, in one load. */
    private static long getLong(byte[] b, int i) {
        return (long) LONG.get(b, i);
    }

    /** True when all 32 bytes are printable ASCII: no high bit and none below 0x20 (so no NUL either). */
    private static boolean printable(long a, long b, long c, long d) {
        long high = (a | b | c | d) & HIGH_BITS;
        long control = ((a - 0x2020202020202020L) & ~a) | ((b - 0x2020202020202020L) & ~b)
                | ((c - 0x2020202020202020L) & ~c) | ((d - 0x2020202020202020L) & ~d);
        return high == 0 && (control & HIGH_BITS) == 0;
    }

    /** 1-based line of a byte offset (only computed when reporting a problem). */
    static long lineAt(Path file, int skip, long offset) throws IOException {
        long line = 1;
        long pos = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while (pos < offset && (n = in.readNBytes(buf, 0, buf.length)) > 0) {
                for (int i = 0; i < n && pos < offset; i++, pos++) {
                    if (buf[i] == '\n') {
                        line++;
                    }
                }
            }
        }
        return line;
    }
}
