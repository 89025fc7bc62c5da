package org.bigpicture.core.survey;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Percentages and 95% Wilson score intervals on a 0–100 scale, one decimal. */
public final class Wilson {

    /** The 97.5th percentile of the standard normal distribution. */
    static final double Z = 1.959963984540054;

    private Wilson() {
    }

    /** 100·x/n rounded half up to one decimal. */
    public static double pct(long x, long n) {
        return round1(100.0 * x / n);
    }

    /** {lower, upper} of the 95% Wilson score interval for x successes in n, 0–100, one decimal. */
    public static double[] interval(long x, long n) {
        if (n <= 0 || x < 0 || x > n) {
            throw new IllegalArgumentException("need 0 <= x <= n and n > 0: x=" + x + ", n=" + n);
        }
        double p = (double) x / n;
        double z2 = Z * Z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new double[] {round1(100 * Math.max(0, centre - half)), round1(100 * Math.min(1, centre + half))};
    }

    static double round1(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
