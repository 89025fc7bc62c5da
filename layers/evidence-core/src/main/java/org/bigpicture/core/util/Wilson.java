package org.bigpicture.core.util;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The 95% Wilson score interval for a proportion, the one used everywhere a share is published
 * (survey summaries and the headlines that quote them): as proportions, or as percentages on a
 * 0–100 scale rounded half up to one decimal.
 */
public final class Wilson {

    /** The 97.5th percentile of the standard normal distribution. */
    public static final double Z95 = 1.959963984540054;

    private Wilson() {
    }

    /** {low, high} as proportions (0–1) for {@code count} of {@code base}, unrounded. */
    public static double[] proportions(double count, double base) {
        if (base <= 0) {
            throw new IllegalArgumentException("base must be positive");
        }
        double p = count / base;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / base;
        double centre = (p + z2 / (2 * base)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / base + z2 / (4 * base * base)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
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
        double[] p = proportions(x, n);
        return new double[] {round1(100 * p[0]), round1(100 * p[1])};
    }

    static double round1(double v) {
        return Decimals.rounded(v, 1).doubleValue();
    }
}
