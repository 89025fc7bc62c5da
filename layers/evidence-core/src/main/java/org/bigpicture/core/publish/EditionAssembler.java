package org.bigpicture.core.publish;

import org.bigpicture.core.lake.Sha256;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.DatasetFiles;
import org.bigpicture.core.dataset.DatasetReader;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.Provenance;
import org.bigpicture.core.sources.Sources;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectStore;

/**
 * Reads the lake and lays out an edition's data files and headlines in a local folder:
 * {@code data/<id>.csv|parquet|json} per table, {@code headlines.json}, {@code headlines.csv}.
 *
 * <p>Only finished datasets count (their {@code provenance.json}, written last by ingest, exists)
 * and only retired ones are left out. Observations and tables: the lake's {@code data.parquet} is
 * published as it is (the twin), and streamed into CSV (and JSON when small). Surveys: only
 * {@code summary.json} and {@code themes.json} are read, never respondent-level files (which live
 * under {@code restricted/}, outside {@code datasets/}). Tables are published only when their
 * provenance records that they passed the personal-data screen or were released
 * ({@link LakeDataset#publishable()}); anything else is withheld.
 */
final class EditionAssembler {

    private static final Logger LOG = Logger.getLogger(EditionAssembler.class.getName());

    static final String SUMMARY = "summary.json";
    static final String THEMES = "themes.json";
    static final String DATA_PARQUET = "data.parquet";
    static final String SCHEMA = "schema.json";

    private final ObjectStore store;
    private final String lakeBucket;
    private final Map<String, Edition.Reusable> reusable;

    /** @param reusable tables of the previous edition whose CSV and JSON may be copied, by table name */
    EditionAssembler(ObjectStore store, String lakeBucket, Map<String, Edition.Reusable> reusable) {
        this.store = store;
        this.lakeBucket = lakeBucket;
        this.reusable = reusable;
    }

    Edition.Content assemble(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path scratch = Files.createDirectories(dir.resolve(".lake"));
        List<Edition.Dataset> datasets = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        // Resolved again with the lake's current file: a corrected sources.yaml applies without re-uploading.
        Sources sources = Sources.load(store, lakeBucket);
        for (Map.Entry<String, Set<String>> e : datasetFiles().entrySet()) {
            String id = e.getKey();
            Set<String> files = e.getValue();
            if (!files.contains(LakeKeys.PROVENANCE)) {
                continue; // not finished (or being replaced): provenance is written last
            }
            LakeDataset lake = new LakeDataset(id,
                    Provenance.parse(store.readAllBytes(lakeBucket, LakeKeys.provenanceKey(id))));
            if (!lake.publishable()) {
                // Only what is aggregate by construction, or screened, leaves the lake (issue 11).
                LOG.warning("dataset " + id + " from " + lake.sourceKey() + " withheld: " + lake.withheldBecause());
                withheld.add(id);
                continue;
            }
            List<Edition.Table> tables = lake.isSurvey()
                    ? surveyTables(lake, files, data, scratch)
                    : dataTable(lake, files, data, scratch);
            if (tables.isEmpty()) {
                LOG.warning("dataset " + id + " has no publishable table; left out");
                continue;
            }
            datasets.add(new Edition.Dataset(lake, tables, sources.resolve(lake.sourceKey(), lake.family())));
        }
        deleteTree(scratch);

        JsonNode headlines = null;
        Edition.File headlinesJson = null;
        Edition.File headlinesCsv = null;
        ObjectNode headlinesSchema = null;
        Optional<byte[]> hj = read(LakeKeys.HEADLINES + "headlines.json");
        if (hj.isPresent()) {
            headlines = Json.parse(hj.get());
            headlinesJson = write(dir, "headlines.json", hj.get(), Edition.JSON);
        }
        Optional<byte[]> hc = read(LakeKeys.HEADLINES + "headlines.csv");
        if (hc.isPresent()) {
            HeadlinesCsv.Rewritten rewritten = HeadlinesCsv.rewrite(hc.get());
            if (!rewritten.names().isEmpty()) {
                headlinesCsv = write(dir, "headlines.csv", rewritten.csv(), Edition.CSV);
                headlinesSchema = TableSchemas.forInferred(rewritten.names(), rewritten.types());
            }
        }
        return new Edition.Content(datasets, headlines, headlinesJson, headlinesCsv, headlinesSchema, withheld,
                sources.hub());
    }

