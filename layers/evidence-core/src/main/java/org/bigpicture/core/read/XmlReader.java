package org.bigpicture.core.read;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.bigpicture.core.convert.BadInputException;

/**
 * A small pull reader for the XML inside spreadsheet packages (XLSX parts, ODS content), over the
 * bytes, that allocates nothing it has not bounded first: a tag longer than {@link #MAX_TAG_BYTES}
 * fails, text is decoded only when asked and only up to the caller's limit, attribute values are
 * read straight from the tag. A general XML parser cannot promise that (StAX hands over a text node
 * whole, however long). Spreadsheet XML is UTF-8 without a DTD; a DTD or entity declaration, an
 * undefined entity or UTF-16 XML is refused.
 *
 * <p>Element and attribute names are matched by their local part ({@code x:c} and {@code c} alike),
 * as the OpenXML SDK's prefixed parts (Microsoft Forms exports) and ODS prefixes need.
 *
 * <pre>{@code
 * for (int t; (t = xml.next()) != XmlReader.EOF; ) {
 *     if (t == XmlReader.START && xml.is("v")) { xml.text(sb, maxChars); }
 * }
 * }</pre>
 */
final class XmlReader implements Closeable {

    static final int EOF = -1;
    static final int START = 1;
    static final int END = 2;
    static final int TEXT = 3;

    /** Longest tag (name and attributes) accepted; spreadsheet tags are a few hundred bytes. */
    static final int MAX_TAG_BYTES = 1 << 20;

    private final String key;
    private final String part;
    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean ended;

    /** The current tag: buf[tagStart, tagEnd) holds it from '<' to '>' inclusive. */
    private int tagStart;
    private int nameStart;
    private int localStart;
    private int nameEnd;
    private int tagEnd;
    private boolean selfClosing;
    private boolean pendingEnd;
    private boolean textPending;
    private boolean cdata;
    /** Where the value found by {@link #find(String)} ends. */
    private int valueEnd;
    private long bytesBefore;

    XmlReader(String key, String part, InputStream in) throws IOException {
        this.key = key;
        this.part = part;
        this.in = in;
        if (fillAtLeast(3) && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            pos = 3;
        }
        if (lim >= 2 && ((buf[0] & 0xff) == 0xFE && (buf[1] & 0xff) == 0xFF || (buf[0] & 0xff) == 0xFF
                && (buf[1] & 0xff) == 0xFE || buf[0] == '<' && buf[1] == 0 || buf[0] == 0 && buf[1] == '<')) {
            throw bad("is UTF-16 XML, which spreadsheet programs do not write");
        }
    }

    BadInputException bad(String what) {
        return new BadInputException(key, 0, "the " + part + " part " + what);
    }

    /** The next start tag, end tag or text; comments and processing instructions are skipped. */
    int next() throws IOException {
        if (pendingEnd) {
            pendingEnd = false;
            return END;
        }
        if (textPending) {
            skipText();
        }
        for (;;) {
            if (pos >= lim && !fill()) {
                return EOF;
            }
            if (buf[pos] != '<') {
                textPending = true;
                cdata = false;
                return TEXT;
            }
            if (!fillAtLeast(pos, 2)) {
                throw bad("ends inside a tag");
            }
            byte c = buf[pos + 1];
            if (c == '?') {
                skipPast(pos + 2, "?>");
                continue;
            }
            if (c == '!') {
                fillAtLeast(pos, 9); // as much as there is of "<![CDATA[" or "<!--"
                if (pos + 4 > lim) {
                    throw bad("ends inside a tag");
                }
                if (buf[pos + 2] == '-' && buf[pos + 3] == '-') {
                    skipPast(pos + 4, "-->");
                    continue;
                }
                if (startsWith(pos + 2, "[CDATA[")) {
                    pos += 9;
                    textPending = true;
                    cdata = true;
                    return TEXT;
                }
                throw new BadInputException(key, 0, "the " + part + " part declares a DTD or entities, which"
                        + " spreadsheet programs never write (an XML external-entity or entity-expansion attack?): refused");
            }
            readTag();
            return buf[tagStart + 1] == '/' ? END : START;
        }
    }

