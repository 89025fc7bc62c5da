package org.bigpicture.core.headlines;

/** The Wilson score interval for a proportion (95%, z = 1.959964), as used in survey summaries. */
final class Wilson {

    static final double Z95 = 1.959963984540054;

    private Wilson() {
    }

    /** {low, high} as proportions (0–1) for {@code count} of {@code base}. */
    static double[] interval(double count, double base) {
        if (base <= 0) {
            throw new IllegalArgumentException("base must be positive");
        }
        double p = count / base;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / base;
        double centre = (p + z2 / (2 * base)) / denom;
        double half = Z95 * Math.sqrt(p * (1 - p) / base + z2 / (4 * base * base)) / denom;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
