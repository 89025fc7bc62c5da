package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DisclosureControlTest {

    private final DisclosureControl control = new DisclosureControl(DisclosureRules.defaults());

    @Test
    void oneSmallCellTakesTheNextSmallestWithIt() {
        // base 55 = 26 + 20 + 9: publishing 26 and 20 would give away the 9
        assertThat(control.suppressColumn(new long[] {26, 20, 9})).containsExactly(false, true, true);
        // two small cells already protect each other
        assertThat(control.suppressColumn(new long[] {48, 2, 6})).containsExactly(false, true, true);
        // nothing small, nothing withheld
        assertThat(control.suppressColumn(new long[] {36, 14, 10})).containsExactly(false, false, false);
        // zero is small too
        assertThat(control.suppressColumn(new long[] {30, 0, 25})).containsExactly(false, true, true);
    }

    @Test
    void aLoneSmallOptionTakesTheBaseWithIt() {
        boolean[] s = control.suppressColumn(new long[] {7});
        assertThat(s).containsExactly(true);
        assertThat(control.baseWithheld(s)).isTrue();
        assertThat(control.baseWithheld(control.suppressColumn(new long[] {42}))).isFalse();
    }

    @Test
    void percentagesNeedABaseOfThirty() {
        assertThat(control.cell("Yes", 18, 29, false)).isEqualTo(new SurveySummary.OptionCount("Yes", 18L, null, null, null, false));
        assertThat(control.cell("Yes", 18, 30, false).pct()).isEqualTo(60.0);
        assertThat(control.cell("Yes", 18, 30, true)).isEqualTo(new SurveySummary.OptionCount("Yes", null, null, null, null, true));
    }

    @Test
    void thresholdsComeFromTheRules() {
        DisclosureControl lenient = new DisclosureControl(new DisclosureRules(5, 10));
        assertThat(lenient.suppressColumn(new long[] {26, 20, 9})).containsExactly(false, false, false);
        assertThat(lenient.cell("Yes", 6, 12, false).pct()).isEqualTo(50.0);
    }

    @Test
    void aWithheldOverallCellIsNotRecoverableFromTheGroups() {
        // overall: Yes 40, No 12 (withheld as the secondary of Maybe 3), Maybe 3
        boolean[] overall = control.suppressColumn(new long[] {40, 12, 3});
        assertThat(overall).containsExactly(false, true, true);
        // groups A and B both large: publishing No for both would give the overall No (12 = 11 + 1)
        DisclosureControl.Breakdown b = control.suppressBreakdown(overall, new long[] {30, 25},
                new long[][] {{20, 11, 0}, {20, 1, 3}}, new boolean[] {false, false});
        // A: No 11 would be the sole withheld cell of its row… so B's No (already small) covers it;
        // every row and column ends with none or at least two withheld cells.
        assertInvariants(overall, new long[] {30, 25}, new long[][] {{20, 11, 0}, {20, 1, 3}}, new boolean[] {false, false}, b);
    }

    @Test
    void randomTablesNeverLeaveASingleWithheldCellInAnyRelation() {
        Random random = new Random(20211115L);
        for (int t = 0; t < 5_000; t++) {
            int options = 1 + random.nextInt(6);
            int groups = 2 + random.nextInt(5);
            long[][] cells = new long[groups][options];
            long[] bases = new long[groups];
            long[] overall = new long[options];
            for (int g = 0; g < groups; g++) {
                for (int o = 0; o < options; o++) {
                    long v = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(60);
                    cells[g][o] = v;
                    bases[g] += v;
                    overall[o] += v;
                }
            }
            boolean[] withheldGroups = new boolean[groups];
            for (int g = 0; g < groups; g++) {
                withheldGroups[g] = random.nextInt(8) == 0;
            }
            boolean[] overallSuppressed = control.suppressColumn(overall);
            if (options > 1) {
                assertColumn(overall, overallSuppressed);
            } else {
                // a lone option's count is the base: withheld together or not at all
                assertThat(control.baseWithheld(overallSuppressed)).isEqualTo(overall[0] < 10);
            }
            DisclosureControl.Breakdown b = control.suppressBreakdown(overallSuppressed, bases, cells, withheldGroups);
            assertInvariants(overallSuppressed, bases, cells, withheldGroups, b);
        }
    }

    private static void assertColumn(long[] counts, boolean[] s) {
        int withheld = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 10) {
                assertThat(s[i]).isTrue();
            }
            withheld += s[i] ? 1 : 0;
        }
        assertThat(withheld).isNotEqualTo(1);
    }

    private static void assertInvariants(boolean[] overall, long[] bases, long[][] cells, boolean[] forced,
                                         DisclosureControl.Breakdown b) {
        int groups = bases.length;
        int options = overall.length;
        int blocks = 0;
        for (int g = 0; g < groups; g++) {
            if (forced[g] || bases[g] < 10) {
                assertThat(b.groupWithheld()[g]).isTrue();
            }
            blocks += b.groupWithheld()[g] ? 1 : 0;
            if (b.groupWithheld()[g]) {
                for (boolean c : b.cellWithheld()[g]) {
                    assertThat(c).isTrue();
                }
            } else {
                assertColumn(cells[g], b.cellWithheld()[g]);
            }
        }
        assertThat(blocks).isNotEqualTo(1);
        for (int o = 0; o < options; o++) {
            int unknown = overall[o] ? 1 : 0;
            for (int g = 0; g < groups; g++) {
                unknown += b.cellWithheld()[g][o] ? 1 : 0;
            }
            assertThat(unknown).isNotEqualTo(1);
        }
    }
}
