package org.bigpicture.core.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetFiles;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.dataset.Observations;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;

/**
 * Builds a lake the way ingest leaves it (data files, then provenance.json last) with the real
 * {@link DatasetWriter}, in any {@link ObjectStore}. Holds hostile text on purpose: formula
 * prefixes, HTML, quotes, newlines.
 */
final class TestLake {

    static final Buckets BUCKETS = new Buckets("raw", "lake", "published");
    /** Planted in respondent-level files: must never appear in a bundle. */
    static final String RESPONDENT_TOKEN = "Jane Planted-Respondent jane.planted@example.org";

    static final List<Column> HOSTILE_COLUMNS = List.of(
            new Column("label", ColumnType.STRING, "Free text from the upload"),
            new Column("amount", ColumnType.NUMBER, null),
            new Column("n", ColumnType.INTEGER, null),
            new Column("when", ColumnType.DATE, null),
            new Column("ok", ColumnType.BOOLEAN, null),
            new Column("=HYPERLINK(\"http://evil\")", ColumnType.STRING, "a hostile header"));

    /** The lake's config/sources.yaml in the standard lake: uploads/ is a third party's, CC BY 4.0. */
    static final String SOURCES = """
            sources:
              - id: community-uploads
                keys: ["uploads/**"]
                publisher: {name: "Friends of <b>Reddish</b> & Co", url: "https://example.org/?a=1&b='2'"}
                licence: CC-BY-4.0
                attribution: "Source: Friends of Reddish <script>alert(1)</script>, licensed under CC BY 4.0."
            """;

    private final ObjectStore store;
    private final Path scratch;

    TestLake(ObjectStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    /** The standard lake of these tests: two observation sets, one hostile table, one survey, headlines. */
    TestLake standard() throws IOException {
        observations("jsna-life-expectancy", "fingertips", "jsna/Life Expectancy.csv", lifeExpectancy(79.1));
        observations("ons-mid-year-population", "ons-mye2", "ons/MYE2 mid2020.csv", population(294197));
        table("hostile-upload", "table", "uploads/hostile <b>upload</b>.csv", HOSTILE_COLUMNS, hostileRows(), null);
        // The hostile upload's folder is a third party's, under its own licence (and hostile text).
        sources(SOURCES);
        survey("surveys-resident-survey");
        // A respondent-per-row table whose provenance records no screen (written before screening, or by
        // something other than ingest): publish must withhold it.
        unscreenedTable("surveys-raw-export", "surveys/raw export.csv",
                List.of(new Column("name", ColumnType.STRING, null), new Column("age", ColumnType.INTEGER, null)),
                List.<Object[]>of(new Object[] {RESPONDENT_TOKEN, 41L}));
        headlines(headlinesJson("8.9"), headlinesCsv("8.9"));
        return this;
    }

    /** Writes the lake's config/sources.yaml as ingest leaves a validated one. */
    void sources(String yaml) throws IOException {
        store.put(BUCKETS.lake(), "config/sources.yaml", yaml.getBytes(StandardCharsets.UTF_8),
                PutOptions.of("application/yaml"));
    }

    static List<Object[]> lifeExpectancy(double stockport) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(obs("E08000007", "Stockport", "=1+1 Life expectancy at birth", "2018 - 20", stockport, "-3 note"));
        rows.add(obs("E12000002", "North West", "=1+1 Life expectancy at birth", "2018 - 20", 78.0, "@mention"));
        rows.add(obs("E92000001", "England", "=1+1 Life expectancy at birth", "2018 - 20", 79.4, "+plus"));
        rows.add(obs("E08000007", "Stockport", "Gap, in years", "2018 - 20", -1.25, "\tTabbed"));
        rows.add(obs("E08000007", "Stockport", "Rate \"per\" 100,000\nsecond line", "2018 - 20", 1.0E-7, "\rCR"));
        return rows;
    }

