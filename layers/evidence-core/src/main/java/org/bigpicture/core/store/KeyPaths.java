package org.bigpicture.core.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Object keys as relative paths of a file system, for the stores that keep each object as a file
 * ({@link FileObjectStore}, the local stack's S3 server). S3 accepts any UTF-8 key up to 1,024
 * bytes; a file system does not: {@code ..} and {@code .} segments resolve elsewhere, an empty
 * segment ({@code a//b}, a trailing {@code /}) names no file, a name is at most 255 bytes, and stores
 * keep names of their own ({@code .put-*} temporary files, S3Proxy's {@code .mpus-*} and
 * {@code .s3proxy-*}). So each segment (the text between slashes) becomes one path element, itself
 * whenever a file system can hold it (the usual case: {@code jsna/Life Expectancy.csv} is that
 * path), otherwise escaped:
 * <ul>
 *   <li>{@code %}, {@code \}, control characters (U+0000–U+001F, U+007F) become {@code %HH}, per
 *       UTF-8 byte, upper-case hex;</li>
 *   <li>{@code .} and {@code ..} become {@code %2E} and {@code %2E%2E}; a segment starting with a
 *       reserved name ({@code .put-}, {@code .mpus-}, {@code .s3proxy-}) has its dot escaped;</li>
 *   <li>the empty segment becomes {@code %} (so {@code surveys/} is the file {@code surveys/%});</li>
 *   <li>a segment longer than {@link #MAX_ELEMENT_BYTES} bytes once escaped is cut into elements of
 *       at most that many bytes, each but the last ending with {@code %+} (a folder per piece).</li>
 * </ul>
 * A {@code %} in a path is therefore always one of {@code %HH}, a lone {@code %} or a trailing
 * {@code %+}, and no plain segment holds one: the encoding is injective and reversible. A path that
 * is not the encoding of any key (a stray file) decodes to null.
 *
 * <p>Two keys where one is a folder of the other ({@code a} and {@code a/b}) still cannot both be
 * files: the stores say so rather than alias them.
 */
public final class KeyPaths {

    /**
     * The longest path element written, in UTF-8 bytes. File names stop at 255 bytes, and S3Proxy
     * adds up to 97 (the {@code .mpus-<upload id>-} prefix, a part number and a temporary suffix).
     */
    public static final int MAX_ELEMENT_BYTES = 150;
    /** Ends an element whose segment continues in the next one. */
    static final String CONTINUED = "%+";
    private static final String[] RESERVED = {".put-", ".mpus-", ".s3proxy-"};
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private KeyPaths() {
    }

    /** The relative path ({@code /}-separated) that holds a key. */
    public static String encode(String key) {
        if (isPlain(key)) {
            return key;
        }
        StringBuilder out = new StringBuilder(key.length() + 16);
        int from = 0;
        while (true) {
            int slash = key.indexOf('/', from);
            int to = slash < 0 ? key.length() : slash;
            encodeSegment(key, from, to, out);
            if (slash < 0) {
                return out.toString();
            }
            out.append('/');
            from = slash + 1;
        }
    }

    /** The key a relative path holds, or null when the path is not the encoding of a key. */
    public static String decode(String path) {
        if (isPlain(path)) {
            return path;
        }
        StringBuilder key = new StringBuilder(path.length());
        StringBuilder segment = new StringBuilder();
        int from = 0;
        while (true) {
            int slash = path.indexOf('/', from);
            int to = slash < 0 ? path.length() : slash;
            String element = path.substring(from, to);
            if (element.endsWith(CONTINUED)) {
                if (slash < 0) {
                    return null; // a piece with nothing after it
                }
                segment.append(element, 0, element.length() - CONTINUED.length());
            } else {
                segment.append(element);
                String decoded = unescape(segment);
                if (decoded == null) {
                    return null;
                }
                key.append(decoded);
                segment.setLength(0);
                if (slash >= 0) {
                    key.append('/');
                }
            }
            if (slash < 0) {
                break;
            }
            from = slash + 1;
        }
        String k = key.toString();
        // Only the one path a key is written to decodes to it (no %61 for "a", no stray files).
        return encode(k).equals(path) ? k : null;
    }

    /**
     * Where a listing of a key prefix can start: the encoded folder of its complete segments plus,
     * when it stays unchanged by encoding, the partial last segment. Every key with the prefix has
     * an encoded path starting with this (which may hold more keys: filter the decoded ones).
     */
    public static String pathPrefix(String prefix) {
        int slash = prefix.lastIndexOf('/');
        String folder = slash < 0 ? "" : encode(prefix.substring(0, slash)) + "/";
        String partial = prefix.substring(slash + 1);
        boolean keepsItsShape = !partial.isEmpty() && partial.charAt(0) != '.'
                && utf8Length(partial, 0, partial.length()) < MAX_ELEMENT_BYTES - CONTINUED.length()
                && plainCharacters(partial, 0, partial.length());
        return keepsItsShape ? folder + partial : folder;
    }

    /** The encoded folder of a prefix's complete segments: "" or a path ending in {@code /}. */
    public static String folderOf(String prefix) {
        int slash = prefix.lastIndexOf('/');
        return slash < 0 ? "" : encode(prefix.substring(0, slash)) + "/";
    }

    /** True when the key is its own path: no segment needs escaping or cutting. One pass, no allocation. */
    static boolean isPlain(String key) {
        int from = 0;
        int n = key.length();
        while (true) {
            int slash = key.indexOf('/', from);
            int to = slash < 0 ? n : slash;
            if (!plainSegment(key, from, to)) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            from = slash + 1;
        }
    }

    private static boolean plainSegment(String key, int from, int to) {
        int length = to - from;
        if (length == 0 || (key.charAt(from) == '.' && (length <= 2 && (length == 1 || key.charAt(from + 1) == '.')
                || reserved(key, from, to)))) {
            return false;
        }
        return plainCharacters(key, from, to) && utf8Length(key, from, to) <= MAX_ELEMENT_BYTES;
    }

    private static boolean plainCharacters(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '%' || c == '\\') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false; // not Unicode: no UTF-8 form
                }
            }
        }
        return true;
    }

    private static boolean reserved(String s, int from, int to) {
        for (String r : RESERVED) {
            if (to - from >= r.length() && s.startsWith(r, from)) {
                return true;
            }
        }
        return false;
    }

    private static void encodeSegment(String key, int from, int to, StringBuilder out) {
        if (from == to) {
            out.append('%');
            return;
        }
        if (plainSegment(key, from, to)) {
            out.append(key, from, to);
            return;
        }
        boolean dots = key.charAt(from) == '.' && (to - from == 1 || (to - from == 2 && key.charAt(from + 1) == '.'));
        boolean reserved = reserved(key, from, to);
        // The segment as escaped units (one code point each), then cut at unit boundaries if too long.
        java.util.List<String> units = new java.util.ArrayList<>(to - from);
        int total = 0;
        for (int i = from; i < to; ) {
            int cp = key.codePointAt(i);
            if (Character.isSurrogate(key.charAt(i)) && Character.charCount(cp) == 1) {
                throw new IllegalArgumentException("a key must be Unicode text (a lone surrogate at " + i + ")");
            }
            boolean escape = cp < 0x20 || cp == 0x7f || cp == '%' || cp == '\\'
                    || (cp == '.' && (dots || (reserved && i == from)));
            String unit = escape ? escaped(cp) : new String(Character.toChars(cp));
            units.add(unit);
            total += escape ? unit.length() : utf8Length(cp);
            i += Character.charCount(cp);
        }
        if (total <= MAX_ELEMENT_BYTES) {
            for (String u : units) {
                out.append(u);
            }
            return;
        }
        int room = MAX_ELEMENT_BYTES - CONTINUED.length();
        int bytes = 0;
        for (String u : units) {
            int b = u.charAt(0) == '%' ? u.length() : utf8Length(u, 0, u.length());
            if (bytes + b > room) {
                out.append(CONTINUED).append('/');
                bytes = 0;
            }
            out.append(u);
            bytes += b;
        }
    }

    private static String escaped(int cp) {
        byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length * 3];
        for (int i = 0; i < bytes.length; i++) {
            out[3 * i] = '%';
            out[3 * i + 1] = HEX[(bytes[i] >> 4) & 0xf];
            out[3 * i + 2] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** {@code %HH} back to bytes, the rest as UTF-8; null when malformed. */
    private static String unescape(CharSequence element) {
        if (element.length() == 1 && element.charAt(0) == '%') {
            return "";
        }
        ByteBuffer bytes = ByteBuffer.allocate(element.length() * 4);
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '%') {
                if (i + 2 >= element.length()) {
                    return null;
                }
                int hi = Character.digit(element.charAt(i + 1), 16);
                int lo = Character.digit(element.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c < 0x80) {
                bytes.put((byte) c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < element.length() ? i + 2 : i + 1;
                bytes.put(element.subSequence(i, end).toString().getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        bytes.flip();
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int utf8Length(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