    /** Reads a whole tag into the buffer and finds its name. */
    private void readTag() throws IOException {
        int start = pos;
        int i = pos + 1;
        byte quote = 0;
        for (;;) {
            if (i >= lim) {
                int shift = compact(start);
                start -= shift;
                i -= shift;
                if (i - start > MAX_TAG_BYTES) {
                    throw bad("has a tag longer than " + MAX_TAG_BYTES + " bytes: refused");
                }
                if (!fill()) {
                    throw bad("ends inside a tag: the workbook is truncated or damaged");
                }
                continue;
            }
            byte c = buf[i];
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            }
            i++;
        }
        if (i + 1 - start > MAX_TAG_BYTES) {
            throw bad("has a tag longer than " + MAX_TAG_BYTES + " bytes: refused");
        }
        tagStart = start;
        tagEnd = i + 1;
        pos = tagEnd;
        int n = start + 1;
        if (buf[n] == '/') {
            n++;
        }
        nameStart = n;
        localStart = n;
        while (n < i && buf[n] != ' ' && buf[n] != '\t' && buf[n] != '\n' && buf[n] != '\r' && buf[n] != '/') {
            if (buf[n] == ':') {
                localStart = n + 1;
            }
            n++;
        }
        nameEnd = n;
        selfClosing = buf[i - 1] == '/' && buf[tagStart + 1] != '/';
        if (selfClosing) {
            pendingEnd = true;
        }
    }

    /** True when the current tag's local name is {@code local} (ASCII). */
    boolean is(String local) {
        int n = nameEnd - localStart;
        if (n != local.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[localStart + i] != local.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The current tag's local name (for messages and rare paths). */
    String name() {
        return new String(buf, localStart, nameEnd - localStart, StandardCharsets.UTF_8);
    }

    /** The current tag's qualified name, prefix included. */
    String qualifiedName() {
        return new String(buf, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
    }

    /** Whether the current start tag closes itself ({@code <c r="A1"/>}). */
    boolean selfClosing() {
        return selfClosing;
    }

    /** Finds attribute {@code local} (by local name) in the current tag: the value's start, or -1. */
    private int find(String local) {
        int i = nameEnd;
        int end = tagEnd - 1;
        while (i < end) {
            byte c = buf[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/') {
                i++;
                continue;
            }
            int ns = i;
            int ls = i;
            while (i < end && buf[i] != '=' && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' && buf[i] != '\r') {
                if (buf[i] == ':') {
                    ls = i + 1;
                }
                i++;
            }
            int ne = i;
            while (i < end && buf[i] != '"' && buf[i] != '\'') {
                i++;
            }
            if (i >= end) {
                return -1;
            }
            byte q = buf[i++];
            int vs = i;
            while (i < end && buf[i] != q) {
                i++;
            }
            int ve = i;
            i++;
            if (ne - ls == local.length() && ne > ns) {
                boolean same = true;
                for (int k = 0; k < local.length(); k++) {
                    if (buf[ls + k] != local.charAt(k)) {
                        same = false;
                        break;
                    }
                }
                if (same) {
                    valueEnd = ve;
                    return vs;
                }
            }
        }
        return -1;
    }

    /** An attribute's value, entities decoded, or null when absent. Values are bounded by the tag's size. */
    String attr(String local) {
        int s = find(local);
        if (s < 0) {
            return null;
        }
        int e = valueEnd;
        boolean plain = true;
        for (int i = s; i < e; i++) {
            if (buf[i] == '&') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(buf, s, e - s, StandardCharsets.UTF_8);
        }
        StringBuilder b = new StringBuilder(e - s);
        decode(s, e, b, Integer.MAX_VALUE);
        return b.toString();
    }

    /** Whether the attribute is present. */
    boolean has(String local) {
        return find(local) >= 0;
    }

    /** An attribute read as a non-negative whole number; {@code absent} when missing, -2 when not a number. */
    long attrLong(String local, long absent) {
        int s = find(local);
        if (s < 0) {
            return absent;
        }
        int e = valueEnd;
        if (s == e || e - s > 18) {
            return -2;
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -2;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * A cell reference attribute ({@code r="AB12"}) read without allocating: the 0-based column, or
     * -1 when absent, -2 when malformed, -3 when its column is beyond {@code maxColumn} (its letters
     * are counted without overflow, so {@code ZZZZZZZZ2} is just "too far"). The row is left in {@link #refRow}.
     */
    int attrCellRef(String local, int maxColumn) {
        int s = find(local);
        refRow = -1;
        if (s < 0) {
            return -1;
        }
        int e = valueEnd;
        int i = s;
        if (i < e && buf[i] == '$') {
            i++;
        }
        long col = 0;
        int letters = 0;
        while (i < e && (buf[i] >= 'A' && buf[i] <= 'Z' || buf[i] >= 'a' && buf[i] <= 'z')) {
            int v = (buf[i] | 0x20) - 'a' + 1;
            if (col <= maxColumn) {
                col = col * 26 + v;
            }
            letters++;
            i++;
        }
        if (letters == 0) {
            return -2;
        }
        if (i < e && buf[i] == '$') {
            i++;
        }
        long row = 0;
        int digits = 0;
        while (i < e && buf[i] >= '0' && buf[i] <= '9') {
            if (row < Integer.MAX_VALUE) {
                row = row * 10 + (buf[i] - '0');
            }
            digits++;
            i++;
        }
        if (i != e || digits == 0) {
            return -2;
        }
        refRow = row;
        return col - 1 > maxColumn ? -3 : (int) (col - 1);
    }

    /** The row of the last {@link #attrCellRef}, 1-based, capped at {@code Integer.MAX_VALUE}; -1 when absent. */
    long refRow;

    /**
     * Appends the text at the current position (after a {@link #TEXT} token, or at once after a
     * start tag) to {@code out}, up to the next tag, decoding UTF-8 and entities; CDATA sections
     * join it. Nothing beyond {@code maxChars} characters in {@code out} is ever held: past the
     * limit the rest of the text is skipped and the answer is false.
     */
    boolean text(StringBuilder out, int maxChars) throws IOException {
        if (!textPending) {
            if (pendingEnd || pos >= lim && !fill() || buf[pos] == '<' && !isCdataAtPos()) {
                return true;
            }
            if (buf[pos] == '<') {
                pos += 9;
                cdata = true;
            } else {
                cdata = false;
            }
            textPending = true;
        }
        boolean fits = true;
        for (;;) {
            int i = pos;
            if (cdata) {
                while (i < lim && buf[i] != ']') {
                    i++;
                }
            } else {
                while (i < lim && buf[i] != '<' && buf[i] != '&') {
                    i++;
                }
            }
            int upto = i == lim ? wholeSequences(pos, i) : i;
            if (fits) {
                fits = appendUtf8(pos, upto, out, maxChars);
            }
            pos = upto;
            if (i == lim) {
                compact(pos);
                if (!fill()) {
                    if (cdata) {
                        throw bad("ends inside a CDATA section");
                    }
                    if (pos < lim) {
                        throw bad("ends with a broken UTF-8 character");
                    }
                    textPending = false;
                    return fits;
                }
                continue;
            }
            if (cdata) {
                if (!fillAtLeast(pos, 3)) {
                    throw bad("ends inside a CDATA section");
                }
                if (buf[pos + 1] == ']' && buf[pos + 2] == '>') {
                    pos += 3;
                    cdata = false;
                } else {
                    if (fits) {
                        fits = appendUtf8(pos, pos + 1, out, maxChars);
                    }
                    pos++;
                }
                continue;
            }
            if (buf[pos] == '&') {
                int semi = entityEnd();
                if (fits) {
                    fits = appendEntity(pos, semi, out, maxChars);
                } else {
                    appendEntity(pos, semi, new StringBuilder(2), 2);
                }
                pos = semi + 1;
                continue;
            }
            // a tag: a CDATA section continues the text, anything else ends it
            if (isCdataAtPos()) {
                pos += 9;
                cdata = true;
                continue;
            }
            textPending = false;
            return fits;
        }
    }

    /** The end of the whole UTF-8 sequences in buf[s, e): a character cut by the buffer's end waits for the next fill. */
    private int wholeSequences(int s, int e) {
        if (e == s || buf[e - 1] >= 0) {
            return e;
        }
        int lead = e - 1;
        while (lead > s && (buf[lead] & 0xC0) == 0x80 && e - lead < 4) {
            lead--;
        }
        int b0 = buf[lead] & 0xff;
        int need = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 1;
        return lead + need > e ? lead : e;
    }

    /** Whether a CDATA section opens at {@code pos} (filling, and so perhaps moving, the buffer first). */
    private boolean isCdataAtPos() throws IOException {
        return fillAtLeast(pos, 9) && buf[pos + 1] == '!' && startsWith(pos + 2, "[CDATA[");
    }

    /** Skips the text at the current position. */
    private void skipText() throws IOException {
        if (cdata) {
            text(new StringBuilder(), 0);
            return;
        }
        for (;;) {
            int i = pos;
            while (i < lim && buf[i] != '<') {
                i++;
            }
            pos = i;
            if (i < lim) {
                textPending = false;
                return;
            }
            compact(pos);
            if (!fill()) {
                textPending = false;
                return;
            }
        }
    }

    /** Index of the ';' ending the entity reference at {@code pos} (within 12 bytes), refilling if needed. */
    private int entityEnd() throws IOException {
        boolean whole = fillAtLeast(pos, 12);
        int stop = whole ? pos + 12 : lim;
        for (int i = pos + 1; i < stop; i++) {
            if (buf[i] == ';') {
                return i;
            }
        }
        throw bad("has a malformed entity reference");
    }

    private boolean appendEntity(int amp, int semi, StringBuilder out, int maxChars) {
        int s = amp + 1;
        int n = semi - s;
        int cp;
        if (n >= 2 && buf[s] == '#') {
            cp = 0;
            boolean hex = buf[s + 1] == 'x' || buf[s + 1] == 'X';
            for (int i = s + (hex ? 2 : 1); i < semi; i++) {
                int d = Character.digit(buf[i], hex ? 16 : 10);
                if (d < 0 || cp > 0x10FFFF) {
                    throw bad("has a malformed character reference");
                }
                cp = cp * (hex ? 16 : 10) + d;
            }
            if (cp > 0x10FFFF || cp == 0) {
                throw bad("has a character reference outside Unicode");
            }
        } else if (n == 2 && buf[s] == 'l' && buf[s + 1] == 't') {
            cp = '<';
        } else if (n == 2 && buf[s] == 'g' && buf[s + 1] == 't') {
            cp = '>';
        } else if (n == 3 && buf[s] == 'a' && buf[s + 1] == 'm' && buf[s + 2] == 'p') {
            cp = '&';
        } else if (n == 4 && startsWith(s, "quot")) {
            cp = '"';
        } else if (n == 4 && startsWith(s, "apos")) {
            cp = '\'';
        } else {
            throw bad("uses an entity that is not defined (&" + new String(buf, s, Math.max(0, n),
                    StandardCharsets.US_ASCII) + ";): without a DTD only the five XML entities exist");
        }
        int len = Character.charCount(cp);
        if (out.length() + len > maxChars) {
            return false;
        }
        out.appendCodePoint(cp);
        return true;
    }

    private void decode(int s, int e, StringBuilder out, int maxChars) {
        int i = s;
        while (i < e) {
            int j = i;
            while (j < e && buf[j] != '&') {
                j++;
            }
            appendUtf8(i, j, out, maxChars);
            if (j >= e) {
                return;
            }
            int semi = j + 1;
            while (semi < e && buf[semi] != ';' && semi - j < 12) {
                semi++;
            }
            if (semi >= e || buf[semi] != ';') {
                throw bad("has a malformed entity reference in an attribute");
            }
            appendEntity(j, semi, out, maxChars);
            i = semi + 1;
        }
    }

    /** Appends UTF-8 bytes [s, e) as characters, unless that would pass {@code maxChars} (false). */
    private boolean appendUtf8(int s, int e, StringBuilder out, int maxChars) {
        if (s >= e) {
            return true;
        }
        int room = maxChars - out.length();
        int i = s;
        while (i < e && buf[i] >= 0) {
            i++;
        }
        if (i == e) {
            if (e - s > room) {
                return false;
            }
            for (int k = s; k < e; k++) {
                out.append((char) buf[k]);
            }
            return true;
        }
        String chunk = new String(buf, s, e - s, StandardCharsets.UTF_8);
        if (chunk.length() > room) {
            return false;
        }
        out.append(chunk);
        return true;
    }

    private boolean startsWith(int at, String s) {
        if (at + s.length() > lim) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (buf[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips to just past {@code end} (a comment or processing instruction), however long, holding little. */
    private void skipPast(int from, String end) throws IOException {
        int i = from;
        int matched = 0;
        for (;;) {
            if (i >= lim) {
                pos = i;
                compact(i);
                i = pos;
                if (!fill()) {
                    throw bad("ends inside a comment or processing instruction");
                }
            }
            byte c = buf[i++];
            if (c == end.charAt(matched)) {
                matched++;
                if (matched == end.length()) {
                    pos = i;
                    return;
                }
            } else {
                matched = c == end.charAt(0) ? 1 : 0;
            }
        }
    }

    /** The offset at which the current tag starts. */
    long tagOffset() {
        return bytesBefore + tagStart;
    }

    /** Moves buf[from, lim) to the front; returns the shift. */
    private int compact(int from) {
        if (from == 0) {
            if (lim == buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_TAG_BYTES * 2 + 16));
            }
            return 0;
        }
        System.arraycopy(buf, from, buf, 0, lim - from);
        lim -= from;
        pos -= from;
        bytesBefore += from;
        return from;
    }

    /** Reads more bytes after lim (growing the buffer only when it is full); false at the end. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        if (lim == buf.length) {
            compact(pos);
            if (lim == buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_TAG_BYTES * 2 + 16));
            }
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            ended = true;
            return false;
        }
        lim += n;
        return true;
    }

    private boolean fillAtLeast(int n) throws IOException {
        while (lim < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Ensures buf[at, at + n) is read (moving it to the front if needed); false at the end of the part. */
    private boolean fillAtLeast(int at, int n) throws IOException {
        if (at + n <= lim) {
            return true;
        }
        int shift = compact(at);
        int start = at - shift;
        while (lim < start + n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
