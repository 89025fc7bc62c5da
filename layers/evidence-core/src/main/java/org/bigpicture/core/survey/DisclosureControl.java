package org.bigpicture.core.survey;

import org.bigpicture.core.util.Wilson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cell suppression for published survey tables, on top of the cell key method's perturbation
 * ({@link CellKeyPerturbation}). Each cell has a true count and a published (perturbed) count.
 * Primary: a cell is withheld when either is below {@link DisclosureRules#minCellCount()}, so no true
 * count under the threshold is ever published, and whether a count near the threshold is published is
 * itself drawn by its cell key. Secondary: wherever a published total or base would let a reader work a
 * withheld cell out by subtraction (a question's options against its base, one option across the groups
 * of a breakdown against the overall count, the group bases against the question's base), the next
 * smallest published cell of that relation is withheld too, until every relation has no withheld cell or
 * at least two. Zero counts count as small. A breakdown's groups include the respondents who did not
 * answer the group question ("Not stated"), so they are a cell like any other, not a remainder.
 * Percentages and intervals are published only on a published base of at least
 * {@link DisclosureRules#minBaseForPercentage()}, and computed from the published count and base.
 *
 * <p>The overloads without published counts treat the true counts as published (no perturbation): the
 * suppression pattern's own rules, as the tests check them.
 */
public final class DisclosureControl {

    private final DisclosureRules rules;

    public DisclosureControl(DisclosureRules rules) {
        this.rules = rules;
    }

    public DisclosureRules rules() {
        return rules;
    }

    /** True when a cell with this true and published count is withheld on its own (primary suppression). */
    public boolean small(long count, long published) {
        return count < rules.minCellCount() || published < rules.minCellCount();
    }

    /** Which cells of one column (options of a question, with a published base) are withheld. */
    public boolean[] suppressColumn(long[] counts) {
        return suppressColumn(counts, counts, new boolean[counts.length]);
    }

    /**
     * Which cells of one column are withheld, given their true and published counts and the cells that
     * must be withheld whatever their count ({@code forced}).
     */
    public boolean[] suppressColumn(long[] counts, long[] published, boolean[] forced) {
        boolean[] s = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            s[i] = forced[i] || small(counts[i], published[i]);
        }
        secondaryInColumn(published, s);
        return s;
    }

    /**
     * Suppression of one breakdown of a question by a group question, without perturbation and with the
     * question's base published.
     */
    public Breakdown suppressBreakdown(boolean[] overallSuppressed, long[] groupBases, long[][] groupCounts,
                                       boolean[] groupWithheld) {
        return suppressBreakdown(overallSuppressed, false, groupBases, groupBases, groupCounts, groupCounts, groupWithheld);
    }

    /**
     * Suppression of one breakdown of a question by a group question.
     *
     * @param overallSuppressed     the question's own (final) column suppression
     * @param baseWithheld          the question's own base is withheld
     * @param groupBases            per group: respondents in the group who answered the question (true)
     * @param publishedGroupBases   the same, perturbed
     * @param groupCounts           per group, per option: count (true)
     * @param publishedGroupCounts  the same, perturbed
     * @param groupWithheld         per group: the group must be withheld whatever its counts (its own
     *                              count is withheld in the group question)
     */
    public Breakdown suppressBreakdown(boolean[] overallSuppressed, boolean baseWithheld, long[] groupBases,
                                       long[] publishedGroupBases, long[][] groupCounts, long[][] publishedGroupCounts,
                                       boolean[] groupWithheld) {
        int groups = groupBases.length;
        int options = overallSuppressed.length;
        boolean[] block = new boolean[groups];
        boolean[][] cell = new boolean[groups][options];
        for (int g = 0; g < groups; g++) {
            block[g] = groupWithheld[g] || small(groupBases[g], publishedGroupBases[g]);
            for (int o = 0; o < options; o++) {
                cell[g][o] = block[g] || small(groupCounts[g][o], publishedGroupCounts[g][o]);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            // 1. the group bases against the question's base (first: withholding a whole group covers
            // every option at once, where withholding cells one by one would take more)
            int unknownBases = baseWithheld ? 1 : 0;
            for (boolean b : block) {
                unknownBases += b ? 1 : 0;
            }
            if (unknownBases == 1 && groups > 1) {
                int pick = -1;
                for (int g = 0; g < groups; g++) {
                    if (!block[g] && (pick < 0 || publishedGroupBases[g] < publishedGroupBases[pick])) {
                        pick = g;
                    }
                }
                if (pick >= 0) {
                    block[pick] = true;
                    Arrays.fill(cell[pick], true);
                    changed = true;
                }
            }
            // 2. a group's options against the group's base
            for (int g = 0; g < groups; g++) {
                if (block[g]) {
                    continue;
                }
                if (secondaryInColumn(publishedGroupCounts[g], cell[g])) {
                    changed = true;
                } else if (withheld(cell[g]) == 1) {
                    // a lone option: its count is the group's base, so the whole group goes
                    block[g] = true;
                    Arrays.fill(cell[g], true);
                    changed = true;
                }
            }
            // 3. one option across the groups against the option's overall count
            for (int o = 0; o < options; o++) {
                int unknown = overallSuppressed[o] ? 1 : 0;
                for (int g = 0; g < groups; g++) {
                    unknown += cell[g][o] ? 1 : 0;
                }
                if (unknown == 1) {
                    int pick = -1;
                    for (int g = 0; g < groups; g++) {
                        if (!cell[g][o] && (pick < 0 || publishedGroupCounts[g][o] < publishedGroupCounts[pick][o])) {
                            pick = g;
                        }
                    }
                    if (pick >= 0) {
                        cell[pick][o] = true;
                        changed = true;
                    }
                }
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
    private static boolean secondaryInColumn(long[] published, boolean[] s) {
        if (withheld(s) != 1) {
            return false;
        }
        int pick = -1;
        for (int i = 0; i < published.length; i++) {
            if (!s[i] && (pick < 0 || published[i] < published[pick])) {
                pick = i;
            }
        }
        if (pick < 0) {
            return false;
        }
        s[pick] = true;
        return true;
    }

    /**
     * One published cell: count, percentage of the base and its interval, as the rules allow. The count
     * and base are the published ones, so a reader can recompute the percentage and interval from the
     * page.
     */
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
