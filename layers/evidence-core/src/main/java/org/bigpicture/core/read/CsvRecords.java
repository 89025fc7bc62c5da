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
    private static final int CACHE_MAX_CHARS = 64;

    private final String key;
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes;
    private final char[] buf = new char[BUFFER_CHARS];
    private final CharBuffer out = CharBuffer.wrap(buf);
    private int pos;
    private int lim;
    private boolean inputEnded;
    private boolean decodeDone;

    private final char delimiter;
    private final char lineBreak;
    private final boolean[] special = new boolean[128];
    private final int maxCellChars;
    private final int maxColumns;
    private final long maxRows;
    private final long maxRecordChars;

    private char[] rec = new char[1024];
    private int recLen;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private String[] cache = new String[64];
    private int cells;
    private int cellStart;

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
        return new CsvRecords(key, in, dialect, limits);
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
    }

    @Override
    public boolean next() throws IOException {
        cells = 0;
        recLen = 0;
        if (pos >= lim && !fill()) {
            return false;
        }
        recordLine = line;
        if (++records > maxRows) {
            throw new BadInputException(key, recordLine, "the file has more than " + maxRows
                    + " rows, the limit for one table");
        }
        for (;;) {
            cellStart = recLen;
            if (pos >= lim && !fill()) {
                endCell();
                return true;
            }
            if (buf[pos] == '"') {
                pos++;
                readQuoted();
            }
            int end = readUnquoted();
            endCell();
            if (end != DELIMITER) {
                return true;
            }
        }
    }

    private static final int DELIMITER = 1;
    private static final int END_OF_LINE = 2;
    private static final int END_OF_FILE = 3;

    private int readUnquoted() throws IOException {
        for (;;) {
            if (pos >= lim && !fill()) {
                return END_OF_FILE;
            }
            final char[] b = buf;
            final int l = lim;
            int p = pos;
            while (p < l) {
                char c = b[p];
                if (c < 128 && special[c]) {
                    append(pos, p);
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
                        if (pos >= lim) {
                            fill();
                        }
                        if (pos < lim && buf[pos] == '\n') {
                            pos++;
                            if (lineBreak == '\n') {
                                line++;
                            }
                        }
                        return END_OF_LINE;
                    }
                    throw nul();
                }
                p++;
            }
            append(pos, l);
            pos = l;
        }
    }

    /** Reads a quoted cell's content after its opening quote, through the closing quote. */
    private void readQuoted() throws IOException {
        long openedOn = line;
        for (;;) {
            if (pos >= lim && !fill()) {
                throw new BadInputException(key, openedOn, "unterminated quote: the quoted cell that opens on line "
                        + openedOn + " never closes");
            }
            final char[] b = buf;
            final int l = lim;
            int p = pos;
            boolean closed = false;
            while (p < l) {
                char c = b[p];
                if (c == '"') {
                    appendQuoted(pos, p, openedOn);
                    pos = p + 1;
                    if (pos >= lim && !fill()) {
                        return;
                    }
                    if (buf[pos] == '"') {
                        appendQuoted(pos, pos + 1, openedOn);
                        pos++;
                        p = pos;
                        if (p >= lim) {
                            break;
                        }
                        continue;
                    }
                    closed = true;
                    break;
                }
                if (c == lineBreak) {
                    line++;
                } else if (c == 0) {
                    throw nul();
                }
                p++;
            }
            if (closed) {
                return;
            }
            if (p >= lim && pos < lim) {
                appendQuoted(pos, lim, openedOn);
                pos = lim;
            }
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        ensure(n, 0);
        System.arraycopy(buf, from, rec, recLen, n);
        recLen += n;
    }

    private void appendQuoted(int from, int to, long openedOn) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        ensure(n, openedOn);
        System.arraycopy(buf, from, rec, recLen, n);
        recLen += n;
    }

    private void ensure(int n, long quoteOpenedOn) {
        long cellLength = (long) recLen + n - cellStart;
        if (cellLength > maxCellChars) {
            String where = quoteOpenedOn > 0
                    ? "the quoted cell that opens on line " + quoteOpenedOn + " runs past " + maxCellChars
                            + " characters: most likely an unterminated quote"
                    : "a cell on line " + recordLine + " is longer than " + maxCellChars
                            + " characters (the limit for one cell)";
            throw new BadInputException(key, quoteOpenedOn > 0 ? quoteOpenedOn : recordLine, where);
        }
        if ((long) recLen + n > maxRecordChars) {
            throw new BadInputException(key, recordLine, "the record on line " + recordLine + " is longer than "
                    + maxRecordChars + " characters");
        }
        if (recLen + n > rec.length) {
            long want = Math.max((long) rec.length * 2, (long) recLen + n);
            rec = java.util.Arrays.copyOf(rec, (int) Math.min(want, maxRecordChars));
        }
    }

    private void endCell() {
        if (cells == maxColumns) {
            throw new BadInputException(key, recordLine, "the record on line " + recordLine + " has more than "
                    + maxColumns + " columns, the limit for one table");
        }
        if (cells == starts.length) {
            int size = Math.min(starts.length * 2, maxColumns);
            starts = java.util.Arrays.copyOf(starts, size);
            ends = java.util.Arrays.copyOf(ends, size);
            cache = java.util.Arrays.copyOf(cache, size);
        }
        starts[cells] = cellStart;
        ends[cells] = recLen;
        cells++;
    }

    private BadInputException nul() {
        return new BadInputException(key, line, "the file contains a NUL character on line " + line
                + ": it is binary, not a text table");
    }

    private boolean fill() throws IOException {
        pos = 0;
        lim = 0;
        if (decodeDone) {
            return false;
        }
        out.clear();
        while (out.position() == 0) {
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
        lim = out.position();
        return lim > 0;
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
        int n = ends[index] - s;
        if (n == 0) {
            return "";
        }
        if (n > CACHE_MAX_CHARS) {
            return new String(rec, s, n);
        }
        String cached = cache[index];
        if (cached != null && cached.length() == n) {
            boolean same = true;
            for (int i = 0; i < n; i++) {
                if (cached.charAt(i) != rec[s + i]) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return cached;
            }
        }
        String v = new String(rec, s, n);
        cache[index] = v;
        return v;
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
