package org.bigpicture.core.survey;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.dataset.RowSink;

/**
 * Counts answers during the second pass (overall, per respondent group, and free-text themes),
 * writes each respondent's answers to {@code responses.parquet}, and turns the counts into the
 * disclosure-controlled {@link SurveySummary} and {@link SurveyThemes}.
 *
 * <p>Beside every count it keeps the sum of the record keys of the respondents counted (the cell key
 * method's input, {@link CellKeyPerturbation}); the sums wrap mod 2^64, as the method intends. In every
 * breakdown the respondents who did not answer the group question are counted as a group of their own
 * ({@link SurveySummary#NOT_STATED}), never left out as a remainder a reader could subtract.
 */
final class Tally {

    private final ThemeDictionary dictionary;
    private final Pseudonymizer pseudonyms;
    private final List<SurveyQuestion> questions;
    private final List<Integer> groupQuestions = new ArrayList<>();
    private final Cells[] bases;
    private final Cells[] counts;
    /** [question][group question #]: per group label */
    private final Cells[][] groupBases;
    /** [question][group question #][group label]: per option */
    private final Cells[][][] groupCounts;
    /** [question][group question #]: the respondents who answered the question but not the group question */
    private final Cells[][] notStatedBases;
    /** [question][group question #]: their answers, per option */
    private final Cells[][] notStatedCounts;
    /** [question]: per theme, then not coded last */
    private final Cells[] themeCounts;
    private long respondents;
    private long respondentKeys;

    Tally(SurveyPlan plan, ThemeDictionary dictionary, Pseudonymizer pseudonyms) {
        this.dictionary = dictionary;
        this.pseudonyms = pseudonyms;
        this.questions = plan.questions;
        int n = questions.size();
        for (int i = 0; i < n; i++) {
            if (questions.get(i).group) {
                groupQuestions.add(i);
            }
        }
        bases = new Cells[n];
        counts = new Cells[n];
        groupBases = new Cells[n][groupQuestions.size()];
        groupCounts = new Cells[n][groupQuestions.size()][];
        notStatedBases = new Cells[n][groupQuestions.size()];
        notStatedCounts = new Cells[n][groupQuestions.size()];
        themeCounts = new Cells[n];
        for (int i = 0; i < n; i++) {
            SurveyQuestion q = questions.get(i);
            bases[i] = new Cells(1);
            counts[i] = new Cells(q.options.size());
            for (int g = 0; g < groupQuestions.size(); g++) {
                int labels = questions.get(groupQuestions.get(g)).options.size();
                groupBases[i][g] = new Cells(labels);
                groupCounts[i][g] = new Cells[labels];
                for (int l = 0; l < labels; l++) {
                    groupCounts[i][g][l] = new Cells(q.options.size());
                }
                notStatedBases[i][g] = new Cells(1);
                notStatedCounts[i][g] = new Cells(q.options.size());
            }
            themeCounts[i] = new Cells(dictionary.themes().size() + 1);
        }
    }

    /** Tallies one respondent and writes their answers; returns how many questions they answered. */
    int respondent(SurveyFormat.RowView row, String key, RowSink responses) throws IOException {
        long recordKey = pseudonyms.recordKey(key);
        respondents++;
        respondentKeys += recordKey;
        int n = questions.size();
        List<List<Integer>> chosen = new ArrayList<>(n);
        for (SurveyQuestion q : questions) {
            chosen.add(q.closed() ? q.chosen(row.records()) : null);
        }
        int[] groupOf = new int[groupQuestions.size()];
        for (int g = 0; g < groupQuestions.size(); g++) {
            List<Integer> c = chosen.get(groupQuestions.get(g));
            groupOf[g] = c.isEmpty() ? -1 : c.get(0);
        }
        int answered = 0;
        for (int i = 0; i < n; i++) {
            SurveyQuestion q = questions.get(i);
            if (q.closed()) {
                List<Integer> c = chosen.get(i);
                if (c.isEmpty()) {
                    continue;
                }
                answered++;
                bases[i].add(0, recordKey);
                for (int o : c) {
                    counts[i].add(o, recordKey);
                }
                for (int g = 0; g < groupQuestions.size(); g++) {
                    if (groupQuestions.get(g) == i) {
                        continue;
                    }
                    int label = groupOf[g];
                    Cells groupBase;
                    Cells groupCells;
                    if (label < 0) {
                        groupBase = notStatedBases[i][g];
                        groupCells = notStatedCounts[i][g];
                        label = 0;
                    } else {
                        if (label >= groupCounts[i][g].length) {
                            // a label first seen in this pass (none, normally): a group of its own
                            groupCounts[i][g] = growGroups(groupCounts[i][g], label + 1, q.options.size());
                        }
                        groupBase = groupBases[i][g];
                        groupCells = groupCounts[i][g][label];
                    }
                    groupBase.add(label, recordKey);
                    for (int o : c) {
                        groupCells.add(o, recordKey);
                    }
                }
                for (int o : c) {
                    writeResponse(responses, key, q, q.options.get(o), null, null, null);
                }
            } else {
                String v = q.value(row.records());
                if (v.isEmpty()) {
                    continue;
                }
                answered++;
                bases[i].add(0, recordKey);
                switch (q.type) {
                    case SurveySummary.NUMERIC -> writeResponse(responses, key, q, v, SurveyValues.number(v), null, null);
                    case SurveySummary.DATE -> {
                        LocalDate d = SurveyValues.date(v, q.dayFirst, true);
                        writeResponse(responses, key, q, d != null ? d.toString() : PersonalData.redact(v), null, d, null);
                    }
                    default -> {
                        List<Integer> hits = dictionary.code(v);
                        List<String> names = new ArrayList<>(hits.size());
                        for (int t : hits) {
                            themeCounts[i].add(t, recordKey);
                            names.add(dictionary.themes().get(t).name());
                        }
                        if (hits.isEmpty()) {
                            themeCounts[i].add(dictionary.themes().size(), recordKey);
                        }
                        writeResponse(responses, key, q, PersonalData.redact(v), null, null,
                                names.isEmpty() ? null : String.join("; ", names));
                    }
                }
            }
        }
        return answered;
    }

