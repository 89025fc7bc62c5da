package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bigpicture.core.ingest.BadInputException;
import org.bigpicture.core.ingest.Limits;

/**
 * Streams the records of a delimited text file (RFC 4180 plus what Excel and others write):
 * quoted cells with doubled quotes and line breaks inside, CRLF/LF/CR line endings, any of the
 * supported encodings. Lenient where Excel is lenient (a quote inside an unquoted cell is a
 * character; text after a closing quote joins the cell); strict where input is hostile: a cell
 * over {@link Limits#maxCellChars()}, a record over {@link Limits#maxColumns()} cells or rows over
 * {@link Limits#maxRows()} fail at once, so a 200 MB line or a gigabyte of quotes is never buffered.
 *
 * <p>Per record it allocates only the {@code String}s asked for, and returns the same instance
 * when a column repeats its previous value (common in statistical extracts), which also helps the
 * writer's dictionaries.
 */
public final class CsvRecords implements Records {

    private static final int BUFFER_CHARS = 1 << 16;
    /** Room kept free before decoding more (a surrogate pair must fit). */
    private static final int MIN_ROOM = 1024;
    private static final int CACHE_MAX_CHARS = 64;
    /** Lookups per column before judging whether its repeat cache pays (at least one hit in four). */
    private static final int CACHE_TRIAL = 1024;

    private static final int DELIMITER = 1;
    private static final int END_OF_LINE = 2;
    private static final int END_OF_FILE = 3;

    private final String key;
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes;
    private boolean inputEnded;
    private boolean decodeDone;

    /**
     * Decoded text. The current record lives in {@code buf[recStart, lim)}: cells are parsed in
     * place (unquoted cells are never copied; quoted ones are unescaped where they stand), and the
     * partial record moves to the front when more text is decoded.
     */
    private char[] buf = new char[BUFFER_CHARS];
    private int pos;
    private int lim;
    private int recStart;
    private int cellStart;
    /** Write position inside a quoted cell being unescaped. */
    private int write;
    /** Line where the quoted cell being read opened; 0 outside quotes. */
    private long quoteOpenedOn;

    private final char delimiter;
    private final char lineBreak;
    private final boolean[] special = new boolean[128];
    private final char maxSpecial;
    private final int maxCellChars;
    private final int maxColumns;
    private final long maxRows;
    private final long maxRecordChars;

    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private String[] cache = new String[64];
    private char[][] cacheChars = new char[64][];
    private int[] cacheHits = new int[64];
    private int[] cacheTries = new int[64];
    private int cells;

    private long line = 1;
    private long recordLine;
    private long records;

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

    public CsvRecords(String key, InputStream in, CsvDialect dialect, Limits limits) {
        this.key = key;
        this.in = in;
        this.decoder = dialect.encoding().charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.bytes = ByteBuffer.allocate(1 << 16);
        this.bytes.limit(0);
        this.delimiter = dialect.delimiter();
        this.lineBreak = dialect.lineBreak();
        this.maxCellChars = limits.maxCellChars();
        this.maxColumns = limits.maxColumns();
        this.maxRows = limits.maxRows();
        // A record may hold several long cells, but never unboundedly many characters.
        this.maxRecordChars = Math.min(Integer.MAX_VALUE - 16, 4L * limits.maxCellChars());
        special[delimiter] = true;
        special['\n'] = true;
        special['\r'] = true;
        special[0] = true;
        this.maxSpecial = (char) Math.max(delimiter, '\r');
    }

    @Override
    public boolean next() throws IOException {
        cells = 0;
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
        for (;;) {
            cellStart = pos;
            if (pos >= lim && !fill()) {
                endCell(pos);
                return true;
            }
            int end = buf[pos] == '"' ? readQuoted() : readUnquoted();
            if (end != DELIMITER) {
                return true;
            }
        }
    }

