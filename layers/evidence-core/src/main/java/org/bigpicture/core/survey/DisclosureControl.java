package org.bigpicture.core.survey;

import java.util.ArrayList;
import java.util.List;

/**
 * Cell suppression for published survey tables. Primary: every count below
 * {@link DisclosureRules#minCellCount()} is withheld. Secondary: wherever a published total or
 * base would let a reader recover a withheld cell by subtraction (a question's options against
 * its base, one option across the groups of a breakdown against the overall count, the group
 * bases against the question's base), the next smallest cell of that relation is withheld too,
 * until every relation has no withheld cell or at least two. Zero counts count as small.
 * Percentages and intervals are published only on a base of at least
 * {@link DisclosureRules#minBaseForPercentage()}.
 */
public final class DisclosureControl {

    private final DisclosureRules rules;

    public DisclosureControl(DisclosureRules rules) {
        this.rules = rules;
    }

    public DisclosureRules rules() {
        return rules;
    }

    /** Which cells of one column (options of a question, with a published base) are withheld. */
    public boolean[] suppressColumn(long[] counts) {
        boolean[] s = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            s[i] = counts[i] < rules.minCellCount();
        }
        secondaryInColumn(counts, s);
        return s;
    }

    /**
     * Suppression of one breakdown of a question by a group question.
     *
     * @param overallSuppressed the question's own (final) column suppression
     * @param groupBases        per group: respondents in the group who answered the question
     * @param groupCounts       per group, per option: count
     * @param groupWithheld     per group: the group's own count is withheld in the group question,
     *                          so the whole group must be withheld here too
     */
    public Breakdown suppressBreakdown(boolean[] overallSuppressed, long[] groupBases, long[][] groupCounts,
                                       boolean[] groupWithheld) {
        int groups = groupBases.length;
        int options = overallSuppressed.length;
        boolean[] block = new boolean[groups];
        boolean[][] cell = new boolean[groups][options];
        for (int g = 0; g < groups; g++) {
            block[g] = groupWithheld[g] || groupBases[g] < rules.minCellCount();
            for (int o = 0; o < options; o++) {
                cell[g][o] = block[g] || groupCounts[g][o] < rules.minCellCount();
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            // 1. a group's options against the group's base
            for (int g = 0; g < groups; g++) {
                if (block[g]) {
                    continue;
                }
                if (secondaryInColumn(groupCounts[g], cell[g])) {
                    changed = true;
                } else if (withheld(cell[g]) == 1) {
                    // a lone option: its count is the group's base, so the whole group goes
                    block[g] = true;
                    java.util.Arrays.fill(cell[g], true);
                    changed = true;
                }
            }
            // 2. one option across the groups against the option's overall count
            for (int o = 0; o < options; o++) {
                int unknown = overallSuppressed[o] ? 1 : 0;
                for (int g = 0; g < groups; g++) {
                    unknown += cell[g][o] ? 1 : 0;
                }
                if (unknown == 1) {
                    int pick = -1;
                    for (int g = 0; g < groups; g++) {
                        if (!cell[g][o] && (pick < 0 || groupCounts[g][o] < groupCounts[pick][o])) {
                            pick = g;
                        }
                    }
                    if (pick >= 0) {
                        cell[pick][o] = true;
                        changed = true;
                    }
                }
            }
            // 3. the group bases against the question's base
            int withheld = 0;
            for (boolean b : block) {
                withheld += b ? 1 : 0;
            }
            if (withheld == 1 && groups > 1) {
                int pick = -1;
                for (int g = 0; g < groups; g++) {
                    if (!block[g] && (pick < 0 || groupBases[g] < groupBases[pick])) {
                        pick = g;
                    }
                }
                block[pick] = true;
                java.util.Arrays.fill(cell[pick], true);
                changed = true;
            }
        }
        return new Breakdown(block, cell);
    }

    /**
     * True when the column's base must be withheld too: its only withheld cell could not be paired
     * with another (a question with a single option, whose count is its base).
     */
    public boolean baseWithheld(boolean[] suppressed) {
        return withheld(suppressed) == 1;
    }

    private static int withheld(boolean[] s) {
        int n = 0;
        for (boolean b : s) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /**
     * If exactly one cell of the column is withheld, withholds the smallest published one (the
     * first of equals). Returns whether it changed anything.
     */
    private static boolean secondaryInColumn(long[] counts, boolean[] s) {
        if (withheld(s) != 1) {
            return false;
        }
        int pick = -1;
        for (int i = 0; i < counts.length; i++) {
            if (!s[i] && (pick < 0 || counts[i] < counts[pick])) {
                pick = i;
            }
        }
        if (pick < 0) {
            return false;
        }
        s[pick] = true;
        return true;
    }

    /** One published cell: count, percentage of the base and its interval, as the rules allow. */
    public SurveySummary.OptionCount cell(String label, long count, long base, boolean suppressed) {
        if (suppressed) {
            return new SurveySummary.OptionCount(label, null, null, null, null, true);
        }
        if (base < rules.minBaseForPercentage() || base <= 0) {
            return new SurveySummary.OptionCount(label, count, null, null, null, false);
        }
        double[] ci = Wilson.interval(count, base);
        return new SurveySummary.OptionCount(label, count, Wilson.pct(count, base), ci[0], ci[1], false);
    }

    /** The cells of one column. */
    public List<SurveySummary.OptionCount> column(List<String> labels, long[] counts, long base, boolean[] suppressed) {
        List<SurveySummary.OptionCount> out = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            out.add(cell(labels.get(i), counts[i], base, suppressed[i]));
        }
        return out;
    }

    /**
     * The outcome of {@link #suppressBreakdown}.
     *
     * @param groupWithheld per group: the whole group (base and every cell) is withheld
     * @param cellWithheld  per group, per option
     */
    public record Breakdown(boolean[] groupWithheld, boolean[][] cellWithheld) {
    }
}
