package org.bigpicture.core.survey;

/**
 * The cell key method (ABS TableBuilder; ONS Census 2021) for the tables of one survey export.
 *
 * <p>Every respondent carries a record key ({@link Pseudonymizer#recordKey}: a keyed hash under the
 * secret that lives outside the lake). A cell's key is computed from the sum of the record keys of the
 * respondents in it, so the same cell (the same respondents) gets the same key, and the same noise from
 * the {@link PerturbationTable}, wherever it appears: overall, in a breakdown, as a base, in the themes.
 * Two tables of one export therefore cannot be differenced for a noise-free value.
 *
 * <p>Unlike the census, a survey is republished as it grows: an edition and its {@code .2} may differ by
 * one respondent. With the classic cell key (the record key sum alone), every cell that respondent is not
 * in would keep its value and every cell they are in would move, and the cells that moved would be their
 * answers. So the key also mixes in the survey key, computed from the record keys of every respondent of
 * the export: when any respondent is added or removed, every cell of the survey gets a fresh key and
 * fresh noise, and the cells that moved say nothing about whose answers changed. An unchanged export (the
 * same respondents) keeps every key, and so publishes the same numbers again.
 *
 * <p>Both mixes go through the SplitMix64 finaliser, so a cell's key is not the sum of its parts' keys.
 */
public final class CellKeyPerturbation {

    private final PerturbationTable ptable;
    private final long surveyKey;

    /**
     * @param ptable             the noise for each count and cell key
     * @param sumOfAllRecordKeys the sum (wrapping, mod 2^64) of the record keys of every respondent of the export
     */
    public CellKeyPerturbation(PerturbationTable ptable, long sumOfAllRecordKeys) {
        this.ptable = ptable;
        this.surveyKey = scramble(sumOfAllRecordKeys ^ 0x5355525645594B45L);   // "SURVEYKE"
    }

    public PerturbationTable ptable() {
        return ptable;
    }

    /** The key (0–255) of the cell whose respondents' record keys sum to {@code recordKeySum}. */
    public int cellKey(long recordKeySum) {
        return (int) (scramble(recordKeySum + surveyKey) >>> 56);
    }

    /** The published value of a true count (before any suppression). */
    public long perturb(long count, long recordKeySum) {
        return count + ptable.perturbation(count, cellKey(recordKeySum));
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values whose every output bit depends on every input bit. */
    static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
