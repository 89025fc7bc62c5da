package org.bigpicture.core.publish;

import org.bigpicture.core.util.Decimals;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * How one cell is spelt in a published CSV (RFC 4180, UTF-8, CRLF).
 *
 * <p>Text that a spreadsheet would take for a formula ({@code = + - @}, tab, carriage return at
 * the start) is neutralised by a leading apostrophe, the OWASP advice for CSV injection: Excel and
 * LibreOffice then show the text as it was. Only text cells are touched; numbers stay numbers, and
 * the Parquet twin keeps every value as it is.
 */
public final class CsvCells {

    /** Written where disclosure control suppressed a value; listed in every Table Schema's {@code missingValues}. */
    public static final String SUPPRESSED = "[c]";

    private CsvCells() {
    }

    /** True when a spreadsheet could read the text as a formula or a control sequence. */
    public static boolean isDangerous(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The text, prefixed with {@code '} when it could be read as a formula. */
    public static String neutralise(String text) {
        return isDangerous(text) ? "'" + text : text;
    }

    /**
     * RFC 4180 quoting: cells holding a comma, a quote, CR or LF are quoted, quotes doubled. Tabs
     * too, although RFC 4180 does not ask it, so that importers that sniff for tab-separated text
     * keep the cell whole.
     */
    public static String quote(String text) {
        boolean needs = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == '\t') {
                needs = true;
                break;
            }
        }
        if (!needs) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** A text cell as written: neutralised, then quoted. */
    public static String text(String value) {
        return quote(neutralise(value));
    }

    /**
     * A number as {@link Decimals#shortest} writes it (the same text as the JSON twin): the shortest
     * decimal that reads back as the same double, plain between 1e-7 and 1e21, exponent form
     * outside; {@code NaN}, {@code INF}, {@code -INF} as in Table Schema (ingest writes non-finite
     * values as null, so a lake written since has none).
     */
    public static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        return Decimals.shortest(d);
    }

    /** ISO 8601 date from days since 1970-01-01. */
    public static String date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }
}
