package org.bigpicture.core.read;

import org.bigpicture.core.util.Numbers;
import org.bigpicture.core.convert.Records;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;

/**
 * Streams the records of a delimited text file (RFC 4180 plus what Excel and others write):
 * quoted cells with doubled quotes and line breaks inside, CRLF/LF/CR line endings, any of the
 * supported encodings. One state machine for every encoding: it works on UTF-8 bytes, finding
 * delimiters and line ends eight bytes at a time; text in another encoding (Windows-1252, UTF-16)
 * is transcoded to UTF-8 on the way in ({@link Utf8Transcoding}), so that there is one parser to
 * keep right (issue 12). Limits count characters, whatever the encoding.
 *
 * <p>Lenient where Excel is lenient, but never silently: a quote inside an unquoted cell is a
 * character; text after a closing quote ({@code a,"b"c,d}) joins the cell and the record is marked
 * {@link Records#TEXT_AFTER_QUOTE} so that a format rejects it with its line; spaces between a
 * closing quote and the delimiter are dropped. A record the file ends inside without a line break
 * is marked {@link Records#NO_LINE_END} (a truncated download, when it is also short); a UTF-8
 * byte-order mark at the start of a later record (files joined together) is dropped and marked
 * {@link Records#BOM_AT_START}. Strict where input is hostile: a cell over
 * {@link Limits#maxCellChars()}, a record over {@link Limits#maxColumns()} cells or rows over
 * {@link Limits#maxRows()} fail at once, so a 200 MB line or a gigabyte of quotes is never buffered.
 *
 * <p>Per record it allocates only the {@code String}s asked for, and returns the same instance
 * when a column repeats its previous value (common in statistical extracts), which also helps the
 * writer's dictionaries.
 */
public final class CsvRecords implements Records {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long CONTROLS = 0x2020202020202020L;

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int MIN_ROOM = 1024;
    private static final int CACHE_MAX_BYTES = 64;
    /** Lookups per column before judging whether its repeat cache pays (at least one hit in four). */
    private static final int CACHE_TRIAL = 1024;

    private static final int DELIMITER = 1;
    private static final int END_OF_LINE = 2;
    private static final int END_OF_FILE = 3;

    private final String key;
    private final InputStream in;
    private boolean inputEnded;

    /** Undecoded text; the current record lives in {@code buf[recStart, lim)} and is parsed in place. */
    private byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private int lim;
    private int recStart;
    private int cellStart;
    /** Write position inside a quoted cell being unescaped. */
    private int write;
    /** Line where the quoted cell being read opened; 0 outside quotes. */
    private long quoteOpenedOn;

    private final byte delimiter;
    private final byte lineBreak;
    private final long delimiterPattern;
    private final int maxCellChars;
    private final int maxColumns;
    private final long maxRows;
    private final long maxRecordChars;

    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private String[] cache = new String[64];
    private byte[][] cacheBytes = new byte[64][];
    /** Bytes of {@code cacheBytes[i]} in use: the arrays are reused, so a new value costs a copy, not an allocation. */
    private int[] cacheLengths = new int[64];
    private int[] cacheHits = new int[64];
    private int[] cacheTries = new int[64];
    private int cells;

    private long line = 1;
    private long recordLine;
    private long records;
    /** {@link Records#irregularities()} of the current record. */
    private int flags;

