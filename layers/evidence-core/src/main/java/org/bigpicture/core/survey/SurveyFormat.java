package org.bigpicture.core.survey;

import org.bigpicture.core.util.JsonMappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetFiles;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Workspace;
import org.bigpicture.core.convert.Records;

/**
 * Survey exports (DESIGN.md, "Survey"): SurveyMonkey CSV (two header rows), Microsoft Forms XLSX,
 * Google Forms CSV, SmartSurvey, and any respondent-per-row table under {@code surveys/}.
 *
 * <p>Reads the table twice: the first pass profiles every column (to drop personal columns and
 * type the questions), the second writes {@code respondents.parquet} and {@code responses.parquet}
 * (no personal columns, postcodes cut to the district, free text redacted, respondents under a
 * keyed-hash pseudonym) and tallies the disclosure-controlled {@code summary.json} and
 * {@code themes.json}, with {@code codebook.json} describing every column.
 */
public final class SurveyFormat implements Format {

    public static final String FAMILY = "survey";
    public static final String RESPONDENTS = "respondents";
    public static final String RESPONSES = "responses";

    /** respondents.parquet */
    public static final List<Column> RESPONDENT_COLUMNS = List.of(
            new Column("respondent_key", ColumnType.STRING, "Pseudonymous respondent key (keyed hash; not reversible to the survey tool's id)"),
            new Column("response_date", ColumnType.DATE, "Date the response was submitted (or started), where the export gives it"),
            new Column("postcode_district", ColumnType.STRING, "Postcode district (outward code, e.g. SK4); full postcodes are never kept"),
            new Column("questions_answered", ColumnType.INTEGER, "Questions this respondent answered"));

    /** responses.parquet: one row per respondent, question and chosen option (or text answer). */
    public static final List<Column> RESPONSE_COLUMNS = List.of(
            new Column("respondent_key", ColumnType.STRING, "Pseudonymous respondent key, as in respondents.parquet"),
            new Column("question_id", ColumnType.STRING, "Question id, as in codebook.json and summary.json"),
            new Column("question", ColumnType.STRING, "Question text"),
            new Column("question_type", ColumnType.STRING, "single_choice, multi_select, free_text, numeric or date"),
            new Column("answer", ColumnType.STRING, "Chosen option as published, or the answer text (free text redacted: e-mails, phones, IP addresses, postcodes)"),
            new Column("answer_number", ColumnType.NUMBER, "The answer as a number, for numeric questions"),
            new Column("answer_date", ColumnType.DATE, "The answer as a date, for date questions"),
            new Column("themes", ColumnType.STRING, "Themes a free-text answer was coded to, separated by '; '"));

    /** Opens a writer for one table (the Parquet writer in production; tests may pass another). */
    @FunctionalInterface
    public interface WriterFactory {
        DatasetWriter open(Path dir, List<Column> columns) throws IOException;
    }

