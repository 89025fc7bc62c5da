package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a test can say of a number published under the cell key method, knowing the true count: it is
 * within the largest perturbation of the truth, and a cell's percentage and 95% Wilson interval are
 * those of its published count over its published base (computed here again, independently of
 * {@link Wilson}, from the formula in README).
 */
final class Published {

    /** The default largest perturbation. */
    static final int NOISE = DisclosureRules.defaults().maxPerturbation();

    private Published() {
    }

    /** A published count (a base, a group base, respondents) near its true value. */
    static long near(Long published, long truth) {
        assertThat(published).as("published count for a true %d", truth).isNotNull();
        assertThat(published).as("published count for a true %d", truth).isBetween(truth - NOISE, truth + NOISE);
        return published;
    }

    /**
     * A published cell near its true count, at least the threshold, its percentage and interval
     * computed from the published count and base (none when the base is under the rules' minimum).
     */
    static void cell(SurveySummary.OptionCount cell, long truth, Long publishedBase, DisclosureRules rules) {
        assertThat(cell.suppressed()).as("%s suppressed", cell.label()).isFalse();
        long count = near(cell.count(), truth);
        assertThat(count).as("%s published count", cell.label()).isGreaterThanOrEqualTo(rules.minCellCount());
        if (publishedBase == null || publishedBase < rules.minBaseForPercentage()) {
            assertThat(cell.pct()).isNull();
            assertThat(cell.ci95Low()).isNull();
            return;
        }
        assertThat(count).isLessThanOrEqualTo(publishedBase);
        assertThat(cell.pct()).as("%s pct", cell.label()).isEqualTo(round1(100.0 * count / publishedBase));
        double[] ci = wilson(count, publishedBase);
        assertThat(cell.ci95Low()).as("%s lower bound", cell.label()).isEqualTo(ci[0]);
        assertThat(cell.ci95High()).as("%s upper bound", cell.label()).isEqualTo(ci[1]);
    }

    /** As {@link #cell(SurveySummary.OptionCount, long, Long, DisclosureRules)} under the default rules. */
    static void cell(SurveySummary.OptionCount cell, long truth, Long publishedBase) {
        cell(cell, truth, publishedBase, DisclosureRules.defaults());
    }

    /** A withheld cell: no count, no percentage. */
    static void withheld(SurveySummary.OptionCount cell) {
        assertThat(cell.suppressed()).as("%s suppressed", cell.label()).isTrue();
        assertThat(cell.count()).isNull();
        assertThat(cell.pct()).isNull();
    }

    /** Wilson: p = x/n, centre = (p + z²/2n)/(1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n). */
    static double[] wilson(long x, long n) {
        double z = 1.959963984540054;
        double p = x / (double) n;
        double d = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / d;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
        return new double[] {round1(100 * Math.max(0, centre - half)), round1(100 * Math.min(1, centre + half))};
    }

    static double round1(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
