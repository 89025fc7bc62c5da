package org.bigpicture.core.headlines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bigpicture.core.headlines.HeadlineSpec.Headline;

/**
 * Finds a survey question and its answer for a headline, in the survey datasets' {@code summary.json}
 * (already disclosure-controlled). A question is found by pinned id, else by keywords: every keyword,
 * or one of its synonyms, must start a word of the question text (case-insensitive), so "support"
 * also finds "supporting". The newest survey (by ingest time) with such a question is used.
 */
final class SurveyQuestions {

    record Option(String label, Double count, boolean suppressed) {
    }

    record Question(String id, String text, String type, Double base, List<Option> options) {
    }

    /** The options that make the answer, added up. */
    record Answer(String label, double count, boolean suppressed) {
    }

    record Found(DatasetInfo survey, String period, Question question, Answer answer) {
    }

    private final HeadlineSpec spec;
    private final LakeSnapshot snapshot;
    private final LakeData lake;

    SurveyQuestions(HeadlineSpec spec, LakeSnapshot snapshot, LakeData lake) {
        this.spec = spec;
        this.snapshot = snapshot;
        this.lake = lake;
    }

    Found find(Headline h) throws IOException {
        List<DatasetInfo> surveys = new ArrayList<>();
        for (DatasetInfo d : snapshot.datasets) {
            if ("survey".equals(d.kind()) || (d.kind() == null && "survey".equals(d.family()))) {
                surveys.add(d);
            }
        }
        // newest survey first; ingested_at is recorded data, so the order is the same on every run
        surveys.sort(Comparator.comparing((DatasetInfo d) -> d.ingestedAt() == null ? "" : d.ingestedAt())
                .reversed().thenComparing(DatasetInfo::id));
        if (surveys.isEmpty()) {
            throw new MissingDataException("no survey dataset in the lake");
        }
        boolean anySummary = false;
        for (DatasetInfo d : surveys) {
            JsonNode summary = lake.surveySummary(d);
            if (summary == null) {
                continue;
            }
            anySummary = true;
            List<Question> questions = questions(summary, d);
            Question q = match(h, questions);
            if (q == null) {
                continue;
            }
            Answer a = h.answer() == null ? null : answer(h, q);
            if (h.answer() != null && a == null) {
                if (!h.question().ids().isEmpty()) {
                    throw new DataException("question " + q.id() + " of " + d.id() + " has no option matching "
                            + describeAnswer(h));
                }
                continue;
            }
            String period = text(summary, "period");
            if (period == null) {
                period = text(summary, "fieldwork");
            }
            return new Found(d, period, q, a);
        }
        if (!anySummary) {
            throw new MissingDataException("no survey dataset in the lake has a summary.json");
        }
        throw new MissingDataException("no survey question matches " + describeQuestion(h)
                + (h.answer() == null ? "" : " with an answer matching " + describeAnswer(h)));
    }

    private Question match(Headline h, List<Question> questions) {
        for (String id : h.question().ids()) {
            for (Question q : questions) {
                if (id.equalsIgnoreCase(q.id())) {
                    return q;
                }
            }
        }
        if (h.question().keywords().isEmpty()) {
            return null;
        }
        Question fallback = null;
        for (Question q : questions) {
            if (q.text() == null || !h.question().keywords().stream().allMatch(k -> mentions(q.text(), k))) {
                continue;
            }
            if (h.answer() == null || answer(h, q) != null) {
                return q;
            }
            if (fallback == null) {
                fallback = q;
            }
        }
        return h.answer() == null ? fallback : null;
    }

    /** True when the text has the keyword, or one of its synonyms, at the start of a word. */
    boolean mentions(String text, String keyword) {
        List<String> terms = new ArrayList<>();
        terms.add(keyword);
        terms.addAll(spec.synonyms().getOrDefault(keyword.toLowerCase(Locale.ROOT), List.of()));
        String t = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        for (String term : terms) {
            String w = term.toLowerCase(Locale.ROOT).replace('’', '\'').strip();
            if (w.isEmpty()) {
                continue;
            }
            if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(w).replace(" ", "\\E\\s+\\Q"))
                    .matcher(t).find()) {
                return true;
            }
        }
        return false;
    }

    private Answer answer(Headline h, Question q) {
        List<Option> matched = new ArrayList<>();
        for (Option o : q.options()) {
            if (o.label() == null) {
                continue;
            }
            boolean byPattern = h.answer().patterns().stream().anyMatch(p -> p.matcher(o.label().strip()).matches());
            boolean byKeyword = h.answer().keywords().stream().anyMatch(k -> mentions(o.label(), k));
            if (byPattern || byKeyword) {
                matched.add(o);
            }
        }
        if (matched.isEmpty()) {
            return null;
        }
        if (matched.size() > 1 && q.type() != null && q.type().toLowerCase(Locale.ROOT).contains("multi")) {
            throw new DataException(matched.size() + " options of the multi-select question " + q.id()
                    + " match the answer (" + String.join(", ", matched.stream().map(Option::label).toList())
                    + "); their counts cannot be added, so narrow the answer");
        }
        double sum = 0;
        boolean suppressed = false;
        for (Option o : matched) {
            if (o.suppressed() || o.count() == null) {
                suppressed = true;
            } else {
                sum += o.count();
            }
        }
        return new Answer(String.join(" + ", matched.stream().map(Option::label).toList()), sum, suppressed);
    }

    private static List<Question> questions(JsonNode summary, DatasetInfo d) {
        JsonNode qs = summary.path("questions");
        if (!qs.isArray()) {
            throw new DataException("summary.json of " + d.id() + " has no 'questions' list");
        }
        List<Question> out = new ArrayList<>();
        for (JsonNode q : qs) {
            List<Option> options = new ArrayList<>();
            for (JsonNode o : q.path("options")) {
                Double count = o.path("count").isNumber() ? o.path("count").asDouble() : null;
                options.add(new Option(text(o, "label"), count, o.path("suppressed").asBoolean(false)));
            }
            Double base = q.path("base").isNumber() ? q.path("base").asDouble() : null;
            out.add(new Question(text(q, "id"), text(q, "text"), text(q, "type"), base, List.copyOf(options)));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static String describeQuestion(Headline h) {
        List<String> parts = new ArrayList<>();
        if (!h.question().ids().isEmpty()) {
            parts.add("ids " + String.join(", ", h.question().ids()));
        }
        if (!h.question().keywords().isEmpty()) {
            parts.add("keywords " + String.join(" + ", h.question().keywords()));
        }
        return String.join(" or ", parts);
    }

    private static String describeAnswer(Headline h) {
        List<String> parts = new ArrayList<>(h.answer().keywords());
        h.answer().patterns().forEach(p -> parts.add(p.pattern()));
        return String.join(" / ", parts);
    }
}