    /** Dataset id → names of its files in the lake (one listing, no per-dataset requests). */
    private Map<String, Set<String>> datasetFiles() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        for (ObjectInfo o : store.list(lakeBucket, LakeKeys.DATASETS)) {
            String rest = o.key().substring(LakeKeys.DATASETS.length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
                continue;
            }
            String id = rest.substring(0, slash);
            if (!LakeDataset.isSafeId(id)) {
                LOG.warning("lake dataset folder with an unsafe id left out: " + id);
                continue;
            }
            out.computeIfAbsent(id, k -> new TreeSet<>()).add(rest.substring(slash + 1));
        }
        return out;
    }

    private List<Edition.Table> dataTable(LakeDataset lake, Set<String> files, Path data, Path scratch)
            throws IOException {
        if (!files.contains(DATA_PARQUET)) {
            return List.of();
        }
        String id = lake.id();
        Path parquet = data.resolve(id + ".parquet");
        store.download(lakeBucket, LakeKeys.datasetPrefix(id) + DATA_PARQUET, parquet);
        JsonNode lakeSchema = files.contains(SCHEMA)
                ? Json.parse(store.readAllBytes(lakeBucket, LakeKeys.datasetPrefix(id) + SCHEMA)) : null;
        return List.of(table(id, lake.title(), describe(lake), parquet, lakeSchema, data));
    }

    private List<Edition.Table> surveyTables(LakeDataset lake, Set<String> files, Path data, Path scratch)
            throws IOException {
        List<Edition.Table> out = new ArrayList<>();
        String id = lake.id();
        if (files.contains(SUMMARY)) {
            JsonNode summary = Json.parse(store.readAllBytes(lakeBucket, LakeKeys.datasetPrefix(id) + SUMMARY));
            Path parquet = writeSurveyTable(scratch.resolve(id + "-summary"), SurveyTables.SUMMARY_COLUMNS,
                    sink -> SurveyTables.writeSummary(summary, sink));
            Path target = data.resolve(id + "-summary.parquet");
            Files.move(parquet, target);
            String respondents = Json.text(summary, "respondents");
            out.add(table(id + "-summary", lake.title() + ": answers by question",
                    "Answers to each closed question, for all respondents and by respondent group, with 95% Wilson"
                            + " intervals. " + SurveyTables.disclosureNote(summary)
                            + (respondents != null ? " Respondents: " + respondents + "." : ""),
                    target, null, data));
        }
        if (files.contains(THEMES)) {
            JsonNode themes = Json.parse(store.readAllBytes(lakeBucket, LakeKeys.datasetPrefix(id) + THEMES));
            Path parquet = writeSurveyTable(scratch.resolve(id + "-themes"), SurveyTables.THEMES_COLUMNS,
                    sink -> SurveyTables.writeThemes(themes, sink));
            Path target = data.resolve(id + "-themes.parquet");
            Files.move(parquet, target);
            out.add(table(id + "-themes", lake.title() + ": themes in free-text answers",
                    "Free-text answers coded to themes (the text itself is never published). "
                            + SurveyTables.disclosureNote(themes),
                    target, null, data));
        }
        return out;
    }

    interface Rows {
        void write(org.bigpicture.core.dataset.RowSink sink) throws IOException;
    }

    private static Path writeSurveyTable(Path dir, List<Column> columns, Rows rows) throws IOException {
        DatasetWriter writer = DatasetWriter.open(dir, columns);
        try {
            rows.write(writer);
            DatasetFiles files = writer.finish();
            return files.parquet();
        } finally {
            writer.close();
        }
    }

    /**
     * CSV and JSON from the Parquet file already in {@code data/}; copied from the previous
     * edition instead when its Parquet twin had the same bytes.
     */
    private Edition.Table table(String name, String title, String description, Path parquet,
                                       JsonNode lakeSchema, Path data) throws IOException {
        Path csv = data.resolve(name + ".csv");
        Path json = data.resolve(name + ".json");
        Edition.File parquetFile = file("data/" + name + ".parquet", parquet, Edition.PARQUET);
        Edition.Reusable previous = reusable.get(name);
        boolean reuse = previous != null && previous.parquetSha256().equals(parquetFile.sha256());
        Edition.File csvFile;
        Edition.File jsonFile;
        long rows;
        List<Column> columns;
        try (DatasetReader reader = DatasetReader.open(parquet)) {
            columns = reader.columns();
            if (reuse) {
                rows = previous.rows();
                csvFile = previous.csv();
                jsonFile = previous.json();
            } else {
                // JSON only for small tables (the footer knows the row count before any row is read).
                boolean small = reader.rowCount() <= DatasetWriter.JSON_ROW_LIMIT;
                TableExport.Written written = TableExport.write(reader, csv, small ? json : null,
                        DatasetWriter.JSON_ROW_LIMIT);
                rows = written.rows();
                csvFile = new Edition.File("data/" + name + ".csv", csv, written.csvBytes(), written.csvSha256(),
                        Edition.CSV);
                jsonFile = written.json() ? file("data/" + name + ".json", json, Edition.JSON) : null;
            }
        }
        return new Edition.Table(name, title, description, rows, csvFile, parquetFile, jsonFile,
                TableSchemas.forColumns(columns, lakeSchema, false),
                TableSchemas.forColumns(columns, lakeSchema, true));
    }

    private static String describe(LakeDataset lake) {
        StringBuilder sb = new StringBuilder();
        if (lake.layout() != null) {
            sb.append(lake.layout()).append('.');
        }
        if (lake.sourceKey() != null) {
            sb.append(sb.length() > 0 ? " " : "").append("From the upload ").append(lake.sourceKey()).append('.');
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    static Edition.File file(String path, Path local, String contentType) throws IOException {
        return new Edition.File(path, local, Files.size(local), Sha256.hex(local), contentType);
    }

    static Edition.File write(Path dir, String path, byte[] bytes, String contentType) throws IOException {
        Path local = dir.resolve(path);
        Files.createDirectories(local.getParent());
        Files.write(local, bytes);
        return new Edition.File(path, local, bytes.length, Sha256.hex(bytes), contentType);
    }

    private Optional<byte[]> read(String key) throws IOException {
        if (store.head(lakeBucket, key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store.readAllBytes(lakeBucket, key));
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