    /** Built on first use, not when the class loads: every ingest loads this format, few convert a survey (cold start). */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMappers.INDENTED;
    }

    private final WriterFactory writers;

    public SurveyFormat() {
        this(DatasetWriter::open);
    }

    public SurveyFormat(WriterFactory writers) {
        this.writers = writers;
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public boolean claims(TableInput table) {
        return SurveyLayout.detect(table) != null;
    }

    @Override
    public List<ConvertedDataset> convert(TableInput table, Workspace workspace) throws IOException {
        SurveyLayout layout = SurveyLayout.detect(table);
        if (layout == null) {
            throw new BadInputException(table.key(), 0, "not a survey export this converter recognises");
        }
        DisclosureRules rules = workspace.config(DisclosureRules.CONFIG_NAME)
                .map(t -> DisclosureRules.parse("config/" + DisclosureRules.CONFIG_NAME, t)).orElse(DisclosureRules.defaults());
        ThemeDictionary dictionary = workspace.config(ThemeDictionary.CONFIG_NAME)
                .map(t -> ThemeDictionary.parse("config/" + ThemeDictionary.CONFIG_NAME, t)).orElse(ThemeDictionary.defaults());
        boolean xlsx = table.sheet() != null;

        // Pass 1: profile the columns.
        int width = layout.columns().size();
        ColumnProfile[] profiles = new ColumnProfile[width];
        for (int i = 0; i < width; i++) {
            profiles[i] = new ColumnProfile(SurveyPlan.screenHeader(layout, i));
        }
        long dataRows = 0;
        try (Records r = table.open()) {
            skipHeader(r, layout, table.key());
            while (r.next()) {
                dataRows++;
                int n = Math.min(r.size(), width);
                for (int i = 0; i < n; i++) {
                    profiles[i].add(r.get(i));
                }
            }
        }
        if (dataRows == 0) {
            throw new BadInputException(table.key(), layout.headerRows(), "the survey export has a header but no responses");
        }
        SurveyPlan plan = SurveyPlan.build(layout, profiles, rules);
        if (plan.questions.isEmpty()) {
            throw new BadInputException(table.key(), 1, "no question columns found (every column is personal data or metadata)");
        }

        // Pass 2: write the respondent-level tables and tally.
        Path dir = workspace.datasetDir(table.datasetId());
        Pseudonymizer pseudonyms = new Pseudonymizer(workspace.pseudonymKey());
        Tally tally = new Tally(plan, dictionary, pseudonyms);
        Path respondentsTmp = dir.resolve(".respondents.tmp");
        Path responsesTmp = dir.resolve(".responses.tmp");
        long blank = 0;
        long rowsRead = 0;
        DatasetFiles respondentFiles;
        DatasetFiles responseFiles;
        try (Records r = table.open();
             DatasetWriter respondents = writers.open(respondentsTmp, RESPONDENT_COLUMNS);
             DatasetWriter responses = writers.open(responsesTmp, RESPONSE_COLUMNS)) {
            skipHeader(r, layout, table.key());
            RowView row = new RowView(r, width);
            while (r.next()) {
                rowsRead++;
                if (!hasAnswer(plan, row)) {
                    blank++;
                    continue;
                }
                String key = plan.respondentIdColumn >= 0 && !row.get(plan.respondentIdColumn).isBlank()
                        ? pseudonyms.forToolId(row.get(plan.respondentIdColumn))
                        : pseudonyms.forRow(table.datasetId(), rowsRead);
                int answered = tally.respondent(row, key, responses);
                respondents.setString(0, key);
                LocalDate date = plan.timestampColumn >= 0
                        ? SurveyValues.date(row.get(plan.timestampColumn), plan.timestampDayFirst, xlsx) : null;
                if (date != null) {
                    respondents.setDate(1, (int) date.toEpochDay());
                } else {
                    respondents.setNull(1);
                }
                Optional<String> district = plan.postcodeColumn >= 0
                        ? PersonalData.postcodeDistrict(row.get(plan.postcodeColumn)) : Optional.empty();
                if (district.isPresent()) {
                    respondents.setString(2, district.get());
                } else {
                    respondents.setNull(2);
                }
                respondents.setLong(3, answered);
                respondents.endRow();
            }
            respondentFiles = respondents.finish();
            responseFiles = responses.finish();
        }
        place(respondentFiles, dir, RESPONDENTS);
        place(responseFiles, dir, RESPONSES);
        deleteTree(respondentsTmp);
        deleteTree(responsesTmp);

        long respondentCount = rowsRead - blank;
        DisclosureControl control = new DisclosureControl(rules);
        SurveySummary summary = tally.summary(control);
        SurveyThemes themes = tally.themes(control);
        try (OutputStream out = Files.newOutputStream(dir.resolve("summary.json"))) {
            summary.write(out);
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("themes.json"))) {
            themes.write(out);
        }
        String layoutText = layout.describe(xlsx);
        Json.MAPPER.writeValue(dir.resolve("codebook.json").toFile(), codebook(plan, layoutText, respondentCount, rules));

        List<String> dropped = new ArrayList<>();
        for (SurveyPlan.PlannedColumn c : plan.dropped()) {
            dropped.add(PersonalData.redact(c.header()) + " (" + c.reason() + ")");
        }
        List<String> notes = new ArrayList<>();
        if (!dropped.isEmpty()) {
            notes.add("personal columns dropped: " + String.join("; ", dropped));
        }
        if (plan.postcodeColumn >= 0) {
            notes.add("postcodes cut to the district");
        }
        if (plan.timestampColumn >= 0) {
            notes.add("response times kept as dates only");
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        if (blank > 0) {
            rejected.put("rows with no answers", blank);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("respondents", respondentCount);
        facts.put("questions", (long) plan.questions.size());
        facts.put("personal_columns_dropped", (long) dropped.size());
        return List.of(new ConvertedDataset(table.datasetId(), FAMILY, layoutText, "survey", dir,
                rowsRead, respondentCount, blank, rejected, notes, facts));
    }

    private static void skipHeader(Records r, SurveyLayout layout, String key) throws IOException {
        for (int i = 0; i < layout.headerRows(); i++) {
            if (!r.next()) {
                throw new BadInputException(key, i + 1, "the survey export ends inside its header");
            }
        }
    }

    private static boolean hasAnswer(SurveyPlan plan, RowView row) {
        for (int i = 0; i < row.width(); i++) {
            if (plan.isAnswerColumn(i) && !row.get(i).isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Moves a finished table's Parquet and schema to {@code <name>.parquet} and {@code <name>.schema.json}. */
    private static void place(DatasetFiles files, Path dir, String name) throws IOException {
        // (a counting writer, as in a dry run, leaves no files)
        if (files.parquet() != null && Files.exists(files.parquet())) {
            Files.move(files.parquet(), dir.resolve(name + ".parquet"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (files.schema() != null && Files.exists(files.schema())) {
            Files.move(files.schema(), dir.resolve(name + ".schema.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static Map<String, Object> codebook(SurveyPlan plan, String layout, long respondents, DisclosureRules rules) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("layout", layout);
        root.put("tool", plan.layout.tool().label());
        root.put("respondents", respondents);
        // An ordered map: Map.of iterates in an order that changes from JVM to JVM, and codebook.json
        // must be byte-identical for the same upload.
        Map<String, Object> disclosure = new LinkedHashMap<>();
        disclosure.put("min_cell_count", rules.minCellCount());
        disclosure.put("min_base_for_percentage", rules.minBaseForPercentage());
        disclosure.put("method", DisclosureRules.METHOD);
        disclosure.put("max_perturbation", rules.maxPerturbation());
        root.put("disclosure", disclosure);
        List<Map<String, Object>> qs = new ArrayList<>();
        for (SurveyQuestion q : plan.questions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", q.id);
            m.put("text", q.text);
            m.put("type", q.type);
            m.put("group", q.group);
            m.put("source", switch (q.source) {
                case CHECKBOXES -> "one column per option";
                case POSTCODE -> "postcode, published as the district";
                case COLUMN -> q.separator == null ? "one column" : "one column, options joined by '" + q.separator + "'";
            });
            m.put("options", q.closed() ? List.copyOf(q.options) : List.of());
            qs.add(m);
        }
        root.put("questions", qs);
        List<Map<String, Object>> cols = new ArrayList<>();
        for (SurveyPlan.PlannedColumn c : plan.columns) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", c.index());
            // Headers are the export's text; one that is itself an identifier (a file without a header row) is redacted.
            m.put("header", PersonalData.redact(c.header()));
            m.put("role", switch (c.role()) {
                case PERSONAL, RESPONDENT_ID -> "personal (dropped)";
                case INDEX -> "row index (dropped)";
                case TIMESTAMP -> "response time (date kept)";
                case META -> "tool metadata (dropped)";
                case EMPTY -> "empty (dropped)";
                case QUESTION -> "answer";
            });
            m.put("reason", c.reason());
            m.put("question_id", c.questionId());
            cols.add(m);
        }
        root.put("columns", cols);
        List<String> droppedHeaders = new ArrayList<>();
        for (SurveyPlan.PlannedColumn c : plan.dropped()) {
            droppedHeaders.add(PersonalData.redact(c.header()));
        }
        root.put("personal_columns_dropped", droppedHeaders);
        return root;
    }

    /** The current record, padded to the header's width (short rows read as blank). */
    static final class RowView {
        private final Records r;
        private final int width;

        RowView(Records r, int width) {
            this.r = r;
            this.width = width;
        }

        String get(int i) {
            return i < r.size() ? nullToEmpty(r.get(i)) : "";
        }

        int width() {
            return width;
        }

        Records records() {
            return r;
        }

        private static String nullToEmpty(String s) {
            return s == null ? "" : s;
        }
    }

    static long[] grow(long[] a, int size) {
        return a.length >= size ? a : Arrays.copyOf(a, size);
    }
}
