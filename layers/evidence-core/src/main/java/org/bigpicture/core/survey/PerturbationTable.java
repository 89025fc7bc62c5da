package org.bigpicture.core.survey;

import java.util.ArrayList;
import java.util.List;

/**
 * The perturbation table (ptable) of the cell key method: for a true count and a cell key from 0 to
 * {@link #KEY_RANGE} − 1, the noise added to the count. The design (README, "Disclosure control"):
 * <ul>
 *   <li>0 stays 0;</li>
 *   <li>a count n ≥ 1 moves by p, each p from −m to +m equally likely (as nearly as 256 keys allow,
 *       and symmetric, so the noise has mean 0: counts stay unbiased), where m = min(n, D) and D is
 *       {@link DisclosureRules#maxPerturbation()}: a count never goes below 0;</li>
 *   <li>so with the default D = 2, a count of 2 or more moves by −2, −1, 0, +1 or +2, each about one
 *       time in five (51, 51, 52, 51 and 51 keys of 256).</li>
 * </ul>
 * The noise is wide on purpose, wider than ONS's Census ptable (which changes about 14% of cells):
 * a republished survey's counts are all drawn afresh (see {@link CellKeyPerturbation}), and noise of
 * this width hides whether a cell moved by the one respondent added.
 */
public final class PerturbationTable {

    /** Cell keys run from 0 to 255 (ONS Census 2021 uses the same range). */
    public static final int KEY_RANGE = 256;

    private final int maxPerturbation;
    /** rows[m]: for counts whose largest move is m, the perturbation of each cell key. */
    private final int[][] rows;

    public PerturbationTable(int maxPerturbation) {
        if (maxPerturbation < 1 || maxPerturbation > DisclosureRules.MAX_PERTURBATION_LIMIT) {
            throw new IllegalArgumentException("the largest perturbation must be between 1 and "
                    + DisclosureRules.MAX_PERTURBATION_LIMIT);
        }
        this.maxPerturbation = maxPerturbation;
        rows = new int[maxPerturbation + 1][];
        for (int m = 0; m <= maxPerturbation; m++) {
            rows[m] = row(m);
        }
    }

    public int maxPerturbation() {
        return maxPerturbation;
    }

    /** The noise for a true count under a cell key (0 to 255). */
    public int perturbation(long count, int cellKey) {
        if (cellKey < 0 || cellKey >= KEY_RANGE) {
            throw new IllegalArgumentException("cell key out of range: " + cellKey);
        }
        if (count <= 0) {
            return 0;
        }
        int m = (int) Math.min(count, maxPerturbation);
        return rows[m][cellKey];
    }

    /**
     * The table as published: one row per largest move m, each perturbation with the cell keys that
     * give it (from, to inclusive).
     */
    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        for (int m = 1; m <= maxPerturbation; m++) {
            int[] r = rows[m];
            int from = 0;
            for (int k = 1; k <= KEY_RANGE; k++) {
                if (k == KEY_RANGE || r[k] != r[from]) {
                    out.add(new Row(m == maxPerturbation ? m + " or more" : String.valueOf(m), r[from], from, k - 1));
                    from = k;
                }
            }
        }
        return out;
    }

    /**
     * One line of the published table.
     *
     * @param counts       the true counts the line applies to ("1", "2 or more", …)
     * @param perturbation the noise added
     * @param fromKey      first cell key giving it
     * @param toKey        last cell key giving it
     */
    public record Row(String counts, int perturbation, int fromKey, int toKey) {
    }

    /**
     * Keys 0–255 split over −m … +m: each value gets 256 / (2m + 1) keys; the remainder goes one key to
     * 0 when it is odd, then a key to each of ±1, ±2, … in pairs, so the row stays symmetric (mean 0).
     */
    private static int[] row(int m) {
        int values = 2 * m + 1;
        int[] size = new int[values];
        int each = KEY_RANGE / values;
        int rest = KEY_RANGE - each * values;
        java.util.Arrays.fill(size, each);
        if (rest % 2 == 1) {
            size[m]++;
            rest--;
        }
        for (int d = 1; rest > 0; d++) {
            size[m - d]++;
            size[m + d]++;
            rest -= 2;
        }
        int[] out = new int[KEY_RANGE];
        int k = 0;
        for (int v = 0; v < values; v++) {
            for (int i = 0; i < size[v]; i++) {
                out[k++] = v - m;
            }
        }
        return out;
    }
}
