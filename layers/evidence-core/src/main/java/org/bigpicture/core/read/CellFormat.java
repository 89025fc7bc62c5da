package org.bigpicture.core.read;

import org.bigpicture.core.convert.CellKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * How a spreadsheet number format shows a stored number, reduced to what a data reader needs.
 * Decided once per format code and cached by the readers (per style), so that nothing is parsed per
 * cell. The rule (README, "Numbers in workbooks"): a cell's text is the stored number as Excel itself
 * holds it, to 15 significant digits ({@code 37.770000000000003} is {@code 37.77}; integers stay
 * integers; no thousands separators or currency symbols), with the format applied where it changes
 * what the number means:
 *
 * <ul>
 *   <li>percentages ({@code 0.0%}): the value times 100 and a {@code %} sign ({@code 0.175} is
 *       {@code 17.5%}): the same text a CSV export holds, so one rule reads both, on the 0–100 scale
 *       the hub publishes ({@link Shown#number} is 17.5);</li>
 *   <li>dates and times: ISO 8601 ({@code 2022-06-30}, {@code 2022-06-30T09:30}, {@code 09:30:00}),
 *       in the workbook's date system;</li>
 *   <li>decimal places ({@code 0.0}, {@code #,##0}) are how many digits the publisher chose to
 *       <em>show</em>, not the value: they are kept as {@link #decimals} (a reader may want them) but
 *       never cut the stored number ({@code 11.92961276322626} shown as 11.9 is 11.9296127632263:
 *       15,613 of 130,876 households is 11.93%, and 11.9 would pass for it at two places).</li>
 * </ul>
 */
final class CellFormat {

    enum Kind { GENERAL, FIXED, PERCENT, DATE, DATE_TIME, TIME }

    static final CellFormat GENERAL = new CellFormat(Kind.GENERAL, 0, "General");

    private static final MathContext FIFTEEN = new MathContext(15, RoundingMode.HALF_UP);
    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);

    final Kind kind;
    /** Decimal places the format shows, for FIXED and PERCENT (-1: as many as the value has). */
    final int decimals;
    /** The format code as the file wrote it (or the built-in one it stands for). */
    final String code;
    /** A "%" written as text after the number ({@code 0.0"%"}): shown, but the value is not scaled. */
    private final boolean textPercent;

    private CellFormat(Kind kind, int decimals, String code) {
        this(kind, decimals, code, false);
    }

    private CellFormat(Kind kind, int decimals, String code, boolean textPercent) {
        this.kind = kind;
        this.decimals = decimals;
        this.code = code;
        this.textPercent = textPercent;
    }

    /** A fixed number of decimal places (OpenDocument number and currency styles). */
    static CellFormat fixed(int decimals, String code) {
        return new CellFormat(Kind.FIXED, decimals, code);
    }

    /** A percentage with a fixed number of places, or with the value's own digits when {@code decimals} is negative. */
    static CellFormat percent(int decimals, String code) {
        return new CellFormat(Kind.PERCENT, decimals, code);
    }

    /** General, under another code (an OpenDocument style's name). */
    static CellFormat general(String code) {
        return new CellFormat(Kind.GENERAL, 0, code);
    }

    /** Excel's built-in format codes, by id (ECMA-376 part 1, 18.8.30), for those that matter here. */
    static String builtIn(int id) {
        return switch (id) {
            case 1 -> "0";
            case 2 -> "0.00";
            case 3 -> "#,##0";
            case 4 -> "#,##0.00";
            case 5, 6 -> "\"£\"#,##0";
            case 7, 8 -> "\"£\"#,##0.00";
            case 9 -> "0%";
            case 10 -> "0.00%";
            case 11 -> "0.00E+00";
            case 12 -> "# ?/?";
            case 13 -> "# ??/??";
            case 14 -> "yyyy-mm-dd";
            case 15 -> "d-mmm-yy";
            case 16 -> "d-mmm";
            case 17 -> "mmm-yy";
            case 18 -> "h:mm AM/PM";
            case 19 -> "h:mm:ss AM/PM";
            case 20 -> "h:mm";
            case 21 -> "h:mm:ss";
            case 22 -> "yyyy-mm-dd h:mm";
            case 37, 38 -> "#,##0 ;(#,##0)";
            case 39, 40 -> "#,##0.00;(#,##0.00)";
            case 41, 42 -> "#,##0";
            case 43, 44 -> "#,##0.00";
            case 45 -> "mm:ss";
            case 46 -> "[h]:mm:ss";
            case 47 -> "mm:ss.0";
            case 48 -> "##0.0E+0";
            case 49 -> "@";
            default -> "General";
        };
    }

    /** The rule for a format code (the first section decides; the others only change signs and colours). */
    static CellFormat of(String code) {
        if (code == null || code.isBlank() || code.equalsIgnoreCase("general")) {
            return GENERAL;
        }
        // Read the first section outside quotes, brackets and escapes.
        StringBuilder plain = new StringBuilder();
        boolean quoted = false;
        boolean literalPercent = false;
        int bracket = 0;
        boolean elapsed = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else if (c == '%') {
                    literalPercent = true;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                int close = code.indexOf(']', i);
                if (close < 0) {
                    break;
                }
                String inside = code.substring(i + 1, close).toLowerCase(java.util.Locale.ROOT);
                if (inside.equals("h") || inside.equals("hh") || inside.equals("m") || inside.equals("mm")
                        || inside.equals("s") || inside.equals("ss")) {
                    elapsed = true;
                    plain.append(inside.charAt(0));
                }
                i = close;
                bracket++;
            } else if (c == '\\' || c == '_' || c == '*') {
                if (c == '\\' && i + 1 < code.length() && code.charAt(i + 1) == '%') {
                    literalPercent = true;
                }
                i++; // the next character is literal (or padding)
            } else if (c == ';') {
                break;
            } else {
                plain.append(Character.toLowerCase(c));
            }
        }
        String p = plain.toString();
        if (p.equals("general") || p.equals("@") || p.isEmpty()) {
            return new CellFormat(Kind.GENERAL, 0, code);
        }
        boolean hasDate = p.indexOf('y') >= 0 || p.indexOf('d') >= 0 || hasMonth(p);
        boolean hasTime = p.indexOf('h') >= 0 || p.indexOf('s') >= 0 && p.indexOf(':') >= 0 || elapsed;
        if (hasDate && !p.contains("0") && !p.contains("#")) {
            return new CellFormat(hasTime ? Kind.DATE_TIME : Kind.DATE, 0, code);
        }
        if (hasTime && !elapsed && p.indexOf('0') < 0 && p.indexOf('#') < 0) {
            return new CellFormat(Kind.TIME, 0, code);
        }
        if (p.indexOf('e') >= 0 || p.indexOf('/') >= 0 || elapsed) {
            return new CellFormat(Kind.GENERAL, 0, code); // scientific, fractions, durations: the value itself
        }
        // Digits: count the placeholders after the decimal point; a comma after the last one scales.
        int dot = p.indexOf('.');
        int decimals = 0;
        int lastDigit = -1;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '0' || c == '#' || c == '?') {
                lastDigit = i;
                if (dot >= 0 && i > dot) {
                    decimals++;
                }
            }
        }
        if (lastDigit < 0) {
            return new CellFormat(Kind.GENERAL, 0, code);
        }
        if (lastDigit + 1 < p.length() && p.charAt(lastDigit + 1) == ',') {
            return new CellFormat(Kind.GENERAL, 0, code); // #,##0, shows thousands: keep the true value
        }
        if (p.indexOf('%') >= 0) {
            return new CellFormat(Kind.PERCENT, decimals, code);
        }
        if (literalPercent) {
            return new CellFormat(Kind.FIXED, decimals, code, true);
        }
        return new CellFormat(Kind.FIXED, decimals, code);
    }

    /** An 'm' that is a month: not next to 'h' or 's' (then it is minutes). */
    private static boolean hasMonth(String p) {
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) != 'm') {
                continue;
            }
            int before = i - 1;
            while (before >= 0 && (p.charAt(before) == 'm' || p.charAt(before) == ':' || p.charAt(before) == ' ')) {
                before--;
            }
            int after = i + 1;
            while (after < p.length() && (p.charAt(after) == 'm' || p.charAt(after) == ':' || p.charAt(after) == ' ')) {
                after++;
            }
            boolean nearHour = before >= 0 && p.charAt(before) == 'h';
            boolean nearSecond = after < p.length() && p.charAt(after) == 's';
            if (!nearHour && !nearSecond) {
                return true;
            }
        }
        return false;
    }

    /** An Excel-style code for a format known only by its decimals (OpenDocument styles): "0.00", "0.0%", "General". */
    String excelCode() {
        if (kind != Kind.FIXED && kind != Kind.PERCENT || decimals < 0) {
            return kind == Kind.PERCENT ? "0%" : code;
        }
        String digits = decimals == 0 ? "0" : "0." + "0".repeat(decimals);
        return kind == Kind.PERCENT ? digits + "%" : digits;
    }

    /** Whether the format shows a "%" after the number. */
    boolean showsPercent() {
        return kind == Kind.PERCENT || textPercent;
    }

    /** What the cell shows for the stored number {@code v}. */
    Shown show(double v, boolean date1904) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return new Shown(Double.isNaN(v) ? "NaN" : v > 0 ? "INF" : "-INF", v, CellKind.NUMBER);
        }
        switch (kind) {
            case FIXED: {
                Shown g = general(v);
                return textPercent ? new Shown(g.text() + "%", g.number(), CellKind.NUMBER) : g;
            }
            case PERCENT: {
                BigDecimal d = fifteen(v).movePointRight(2).stripTrailingZeros();
                if (d.scale() < 0) {
                    d = d.setScale(0);
                }
                return new Shown(plain(d) + "%", d.doubleValue(), CellKind.NUMBER);
            }
            case DATE:
            case DATE_TIME:
            case TIME: {
                String s = date(v, date1904, kind);
                return s == null ? general(v) : new Shown(s, v, CellKind.DATE);
            }
            default:
                return general(v);
        }
    }

    /**
     * What the cell shows for a number the file wrote as {@code text} (XLSX {@code <v>}, ODS
     * {@code office:value}): as {@link #show(double, boolean)}, but a plain decimal of at most 15
     * significant digits is its own answer (most cells), so that no {@link BigDecimal} is made for it.
     */
    Shown show(String text, double v, boolean date1904) {
        if ((kind == Kind.GENERAL || kind == Kind.FIXED && !textPercent) && plainDecimal(text)) {
            return new Shown(canonical(text), v, CellKind.NUMBER);
        }
        return show(v, date1904);
    }

    /** Digits with at most one point and sign, no exponent, at most 15 significant digits. */
    private static boolean plainDecimal(String t) {
        int n = t.length();
        if (n == 0 || n > 40) {
            return false;
        }
        int i = t.charAt(0) == '-' ? 1 : 0;
        if (i == n) {
            return false;
        }
        boolean dot = false;
        int significant = 0;
        boolean leading = true;
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (c == '.') {
                if (dot) {
                    return false;
                }
                dot = true;
            } else if (c >= '0' && c <= '9') {
                if (c != '0' || !leading) {
                    leading = false;
                    significant++;
                }
            } else {
                return false;
            }
        }
        // trailing zeros after the point are not significant, but count them against the limit only if kept
        return significant <= 15;
    }

    /** A plain decimal without leading zeros (but one before the point), trailing fraction zeros or a lone point; -0 as 0. */
    private static String canonical(String t) {
        int n = t.length();
        boolean negative = t.charAt(0) == '-';
        int start = negative ? 1 : 0;
        int dot = t.indexOf('.');
        int end = n;
        if (dot >= 0) {
            while (end > dot + 1 && t.charAt(end - 1) == '0') {
                end--;
            }
            if (end == dot + 1) {
                end = dot;
            }
        }
        int intEnd = dot >= 0 ? Math.min(dot, end) : end;
        while (start < intEnd - 1 && t.charAt(start) == '0') {
            start++;
        }
        String body = t.substring(start, end);
        if (body.startsWith(".")) {
            body = "0" + body;
        }
        boolean zero = true;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '0' && c != '.') {
                zero = false;
                break;
            }
        }
        if (zero) {
            return "0";
        }
        return negative ? "-" + body : body;
    }

    /** The stored value to Excel's 15 significant digits, as plain text. */
    static Shown general(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            long l = (long) v;
            return new Shown(Long.toString(l), l, CellKind.NUMBER);
        }
        BigDecimal d = fifteen(v).stripTrailingZeros();
        if (d.scale() < 0) {
            d = d.setScale(0);
        }
        return new Shown(plain(d), d.doubleValue(), CellKind.NUMBER);
    }

    private static BigDecimal fifteen(double v) {
        return new BigDecimal(v).round(FIFTEEN);
    }

    private static String plain(BigDecimal d) {
        String s = d.toPlainString();
        if (s.startsWith("-") && d.signum() == 0) {
            return s.substring(1); // "-0.00" shows as 0.00
        }
        return s;
    }

    /** A serial date as ISO 8601; null when out of range (the number is then shown as it is). */
    static String date(double serial, boolean date1904, Kind kind) {
        if (serial < 0 || serial > 2_958_465) { // 9999-12-31
            return null;
        }
        long days = (long) Math.floor(serial);
        double fraction = serial - days;
        long seconds = Math.round(fraction * 86_400);
        if (seconds == 86_400) {
            days++;
            seconds = 0;
        }
        LocalTime time = LocalTime.ofSecondOfDay(seconds);
        if (kind == Kind.TIME && days == 0) {
            return time.toString().length() == 5 ? time + ":00" : time.toString();
        }
        LocalDate date;
        if (date1904) {
            date = EPOCH_1904.plusDays(days);
        } else {
            if (days == 0) {
                return kind == Kind.TIME ? time.toString() : null;
            }
            // Excel counts 1900-02-29, which never was: serials before it are one day later than true.
            date = days < 61 ? EPOCH_1900.plusDays(days + 1) : EPOCH_1900.plusDays(days);
        }
        if (kind == Kind.DATE && seconds == 0 || kind == Kind.DATE_TIME && seconds == 0) {
            return date.toString();
        }
        return LocalDateTime.of(date, time).toString();
    }

    /** A number as shown: its text, the number the text holds (17.5 for "17.5%"), and what it is. */
    record Shown(String text, double number, CellKind kind) {
    }
}