    private static void writeResponse(RowSink out, String key, SurveyQuestion q, String answer, Double number,
                                      LocalDate date, String themes) throws IOException {
        out.setString(0, key);
        out.setString(1, q.id);
        out.setString(2, q.text);
        out.setString(3, q.type);
        out.setString(4, answer);
        if (number != null) {
            out.setDouble(5, number);
        } else {
            out.setNull(5);
        }
        if (date != null) {
            out.setDate(6, (int) date.toEpochDay());
        } else {
            out.setNull(6);
        }
        if (themes != null) {
            out.setString(7, themes);
        } else {
            out.setNull(7);
        }
        out.endRow();
    }

    /** The cell key method for this export's tables (its key depends on every respondent counted). */
    private CellKeyPerturbation perturbation(DisclosureControl control) {
        return new CellKeyPerturbation(control.rules().ptable(), respondentKeys);
    }

    /** The export's respondent count as published: perturbed, null when under the threshold. */
    private Long publishedRespondents(DisclosureControl control, CellKeyPerturbation ck) {
        long published = ck.perturb(respondents, respondentKeys);
        return control.small(respondents, published) ? null : published;
    }

    SurveySummary summary(DisclosureControl control) {
        CellKeyPerturbation ck = perturbation(control);
        int n = questions.size();
        long[] base = new long[n];
        long[] publishedBase = new long[n];
        boolean[] baseWithheld = new boolean[n];
        long[][] published = new long[n][];
        boolean[][] overall = new boolean[n][];
        for (int i = 0; i < n; i++) {
            base[i] = bases[i].countOf(0);
            publishedBase[i] = ck.perturb(base[i], bases[i].keysOf(0));
            baseWithheld[i] = control.small(base[i], publishedBase[i]);
            SurveyQuestion q = questions.get(i);
            if (!q.closed()) {
                continue;
            }
            int options = q.options.size();
            long[] c = counts[i].counts(options);
            published[i] = perturbed(ck, c, counts[i].keys(options), publishedBase[i]);
            boolean[] forced = new boolean[options];
            java.util.Arrays.fill(forced, baseWithheld[i]);
            overall[i] = control.suppressColumn(c, published[i], forced);
            baseWithheld[i] |= control.baseWithheld(overall[i]);
        }
        List<SurveySummary.Question> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SurveyQuestion q = questions.get(i);
            Long shownBase = baseWithheld[i] ? null : publishedBase[i];
            if (!q.closed()) {
                out.add(new SurveySummary.Question(q.id, q.text, q.type, shownBase, List.of(), Map.of()));
                continue;
            }
            int options = q.options.size();
            List<SurveySummary.OptionCount> cells = control.column(q.options, published[i], publishedBase[i], overall[i]);
            Map<String, Map<String, SurveySummary.GroupBreakdown>> byGroup = new LinkedHashMap<>();
            for (int g = 0; g < groupQuestions.size(); g++) {
                int gq = groupQuestions.get(g);
                if (gq == i) {
                    continue;
                }
                SurveyQuestion group = questions.get(gq);
                List<String> labels = new ArrayList<>(group.options);
                boolean anySkipped = respondents > base[gq];
                int blocks = labels.size() + (anySkipped ? 1 : 0);
                long[] groupBase = new long[blocks];
                long[] publishedGroupBase = new long[blocks];
                long[][] cellCounts = new long[blocks][];
                long[][] publishedCells = new long[blocks][];
                boolean[] forced = new boolean[blocks];
                for (int l = 0; l < blocks; l++) {
                    // labels, then (when anyone skipped the group question) the not-stated group
                    boolean notStated = l == labels.size();
                    Cells gb = notStated ? notStatedBases[i][g] : groupBases[i][g];
                    int slot = notStated ? 0 : l;
                    Cells gc = notStated ? notStatedCounts[i][g]
                            : l < groupCounts[i][g].length ? groupCounts[i][g][l] : new Cells(options);
                    groupBase[l] = gb.countOf(slot);
                    publishedGroupBase[l] = Math.min(ck.perturb(groupBase[l], gb.keysOf(slot)), publishedBase[i]);
                    cellCounts[l] = gc.counts(options);
                    publishedCells[l] = perturbed(ck, cellCounts[l], gc.keys(options), publishedGroupBase[l]);
                    // a group withheld in its own question stays withheld here; so does the not-stated
                    // group when fewer than the threshold skipped the group question at all
                    forced[l] = l < labels.size() ? l < overall[gq].length && overall[gq][l]
                            : respondents - base[gq] < control.rules().minCellCount();
                }
                if (anySkipped) {
                    labels.add(notStatedLabel(group.options));
                }
                DisclosureControl.Breakdown b = control.suppressBreakdown(overall[i], baseWithheld[i], groupBase,
                        publishedGroupBase, cellCounts, publishedCells, forced);
                Map<String, SurveySummary.GroupBreakdown> shown = new LinkedHashMap<>();
                for (int l = 0; l < blocks; l++) {
                    Long gb = b.groupWithheld()[l] ? null : publishedGroupBase[l];
                    shown.put(labels.get(l), new SurveySummary.GroupBreakdown(gb,
                            control.column(q.options, publishedCells[l], publishedGroupBase[l], b.cellWithheld()[l])));
                }
                byGroup.put(group.text, shown);
            }
            out.add(new SurveySummary.Question(q.id, q.text, q.type, shownBase, cells, byGroup));
        }
        return new SurveySummary(publishedRespondents(control, ck), out, SurveySummary.Disclosure.of(control.rules()));
    }

    SurveyThemes themes(DisclosureControl control) {
        CellKeyPerturbation ck = perturbation(control);
        List<String> labels = new ArrayList<>();
        for (SurveyThemes.Theme t : dictionary.themes()) {
            labels.add(t.name());
        }
        labels.add(SurveyThemes.NOT_CODED);
        int cells = labels.size();
        int notCoded = cells - 1;
        List<SurveyThemes.QuestionThemes> out = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            SurveyQuestion q = questions.get(i);
            if (!SurveySummary.FREE_TEXT.equals(q.type)) {
                continue;
            }
            long base = bases[i].countOf(0);
            long publishedBase = ck.perturb(base, bases[i].keysOf(0));
            boolean baseWithheld = control.small(base, publishedBase);
            long[] c = themeCounts[i].counts(cells);
            long[] published = perturbed(ck, c, themeCounts[i].keys(cells), publishedBase);
            boolean[] forced = new boolean[cells];
            java.util.Arrays.fill(forced, baseWithheld);
            // Not coded is a cell with a partner: base − Not coded is the number of answers coded to any
            // theme, a bound on every theme. When that is small (0 included), Not coded is withheld.
            long coded = base - c[notCoded];
            forced[notCoded] |= control.small(coded, publishedBase - published[notCoded]);
            boolean[] s = control.suppressColumn(c, published, forced);
            out.add(new SurveyThemes.QuestionThemes(q.id, q.text, baseWithheld ? null : publishedBase,
                    control.column(labels, published, publishedBase, s)));
        }
        return new SurveyThemes(publishedRespondents(control, ck), dictionary.themes(), out,
                SurveySummary.Disclosure.of(control.rules()));
    }

    private static Cells[] growGroups(Cells[] groups, int size, int options) {
        Cells[] out = java.util.Arrays.copyOf(groups, size);
        for (int l = groups.length; l < size; l++) {
            out[l] = new Cells(options);
        }
        return out;
    }

    /** Perturbed counts, none above the (published) base they are a share of. */
    private static long[] perturbed(CellKeyPerturbation ck, long[] counts, long[] keys, long publishedBase) {
        long[] out = new long[counts.length];
        for (int o = 0; o < counts.length; o++) {
            out[o] = Math.min(ck.perturb(counts[o], keys[o]), Math.max(publishedBase, 0));
        }
        return out;
    }

    /** "Not stated", unless the group question offers an option of that name. */
    static String notStatedLabel(List<String> options) {
        String label = SurveySummary.NOT_STATED;
        while (options.contains(label)) {
            label = label + " (no answer)";
        }
        return label;
    }

    /** Counts and record-key sums for a growing list of cells (options can be added during the pass). */
    private static final class Cells {
        private long[] counts;
        private long[] keys;

        Cells(int size) {
            counts = new long[Math.max(size, 1)];
            keys = new long[counts.length];
        }

        void add(int cell, long recordKey) {
            if (cell >= counts.length) {
                counts = SurveyFormat.grow(counts, cell + 1);
                keys = SurveyFormat.grow(keys, cell + 1);
            }
            counts[cell]++;
            keys[cell] += recordKey;
        }

        long countOf(int cell) {
            return cell < counts.length ? counts[cell] : 0;
        }

        long keysOf(int cell) {
            return cell < keys.length ? keys[cell] : 0;
        }

        /** The first {@code size} counts (zeros past the end). */
        long[] counts(int size) {
            return java.util.Arrays.copyOf(counts, size);
        }

        long[] keys(int size) {
            return java.util.Arrays.copyOf(keys, size);
        }
    }
}
