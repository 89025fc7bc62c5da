package org.bigpicture.core.publish;

import org.bigpicture.core.lake.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlePublisherTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final LocalDate DATE = LocalDate.of(2026, 11, 26);
    static final String BASE = "http://127.0.0.1:4566/published";

    @TempDir
    Path tmp;
    RecordingStore store;
    TestLake lake;
    BundlePublisher publisher;
    Path published;

    @BeforeEach
    void setUp() throws IOException {
        FileObjectStore files = new FileObjectStore(tmp.resolve("store"));
        store = new RecordingStore(files);
        lake = new TestLake(store, Files.createDirectories(tmp.resolve("scratch"))).standard();
        publisher = publisher(Instant.parse("2026-11-26T06:00:00Z"));
        published = files.root().resolve(TestLake.BUCKETS.published());
    }

    BundlePublisher publisher(Instant now) {
        return new BundlePublisher(store, TestLake.BUCKETS, BASE, Clock.fixed(now, LONDON),
                tmp.resolve("work"), EdgeCache.NONE);
    }

    Path edition(String id) {
        return published.resolve("bundles").resolve(id);
    }

    JsonNode json(Path p) throws IOException {
        return Json.parse(Files.readAllBytes(p));
    }

    @Test
    void publishesACompleteEditionWithLatestAndCatalog() throws IOException {
        PublishResult r = publisher.publish(DATE);

        assertThat(r.outcome()).isEqualTo(PublishResult.Outcome.PUBLISHED);
        assertThat(r.edition()).isEqualTo("2026-11-26");
        assertThat(r.url()).isEqualTo(BASE + "/bundles/2026-11-26/datapackage.json");
        Path e = edition("2026-11-26");
        for (String f : List.of("datapackage.json", "headlines.json", "headlines.csv", "SHA256SUMS", "CHANGES.md",
                "changes.json", "index.html", "data/jsna-life-expectancy.csv", "data/jsna-life-expectancy.parquet",
                "data/jsna-life-expectancy.json", "data/hostile-upload.csv", "data/surveys-resident-survey-summary.csv",
                "data/surveys-resident-survey-themes.parquet")) {
            assertThat(e.resolve(f)).as(f).isRegularFile();
        }
        JsonNode catalog = json(published.resolve("bundles/catalog.json"));
        assertThat(catalog.get("editions")).hasSize(1);
        JsonNode entry = catalog.get("editions").get(0);
        assertThat(entry.get("id").asText()).isEqualTo("2026-11-26");
        assertThat(entry.get("date").asText()).isEqualTo("2026-11-26");
        assertThat(entry.get("url").asText()).isEqualTo(r.url());
        assertThat(entry.get("withdrawn").asBoolean()).isFalse();
        assertThat(entry.get("datapackage_sha256").asText()).isEqualTo(Sha256.hex(e.resolve("datapackage.json")));
        JsonNode latest = json(published.resolve("bundles/latest.json"));
        assertThat(latest.get("edition").asText()).isEqualTo("2026-11-26");
        assertThat(latest.get("url").asText()).isEqualTo(r.url());
        assertThat(latest.get("datapackage_sha256").asText()).isEqualTo(entry.get("datapackage_sha256").asText());
        // latest/ is a byte-for-byte copy of the edition.
        assertThat(tree(published.resolve("bundles/latest"))).isEqualTo(tree(e));
    }

    @Test
    void writesInOrderDataThenManifestThenCatalogThenLatest() throws IOException {
        store.clear();
        publisher.publish(DATE);
        List<String> writes = store.writesTo(TestLake.BUCKETS.published());
        int manifest = writes.indexOf("bundles/2026-11-26/datapackage.json");
        int catalog = writes.indexOf("bundles/catalog.json");
        int firstLatest = indexOfFirst(writes, "bundles/latest/");
        int latestJson = writes.indexOf("bundles/latest.json");
        assertThat(manifest).isPositive();
        for (int i = 0; i < manifest; i++) {
            assertThat(writes.get(i)).startsWith("bundles/2026-11-26/");
        }
        assertThat(catalog).isGreaterThan(manifest);
        assertThat(firstLatest).isGreaterThan(catalog);
        assertThat(latestJson).isEqualTo(writes.size() - 1);
        assertThat(writes.indexOf("bundles/latest/datapackage.json")).isEqualTo(latestJson - 1);
    }

    @Test
    void everyObjectHasContentTypeAndTheRightCaching() throws IOException {
        publisher.publish(DATE);
        Map<String, PutOptions> headers = new TreeMap<>();
        store.headers.forEach((k, v) -> {
            if (k.startsWith(TestLake.BUCKETS.published() + "/")) {
                headers.put(k.substring(TestLake.BUCKETS.published().length() + 1), v);
            }
        });
        assertThat(headers).isNotEmpty();
        headers.forEach((key, o) -> {
            assertThat(o.contentType()).as(key).isNotBlank();
            if (key.startsWith("bundles/2026-11-26/")) {
                assertThat(o.cacheControl()).as(key).isEqualTo("public, max-age=31536000, immutable");
            } else {
                assertThat(o.cacheControl()).as(key).isEqualTo("public, max-age=300");
            }
        });
        assertThat(headers.get("bundles/2026-11-26/data/hostile-upload.parquet").contentType())
                .isEqualTo("application/vnd.apache.parquet");
        assertThat(headers.get("bundles/2026-11-26/data/hostile-upload.csv").contentType()).startsWith("text/csv");
        assertThat(headers.get("bundles/2026-11-26/index.html").contentType()).startsWith("text/html");
        assertThat(headers.get("bundles/latest/data/hostile-upload.csv").contentType()).startsWith("text/csv");
    }

    @Test
    void datapackageIsValidAgainstTheDataPackage2Profile() throws IOException {
        publisher.publish(DATE);
        JsonNode pkg = json(edition("2026-11-26").resolve("datapackage.json"));

        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema;
        try (InputStream in = TestLake.vendoredSchema("datapackage-2.0/datapackage.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
        }
        Set<ValidationMessage> errors = schema.validate(pkg);
        assertThat(errors).isEmpty();
        // And it is checked for real: a broken descriptor fails.
        com.fasterxml.jackson.databind.node.ObjectNode broken = pkg.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("resources").get(0)).put("hash", "sha256:zz");
        assertThat(schema.validate(broken)).isNotEmpty();

        assertThat(pkg.get("$schema").asText()).isEqualTo("https://datapackage.org/profiles/2.0/datapackage.json");
        assertThat(pkg.get("profile").asText()).isEqualTo("tabular-data-package");
        assertThat(pkg.get("created").asText()).isEqualTo("2026-11-26T06:00:00Z");
        // The package lists every licence its resources carry: OGL and the third party's CC BY 4.0.
        assertThat(pkg.get("licenses").findValuesAsText("name")).containsExactly("CC-BY-4.0", "OGL-UK-3.0");
        assertThat(pkg.get("licenses").get(1).get("path").asText()).startsWith("https://www.nationalarchives.gov.uk/");
        assertThat(pkg.get("sources")).isNotEmpty();
        for (JsonNode s : pkg.get("sources")) {
            assertThat(s.get("attribution").asText()).containsAnyOf("Open Government Licence", "CC BY 4.0");
        }
        for (JsonNode r : pkg.get("resources")) {
            String path = r.get("path").asText();
            assertThat(r.get("mediatype").asText()).isEqualTo(path.endsWith(".csv") ? "text/csv"
                    : path.endsWith(".parquet") ? "application/vnd.apache.parquet" : "application/json");
            // [c] is a missing value only where a table marks suppressed cells with it (issue 12: elsewhere it is text).
            boolean marks = false;
            for (JsonNode f : r.get("schema").get("fields")) {
                marks |= f.get("name").asText().equals("suppressed") && f.get("type").asText().equals("boolean");
            }
            assertThat(r.get("schema").get("missingValues").toString()).isEqualTo(marks ? "[\"\",\"[c]\"]" : "[\"\"]");
            assertThat(r.get("hash").asText()).startsWith("sha256:");
        }
        // Each resource names its own licence (the lake's sources.yaml maps uploads/ to CC BY 4.0). Before
        // sources.yaml a resource named one only when it differed from the package's single OGL.
        JsonNode hostile = resource(pkg, "hostile-upload");
        assertThat(hostile.get("licenses").get(0).get("name").asText()).isEqualTo("CC-BY-4.0");
        assertThat(hostile.get("sources").get(0).get("publisher").asText()).isEqualTo("Friends of <b>Reddish</b> & Co");
        assertThat(resource(pkg, "jsna-life-expectancy").get("licenses").get(0).get("name").asText())
                .isEqualTo("OGL-UK-3.0");
    }

    @Test
    void everyResourceMatchesItsBytesAndHashAndSha256SumsChecks() throws Exception {
        publisher.publish(DATE);
        Path e = edition("2026-11-26");
        JsonNode pkg = json(e.resolve("datapackage.json"));
        for (JsonNode r : pkg.get("resources")) {
            Path f = e.resolve(r.get("path").asText());
            assertThat(Files.size(f)).as(f.toString()).isEqualTo(r.get("bytes").asLong());
            assertThat("sha256:" + Sha256.hex(f)).as(f.toString()).isEqualTo(r.get("hash").asText());
        }
        // Every file of the edition but SHA256SUMS itself is listed.
        List<String> listed = Files.readAllLines(e.resolve("SHA256SUMS")).stream().map(l -> l.substring(66)).toList();
        List<String> present = tree(e).keySet().stream().filter(p -> !p.equals("SHA256SUMS")).toList();
        assertThat(listed).containsExactlyElementsOf(present);

        Process p = new ProcessBuilder("sha256sum", "-c", "SHA256SUMS").directory(e.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().filter(l -> l.endsWith(": OK")).count()).isEqualTo(listed.size());
    }

    @Test
    void duckDbReadsEveryParquetWithTheRowCountOfItsCsv() throws Exception {
        publisher.publish(DATE);
        Path e = edition("2026-11-26");
        JsonNode pkg = json(e.resolve("datapackage.json"));
        int checked = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (JsonNode r : pkg.get("resources")) {
                String path = r.get("path").asText();
                if (!path.endsWith(".parquet")) {
                    continue;
                }
                Path csv = e.resolve(path.replace(".parquet", ".csv"));
                long csvRows = csvRecords(csv).size() - 1;
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + e.resolve(path) + "')")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(path).isEqualTo(csvRows);
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_csv('" + csv
                        + "', header = true, all_varchar = true, quote = '\"', escape = '\"')")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(csv.toString()).isEqualTo(csvRows);
                }
                assertThat(r.get("rows").asLong()).isEqualTo(csvRows);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(5); // two observation sets, the hostile table, survey summary and themes
    }

    @Test
    void noPublishedCsvTextCellStartsWithAFormulaCharacter() throws Exception {
        publisher.publish(DATE);
        Path e = edition("2026-11-26");
        JsonNode pkg = json(e.resolve("datapackage.json"));
        int textCells = 0;
        for (JsonNode r : pkg.get("resources")) {
            if (!r.get("path").asText().endsWith(".csv")) {
                continue;
            }
            List<List<String>> records = csvRecords(e.resolve(r.get("path").asText()));
            JsonNode fields = r.get("schema").get("fields");
            assertThat(records.get(0)).hasSize(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                assertThat(records.get(0).get(i)).isEqualTo(fields.get(i).get("name").asText());
            }
            for (List<String> rec : records) {
                for (int i = 0; i < rec.size(); i++) {
                    boolean text = rec == records.get(0) || fields.get(i).get("type").asText().equals("string");
                    if (text) {
                        textCells++;
                        assertThat(CsvCells.isDangerous(rec.get(i))).as(r.get("path") + ": " + rec.get(i)).isFalse();
                    }
                }
            }
        }
        assertThat(textCells).isGreaterThan(50);
        // Numbers stay numbers (negative ones unprefixed); text keeps its content behind the apostrophe.
        String hostile = Files.readString(e.resolve("data/hostile-upload.csv"));
        assertThat(hostile).contains("'=cmd|' /C calc'!A0,-5.5,-3,2020-06-30,true,x\r\n");
        assertThat(hostile).contains("'+SUM(1,2)");
        assertThat(hostile).contains("1234567.875,0,,false,'-1\r\n");
        assertThat(hostile).contains("\"'\tleading tab\",100000000000000000000," + Long.MIN_VALUE);
        assertThat(hostile).startsWith("label,amount,n,when,ok,\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n");
        // The Parquet twin keeps values as they are.
        assertThat(duckString(e.resolve("data/hostile-upload.parquet"), "label", 0)).isEqualTo("=cmd|' /C calc'!A0");
        // headlines.csv: text neutralised, the negative number left alone.
        String headlines = Files.readString(e.resolve("headlines.csv"));
        assertThat(headlines).contains("\"'=Life, expectancy\",E08000007,Stockport,-79.1,");
    }

    @Test
    void uploadedTextIsEscapedInTheReportAndCannotNameAPath() throws IOException {
        // A lake folder whose name is not a dataset slug never becomes a file name in the bundle.
        store.put(TestLake.BUCKETS.lake(), "datasets/Bad.Name/data.parquet",
                Files.readAllBytes(store.delegate instanceof FileObjectStore f
                        ? f.pathOf(TestLake.BUCKETS.lake(), "datasets/jsna-life-expectancy/data.parquet") : null),
                PutOptions.of("application/vnd.apache.parquet"));
        store.put(TestLake.BUCKETS.lake(), "datasets/Bad.Name/provenance.json",
                "{\"kind\": \"table\"}".getBytes(StandardCharsets.UTF_8), PutOptions.json());
        publisher.publish(DATE);
        Path e = edition("2026-11-26");
        try (Stream<Path> all = Files.walk(e)) {
            assertThat(all.map(p -> e.relativize(p).toString())).noneMatch(p -> p.contains("Bad") || p.contains(".."));
        }
        String html = Files.readString(e.resolve("index.html"));
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<b>upload").doesNotContain("<at birth>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("Life expectancy &lt;at birth&gt; &amp; &quot;trend&quot;");
        // The only script element is the JSON-LD block, and nothing in it can close it.
        assertThat(html.split("<script", -1)).hasSize(2);
        String jsonLd = html.substring(html.indexOf("<script type=\"application/ld+json\">"), html.indexOf("</script>"));
        assertThat(jsonLd.substring(jsonLd.indexOf('>') + 1)).doesNotContain("<");
        JsonNode ld = Json.parse(jsonLd.substring(jsonLd.indexOf('>') + 1).getBytes(StandardCharsets.UTF_8));
        assertThat(ld.get("@type").asText()).isEqualTo("Dataset");
        assertThat(ld.get("distribution").findValuesAsText("contentUrl"))
                .contains(BASE + "/bundles/2026-11-26/data/jsna-life-expectancy.csv");
        // Charts: an accessible image with a title and a description stating the values, beside a table.
        assertThat(html).contains("role=\"img\"").contains("<title id=\"chart-1-title\">")
                .contains("<desc id=\"chart-1-desc\">Bar chart. Stockport: 8.9%; North West: 18.9%".replace(";", "."))
                .contains("<caption>Data for the chart: Share of small areas");
    }

    @Test
    void surveysArePublishedAsSummaryAndThemesOnlyWithSuppressedCellsMarked() throws IOException {
        publisher.publish(DATE);
        Path e = edition("2026-11-26");
        try (Stream<Path> all = Files.walk(published)) {
            // (schemas/ describes every record, lake-only ones too: its codebook schema holds no codebook)
            for (Path f : all.filter(Files::isRegularFile).filter(f -> !f.getParent().endsWith("schemas") && !f.endsWith("SHA256SUMS")).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain("Planted-Respondent").doesNotContain("codebook");
            }
        }
        PublishResult again = publisher.publish(DATE.plusDays(1));
        assertThat(again.withheld()).containsExactly("surveys-raw-export");
        assertThat(Files.readString(e.resolve("index.html"))).contains("Withheld from this edition")
                .contains("surveys-raw-export");
        List<List<String>> summary = csvRecords(e.resolve("data/surveys-resident-survey-summary.csv"));
        assertThat(summary.get(0)).containsExactly("question_id", "question", "question_type", "group_question",
                "group_label", "base", "option", "count", "pct", "ci95_low", "ci95_high", "suppressed");
        assertThat(summary).contains(List.of("q1", "Do you feel more connected to your <b>community</b>?",
                "single_choice", "", "", "1200", "Yes", "516", "43", "40.2", "45.8", "false"));
        assertThat(summary).contains(List.of("q1", "Do you feel more connected to your <b>community</b>?",
                "single_choice", "", "", "1200", "Don't know", "[c]", "[c]", "[c]", "[c]", "true"));
        assertThat(summary).contains(List.of("q1", "Do you feel more connected to your <b>community</b>?",
                "single_choice", "I am responding as", "A business", "25", "Yes", "[c]", "[c]", "[c]", "[c]",
                "true"));
        assertThat(summary.stream().map(r -> r.get(6))).contains("'=No");
        List<List<String>> themes = csvRecords(e.resolve("data/surveys-resident-survey-themes.csv"));
        assertThat(themes).contains(List.of("q2", "What is best about living here?", "'@Local business", "900",
                "[c]", "[c]", "[c]", "[c]", "true"));
        assertThat(themes).hasSize(3);
    }

    @Test
    void republishingAnUnchangedLakeWritesNothing() throws IOException {
        publisher.publish(DATE);
        store.clear();
        PublishResult again = publisher(Instant.parse("2026-11-26T09:30:00Z")).publish(DATE);
        assertThat(again.outcome()).isEqualTo(PublishResult.Outcome.UNCHANGED);
        assertThat(again.edition()).isEqualTo("2026-11-26");
        assertThat(store.writesTo(TestLake.BUCKETS.published())).isEmpty();
        // A later date with the same content: still nothing.
        assertThat(publisher.publish(DATE.plusDays(5)).outcome()).isEqualTo(PublishResult.Outcome.UNCHANGED);
        assertThat(store.writesTo(TestLake.BUCKETS.published())).isEmpty();
    }

    @Test
    void changedContentOnTheSameDateBecomesDotTwoAndChangesNameExactlyThatDataset() throws IOException {
        publisher.publish(DATE);
        lake.observations("ons-mid-year-population", "ons-mye2", "ons/MYE2 mid2020.csv", TestLake.population(294198));

        PublishResult second = publisher(Instant.parse("2026-11-26T15:00:00Z")).publish(DATE);

        assertThat(second.outcome()).isEqualTo(PublishResult.Outcome.PUBLISHED);
        assertThat(second.edition()).isEqualTo("2026-11-26.2");
        assertThat(second.changed()).containsExactly("ons-mid-year-population");
        assertThat(second.added()).isEmpty();
        assertThat(second.removed()).isEmpty();
        JsonNode changes = json(edition("2026-11-26.2").resolve("changes.json"));
        assertThat(changes.get("previous").asText()).isEqualTo("2026-11-26");
        assertThat(changes.get("datasets").get("changed")).hasSize(1);
        assertThat(changes.get("datasets").get("changed").get(0).get("id").asText())
                .isEqualTo("ons-mid-year-population");
        assertThat(changes.get("datasets").get("added")).isEmpty();
        assertThat(changes.get("datasets").get("unchanged")).hasSize(3);
        assertThat(changes.get("headlines")).isEmpty();
        String md = Files.readString(edition("2026-11-26.2").resolve("CHANGES.md"));
        assertThat(md).contains("`ons-mid-year-population`").doesNotContain("`jsna-life-expectancy`");
        // The first edition is untouched; latest follows; the catalogue lists both.
        assertThat(json(published.resolve("bundles/latest.json")).get("edition").asText()).isEqualTo("2026-11-26.2");
        assertThat(tree(published.resolve("bundles/latest"))).isEqualTo(tree(edition("2026-11-26.2")));
        JsonNode catalog = json(published.resolve("bundles/catalog.json"));
        assertThat(catalog.get("editions").findValuesAsText("id")).containsExactly("2026-11-26", "2026-11-26.2");
        assertThat(json(edition("2026-11-26").resolve("datapackage.json")).get("created").asText())
                .isEqualTo("2026-11-26T06:00:00Z");
    }

    @Test
    void unchangedTablesAreCopiedFromThePreviousEditionNotWrittenAgain() throws Exception {
        publisher.publish(DATE);
        // Tamper with one previous CSV: a file whose size no longer matches the manifest is never reused.
        Files.writeString(edition("2026-11-26").resolve("data/hostile-upload.csv"), "tampered");
        lake.observations("ons-mid-year-population", "ons-mye2", "ons/MYE2 mid2020.csv", TestLake.population(5));
        store.clear();

        publisher.publish(DATE);

        assertThat(store.copies).contains(
                "bundles/2026-11-26/data/jsna-life-expectancy.csv → bundles/2026-11-26.2/data/jsna-life-expectancy.csv",
                "bundles/2026-11-26/data/jsna-life-expectancy.json → bundles/2026-11-26.2/data/jsna-life-expectancy.json",
                "bundles/2026-11-26/data/surveys-resident-survey-themes.csv"
                        + " → bundles/2026-11-26.2/data/surveys-resident-survey-themes.csv");
        assertThat(store.copies.stream().filter(c -> c.startsWith("bundles/2026-11-26/")))
                .noneMatch(c -> c.contains("ons-mid-year-population") || c.contains("hostile-upload"));
        Path e2 = edition("2026-11-26.2");
        assertThat(Files.readString(e2.resolve("data/hostile-upload.csv"))).startsWith("label,amount");
        Process p = new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS").directory(e2.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(json(e2.resolve("datapackage.json")).get("resources").findValuesAsText("export_version"))
                .isNotEmpty().containsOnly(TableExport.VERSION);
    }

    @Test
    void headlineValuesOldToNewAreListedAndRetiredDatasetsRemoved() throws IOException {
        publisher.publish(DATE);
        lake.headlines(TestLake.headlinesJson("9.2"), TestLake.headlinesCsv("9.2"));
        lake.retire("hostile-upload");

        PublishResult r = publisher.publish(DATE.plusMonths(1));

        assertThat(r.edition()).isEqualTo("2026-12-26");
        assertThat(r.removed()).containsExactly("hostile-upload");
        assertThat(r.changed()).isEmpty();
        assertThat(r.headlinesChanged()).isEqualTo(1);
        JsonNode h = json(edition("2026-12-26").resolve("changes.json")).get("headlines").get(0);
        assertThat(h.get("id").asText()).isEqualTo("polarisation-decile-1");
        assertThat(h.get("old").get("value").asDouble()).isEqualTo(8.9);
        assertThat(h.get("new").get("value").asDouble()).isEqualTo(9.2);
        assertThat(Files.readString(edition("2026-12-26").resolve("CHANGES.md")))
                .contains("`hostile-upload`").contains("| 8.9 % (2019) | 9.2 % (2019) |");
        assertThat(edition("2026-12-26").resolve("data/hostile-upload.csv")).doesNotExist();
        assertThat(published.resolve("bundles/latest/data/hostile-upload.csv")).doesNotExist();
    }

    @Test
    void aReplacedUploadWithTheSameDataIsExplainedNotListedAsChanged() throws IOException {
        publisher.publish(DATE);
        // The officer re-exports the file: other bytes (another sha256), the same tables. Headlines
        // cite the new sha256, so their file changes while no value does.
        String key = "datasets/jsna-life-expectancy/provenance.json";
        String provenance = new String(store.readAllBytes(TestLake.BUCKETS.lake(), key), StandardCharsets.UTF_8);
        store.put(TestLake.BUCKETS.lake(), key, provenance.replaceAll("\"sha256\" : \"[0-9a-f]+\"",
                "\"sha256\" : \"" + "ab".repeat(32) + "\"").getBytes(StandardCharsets.UTF_8), PutOptions.json());
        lake.headlines(TestLake.headlinesJson("8.9").replace("0123456789abcdef", "ab".repeat(32)),
                TestLake.headlinesCsv("8.9"));

        PublishResult r = publisher.publish(DATE);

        assertThat(r.edition()).isEqualTo("2026-11-26.2");
        assertThat(r.changed()).isEmpty();
        assertThat(r.headlinesChanged()).isZero();
        JsonNode changes = json(edition("2026-11-26.2").resolve("changes.json"));
        assertThat(changes.get("datasets").get("source_replaced").findValuesAsText("id"))
                .containsExactly("jsna-life-expectancy");
        assertThat(changes.get("headlines")).hasSize(1);
        assertThat(changes.get("headlines").get(0).get("change").asText()).isEqualTo("details");
        assertThat(Files.readString(edition("2026-11-26.2").resolve("CHANGES.md")))
                .contains("Source file replaced, published data identical").contains("`jsna-life-expectancy`")
                .contains("No headline value changed.").contains("Same value, new wording, sources or details");
    }

    @Test
    void withdrawalRemovesTheFilesKeepsTheCatalogueEntryAndMovesLatestBack() throws IOException {
        publisher.publish(DATE);
        lake.observations("ons-mid-year-population", "ons-mye2", "ons/MYE2 mid2020.csv", TestLake.population(1));
        publisher.publish(DATE);
        List<String> purged = new ArrayList<>();
        BundlePublisher withCdn = new BundlePublisher(store, TestLake.BUCKETS, BASE,
                Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), LONDON), tmp.resolve("work"), purged::addAll);

        WithdrawResult w = withCdn.withdraw("2026-11-26.2", "Held a personal e-mail address <oops>");

        assertThat(w.latest()).isEqualTo("2026-11-26");
        assertThat(w.filesDeleted()).isGreaterThan(10);
        assertThat(edition("2026-11-26.2")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(tree(p)).isEmpty());
        JsonNode catalog = json(published.resolve("bundles/catalog.json"));
        JsonNode entry = catalog.get("editions").get(1);
        assertThat(entry.get("id").asText()).isEqualTo("2026-11-26.2");
        assertThat(entry.get("withdrawn").asBoolean()).isTrue();
        assertThat(entry.get("withdrawn_reason").asText()).isEqualTo("Held a personal e-mail address <oops>");
        assertThat(catalog.get("editions").get(0).get("withdrawn").asBoolean()).isFalse();
        assertThat(json(published.resolve("bundles/latest.json")).get("edition").asText()).isEqualTo("2026-11-26");
        assertThat(tree(published.resolve("bundles/latest"))).isEqualTo(tree(edition("2026-11-26")));
        assertThat(purged).contains("/bundles/2026-11-26.2/*", "/bundles/latest/*");

        // The schedule does not bring the withdrawn content back.
        PublishResult again = publisher.publish(DATE.plusDays(1));
        assertThat(again.outcome()).isEqualTo(PublishResult.Outcome.WITHDRAWN_CONTENT);
        // Corrected data publishes under a new name; the withdrawn name is never reused.
        lake.observations("ons-mid-year-population", "ons-mye2", "ons/MYE2 mid2020.csv", TestLake.population(2));
        assertThat(publisher.publish(DATE).edition()).isEqualTo("2026-11-26.3");
        // Withdrawing the only public editions leaves no latest.
        withCdn.withdraw("2026-11-26.3", "test");
        withCdn.withdraw("2026-11-26", "test");
        assertThat(published.resolve("bundles/latest.json")).doesNotExist();
        assertThat(tree(published.resolve("bundles/latest"))).isEmpty();
        assertThatThrownBy(() -> withCdn.withdraw("2026-01-01", "no such")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withCdn.withdraw("2026-11-26", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aManifestWriteWhoseAnswerWasLostIsNotTakenForARace() throws IOException {
        store.loseConditionalAnswers = true;
        assertThat(publisher.publish(DATE).edition()).isEqualTo("2026-11-26");
        // A different manifest already under the name is a race: refused, nothing overwritten.
        lake.observations("ons-mid-year-population", "ons-mye2", "ons/MYE2 mid2020.csv", TestLake.population(7));
        store.put(TestLake.BUCKETS.published(), "bundles/2026-11-26.2/datapackage.json",
                "{}".getBytes(StandardCharsets.UTF_8), PutOptions.json());
        store.delete(TestLake.BUCKETS.published(), "bundles/catalog.json");
        store.loseConditionalAnswers = false;
        PublishResult r = publisher.publish(DATE);
        assertThat(r.edition()).isEqualTo("2026-11-26.3");
        assertThat(Files.readString(edition("2026-11-26.2").resolve("datapackage.json"))).isEqualTo("{}");
    }

    @Test
    void anEditionWhoseCatalogueUpdateWasLostIsAdoptedNotOverwritten() throws IOException {
        publisher.publish(DATE);
        store.delete(TestLake.BUCKETS.published(), "bundles/catalog.json");
        store.delete(TestLake.BUCKETS.published(), "bundles/latest.json");

        PublishResult r = publisher.publish(DATE);

        assertThat(r.outcome()).isEqualTo(PublishResult.Outcome.UNCHANGED);
        assertThat(json(published.resolve("bundles/catalog.json")).get("editions")).hasSize(1);
        assertThat(json(published.resolve("bundles/latest.json")).get("edition").asText()).isEqualTo("2026-11-26");
    }

    @Test
    void theSameLakeGivesByteIdenticalDataFiles() throws IOException {
        publisher.publish(DATE);
        FileObjectStore other = new FileObjectStore(tmp.resolve("other"));
        new TestLake(other, Files.createDirectories(tmp.resolve("scratch2"))).standard();
        new BundlePublisher(other, TestLake.BUCKETS, "https://example.org", Clock.fixed(
                Instant.parse("2027-01-01T00:00:00Z"), LONDON), tmp.resolve("work2"), EdgeCache.NONE)
                .publish(DATE.plusYears(1));
        Map<String, String> a = tree(edition("2026-11-26"));
        Map<String, String> b = tree(other.root().resolve("published/bundles/2027-11-26"));
        a.keySet().removeIf(k -> !Edition.isContent(k));
        b.keySet().removeIf(k -> !Edition.isContent(k));
        assertThat(a).hasSizeGreaterThan(10).isEqualTo(b);
    }

    @Test
    void anEmptyLakePublishesAnEditionWithNoDatasetsAndNoHeadlines() throws IOException {
        FileObjectStore empty = new FileObjectStore(tmp.resolve("empty"));
        PublishResult r = new BundlePublisher(empty, TestLake.BUCKETS, BASE, Clock.fixed(
                Instant.parse("2026-11-26T06:00:00Z"), LONDON), tmp.resolve("work3"), EdgeCache.NONE).publish(DATE);
        assertThat(r.outcome()).isEqualTo(PublishResult.Outcome.PUBLISHED);
        String html = Files.readString(empty.root().resolve("published/bundles/2026-11-26/index.html"));
        assertThat(html).contains("No headline statistics").contains("no datasets");
    }

    // ---- helpers

    static JsonNode resource(JsonNode pkg, String name) {
        for (JsonNode r : pkg.get("resources")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name);
    }

    static int indexOfFirst(List<String> list, String prefix) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Relative path → sha256 of every file under a folder. */
    static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Sha256.hex(p));
            }
        }
        return out;
    }

    static List<List<String>> csvRecords(Path csv) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv)) {
            r.forEach(rec -> out.add(rec.getFields()));
        }
        return out;
    }

    static String duckString(Path parquet, String column, int row) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"" + column + "\" FROM read_parquet('" + parquet + "') LIMIT 1 OFFSET "
                     + row)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @SuppressWarnings("unused")
    private static List<String> keys(List<ObjectInfo> infos) {
        return RecordingStore.keysOf(infos);
    }
}
