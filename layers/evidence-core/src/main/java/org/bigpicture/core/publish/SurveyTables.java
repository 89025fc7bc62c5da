package org.bigpicture.core.publish;

import static org.bigpicture.core.dataset.ColumnType.BOOLEAN;
import static org.bigpicture.core.dataset.ColumnType.INTEGER;
import static org.bigpicture.core.dataset.ColumnType.NUMBER;
import static org.bigpicture.core.dataset.ColumnType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.RowSink;

/**
 * A survey as it is published: its {@code summary.json} and {@code themes.json} (already
 * disclosure-controlled by ingest: every count perturbed by the cell key method, small counts
 * suppressed with secondary suppression) flattened into two tidy tables. Respondent-level files are
 * never read here, so they cannot reach a bundle. Suppressed cells stay null with
 * {@code suppressed = true}; the CSV shows them as {@code [c]}. Nothing here recomputes a number:
 * the published counts, percentages and intervals are copied as ingest wrote them, so the tables,
 * the headlines and the report agree.
 *
 * <p>Tolerant of shape: {@code options} and {@code themes} may be arrays of cells or objects keyed
 * by label; missing numbers stay null.
 */
public final class SurveyTables {

    public static final List<Column> SUMMARY_COLUMNS = List.of(
            new Column("question_id", STRING, "Question identifier within the survey"),
            new Column("question", STRING, "Question text"),
            new Column("question_type", STRING, "single choice, multi-select, numeric, …"),
            new Column("group_question", STRING, "Question that defines the respondent group; empty for all respondents"),
            new Column("group_label", STRING, "Respondent group; empty for all respondents"),
            new Column("base", INTEGER, "Respondents who answered the question (in the group), perturbed by the cell key method"),
            new Column("option", STRING, "Answer option"),
            new Column("count", INTEGER, "Respondents who chose the option, perturbed by the cell key method (counts need not"
                    + " add up to the base); [c] where suppressed"),
            new Column("pct", NUMBER, "Percentage of the published base, from the published count, 0–100, one decimal; empty"
                    + " on a base under the threshold"),
            new Column("ci95_low", NUMBER, "Lower bound of the 95% Wilson score interval, 0–100"),
            new Column("ci95_high", NUMBER, "Upper bound of the 95% Wilson score interval, 0–100"),
            new Column("suppressed", BOOLEAN, "True where disclosure control suppressed the cell"));

    public static final List<Column> THEMES_COLUMNS = List.of(
            new Column("question_id", STRING, "Free-text question identifier within the survey"),
            new Column("question", STRING, "Question text"),
            new Column("theme", STRING, "Coded theme"),
            new Column("base", INTEGER, "Respondents who answered the question, perturbed by the cell key method"),
            new Column("count", INTEGER, "Answers coded to the theme, perturbed by the cell key method; [c] where suppressed"),
            new Column("pct", NUMBER, "Percentage of the published base, from the published count, 0–100, one decimal"),
            new Column("ci95_low", NUMBER, "Lower bound of the 95% Wilson score interval, 0–100"),
            new Column("ci95_high", NUMBER, "Upper bound of the 95% Wilson score interval, 0–100"),
            new Column("suppressed", BOOLEAN, "True where disclosure control suppressed the cell"));

    private SurveyTables() {
    }

    /**
     * One sentence on how a survey's published numbers were protected, from the {@code disclosure}
     * block ingest writes into {@code summary.json} and {@code themes.json}; for a file without one
     * (written before the cell key method), the suppression alone.
     */
    public static String disclosureNote(JsonNode surveyFile) {
        JsonNode d = surveyFile == null ? null : surveyFile.get("disclosure");
        if (d == null || !d.isObject() || !d.path("perturbed").asBoolean(false)) {
            return "Disclosure-controlled: [c] marks a suppressed cell.";
        }
        return "Disclosure-controlled: every count is perturbed by the cell key method (moved by at most "
                + d.path("max_perturbation").asInt() + ", the same respondents always moved alike, so counts need"
                + " not add up); counts under " + d.path("min_cell_count").asInt() + " are suppressed ([c]), with"
                + " secondary suppression; percentages and 95% Wilson intervals are computed from the published"
                + " count and base, and given only on a base of at least " + d.path("min_base_for_percentage").asInt()
                + ".";
    }

