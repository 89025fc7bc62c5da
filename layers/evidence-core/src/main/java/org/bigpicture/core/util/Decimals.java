package org.bigpicture.core.util;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one way the hub writes a number as text (issue 12): in every CSV cell, JSON value, record
 * and page, on every JDK. {@link Double#toString(double)} changed in JDK 19 (JDK-4511638: it now
 * gives the shortest decimal; before, sometimes one digit more), so no writer may call it, nor
 * {@code String.format} or {@code BigDecimal.valueOf(double)}, which build on it; an
 * architecture test holds that.
 *
 * <p>The rule: the shortest decimal that reads back as the same double (of several with that many
 * digits, the closest), written plainly when {@code 1e-7 <= |x| < 1e21} ({@code 0.0000001},
 * {@code 293423}, {@code 37.77}) and in exponent form outside that ({@code -2.5E300},
 * {@code 1E-8}), as JavaScript writes numbers, so no reader is handed 300 digits; zero is
 * {@code 0} whatever its sign. Non-finite values have no text here: each writer says what it does
 * with them (the dataset writer makes them null).
 */
public final class Decimals {

    private static final double PLAIN_BELOW = 1e21;
    private static final double PLAIN_FROM = 1e-7;

    private Decimals() {
    }

    /** The text of a finite double, by the rule above. */
    public static String shortest(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("no decimal text for " + (Double.isNaN(d) ? "NaN" : "an infinity"));
        }
        if (d == 0) {
            return "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String fast = ShortestDecimal.format(d); // the usual range, without BigDecimal
        if (fast != null) {
            return fast;
        }
        return spell(shortestDecimal(d), Math.abs(d));
    }

    /**
     * The shortest decimal that reads back as {@code d}: the exact binary value (which
     * {@code new BigDecimal(double)} gives on every JDK) rounded to 1, 2, … 17 significant digits,
     * half to even, until it reads back; {@link BigDecimal#doubleValue()} rounds correctly.
     */
    public static BigDecimal shortestDecimal(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("no decimal for a non-finite double");
        }
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** {@code d} rounded half up to {@code places} decimals, from its shortest decimal (not its binary value). */
    public static BigDecimal rounded(double d, int places) {
        return shortestDecimal(d).setScale(places, RoundingMode.HALF_UP);
    }

    /** A whole number with thousands separators ({@code 1,234,567}), as pages show counts. */
    public static String grouped(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder s = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            s.append('-');
        }
        int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        s.append(digits, 0, first);
        for (int i = first; i < digits.length(); i += 3) {
            s.append(',').append(digits, i, i + 3);
        }
        return s.toString();
    }

    /** {@code d} with exactly {@code places} decimals, rounded half up ({@code 1.5 MB}, {@code 43.0}). */
    public static String fixed(double d, int places) {
        return rounded(d, places).toPlainString();
    }

    private static String spell(BigDecimal shortest, double magnitude) {
        if (magnitude >= PLAIN_FROM && magnitude < PLAIN_BELOW) {
            return shortest.toPlainString();
        }
        // Exponent form: one digit before the point, as 2.5E300 and 1E-8.
        String unscaled = shortest.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - shortest.scale();
        StringBuilder s = new StringBuilder(unscaled.length() + 8);
        if (shortest.signum() < 0) {
            s.append('-');
        }
        s.append(unscaled.charAt(0));
        if (unscaled.length() > 1) {
            s.append('.').append(unscaled, 1, unscaled.length());
        }
        return s.append('E').append(exponent).toString();
    }
}
