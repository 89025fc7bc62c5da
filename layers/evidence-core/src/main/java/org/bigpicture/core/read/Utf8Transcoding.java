package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import org.bigpicture.core.convert.BadInputException;

/**
 * Text in another encoding (Windows-1252, UTF-16), re-encoded as UTF-8 while it is read, so that
 * {@link CsvRecords} has one byte-level parser for every encoding. Bytes invalid in the source
 * encoding fail with the line they are on (lines counted by {@code lineBreak}).
 */
final class Utf8Transcoding extends InputStream {

    private final String key;
    private final InputStream in;
    private final CharsetDecoder decoder;
    private final char lineBreak;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final CharBuffer chars = CharBuffer.allocate(1 << 15);
    private boolean inputEnded;
    private boolean flushed;
    private long line = 1;
    private final byte[] spill = new byte[8];
    private int spillPos;
    private int spillLen;

    Utf8Transcoding(String key, InputStream in, Charset charset, char lineBreak) {
        this.key = key;
        this.in = in;
        this.lineBreak = lineBreak;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.limit(0);
        chars.limit(0);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (len < 4) {
            // too little room to be sure a character fits: encode into the spill buffer first
            if (spillPos == spillLen) {
                spillPos = 0;
                spillLen = 0;
                while (spillLen == 0 && (chars.hasRemaining() || decodeMore())) {
                    spillLen = encode(spill, 0, spill.length);
                }
                if (spillLen == 0) {
                    return -1;
                }
            }
            int n = Math.min(len, spillLen - spillPos);
            System.arraycopy(spill, spillPos, out, off, n);
            spillPos += n;
            return n;
        }
        int w = off;
        if (spillPos < spillLen) {
            int n = spillLen - spillPos;
            System.arraycopy(spill, spillPos, out, w, n);
            w += n;
            spillPos = spillLen;
        }
        int end = off + len;
        while (end - w >= 4 && (chars.hasRemaining() || decodeMore())) {
            w = encode(out, w, end);
        }
        return w == off ? -1 : w - off;
    }

    /** Encodes decoded characters into {@code out[w, end)} while at least 4 bytes are free; returns the new position. */
    private int encode(byte[] out, int w, int end) {
        char[] a = chars.array();
        int p = chars.position();
        int l = chars.limit();
        while (p < l && w + 4 <= end) {
            char c = a[p];
            if (c < 0x80) {
                out[w++] = (byte) c;
                if (c == lineBreak) {
                    line++;
                }
                p++;
            } else if (c < 0x800) {
                out[w++] = (byte) (0xC0 | (c >> 6));
                out[w++] = (byte) (0x80 | (c & 0x3F));
                p++;
            } else if (Character.isHighSurrogate(c) && p + 1 < l) {
                // the decoder writes a pair whole (it overflows rather than split one), so its low half is here
                char low = a[p + 1];
                int cp = Character.toCodePoint(c, low);
                out[w++] = (byte) (0xF0 | (cp >> 18));
                out[w++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[w++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[w++] = (byte) (0x80 | (cp & 0x3F));
                p += 2;
            } else {
                out[w++] = (byte) (0xE0 | (c >> 12));
                out[w++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[w++] = (byte) (0x80 | (c & 0x3F));
                p++;
            }
        }
        chars.position(p);
        return w;
    }

    /** Decodes the next chunk of characters; false at the end of the input. */
    private boolean decodeMore() throws IOException {
        if (flushed) {
            return false;
        }
        chars.clear();
        while (chars.position() == 0) {
            CoderResult r = decoder.decode(bytes, chars, inputEnded);
            if (r.isError()) {
                throw new BadInputException(key, line, "the text is not valid " + decoder.charset().displayName()
                        + " near line " + line);
            }
            if (r.isOverflow()) {
                break;
            }
            if (inputEnded) {
                decoder.flush(chars);
                flushed = true;
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
        chars.flip();
        return chars.hasRemaining();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
