package org.bigpicture.core.publish;

import org.bigpicture.core.util.ShortestDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The canonical CSV's rows spelt straight into UTF-8 bytes, cell by cell, exactly as
 * {@link CsvCells} spells them as text: the publish path for tables of millions of rows, where
 * building a String per row and encoding it again per character cost more than Parquet decoding.
 * Text and date cells repeat (dictionary values, a few dozen periods), so each column keeps the
 * bytes of its recent values.
 *
 * <p>Rows accumulate in {@link #buffer()}; the caller hands the buffer on (to hashing and the
 * file) once {@link #size()} passes a chunk and continues in the buffer it gets back.
 */
final class CsvBytes {

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] SUPPRESSED = ascii(CsvCells.SUPPRESSED);
    private static final byte[] EOL = ascii(TableExport.EOL);
    /** Room for any cell spelt without a cache: a long, or a double on the fast path. */
    private static final int NUMBER_ROOM = Math.max(ShortestDecimal.MAX_LENGTH, 24);

    private byte[] buf;
    private int pos;

    CsvBytes(byte[] buffer) {
        this.buf = buffer;
    }

    byte[] buffer() {
        return buf;
    }

    int size() {
        return pos;
    }

    /** Continues in {@code buffer} (empty). */
    void reset(byte[] buffer) {
        this.buf = buffer;
        this.pos = 0;
    }

    void comma() {
        room(1);
        buf[pos++] = ',';
    }

    void endRow() {
        put(EOL);
    }

    void suppressed() {
        put(SUPPRESSED);
    }

    void bool(boolean b) {
        put(b ? TRUE : FALSE);
    }

    void put(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** A whole number, as {@link Long#toString(long)}. */
    void integer(long v) {
        room(NUMBER_ROOM);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(ascii(Long.toString(v)));
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        pos = ShortestDecimal.digits(v, buf, pos);
    }

    /** A number cell, as {@link CsvCells#number(double)}. */
    void number(double d) {
        room(NUMBER_ROOM);
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            if (d == 0) {
                buf[pos++] = '0'; // also for -0.0
            } else {
                integer((long) d);
            }
            return;
        }
        int end = ShortestDecimal.format(d, buf, pos);
        if (end >= 0) {
            pos = end;
        } else {
            put(ascii(CsvCells.number(d))); // NaN, infinities, very large and very small numbers
        }
    }

    private void room(int n) {
        if (buf.length - pos < n) {
            byte[] bigger = new byte[Math.max(buf.length * 2, pos + n)];
            System.arraycopy(buf, 0, bigger, 0, pos);
            buf = bigger;
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A text cell's bytes as written ({@link CsvCells#text(String)}, UTF-8), for the last values seen in one column. */
    static final class TextCells {
        private static final int SLOTS = 256;
        private final String[] values = new String[SLOTS];
        private final byte[][] bytes = new byte[SLOTS][];
        private String last;
        private byte[] lastBytes;

        byte[] of(String s) {
            if (s == last) {
                return lastBytes;
            }
            int slot = s.hashCode() & (SLOTS - 1);
            String v = values[slot];
            byte[] b;
            if (v == s || (v != null && v.equals(s))) {
                b = bytes[slot];
            } else {
                b = CsvCells.text(s).getBytes(StandardCharsets.UTF_8);
                values[slot] = s;
                bytes[slot] = b;
            }
            last = s;
            lastBytes = b;
            return b;
        }
    }

    /** A date cell's bytes ({@link CsvCells#date(int)}), for the last dates seen in one column. */
    static final class DateCells {
        private static final int SLOTS = 512;
        private final int[] days = new int[SLOTS];
        private final byte[][] bytes = new byte[SLOTS][];

        byte[] of(int epochDay) {
            int slot = epochDay & (SLOTS - 1);
            byte[] b = bytes[slot];
            if (b == null || days[slot] != epochDay) {
                b = ascii(CsvCells.date(epochDay));
                days[slot] = epochDay;
                bytes[slot] = b;
            }
            return b;
        }
    }
}