    static List<Object[]> population(long stockport) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(obs("E08000007", "Stockport", "Population", "mid-2020", (double) stockport, null));
        rows.add(obs("E12000002", "North West", "Population", "mid-2020", 7367456.0, null));
        rows.add(obs("E92000001", "England", "Population", "mid-2020", 56550138.0, null));
        return rows;
    }

    private static Object[] obs(String code, String name, String indicator, String period, double value, String note) {
        Object[] r = new Object[Observations.COLUMNS.size()];
        r[Observations.AREA_CODE] = code;
        r[Observations.AREA_NAME] = name;
        r[Observations.AREA_TYPE] = code.startsWith("E08") ? "Local authority district" : "Region";
        r[Observations.INDICATOR_ID] = "90366";
        r[Observations.INDICATOR_NAME] = indicator;
        r[Observations.PERIOD] = period;
        r[Observations.PERIOD_START] = LocalDate.of(2018, 1, 1);
        r[Observations.PERIOD_END] = LocalDate.of(2020, 12, 31);
        r[Observations.SEX] = "Persons";
        r[Observations.AGE] = "All ages";
        r[Observations.VALUE] = value;
        r[Observations.LOWER_CI95] = value - 0.5;
        r[Observations.UPPER_CI95] = value + 0.5;
        r[Observations.UNIT] = "years";
        r[Observations.VALUE_NOTE] = note;
        r[Observations.SOURCE] = "OHID Fingertips";
        return r;
    }

    static List<Object[]> hostileRows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"=cmd|' /C calc'!A0", -5.5, -3L, LocalDate.of(2020, 6, 30), true, "x"});
        rows.add(new Object[] {"+SUM(1,2)", 1234567.875, 0L, null, false, "-1"});
        rows.add(new Object[] {"-2+3", 0.1, 42L, LocalDate.of(1999, 12, 31), null, "@x"});
        rows.add(new Object[] {"@SUM(A1)", null, null, null, null, null});
        rows.add(new Object[] {"\tleading tab", 1e20, Long.MIN_VALUE, null, true, "\rx"});
        rows.add(new Object[] {"\rleading CR", Double.NaN, 7L, null, true, ""});
        rows.add(new Object[] {"<script>alert('x')</script> & \"quotes\", commas\nand lines", 3.0, 1L, null, false,
                "plain"});
        return rows;
    }

    void observations(String id, String family, String rawKey, List<Object[]> rows) throws IOException {
        table(id, "observations", family, rawKey, Observations.COLUMNS, rows, null);
    }

    /** A table as ingest leaves one that passed the personal-data screen. */
    void table(String id, String family, String rawKey, List<Column> columns, List<Object[]> rows, String licence)
            throws IOException {
        table(id, "table", family, rawKey, columns, rows, licence, "passed");
    }

    /** A table whose provenance records no screen at all. */
    void unscreenedTable(String id, String rawKey, List<Column> columns, List<Object[]> rows) throws IOException {
        table(id, "table", "table", rawKey, columns, rows, null, null);
    }

    private void table(String id, String kind, String family, String rawKey, List<Column> columns,
                       List<Object[]> rows, String licence) throws IOException {
        table(id, kind, family, rawKey, columns, rows, licence, "passed");
    }

    private void table(String id, String kind, String family, String rawKey, List<Column> columns,
                       List<Object[]> rows, String licence, String screen) throws IOException {
        Path dir = scratch.resolve("w-" + id + "-" + System.nanoTime());
        DatasetFiles files;
        try (DatasetWriter w = DatasetWriter.open(dir, columns)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    if (v == null) {
                        w.setNull(i);
                    } else if (v instanceof String s) {
                        w.setString(i, s);
                    } else if (v instanceof Long l) {
                        w.setLong(i, l);
                    } else if (v instanceof Double d) {
                        w.setDouble(i, d);
                    } else if (v instanceof Boolean b) {
                        w.setBoolean(i, b);
                    } else if (v instanceof LocalDate d) {
                        w.setDate(i, (int) d.toEpochDay());
                    } else {
                        throw new IllegalArgumentException("cell type " + v.getClass());
                    }
                }
                w.endRow();
            }
            files = w.finish();
        }
        String prefix = LakeKeys.datasetPrefix(id);
        store.put(BUCKETS.lake(), prefix + "data.parquet", files.parquet(), PutOptions.of("application/vnd.apache.parquet"));
        if (files.json() != null) {
            store.put(BUCKETS.lake(), prefix + "data.json", files.json(), PutOptions.json());
        }
        store.put(BUCKETS.lake(), prefix + "schema.json", files.schema(), PutOptions.json());
        provenance(id, kind, family, rawKey, rows.size(), licence, screen);
    }

    void survey(String id) throws IOException {
        String prefix = LakeKeys.datasetPrefix(id);
        // Respondent-level files exist in the lake (under restricted/, as ingest writes them); publish must never read them.
        put(LakeKeys.restrictedPrefix(id) + "respondents.parquet", "PAR1 " + RESPONDENT_TOKEN);
        put(LakeKeys.restrictedPrefix(id) + "responses.parquet", "PAR1 " + RESPONDENT_TOKEN);
        put(prefix + "codebook.json", "{\"note\": \"" + RESPONDENT_TOKEN + "\"}");
        put(prefix + "summary.json", """
                {"respondents": 1234, "questions": [
                  {"id": "q1", "text": "Do you feel more connected to your <b>community</b>?", "type": "single_choice",
                   "base": 1200,
                   "options": [
                     {"label": "Yes", "count": 516, "pct": 43.0, "ci95_low": 40.2, "ci95_high": 45.8, "suppressed": false},
                     {"label": "=No", "count": 680, "pct": 56.7, "ci95_low": 53.8, "ci95_high": 59.4, "suppressed": false},
                     {"label": "Don't know", "count": null, "pct": null, "ci95_low": null, "ci95_high": null, "suppressed": true}],
                   "by_group": {"I am responding as": {
                     "A resident": {"base": 1100, "options": [
                       {"label": "Yes", "count": 480, "pct": 43.6, "ci95_low": 40.7, "ci95_high": 46.6, "suppressed": false}]},
                     "A business": {"base": 25, "options": [
                       {"label": "Yes", "count": null, "pct": null, "ci95_low": null, "ci95_high": null, "suppressed": true}]}}}},
                  {"id": "q2", "text": "What is best about living here?", "type": "free_text", "base": 900, "options": []}]}
                """);
        put(prefix + "themes.json", """
                {"respondents": 1234, "themes": [{"name": "Green spaces", "keywords": ["park"]}],
                 "questions": [{"id": "q2", "text": "What is best about living here?", "base": 900, "themes": [
                   {"label": "Green spaces", "count": 300, "pct": 33.3, "ci95_low": 30.3, "ci95_high": 36.5, "suppressed": false},
                   {"label": "@Local business", "count": null, "pct": null, "ci95_low": null, "ci95_high": null, "suppressed": true}]}]}
                """);
        provenance(id, "survey", "surveymonkey", "surveys/Resident survey 2026.csv", 1234, null, "passed");
    }

    void headlines(String json, String csv) throws IOException {
        put(LakeKeys.HEADLINES + "headlines.json", json);
        put(LakeKeys.HEADLINES + "headlines.csv", csv);
    }

    static String headlinesJson(String decile1Pct) {
        return """
                {"subject": {"area_code": "E08000007", "area_name": "Stockport"},
                 "headlines": [
                  {"id": "polarisation-decile-1", "title": "Share of small areas in the most deprived decile",
                   "statement": "%s%% of Stockport's LSOAs are in England's most deprived decile (IMD 2019).",
                   "value": %s, "unit": "%%", "period": "2019",
                   "comparators": [{"area_code": "E12000002", "area_name": "North West", "value": 18.9},
                                   {"area_code": "E92000001", "area_name": "England", "value": 10.0}],
                   "status": "ok", "sources": [{"dataset": "imd-2019", "sha256": "ab12cd34ef56ab12cd34ef56", "rows": 32844}]},
                  {"id": "life-expectancy", "title": "Life expectancy <at birth> & \\"trend\\"",
                   "statement": "<script>alert('x')</script> Life expectancy is 79.1 years.",
                   "value": 79.1, "unit": "years", "period": "2018 - 20",
                   "ci95": {"low": 78.6, "high": 79.6},
                   "comparators": [{"area_code": "E92000001", "area_name": "England", "value": 79.4}],
                   "status": "ok", "sources": [{"dataset": "jsna-life-expectancy", "sha256": "0123456789abcdef", "rows": 5}]},
                  {"id": "survey-connected", "title": "Feel more connected",
                   "statement": "43%% feel more connected to their local community.",
                   "value": 43.0, "unit": "%%", "period": "2026", "ci95": [40.2, 45.8], "comparators": [],
                   "status": "ok", "sources": [{"dataset": "surveys-resident-survey"}]},
                  {"id": "claimant-rate", "title": "Claimant rate", "statement": null, "value": null,
                   "status": "missing_data", "reason": "upload a Nomis claimant count extract (NM_162_1)",
                   "sources": []}]}
                """.formatted(decile1Pct, decile1Pct);
    }

    static String headlinesCsv(String decile1Pct) {
        return "id,title,area_code,area_name,value,unit,period,status\n"
                + "polarisation-decile-1,Share in decile 1,E08000007,Stockport," + decile1Pct + ",%,2019,ok\n"
                + "polarisation-decile-1,Share in decile 1,E12000002,North West,18.9,%,2019,ok\n"
                + "life-expectancy,\"=Life, expectancy\",E08000007,Stockport,-79.1,years,2018 - 20,ok\n"
                + "claimant-rate,Claimant rate,E08000007,Stockport,,,,missing_data\n";
    }

    /** Deletes a dataset the way ingest retires one: its provenance and files go. */
    void retire(String id) throws IOException {
        for (ObjectInfo o : store.list(BUCKETS.lake(), LakeKeys.datasetPrefix(id))) {
            store.delete(BUCKETS.lake(), o.key());
        }
    }

    private void provenance(String id, String kind, String family, String rawKey, long rows, String licence,
                            String screen) throws IOException {
        ObjectNode p = Json.object();
        p.put("dataset_id", id);
        p.put("family", family);
        p.put("layout", family + " export");
        p.put("kind", kind);
        ObjectNode source = p.putObject("source");
        source.put("bucket", BUCKETS.raw());
        source.put("key", rawKey);
        source.put("version_id", "v1");
        source.put("etag", "\"0123\"");
        source.put("sha256", LakeKeys.sha256(rawKey));
        source.put("bytes", 1234);
        ObjectNode r = p.putObject("rows");
        r.put("read", rows);
        r.put("written", rows);
        r.put("rejected", 0);
        if (licence != null) {
            p.set("licence", Json.parse(licence.getBytes(StandardCharsets.UTF_8)));
        }
        if (screen != null) {
            ObjectNode sc = p.putObject("screen");
            sc.put("verdict", screen);
            sc.put("columns_checked", 0);
            sc.putArray("personal_columns");
            sc.putNull("records_about_people");
            sc.put("redactions", 0);
            sc.putObject("redacted");
        }
        p.put("ingested_at", "2026-11-20T10:00:00Z");
        p.put("code_version", "test");
        store.put(BUCKETS.lake(), LakeKeys.provenanceKey(id), Json.bytes(p), PutOptions.json());
    }

    private void put(String key, String text) throws IOException {
        store.put(BUCKETS.lake(), key, text.getBytes(StandardCharsets.UTF_8), PutOptions.json());
    }

    /** A schema vendored in the test resources ({@code vendor/…}, with its provenance in a README there). */
    static java.io.InputStream vendoredSchema(String path) {
        java.io.InputStream in = TestLake.class.getResourceAsStream("/vendor/" + path);
        if (in == null) {
            throw new IllegalStateException("no vendored schema " + path);
        }
        return in;
    }
}
