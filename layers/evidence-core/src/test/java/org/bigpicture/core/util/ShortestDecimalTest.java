package org.bigpicture.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast path writes exactly what {@link Double#toString(double)} writes, or steps aside. */
class ShortestDecimalTest {

    @Test
    void agreesWithDoubleToStringOrStepsAside() {
        SplittableRandom random = new SplittableRandom(6);
        long compared = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double d = switch (i % 5) {
                case 0 -> new BigDecimal(1 + random.nextDouble() * 999).round(new MathContext(15)).doubleValue();
                case 1 -> random.nextDouble() * 1000;
                case 2 -> Math.round(random.nextDouble() * 1e6) / 100.0;
                case 3 -> -new BigDecimal(random.nextDouble() * 5e6).round(new MathContext(1 + random.nextInt(17))).doubleValue();
                default -> Double.longBitsToDouble(random.nextLong(0x3F40000000000000L, 0x4170000000000000L));
            };
            String fast = ShortestDecimal.format(d);
            if (fast != null) {
                assertThat(fast).as("%s", d).isEqualTo(Double.toString(d));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(1_000_000);
        for (double d : new double[] {0.001, 0.0015, 9_999_999.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 94.7261896202678,
            -0.5, 123.456, 1e-3 + 1e-12}) {
            String fast = ShortestDecimal.format(d);
            if (fast != null) {
                assertThat(fast).as("%s", d).isEqualTo(Double.toString(d));
            }
        }
        assertThat(ShortestDecimal.format(1.0)).isNull(); // integral: the caller writes it as a whole number
        assertThat(ShortestDecimal.format(1e-4)).isNull();
        assertThat(ShortestDecimal.format(2e7 + 0.5)).isNull();
        assertThat(ShortestDecimal.format(Double.NaN)).isNull();
    }
}