    /** Writes one row per option per question, overall then by respondent group. */
    public static void writeSummary(JsonNode summary, RowSink sink) throws IOException {
        for (JsonNode q : each(summary.get("questions"))) {
            String id = Json.text(q, "id", "question_id");
            String text = Json.text(q, "text", "question", "title");
            String type = Json.text(q, "type");
            Long base = integer(q.get("base"));
            writeOptions(sink, id, text, type, null, null, base, q.get("options"));
            JsonNode byGroup = q.get("by_group");
            if (byGroup != null && byGroup.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> g = byGroup.fields(); g.hasNext(); ) {
                    Map.Entry<String, JsonNode> groupQuestion = g.next();
                    JsonNode groups = groupQuestion.getValue();
                    if (groups == null || !groups.isObject()) {
                        continue;
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> l = groups.fields(); l.hasNext(); ) {
                        Map.Entry<String, JsonNode> label = l.next();
                        JsonNode cell = label.getValue();
                        writeOptions(sink, id, text, type, groupQuestion.getKey(), label.getKey(),
                                integer(cell.get("base")), cell.get("options"));
                    }
                }
            }
        }
    }

    private static void writeOptions(RowSink sink, String id, String text, String type, String groupQuestion,
                                     String groupLabel, Long base, JsonNode options) throws IOException {
        for (Cell c : cells(options, "label", "option", "answer")) {
            setString(sink, 0, id);
            setString(sink, 1, text);
            setString(sink, 2, type);
            setString(sink, 3, groupQuestion);
            setString(sink, 4, groupLabel);
            setLong(sink, 5, base);
            setString(sink, 6, c.label);
            setLong(sink, 7, c.count);
            setDouble(sink, 8, c.pct);
            setDouble(sink, 9, c.low);
            setDouble(sink, 10, c.high);
            sink.setBoolean(11, c.suppressed);
            sink.endRow();
        }
    }

    /** Writes one row per theme per question. */
    public static void writeThemes(JsonNode themes, RowSink sink) throws IOException {
        List<JsonNode> questions = new ArrayList<>();
        if (themes.has("questions")) {
            each(themes.get("questions")).forEach(questions::add);
        } else if (themes.has("themes")) {
            questions.add(themes);
        }
        for (JsonNode q : questions) {
            String id = Json.text(q, "id", "question_id");
            String text = Json.text(q, "text", "question", "title");
            Long base = integer(q.get("base"));
            for (Cell c : cells(q.get("themes"), "theme", "label", "name")) {
                setString(sink, 0, id);
                setString(sink, 1, text);
                setString(sink, 2, c.label);
                setLong(sink, 3, c.base != null ? c.base : base);
                setLong(sink, 4, c.count);
                setDouble(sink, 5, c.pct);
                setDouble(sink, 6, c.low);
                setDouble(sink, 7, c.high);
                sink.setBoolean(8, c.suppressed);
                sink.endRow();
            }
        }
    }

    private record Cell(String label, Long base, Long count, Double pct, Double low, Double high, boolean suppressed) {
    }

    /** Cells from an array of objects, or from an object keyed by label (value a cell or a bare count). */
    private static List<Cell> cells(JsonNode node, String... labelFields) {
        List<Cell> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node.isArray()) {
            for (JsonNode c : node) {
                out.add(cell(Json.text(c, labelFields), c));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(cell(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private static Cell cell(String label, JsonNode c) {
        if (c.isNumber()) {
            return new Cell(label, null, integer(c), null, null, null, false);
        }
        JsonNode ci = c.get("ci95");
        Double low = Json.number(c, "ci95_low", "lower_ci95", "low");
        Double high = Json.number(c, "ci95_high", "upper_ci95", "high");
        if (ci != null && ci.isArray() && ci.size() == 2) {
            low = ci.get(0).isNumber() ? ci.get(0).doubleValue() : low;
            high = ci.get(1).isNumber() ? ci.get(1).doubleValue() : high;
        } else if (ci != null && ci.isObject()) {
            low = Json.number(ci, "low", "lower");
            high = Json.number(ci, "high", "upper");
        }
        JsonNode s = c.get("suppressed");
        boolean suppressed = s != null && s.asBoolean(false);
        return new Cell(label, integer(c.get("base")), integer(c.get("count")), Json.number(c, "pct", "percent"),
                low, high, suppressed);
    }

    private static Iterable<JsonNode> each(JsonNode array) {
        return array != null && array.isArray() ? array : List.of();
    }

    private static Long integer(JsonNode v) {
        if (v == null || v.isNull() || !v.isNumber()) {
            return null;
        }
        return Math.round(v.doubleValue());
    }

    private static void setString(RowSink sink, int i, String v) {
        if (v == null) {
            sink.setNull(i);
        } else {
            sink.setString(i, v);
        }
    }

    private static void setLong(RowSink sink, int i, Long v) {
        if (v == null) {
            sink.setNull(i);
        } else {
            sink.setLong(i, v);
        }
    }

    private static void setDouble(RowSink sink, int i, Double v) {
        if (v == null) {
            sink.setNull(i);
        } else {
            sink.setDouble(i, v);
        }
    }
}
