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
 */
final class Tally {

    private final SurveyPlan plan;
    private final ThemeDictionary dictionary;
    private final List<SurveyQuestion> questions;
    private final List<Integer> groupQuestions = new ArrayList<>();
    private final long[] bases;
    private final long[][] counts;
    /** [question][group question #][group label] */
    private final long[][][] groupBases;
    /** [question][group question #][group label][option] */
    private final long[][][][] groupCounts;
    /** [question][theme] (last slot: not coded) */
    private final long[][] themeCounts;

    Tally(SurveyPlan plan, ThemeDictionary dictionary) {
        this.plan = plan;
        this.dictionary = dictionary;
        this.questions = plan.questions;
        int n = questions.size();
        for (int i = 0; i < n; i++) {
            if (questions.get(i).group) {
                groupQuestions.add(i);
            }
        }
        bases = new long[n];
        counts = new long[n][];
        groupBases = new long[n][][];
        groupCounts = new long[n][][][];
        themeCounts = new long[n][];
        for (int i = 0; i < n; i++) {
            SurveyQuestion q = questions.get(i);
            counts[i] = new long[q.options.size()];
            groupBases[i] = new long[groupQuestions.size()][];
            groupCounts[i] = new long[groupQuestions.size()][][];
            for (int g = 0; g < groupQuestions.size(); g++) {
                int labels = questions.get(groupQuestions.get(g)).options.size();
                groupBases[i][g] = new long[labels];
                groupCounts[i][g] = new long[labels][q.options.size()];
            }
            themeCounts[i] = new long[dictionary.themes().size() + 1];
        }
    }

    /** Tallies one respondent and writes their answers; returns how many questions they answered. */
    int respondent(SurveyFormat.RowView row, String key, RowSink responses) throws IOException {
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
                bases[i]++;
                counts[i] = SurveyFormat.grow(counts[i], q.options.size());
                for (int o : c) {
                    counts[i][o]++;
                }
                for (int g = 0; g < groupQuestions.size(); g++) {
                    int label = groupOf[g];
                    if (label < 0 || label >= groupBases[i][g].length || groupQuestions.get(g) == i) {
                        continue;
                    }
                    groupBases[i][g][label]++;
                    groupCounts[i][g][label] = SurveyFormat.grow(groupCounts[i][g][label], q.options.size());
                    for (int o : c) {
                        groupCounts[i][g][label][o]++;
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
                bases[i]++;
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
                            themeCounts[i][t]++;
                            names.add(dictionary.themes().get(t).name());
                        }
                        if (hits.isEmpty()) {
                            themeCounts[i][dictionary.themes().size()]++;
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

    SurveySummary summary(long respondents, DisclosureControl control) {
        int n = questions.size();
        boolean[][] overall = new boolean[n][];
        for (int i = 0; i < n; i++) {
            if (questions.get(i).closed()) {
                counts[i] = SurveyFormat.grow(counts[i], questions.get(i).options.size());
                overall[i] = control.suppressColumn(counts[i]);
            }
        }
        List<SurveySummary.Question> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SurveyQuestion q = questions.get(i);
            if (!q.closed()) {
                out.add(new SurveySummary.Question(q.id, q.text, q.type, bases[i], List.of(), Map.of()));
                continue;
            }
            List<SurveySummary.OptionCount> options = control.column(q.options, counts[i], bases[i], overall[i]);
            Long base = control.baseWithheld(overall[i]) ? null : bases[i];
            Map<String, Map<String, SurveySummary.GroupBreakdown>> byGroup = new LinkedHashMap<>();
            for (int g = 0; g < groupQuestions.size(); g++) {
                int gq = groupQuestions.get(g);
                if (gq == i) {
                    continue;
                }
                SurveyQuestion group = questions.get(gq);
                int labels = group.options.size();
                long[][] cells = new long[labels][];
                for (int l = 0; l < labels; l++) {
                    cells[l] = SurveyFormat.grow(groupCounts[i][g][l], q.options.size());
                }
                DisclosureControl.Breakdown b = control.suppressBreakdown(overall[i], groupBases[i][g], cells, overall[gq]);
                Map<String, SurveySummary.GroupBreakdown> blocks = new LinkedHashMap<>();
                for (int l = 0; l < labels; l++) {
                    Long groupBase = b.groupWithheld()[l] ? null : groupBases[i][g][l];
                    blocks.put(group.options.get(l), new SurveySummary.GroupBreakdown(groupBase,
                            control.column(q.options, cells[l], groupBases[i][g][l], b.cellWithheld()[l])));
                }
                byGroup.put(group.text, blocks);
            }
            out.add(new SurveySummary.Question(q.id, q.text, q.type, base, options, byGroup));
        }
        return new SurveySummary(respondents, out);
    }

    SurveyThemes themes(long respondents, DisclosureControl control) {
        List<String> labels = new ArrayList<>();
        for (SurveyThemes.Theme t : dictionary.themes()) {
            labels.add(t.name());
        }
        labels.add("Not coded");
        List<SurveyThemes.QuestionThemes> out = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            SurveyQuestion q = questions.get(i);
            if (!SurveySummary.FREE_TEXT.equals(q.type)) {
                continue;
            }
            boolean[] s = control.suppressColumn(themeCounts[i]);
            out.add(new SurveyThemes.QuestionThemes(q.id, q.text, bases[i], control.column(labels, themeCounts[i], bases[i], s)));
        }
        return new SurveyThemes(respondents, dictionary.themes(), out);
    }
}