    /** Opens the file (skipping its byte-order mark) with the dialect found by {@link CsvDialect#detect}. */
    public static CsvRecords open(String key, Path file, CsvDialect dialect, Limits limits) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(dialect.encoding().bomLength());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        CsvRecords records = new CsvRecords(key, in, dialect, limits);
        if (dialect.separatorLine()) {
            records.next(); // Excel's "sep=;" line is not part of the table
        }
        return records;
    }

    /** Reads {@code in} (positioned after any byte-order mark) in the dialect's encoding. */
    public CsvRecords(String key, InputStream in, CsvDialect dialect, Limits limits) {
        if (dialect.delimiter() > 127 || dialect.lineBreak() > 127) {
            throw new IllegalArgumentException("delimiter and line break must be ASCII");
        }
        this.key = key;
        this.in = dialect.encoding().charset().equals(StandardCharsets.UTF_8) ? in
                : new Utf8Transcoding(key, in, dialect.encoding().charset(), dialect.lineBreak());
        this.delimiter = (byte) dialect.delimiter();
        this.lineBreak = (byte) dialect.lineBreak();
        this.delimiterPattern = ONES * (dialect.delimiter() & 0xFF);
        this.maxCellChars = limits.maxCellChars();
        this.maxColumns = limits.maxColumns();
        this.maxRows = limits.maxRows();
        this.maxRecordChars = Math.min(Integer.MAX_VALUE - 16, 4L * limits.maxCellChars());
    }

    @Override
    public boolean next() throws IOException {
        cells = 0;
        flags = 0;
        recStart = pos;
        cellStart = pos;
        if (pos >= lim && !fill()) {
            return false;
        }
        recordLine = line;
        if (++records > maxRows) {
            throw new BadInputException(key, recordLine, "the file has more than " + maxRows
                    + " rows, the limit for one table");
        }
        if (buf[pos] == (byte) 0xEF && records > 1) {
            skipByteOrderMark();
        }
        for (;;) {
            cellStart = pos;
            if (pos >= lim && !fill()) {
                endCell(pos);
                flags |= NO_LINE_END;
                return true;
            }
            int end = buf[pos] == '"' ? readQuoted() : readUnquoted();
            if (end != DELIMITER) {
                if (end == END_OF_FILE) {
                    flags |= NO_LINE_END;
                }
                return true;
            }
        }
    }

    /** A UTF-8 byte-order mark opening a later record (two files joined): dropped, and the record marked. */
    private void skipByteOrderMark() throws IOException {
        while (lim - pos < 3 && fill()) {
            // the mark's three bytes may straddle a read
        }
        if (lim - pos >= 3 && buf[pos + 1] == (byte) 0xBB && buf[pos + 2] == (byte) 0xBF) {
            pos += 3;
            recStart = pos;
            cellStart = pos;
            flags |= BOM_AT_START;
        }
    }

    /**
     * Bytes of {@code w} that may end an unquoted cell: the delimiter, or any control byte (below
     * 0x20: LF, CR and NUL among them, also tab and the like, which the caller skips). Two tests
     * a word instead of four; the high bit of the first such byte is the lowest set.
     */
    private long specials(long w) {
        return zeroBytes(w ^ delimiterPattern) | ((w - CONTROLS) & ~w & HIGHS);
    }

    /** High bit set in each zero byte (exact for the lowest; higher ones may be false after a zero). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /** Reads an unquoted cell from {@code pos}; ends it and says what ended it. */
    private int readUnquoted() throws IOException {
        for (;;) {
            final byte[] b = buf;
            final int l = lim;
            int p = pos;
            while (p + 8 <= l) {
                long m = specials((long) LONG.get(b, p));
                if (m != 0) {
                    p += Long.numberOfTrailingZeros(m) >>> 3;
                    byte c = b[p];
                    if (c == delimiter || c == '\n' || c == '\r' || c == 0) {
                        return special(p);
                    }
                    p++; // a tab or another control byte inside the cell
                    continue;
                }
                p += 8;
            }
            while (p < l) {
                byte c = b[p];
                if (c == delimiter || c == '\n' || c == '\r' || c == 0) {
                    return special(p);
                }
                p++;
            }
            pos = l;
            if (!fill()) {
                endCell(pos);
                return END_OF_FILE;
            }
        }
    }

    /** Ends the unquoted cell at the special byte at {@code p}. */
    private int special(int p) throws IOException {
        byte c = buf[p];
        endCell(p);
        pos = p + 1;
        if (c == delimiter) {
            return DELIMITER;
        }
        if (c == '\n') {
            if (lineBreak == '\n') {
                line++;
            }
            return END_OF_LINE;
        }
        if (c == '\r') {
            if (lineBreak == '\r') {
                line++;
            }
            if (pos < lim || fill()) {
                if (buf[pos] == '\n') {
                    pos++;
                    if (lineBreak == '\n') {
                        line++;
                    }
                }
            }
            return END_OF_LINE;
        }
        pos = p;
        throw nul();
    }

    /**
     * Reads a quoted cell (pos at its opening quote), unescaping it in place from the quote's
     * position; text after the closing quote joins the cell, as in Excel.
     */
    private int readQuoted() throws IOException {
        quoteOpenedOn = line;
        write = cellStart;
        pos++;
        for (;;) {
            if (pos >= lim && !fill()) {
                throw new BadInputException(key, quoteOpenedOn, "unterminated quote: the quoted cell that opens on line "
                        + quoteOpenedOn + " never closes");
            }
            final byte[] b = buf;
            final int l = lim;
            int p = pos;
            int w = write;
            boolean quote = false;
            while (p < l) {
                byte c = b[p];
                if (c == '"') {
                    quote = true;
                    break;
                }
                if (c == lineBreak) {
                    line++;
                } else if (c == 0) {
                    pos = p;
                    throw nul();
                }
                b[w++] = c;
                p++;
            }
            pos = p;
            write = w;
            if (!quote) {
                continue;
            }
            pos++; // past the quote
            if (pos >= lim && !fill()) {
                quoteOpenedOn = 0;
                endCell(write);
                return END_OF_FILE;
            }
            if (buf[pos] == '"') {
                buf[write++] = '"';
                pos++;
                continue;
            }
            quoteOpenedOn = 0;
            return readAfterQuote();
        }
    }

    /**
     * After a closing quote: up to the delimiter or line end. Spaces and tabs there are dropped;
     * any other text joins the cell (as Excel reads it) and marks the record
     * {@link Records#TEXT_AFTER_QUOTE}, for the format to reject it.
     */
    private int readAfterQuote() throws IOException {
        int closed = write;
        boolean text = false;
        for (;;) {
            if (pos >= lim && !fill()) {
                endCell(text ? write : closed);
                return END_OF_FILE;
            }
            byte c = buf[pos];
            if (c == delimiter) {
                endCell(text ? write : closed);
                pos++;
                return DELIMITER;
            }
            if (c == '\n' || c == '\r') {
                endCell(text ? write : closed);
                pos++;
                if (c == lineBreak) {
                    line++;
                }
                if (c == '\r' && (pos < lim || fill()) && buf[pos] == '\n') {
                    pos++;
                    if (lineBreak == '\n') {
                        line++;
                    }
                }
                return END_OF_LINE;
            }
            if (c == 0) {
                throw nul();
            }
            if (c != ' ' && c != '\t' && !text) {
                text = true;
                flags |= TEXT_AFTER_QUOTE;
            }
            buf[write++] = c;
            pos++;
        }
    }

    private void endCell(int end) {
        if (cells == maxColumns) {
            throw new BadInputException(key, recordLine, "the record on line " + recordLine + " has more than "
                    + maxColumns + " columns, the limit for one table");
        }
        if (exceeds(cellStart, end, maxCellChars)) {
            throw cellTooLong();
        }
        if (cells == starts.length) {
            int size = Math.min(starts.length * 2, maxColumns);
            starts = java.util.Arrays.copyOf(starts, size);
            ends = java.util.Arrays.copyOf(ends, size);
            cache = java.util.Arrays.copyOf(cache, size);
            cacheBytes = java.util.Arrays.copyOf(cacheBytes, size);
            cacheLengths = java.util.Arrays.copyOf(cacheLengths, size);
            cacheHits = java.util.Arrays.copyOf(cacheHits, size);
            cacheTries = java.util.Arrays.copyOf(cacheTries, size);
        }
        starts[cells] = cellStart;
        ends[cells] = end;
        cells++;
    }

    /** Whether {@code buf[from, to)} holds more than {@code limit} characters (bytes bound them from above). */
    private boolean exceeds(int from, int to, long limit) {
        if (to - from <= limit) {
            return false;
        }
        long chars = 0;
        for (int i = from; i < to; i++) {
            if ((buf[i] & 0xC0) != 0x80) {
                chars++; // a byte that starts a character
            }
        }
        return chars > limit;
    }

    private BadInputException cellTooLong() {
        if (quoteOpenedOn > 0) {
            return new BadInputException(key, quoteOpenedOn, "the quoted cell that opens on line " + quoteOpenedOn
                    + " runs past " + maxCellChars + " characters: most likely an unterminated quote");
        }
        return new BadInputException(key, recordLine, "a cell on line " + recordLine + " is longer than "
                + maxCellChars + " characters (the limit for one cell)");
    }

    private BadInputException nul() {
        return new BadInputException(key, line, "the file contains a NUL character on line " + line
                + ": it is binary, not a text table");
    }

    /**
     * Reads more bytes after {@code lim}, first moving the current record to the front of the
     * buffer (or growing it, within the limits). False at the end of the input.
     */
    private boolean fill() throws IOException {
        if (inputEnded) {
            return false;
        }
        if (exceeds(cellStart, quoteOpenedOn > 0 ? write : pos, maxCellChars)) {
            throw cellTooLong();
        }
        if (buf.length - lim < MIN_ROOM) {
            if (recStart > 0) {
                compact();
            }
            if (buf.length - lim < MIN_ROOM) {
                if (exceeds(recStart, lim, maxRecordChars)) {
                    throw new BadInputException(key, recordLine, "the record on line " + recordLine
                            + " is longer than " + maxRecordChars + " characters");
                }
                // UTF-8 takes up to 3 bytes for a character of the Basic Multilingual Plane, 4 beyond.
                buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2,
                        Math.min(Integer.MAX_VALUE - 16, maxRecordChars * 4 + MIN_ROOM * 2L)));
            }
        }
        int n;
        do {
            n = in.read(buf, lim, buf.length - lim);
        } while (n == 0);
        if (n < 0) {
            inputEnded = true;
            return false;
        }
        lim += n;
        return true;
    }

    /** Moves the current record to the front of the buffer. */
    private void compact() {
        int shift = recStart;
        System.arraycopy(buf, recStart, buf, 0, lim - recStart);
        pos -= shift;
        lim -= shift;
        cellStart -= shift;
        write -= shift;
        for (int i = 0; i < cells; i++) {
            starts[i] -= shift;
            ends[i] -= shift;
        }
        recStart = 0;
    }

    @Override
    public int size() {
        return cells;
    }

    @Override
    public String get(int index) {
        if (index < 0 || index >= cells) {
            return "";
        }
        int s = starts[index];
        int e = ends[index];
        int n = e - s;
        if (n == 0) {
            return "";
        }
        if (n > CACHE_MAX_BYTES) {
            return new String(buf, s, n, StandardCharsets.UTF_8);
        }
        int tries = cacheTries[index];
        if (tries < 0) {
            return new String(buf, s, n, StandardCharsets.UTF_8); // rarely repeats: comparing costs more than it saves
        }
        byte[] last = cacheBytes[index];
        if (last != null && cacheLengths[index] == n && same(buf, s, last, n)) {
            cacheHits[index]++;
            cacheTries[index] = tries + 1;
            return cache[index];
        }
        if (tries >= CACHE_TRIAL) {
            if (cacheHits[index] * 4 < tries) {
                cacheTries[index] = -1;
                cache[index] = null;
                cacheBytes[index] = null;
                return new String(buf, s, n, StandardCharsets.UTF_8);
            }
            cacheTries[index] = 0;
            cacheHits[index] = 0;
        } else {
            cacheTries[index] = tries + 1;
        }
        String v = new String(buf, s, n, StandardCharsets.UTF_8);
        cache[index] = v;
        if (last == null || last.length < n) {
            last = new byte[Math.max(n, 32)];
            cacheBytes[index] = last;
        }
        System.arraycopy(buf, s, last, 0, n);
        cacheLengths[index] = n;
        return v;
    }

    private static boolean same(byte[] a, int from, byte[] b, int n) {
        return java.util.Arrays.equals(a, from, from + n, b, 0, n); // vectorised by the JIT
    }

    @Override
    public double number(int index) {
        if (index < 0 || index >= cells) {
            return Double.NaN;
        }
        return Numbers.parse(buf, starts[index], ends[index]);
    }

    /** Copies a cell's UTF-8 bytes to {@code into} at {@code at}; returns its length. */
    int copyCell(int index, byte[] into, int at) {
        int n = cellBytes(index);
        if (n > 0) {
            System.arraycopy(buf, starts[index], into, at, n);
        }
        return n;
    }

    /** Length of a cell in UTF-8 bytes (0 for an absent one). */
    int cellBytes(int index) {
        return index < 0 || index >= cells ? 0 : ends[index] - starts[index];
    }

    @Override
    public int irregularities() {
        return flags;
    }

    @Override
    public boolean cellsAreDelimited() {
        return true;
    }

    @Override
    public boolean isEmpty(int index) {
        return index < 0 || index >= cells || ends[index] == starts[index];
    }

    @Override
    public long line() {
        return recordLine;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
