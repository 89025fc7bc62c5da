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

    @Test
    void aCountAtTheThresholdIsWithheldWhenItsPerturbationTakesItBelow() {
        // true 10 published as 9: withheld, and 12 with it; true 9 published as 11: withheld all the same
        assertThat(control.suppressColumn(new long[] {40, 12, 10}, new long[] {41, 12, 9}, new boolean[3]))
                .containsExactly(false, true, true);
        assertThat(control.suppressColumn(new long[] {40, 9, 20}, new long[] {40, 11, 20}, new boolean[3]))
                .containsExactly(false, true, true);
        // a forced cell (Not coded when the coded answers are few) takes a partner like any other
        assertThat(control.suppressColumn(new long[] {40, 30, 20}, new long[] {40, 30, 20}, new boolean[] {true, false, false}))
                .containsExactly(true, false, true);
    }

    @Test
    void aWithheldBaseIsAnUnknownAmongTheGroupBases() {
        // the question's base is withheld; publishing every group base would give it back as their sum
        DisclosureControl.Breakdown b = control.suppressBreakdown(new boolean[] {true, true}, true,
                new long[] {12, 15}, new long[] {12, 15}, new long[][] {{6, 6}, {7, 8}}, new long[][] {{6, 6}, {7, 8}},
                new boolean[2]);
        assertThat(b.groupWithheld()).containsExactly(true, false);
    }

    @Test
    void randomPerturbedTablesNeverLeaveASingleWithheldCellInAnyRelation() {
        // As above, with every cell perturbed by up to 2 (the published count), the question's base
        // sometimes withheld, and a last "Not stated" group that is often small.
        Random random = new Random(20260115L);
        for (int t = 0; t < 5_000; t++) {
            int options = 1 + random.nextInt(6);
            int groups = 3 + random.nextInt(5);
            long[][] cells = new long[groups][options];
            long[][] published = new long[groups][options];
            long[] bases = new long[groups];
            long[] publishedBases = new long[groups];
            long[] overall = new long[options];
            long[] publishedOverall = new long[options];
            for (int g = 0; g < groups; g++) {
                for (int o = 0; o < options; o++) {
                    boolean small = g == groups - 1 ? random.nextBoolean() : random.nextInt(4) == 0;
                    long v = small ? random.nextInt(10) : random.nextInt(60);
                    cells[g][o] = v;
                    published[g][o] = noisy(random, v);
                    bases[g] += v;
                    overall[o] += v;
                }
                publishedBases[g] = noisy(random, bases[g]);
            }
            for (int o = 0; o < options; o++) {
                publishedOverall[o] = noisy(random, overall[o]);
            }
            boolean[] forced = new boolean[groups];
            for (int g = 0; g < groups; g++) {
                forced[g] = random.nextInt(8) == 0;
            }
            boolean baseWithheld = random.nextInt(10) == 0;
            boolean[] overallForced = new boolean[options];
            java.util.Arrays.fill(overallForced, baseWithheld);
            boolean[] overallSuppressed = control.suppressColumn(overall, publishedOverall, overallForced);
            for (int o = 0; o < options; o++) {
                if (overall[o] < 10 || publishedOverall[o] < 10) {
                    assertThat(overallSuppressed[o]).isTrue();
                }
            }
            if (options > 1) {
                assertThat(count(overallSuppressed)).isNotEqualTo(1);
            }
            baseWithheld |= control.baseWithheld(overallSuppressed);
            DisclosureControl.Breakdown b = control.suppressBreakdown(overallSuppressed, baseWithheld, bases,
                    publishedBases, cells, published, forced);
            int unknownBases = baseWithheld ? 1 : 0;
            for (int g = 0; g < groups; g++) {
                if (forced[g] || bases[g] < 10 || publishedBases[g] < 10) {
                    assertThat(b.groupWithheld()[g]).isTrue();
                }
                unknownBases += b.groupWithheld()[g] ? 1 : 0;
                for (int o = 0; o < options; o++) {
                    if (b.groupWithheld()[g] || cells[g][o] < 10 || published[g][o] < 10) {
                        assertThat(b.cellWithheld()[g][o]).isTrue();
                    }
                }
                if (!b.groupWithheld()[g]) {
                    assertThat(count(b.cellWithheld()[g])).isNotEqualTo(1);
                }
            }
            assertThat(unknownBases).isNotEqualTo(1);
            for (int o = 0; o < options; o++) {
                int unknown = overallSuppressed[o] ? 1 : 0;
                for (int g = 0; g < groups; g++) {
                    unknown += b.cellWithheld()[g][o] ? 1 : 0;
                }
                assertThat(unknown).isNotEqualTo(1);
            }
        }
    }

    private static long noisy(Random random, long v) {
        return v == 0 ? 0 : Math.max(0, v + random.nextInt(5) - 2);
    }

    private static int count(boolean[] s) {
        int n = 0;
        for (boolean b : s) {
            n += b ? 1 : 0;
        }
        return n;
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
