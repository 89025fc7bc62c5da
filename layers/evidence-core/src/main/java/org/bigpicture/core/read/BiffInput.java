package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InputStream;
import org.bigpicture.core.convert.BadInputException;

/**
 * BIFF8 records ([MS-XLS] 2.1.4) read one at a time from a workbook stream: a 2-byte type, a
 * 2-byte length (at most 8,224 for BIFF8; longer is damage) and the body, held in one reused
 * buffer. Strings that run on into CONTINUE records ([MS-XLS] 2.5.293–2.5.296: the continuation
 * repeats the "high byte" flag) are read through {@link #string}, which fetches the CONTINUE
 * records as it needs them.
 */
final class BiffInput {

    static final int CONTINUE = 0x003C;
    static final int MAX_RECORD = 8_224;

    private final String key;
    private final InputStream in;
    private final byte[] body = new byte[MAX_RECORD];
    private final byte[] header = new byte[4];
    private int type;
    private int length;
    /** Read position inside the current body (for string reading across CONTINUE). */
    private int pos;

    BiffInput(String key, InputStream in) {
        this.key = key;
        this.in = in;
    }

    /** Reads the next record; false at the end of the stream. */
    boolean next() throws IOException {
        int n = in.readNBytes(header, 0, 4);
        if (n == 0) {
            return false;
        }
        if (n < 4) {
            throw damaged("the workbook stream ends inside a record header");
        }
        type = u16(header, 0);
        length = u16(header, 2);
        if (length > MAX_RECORD) {
            throw damaged("a record is " + length + " bytes long, more than BIFF8 allows (8,224)");
        }
        if (in.readNBytes(body, 0, length) < length) {
            throw damaged("the workbook stream ends inside a record");
        }
        pos = 0;
        return true;
    }

    int type() {
        return type;
    }

    int length() {
        return length;
    }

    int u8(int at) {
        check(at, 1);
        return body[at] & 0xff;
    }

    int u16(int at) {
        check(at, 2);
        return u16(body, at);
    }

    long u32(int at) {
        check(at, 4);
        return (body[at] & 0xffL) | (body[at + 1] & 0xffL) << 8 | (body[at + 2] & 0xffL) << 16
                | (body[at + 3] & 0xffL) << 24;
    }

    double f64(int at) {
        check(at, 8);
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = bits << 8 | (body[at + i] & 0xff);
        }
        return Double.longBitsToDouble(bits);
    }

    private void check(int at, int n) {
        if (at < 0 || at + n > length) {
            throw damaged("record 0x" + Integer.toHexString(type) + " is shorter than its contents");
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    /** Moves the string cursor to {@code at} in the current body. */
    void seekBody(int at) {
        pos = at;
    }

    /** The next byte at the cursor, fetching a CONTINUE record when the body is used up. */
    private int cursorU8() throws IOException {
        if (pos >= length) {
            continueRecord();
        }
        return body[pos++] & 0xff;
    }

    private int cursorU16() throws IOException {
        return cursorU8() | cursorU8() << 8;
    }

    private long cursorU32() throws IOException {
        return cursorU16() | (long) cursorU16() << 16;
    }

    /** Skips {@code n} bytes at the cursor (rich-text runs, phonetic data), across CONTINUE records. */
    private void skipCursor(long n) throws IOException {
        while (n > 0) {
            if (pos >= length) {
                continueRecord();
            }
            int step = (int) Math.min(n, length - pos);
            pos += step;
            n -= step;
        }
    }

    private void continueRecord() throws IOException {
        int was = type;
        if (!next() || type != CONTINUE) {
            throw damaged("a string in record 0x" + Integer.toHexString(was) + " runs past its record");
        }
    }

    /**
     * Reads a string at the cursor: {@code XLUnicodeRichExtendedString} (SST entries, with rich-text
     * runs and phonetic data skipped) when {@code extended}, else {@code XLUnicodeString}. The
     * characters may continue in CONTINUE records; {@code maxChars} bounds what is built.
     */
    String string(boolean extended, int maxChars) throws IOException {
        int cch = cursorU16();
        return stringOf(cch, extended, maxChars);
    }

    /** {@code ShortXLUnicodeString}: a one-byte count (sheet names). */
    String shortString() throws IOException {
        int cch = cursorU8();
        return stringOf(cch, false, 255);
    }

    private String stringOf(int cch, boolean extended, int maxChars) throws IOException {
        int flags = cursorU8();
        boolean high = (flags & 0x01) != 0;
        int runs = 0;
        long ext = 0;
        if (extended && (flags & 0x08) != 0) {
            runs = cursorU16();
        }
        if (extended && (flags & 0x04) != 0) {
            ext = cursorU32();
            if (ext > Integer.MAX_VALUE) {
                throw damaged("a string's phonetic data is longer than the stream");
            }
        }
        if (cch > maxChars) {
            throw new BadInputException(key, 0, "a string in the .xls workbook is " + cch
                    + " characters long, more than the limit of " + maxChars + " for one cell");
        }
        char[] chars = new char[cch];
        int i = 0;
        while (i < cch) {
            if (pos >= length) {
                continueRecord();
                if (length == 0) {
                    throw damaged("a CONTINUE record is empty");
                }
                high = (body[pos++] & 0x01) != 0; // a continued string restates its width
            }
            if (high) {
                while (i < cch && pos + 1 < length) {
                    chars[i++] = (char) ((body[pos] & 0xff) | (body[pos + 1] & 0xff) << 8);
                    pos += 2;
                }
                if (i < cch && pos < length) {
                    throw damaged("a two-byte character is split across records");
                }
            } else {
                while (i < cch && pos < length) {
                    chars[i++] = (char) (body[pos++] & 0xff);
                }
            }
        }
        skipCursor(4L * runs);
        skipCursor(ext);
        return new String(chars);
    }

    /** A string from the body at {@code at} without CONTINUE (short records: FORMAT, BOUNDSHEET8, LABEL). */
    String stringAt(int at, boolean shortCount) throws IOException {
        pos = at;
        return shortCount ? shortString() : string(false, Integer.MAX_VALUE);
    }

    BadInputException damaged(String why) {
        return new BadInputException(key, 0, "the .xls workbook is damaged (" + why + ")");
    }
}
