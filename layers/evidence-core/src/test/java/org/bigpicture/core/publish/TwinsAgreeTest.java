package org.bigpicture.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.headlines.HeadlineEngine;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV, Parquet and JSON twins of every published table hold the same value in every cell
 * (issue 12), over an edition whose tables carry the awkward values: a real text {@code [c]},
 * signed zero, {@code 1e-7}, {@code -2.5e300}, an integer past 2^53, NaN and infinities, a decimal
 * past a double's digits, formula-like text, and a survey's suppressed cells. Each twin is read
 * as a partner would: the CSV with its resource's Table Schema (missing values, types), the
 * Parquet with DuckDB, the JSON with Jackson. The edition's descriptor is also checked by
 * Frictionless's own v1 library on npm, which casts every CSV row against its schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwinsAgreeTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    @TempDir
    static Path tmp;
    Path edition;
    JsonNode pkg;

    static final String EDGE = "label,amount,big,lossy,note\r\n"
            + "[c],-0.0,9007199254740993,1.5,=SUM(A1)\r\n"
            + "tiny,1e-7,12345678901234567,2.25,-5\r\n"
            + "huge,-2.5e300,1,9007199254740993,@home\r\n"
            + "nan,NaN,2,3.5,+44\r\n"
            + "infinite,INF,3,4.5,ok\r\n"
            + "minus infinite,-Infinity,4,5.5,ok\r\n"
            + "spreadsheet noise,37.770000000000003,5,6.5,\r\n"
            + "tenth,0.1,-9007199254740993,7.5,plain\r\n";

    @BeforeAll
    void publishAnEditionWithEveryAwkwardValue() throws Exception {
        FileObjectStore store = new FileObjectStore(tmp.resolve("store"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneId.of("Europe/London"));
        Ingest ingest = new Ingest(store, TestLake.BUCKETS, Recognizer.standard(Limits.defaults()),
                Wiring.configValidators(), Notifier.NONE, clock, () -> new byte[32],
                Files.createDirectories(tmp.resolve("scratch")));
        Path edge = Files.writeString(tmp.resolve("edge.csv"), EDGE);
        Path survey = Path.of("../../samples/surveys/stockport-business-recovery-survey-google-forms.csv");
        int sequence = 0;
        for (Map.Entry<String, Path> upload : Map.of("tables/edge values.csv", edge,
                "surveys/business recovery.csv", survey).entrySet()) {
            store.put(TestLake.BUCKETS.raw(), upload.getKey(), upload.getValue(), PutOptions.of("text/csv"));
            IngestResult r = ingest.onObjectCreated(new RawObjectEvent(TestLake.BUCKETS.raw(), upload.getKey(), null,
                    null, Files.size(upload.getValue()), "00000000000000" + (++sequence), clock.instant()));
            assertThat(r.status()).as(upload.getKey() + ": " + r.message()).isEqualTo("accepted");
        }
        new HeadlineEngine(store, TestLake.BUCKETS.lake(), clock).run();
        new BundlePublisher(store, TestLake.BUCKETS, "http://127.0.0.1:4566/published", clock, tmp.resolve("work"),
                EdgeCache.NONE).publish(LocalDate.of(2026, 11, 26));
        edition = store.root().resolve("published/bundles/2026-11-26");
        pkg = JSON.readTree(edition.resolve("datapackage.json").toFile());
    }

    @Test
    void everyCellOfEveryTableIsTheSameInItsCsvParquetAndJsonTwins() throws Exception {
        int tables = 0;
        long cells = 0;
        for (JsonNode csv : pkg.get("resources")) {
            if (!"csv".equals(csv.path("format").asText()) || !csv.has("dataset")) {
                continue;
            }
            String name = csv.get("name").asText();
            List<Map<String, Object>> fromCsv = readCsv(edition.resolve(csv.get("path").asText()), csv.get("schema"));
            List<Map<String, Object>> fromParquet = readParquet(edition.resolve("data/" + name + ".parquet"));
            sameRows(name + ": Parquet against CSV", fromParquet, fromCsv);
            Path json = edition.resolve("data/" + name + ".json");
            if (Files.exists(json)) {
                sameRows(name + ": JSON against CSV", readJson(json, csv.get("schema")), fromCsv);
            }
            tables++;
            cells += (long) fromCsv.size() * (fromCsv.isEmpty() ? 0 : fromCsv.get(0).size());
        }
        assertThat(tables).as("tables compared").isGreaterThanOrEqualTo(3); // the edge table, the survey's two
        assertThat(cells).isGreaterThan(50);
    }

    @Test
    void theAwkwardValuesAreHandledOneStatedWay() throws Exception {
        String csv = Files.readString(edition.resolve("data/tables-edge-values.csv"));
        // Text "[c]" stays text: only tables that mark suppression list it as a missing value.
        assertThat(csv).contains("\r\n[c],0,9007199254740993,1.5,'=SUM(A1)\r\n");
        assertThat(csv).contains("\r\ntiny,0.0000001,12345678901234567,2.25,'-5\r\n");
        assertThat(csv).contains("\r\nhuge,-2.5E300,1,9007199254740993,'@home\r\n");
        assertThat(csv).contains("\r\nnan,,2,3.5,'+44\r\n").contains("\r\ninfinite,,3,4.5,ok\r\n");
        assertThat(csv).contains("\r\nspreadsheet noise,37.77,5,6.5,\r\n");
        assertThat(csv).contains("\r\ntenth,0.1,'-9007199254740993,7.5,plain\r\n"); // text: the formula guard
        JsonNode fields = resource("tables-edge-values").get("schema").get("fields");
        // Whole numbers past 2^53 are text in every twin (no double, no JavaScript reader holds them).
        assertThat(fields.findValuesAsText("type")).containsExactly("string", "number", "string", "string", "string");
        assertThat(resource("tables-edge-values").get("schema").get("missingValues").toString()).isEqualTo("[\"\"]");
        assertThat(resource("surveys-business-recovery-summary").get("schema").get("missingValues").toString())
                .isEqualTo("[\"\",\"[c]\"]");
        String json = Files.readString(edition.resolve("data/tables-edge-values.json"));
        assertThat(json).contains("\"amount\":-2.5E300").contains("\"big\":\"9007199254740993\"")
                .contains("\"amount\":1.0E-7".replace("1.0E-7", "0.0000001")).contains("\"amount\":null");
    }

    @Test
    void frictionlessOwnV1LibraryValidatesTheDescriptorAndCastsEveryRow() throws Exception {
        FrictionlessV1.Result r = FrictionlessV1.validate(edition.resolve("datapackage.json"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.valid()).isTrue();
        assertThat(r.rows()).isGreaterThan(8);
    }

    private static void sameRows(String what, List<Map<String, Object>> actual, List<Map<String, Object>> expected) {
        assertThat(actual).as(what + ": rows").hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as(what + ", row " + (i + 1)).isEqualTo(expected.get(i));
        }
    }

    private JsonNode resource(String name) {
        for (JsonNode r : pkg.get("resources")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name);
    }

    /** The CSV as a Table Schema reader takes it: its missing values, its types, the formula guard undone. */
    private static List<Map<String, Object>> readCsv(Path file, JsonNode schema) throws Exception {
        Set<String> missing = new HashSet<>();
        schema.get("missingValues").forEach(m -> missing.add(m.asText()));
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode f : schema.get("fields")) {
            types.add(f.get("type").asText());
            names.add(unguard(f.get("name").asText()));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            boolean header = true;
            for (CsvRecord r : reader) {
                if (header) {
                    header = false;
                    continue;
                }
                Map<String, Object> row = new TreeMap<>();
                for (int i = 0; i < names.size(); i++) {
                    String cell = r.getField(i);
                    row.put(names.get(i), missing.contains(cell) ? null : cast(types.get(i), cell));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object cast(String type, String cell) {
        return switch (type) {
            case "integer" -> new BigDecimal(cell).toBigIntegerExact().longValueExact();
            case "number" -> Double.parseDouble(cell);
            case "boolean" -> Boolean.parseBoolean(cell);
            case "date" -> LocalDate.parse(cell).toString();
            default -> unguard(cell);
        };
    }

    /** A text cell the CSV neutralised ({@code '} before = + - @, tab or CR) as the twins hold it. */
    private static String unguard(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }

    private static List<Map<String, Object>> readParquet(Path file) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select * from read_parquet('" + file + "')")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new TreeMap<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.sql.Date d) {
                        v = d.toLocalDate().toString();
                    } else if (v instanceof java.time.LocalDate d) {
                        v = d.toString();
                    } else if (v instanceof Integer k) {
                        v = k.longValue();
                    }
                    row.put(rs.getMetaData().getColumnName(i), v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The JSON twin as its schema types it (JSON has one number type: 26 and 26.0 are the same number). */
    private static List<Map<String, Object>> readJson(Path file, JsonNode schema) throws Exception {
        Map<String, String> types = new java.util.HashMap<>();
        for (JsonNode f : schema.get("fields")) {
            types.put(unguard(f.get("name").asText()), f.get("type").asText());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode record : JSON.readTree(file.toFile())) {
            Map<String, Object> row = new TreeMap<>();
            record.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                Object o;
                if (v.isNull()) {
                    o = null;
                } else if (v.isNumber() && "number".equals(types.get(e.getKey()))) {
                    o = v.doubleValue(); // from the exact decimal text: read as a partner's parser would
                } else if (v.isIntegralNumber()) {
                    o = v.bigIntegerValue().longValueExact();
                } else if (v.isNumber()) {
                    o = v.doubleValue(); // from the exact decimal text: read as a partner's parser would
                } else if (v.isBoolean()) {
                    o = v.booleanValue();
                } else {
                    o = v.asText();
                }
                row.put(e.getKey(), o);
            });
            rows.add(row);
        }
        return rows;
    }

    /** Frictionless's own JavaScript library (npm {@code datapackage}, v1), run with node. */
    static final class FrictionlessV1 {
        record Result(boolean valid, List<String> errors, long rows) {
        }

        static Result validate(Path descriptor) throws Exception {
            Path dir = Path.of("src/test/frictionless").toAbsolutePath();
            boolean ready = Files.isDirectory(dir.resolve("node_modules/datapackage"));
            if (Axe.onCi()) {
                assertThat(ready).as("CI installs the npm packages (npm ci --prefix " + dir + ")").isTrue();
            } else {
                assumeTrue(ready, "npm datapackage not installed (npm ci --prefix " + dir + ")");
            }
            Process p = new ProcessBuilder("node", dir.resolve("validate.mjs").toString(), descriptor.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(text).isZero();
            JsonNode r = new ObjectMapper().readTree(text.substring(text.lastIndexOf("\n{") + 1));
            List<String> errors = new ArrayList<>();
            r.get("errors").forEach(e -> errors.add(e.asText()));
            return new Result(r.get("valid").asBoolean(), errors, r.get("rows").asLong());
        }
    }
}
