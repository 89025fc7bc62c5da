package org.bigpicture.core.headlines;

import org.bigpicture.core.util.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Stable number rounding and formatting (never locale- or platform-dependent). */
final class Fmt {

    private Fmt() {
    }

    /** Rounded half-up to {@code decimals} places; {@code -0.0} becomes 0. */
    static BigDecimal round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        BigDecimal b = Decimals.shortestDecimal(v).setScale(decimals, RoundingMode.HALF_UP);
        return b.signum() == 0 ? BigDecimal.ZERO.setScale(decimals) : b;
    }

    static BigDecimal round(Double v, int decimals) {
        return v == null ? null : round(v.doubleValue(), decimals);
    }

    /** {@code 293423} → "293,423"; {@code 8.94} with 1 → "8.9". */
    static String number(double v, int decimals) {
        BigDecimal b = round(v, decimals);
        if (b == null) {
            return "n/a";
        }
        DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(b);
    }

    static String number(Double v, int decimals) {
        return v == null ? "n/a" : number(v.doubleValue(), decimals);
    }

    /** With an explicit sign: "+1,820", "-0.4", "0". */
    static String signed(double v, int decimals) {
        BigDecimal b = round(v, decimals);
        String s = number(v, decimals);
        return b != null && b.signum() > 0 ? "+" + s : s;
    }

    /** 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd". */
    static String ordinal(int n) {
        int h = n % 100;
        String suffix = h >= 11 && h <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
