package org.bigpicture.core.util;

/**
 * Reads numbers as statistical extracts write them: plain ({@code 94.7261896202678}), with
 * thousands separators ({@code "293,423"}), signed, with exponents. Suppression and status markers
 * ({@code *}, {@code ..}, {@code :}, {@code x}, {@code -}, …) are not numbers; {@link #marker} says
 * whether a cell is one of them.
 *
 * <p>{@link #parse(byte[], int, int)} reads the same numbers from UTF-8 bytes, so that a CSV
 * reader can hand over a number without making a string of it (issue 6: five numeric cells a row
 * were five strings a row); {@code NumbersTest} keeps the two readings equal.
 */
public final class Numbers {

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private Numbers() {
    }

    /** The number in {@code s}, or NaN when it is not one. */
    public static double parse(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) == ' ') {
            i++;
        }
        while (n > i && s.charAt(n - 1) == ' ') {
            n--;
        }
        if (i >= n) {
            return Double.NaN;
        }
        int start = i;
        boolean negative = false;
        char c = s.charAt(i);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        int groupDigits = -1; // digits since the last thousands separator, -1 when none seen
        boolean seenDot = false;
        boolean slow = false;
        int intDigits = 0;
        for (; i < n; i++) {
            c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0 || seenDot) {
                        digits++;
                    }
                } else {
                    slow = true;
                }
                if (seenDot) {
                    fraction++;
                } else {
                    intDigits++;
                    if (groupDigits >= 0) {
                        groupDigits++;
                    }
                }
            } else if (c == ',' && !seenDot) {
                // thousands separator: needs 1-3 digits before the first, exactly 3 between
                if (intDigits == 0 || (groupDigits >= 0 && groupDigits != 3) || (groupDigits < 0 && intDigits > 3)) {
                    return Double.NaN;
                }
                groupDigits = 0;
            } else if (c == '.' && !seenDot) {
                if (groupDigits >= 0 && groupDigits != 3) {
                    return Double.NaN;
                }
                seenDot = true;
            } else if ((c == 'e' || c == 'E') && (intDigits > 0 || fraction > 0)) {
                slow = true;
                break;
            } else {
                return Double.NaN;
            }
        }
        if (intDigits == 0 && fraction == 0) {
            return Double.NaN;
        }
        if (groupDigits >= 0 && groupDigits != 3 && !seenDot) {
            return Double.NaN;
        }
        if (!slow && fraction <= 22 && mantissa < (1L << 53)) {
            double v = fraction == 0 ? mantissa : mantissa / POW10[fraction];
            return negative ? -v : v;
        }
        try {
            if (s.indexOf(',') < 0) {
                return Double.parseDouble(s); // it trims spaces itself
            }
            return Double.parseDouble(s.substring(start, n).replace(",", ""));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The number in UTF-8 bytes {@code b[from, to)}, or NaN when it is not one: exactly as {@link #parse(String)}. */
    public static double parse(byte[] b, int from, int to) {
        int n = to;
        int i = from;
        while (i < n && b[i] == ' ') {
            i++;
        }
        while (n > i && b[n - 1] == ' ') {
            n--;
        }
        if (i >= n) {
            return Double.NaN;
        }
        boolean negative = false;
        byte c = b[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        int groupDigits = -1;
        boolean seenDot = false;
        boolean slow = false;
        int intDigits = 0;
        for (; i < n; i++) {
            c = b[i];
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    if (mantissa != 0 || seenDot) {
                        digits++;
                    }
                } else {
                    slow = true;
                }
                if (seenDot) {
                    fraction++;
                } else {
                    intDigits++;
                    if (groupDigits >= 0) {
                        groupDigits++;
                    }
                }
            } else if (c == ',' && !seenDot) {
                if (intDigits == 0 || (groupDigits >= 0 && groupDigits != 3) || (groupDigits < 0 && intDigits > 3)) {
                    return Double.NaN;
                }
                groupDigits = 0;
            } else if (c == '.' && !seenDot) {
                if (groupDigits >= 0 && groupDigits != 3) {
                    return Double.NaN;
                }
                seenDot = true;
            } else if ((c == 'e' || c == 'E') && (intDigits > 0 || fraction > 0)) {
                slow = true;
                break;
            } else {
                return Double.NaN;
            }
        }
        if (intDigits == 0 && fraction == 0) {
            return Double.NaN;
        }
        if (groupDigits >= 0 && groupDigits != 3 && !seenDot) {
            return Double.NaN;
        }
        if (!slow && fraction <= 22 && mantissa < (1L << 53)) {
            double v = fraction == 0 ? mantissa : mantissa / POW10[fraction];
            return negative ? -v : v;
        }
        // Rare (exponents, more than 18 digits): the string reading decides.
        return parse(new String(b, from, to - from, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** True for the markers publishers put where a value is suppressed, missing or not applicable. */
    public static boolean marker(String s) {
        String t = s.trim();
        return switch (t) {
            case "*", "**", "-", "..", "...", ":", "x", "X", "c", "~", "!", "#", "z", "u", "[c]", "[x]", "[z]",
                 "[u]", "[low]", "n/a", "N/A", "NA", "null" -> true;
            default -> false;
        };
    }

    /** Whether {@code s} holds a whole number (possibly with thousands separators). */
    public static boolean isWhole(double v) {
        return v == Math.rint(v) && Math.abs(v) < 9.0e15;
    }

    /**
     * A number cell as text for the readers that hand cells out as strings: {@link Decimals#shortest},
     * or {@code NaN}, {@code INF}, {@code -INF} (Table Schema's spellings) for what has no decimal.
     */
    public static String text(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "INF" : "-INF";
        }
        return Decimals.shortest(v);
    }
}
