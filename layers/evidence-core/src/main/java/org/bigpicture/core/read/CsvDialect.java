package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a delimited text file is written: encoding, delimiter and line endings, found from its first
 * 256 KiB.
 *
 * @param encoding   the detected encoding
 * @param delimiter  ',', '\t' or ';'
 * @param lineBreak  the character that ends a physical line: '\n' (LF and CRLF files) or '\r' (old Mac files)
 * @param lineEndings "CRLF", "LF", "CR", "mixed CRLF/LF" or "none" (one line)
 * @param quotedLineBreaks whether the sample holds line breaks inside quoted cells
 * @param separatorLine whether the file opens with Excel's {@code sep=;} hint line (skipped when reading)
 */
public record CsvDialect(TextEncoding.Detected encoding, char delimiter, char lineBreak, String lineEndings,
                         boolean quotedLineBreaks, boolean separatorLine) {

    public CsvDialect(TextEncoding.Detected encoding, char delimiter, char lineBreak, String lineEndings,
                      boolean quotedLineBreaks) {
        this(encoding, delimiter, lineBreak, lineEndings, quotedLineBreaks, false);
    }

    private static final int SAMPLE_BYTES = 256 * 1024;
    private static final int SAMPLE_RECORDS = 200;
    private static final char[] CANDIDATES = {',', '\t', ';'};

    /** E.g. "CSV, UTF-8 with BOM, comma-separated, CRLF line endings". */
    public String describe() {
        String sep = switch (delimiter) {
            case '\t' -> "tab-separated";
            case ';' -> "semicolon-separated";
            default -> "comma-separated";
        };
        return "CSV, " + encoding.name() + ", " + sep + ", " + lineEndings + " line endings"
                + (quotedLineBreaks ? ", line breaks inside quoted cells" : "")
                + (separatorLine ? ", Excel \"sep=\" line" : "");
    }

    /** Reads the start of the file and settles the delimiter and line endings. */
    public static CsvDialect detect(Path file, TextEncoding.Detected encoding) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomLength());
            bytes = in.readNBytes(SAMPLE_BYTES);
        }
        CharsetDecoder decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(bytes.length + 16);
        decoder.decode(ByteBuffer.wrap(bytes), out, true);
        out.flip();
        return detect(out.toString(), encoding);
    }

    static CsvDialect detect(String text, TextEncoding.Detected encoding) {
        // Excel's hint line "sep=;" names the delimiter; the table starts on the next line.
        if (text.length() >= 5 && text.regionMatches(true, 0, "sep=", 0, 4)
                && (text.length() == 5 || text.charAt(5) == '\r' || text.charAt(5) == '\n')) {
            char declared = text.charAt(4);
            int next = text.indexOf('\n');
            CsvDialect rest = detect(next < 0 ? "" : text.substring(next + 1), encoding);
            return new CsvDialect(encoding, declared, rest.lineBreak(), rest.lineEndings(), rest.quotedLineBreaks(), true);
        }
        int crlf = 0;
        int lf = 0;
        int cr = 0;
        boolean quotedBreak = false;
        // per candidate: field count of each record in the sample
        int[][] counts = new int[CANDIDATES.length][SAMPLE_RECORDS];
        int[] current = new int[CANDIDATES.length];
        int records = 0;
        boolean inQuote = false;
        boolean any = false;
        int n = text.length();
        for (int i = 0; i < n && records < SAMPLE_RECORDS; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                // as the parser does: a quote opens quoting only at the start of a cell; inside,
                // a doubled quote is a character and a single one closes
                if (inQuote) {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        inQuote = false;
                    }
                } else {
                    char prev = i == 0 ? '\n' : text.charAt(i - 1);
                    if (prev == '\n' || prev == '\r' || prev == ',' || prev == '\t' || prev == ';') {
                        inQuote = true;
                    }
                }
                any = true;
                continue;
            }
            boolean lineEnd = false;
            if (c == '\r') {
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    if (!inQuote) {
                        crlf++;
                    }
                    i++;
                } else if (!inQuote) {
                    cr++;
                }
                lineEnd = true;
            } else if (c == '\n') {
                if (!inQuote) {
                    lf++;
                }
                lineEnd = true;
            }
            if (lineEnd) {
                if (inQuote) {
                    quotedBreak = true;
                    continue;
                }
                if (any) {
                    for (int k = 0; k < CANDIDATES.length; k++) {
                        counts[k][records] = current[k] + 1;
                    }
                    records++;
                }
                java.util.Arrays.fill(current, 0);
                any = false;
                continue;
            }
            any = true;
            if (!inQuote) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        current[k]++;
                    }
                }
            }
        }
        if (any && records < SAMPLE_RECORDS) {
            for (int k = 0; k < CANDIDATES.length; k++) {
                counts[k][records] = current[k] + 1;
            }
            records++;
        }
        char delimiter = ',';
        double best = 0;
        for (int k = 0; k < CANDIDATES.length; k++) {
            double score = score(counts[k], records);
            if (score > best) {
                best = score;
                delimiter = CANDIDATES[k];
            }
        }
        String endings;
        if (crlf > 0 && lf == 0 && cr == 0) {
            endings = "CRLF";
        } else if (lf > 0 && crlf == 0 && cr == 0) {
            endings = "LF";
        } else if (cr > 0 && lf == 0 && crlf == 0) {
            endings = "CR";
        } else if (crlf == 0 && lf == 0 && cr == 0) {
            endings = "none";
        } else {
            endings = "mixed " + (crlf > 0 ? "CRLF/" : "") + (lf > 0 ? "LF/" : "") + (cr > 0 ? "CR/" : "");
            endings = endings.substring(0, endings.length() - 1);
        }
        char lineBreak = (cr > 0 && lf == 0 && crlf == 0) ? '\r' : '\n';
        return new CsvDialect(encoding, delimiter, lineBreak, endings, quotedBreak);
    }

    /**
     * How well a delimiter explains the sample: the share of records having the most common field
     * count, times a bonus for more fields; zero when it never splits a record.
     */
    private static double score(int[] counts, int records) {
        if (records == 0) {
            return 0;
        }
        java.util.Map<Integer, Integer> freq = new java.util.HashMap<>();
        int maxFields = 1;
        for (int i = 0; i < records; i++) {
            freq.merge(counts[i], 1, Integer::sum);
            maxFields = Math.max(maxFields, counts[i]);
        }
        if (maxFields <= 1) {
            return 0;
        }
        int modeCount = 0;
        int mode = 1;
        for (var e : freq.entrySet()) {
            if (e.getKey() > 1 && (e.getValue() > modeCount || (e.getValue() == modeCount && e.getKey() > mode))) {
                modeCount = e.getValue();
                mode = e.getKey();
            }
        }
        if (modeCount == 0) {
            return 0;
        }
        return (double) modeCount / records * (1 + Math.log(mode));
    }
}