    /** Reads an unquoted cell from {@code pos}; ends it and says what ended it. */
    private int readUnquoted() throws IOException {
        for (;;) {
            final char[] b = buf;
            final int l = lim;
            final char max = maxSpecial;
            final boolean[] sp = special;
            int p = pos;
            while (p < l) {
                char c = b[p];
                if (c <= max && sp[c]) {
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
                    throw nul();
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
            final char[] b = buf;
            final int l = lim;
            int p = pos;
            int w = write;
            boolean quote = false;
            while (p < l) {
                char c = b[p];
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

    /** After a closing quote: up to the delimiter or line end, any text joins the cell. */
    private int readAfterQuote() throws IOException {
        for (;;) {
            if (pos >= lim && !fill()) {
                endCell(write);
                return END_OF_FILE;
            }
            char c = buf[pos];
            if (c == delimiter) {
                endCell(write);
                pos++;
                return DELIMITER;
            }
            if (c == '\n' || c == '\r') {
                endCell(write);
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
            buf[write++] = c;
            pos++;
        }
    }

    private void endCell(int end) {
        if (cells == maxColumns) {
            throw new BadInputException(key, recordLine, "the record on line " + recordLine + " has more than "
                    + maxColumns + " columns, the limit for one table");
        }
        if (end - cellStart > maxCellChars) {
            throw cellTooLong();
        }
        if (cells == starts.length) {
            int size = Math.min(starts.length * 2, maxColumns);
            starts = java.util.Arrays.copyOf(starts, size);
            ends = java.util.Arrays.copyOf(ends, size);
            cache = java.util.Arrays.copyOf(cache, size);
            cacheChars = java.util.Arrays.copyOf(cacheChars, size);
            cacheHits = java.util.Arrays.copyOf(cacheHits, size);
            cacheTries = java.util.Arrays.copyOf(cacheTries, size);
        }
        starts[cells] = cellStart;
        ends[cells] = end;
        cells++;
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
     * Decodes more text after {@code lim}, first moving the current record to the front of the
     * buffer (or growing it, within the limits). False at the end of the input.
     */
    private boolean fill() throws IOException {
        if (decodeDone) {
            return false;
        }
        int cellLength = (quoteOpenedOn > 0 ? write : pos) - cellStart;
        if (cellLength > maxCellChars) {
            throw cellTooLong();
        }
        if (buf.length - lim < MIN_ROOM) {
            if (recStart > 0) {
                compact();
            }
            if (buf.length - lim < MIN_ROOM) {
                if (lim - recStart >= maxRecordChars) {
                    throw new BadInputException(key, recordLine, "the record on line " + recordLine
                            + " is longer than " + maxRecordChars + " characters");
                }
                buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxRecordChars + MIN_ROOM * 2L));
            }
        }
        CharBuffer out = CharBuffer.wrap(buf);
        out.position(lim);
        while (out.position() == lim) {
            CoderResult r = decoder.decode(bytes, out, inputEnded);
            if (r.isError()) {
                throw new BadInputException(key, line, "the text is not valid " + decoder.charset().displayName()
                        + " near line " + line);
            }
            if (r.isOverflow()) {
                break;
            }
            if (inputEnded) {
                decoder.flush(out);
                decodeDone = true;
                break;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                inputEnded = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
        int added = out.position() - lim;
        lim = out.position();
        return added > 0;
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
        if (n > CACHE_MAX_CHARS) {
            return new String(buf, s, n);
        }
        int tries = cacheTries[index];
        if (tries < 0) {
            return new String(buf, s, n); // this column rarely repeats itself: comparing costs more than it saves
        }
        char[] last = cacheChars[index];
        if (last != null && last.length == n && same(buf, s, last, n)) {
            cacheHits[index]++;
            cacheTries[index] = tries + 1;
            return cache[index];
        }
        if (tries >= CACHE_TRIAL) {
            if (cacheHits[index] * 4 < tries) {
                cacheTries[index] = -1;
                cache[index] = null;
                cacheChars[index] = null;
                return new String(buf, s, n);
            }
            cacheTries[index] = 0;
            cacheHits[index] = 0;
        } else {
            cacheTries[index] = tries + 1;
        }
        String v = new String(buf, s, n);
        cache[index] = v;
        cacheChars[index] = java.util.Arrays.copyOfRange(buf, s, e);
        return v;
    }

    /** For short cells a plain loop beats {@code Arrays.equals}' vectorised set-up. */
    private static boolean same(char[] a, int from, char[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (a[from + i] != b[i]) {
                return false;
            }
        }
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
