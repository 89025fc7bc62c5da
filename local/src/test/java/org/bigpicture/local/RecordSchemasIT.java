package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bigpicture.core.lake.RecordSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every record a {@code ./bigpicture run} writes, in the lake and in the published bucket, is
 * checked against the JSON Schema the edition publishes under {@code schemas/} (issue 12), and
 * every JSON file of the run must have a schema: a new record cannot appear without one. The
 * Frictionless descriptors and Table Schemas are checked against the Data Package v2 profiles
 * vendored in the core's test resources.
 */
class RecordSchemasIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyRecordOfARunOverTheSamplesAndEveryOutcomeValidatesAgainstThePublishedSchemas() throws Exception {
        Path corpus = tmp.resolve("corpus");
        copyTree(RepoFiles.samples(), corpus);
        // One of each outcome besides the samples' datasets: held, quarantined, configuration.
        Files.createDirectories(corpus.resolve("tables"));
        Files.writeString(corpus.resolve("tables/consultation-contacts.csv"), "Name,Email,Phone,Postcode\n"
                + "Jane Example,jane@example.org,07700 900123,SK4 1AA\nJohn Sample,john@example.org,07700 900456,SK1 2BB\n"
                + "Ann Other,ann@example.org,07700 900789,SK2 3CC\n");
        Files.createDirectories(corpus.resolve("ons"));
        Files.writeString(corpus.resolve("ons/empty.csv"), "");
        Files.createDirectories(corpus.resolve("config"));
        Files.writeString(corpus.resolve("config/disclosure.yaml"), "min_cell_count: 10\nmin_base_for_percentage: 30\n");
        Path out = tmp.resolve("out");

        CliRunner.Outcome run = CliRunner.run("run", corpus.toString(), "--out", out.toString(), "--data",
                tmp.resolve("store").toString(), "--date", "2026-11-26");

        assertThat(run.exit()).as(run.toString()).isEqualTo(Pipeline.QUARANTINED);
        Map<String, Integer> checked = validateEveryRecord(out, "2026-11-26");
        assertThat(checked).containsKeys(RecordSchemas.PROVENANCE, RecordSchemas.INGEST_REPORT,
                RecordSchemas.QUARANTINE_RECORD, RecordSchemas.HELD_RECORD, RecordSchemas.SURVEY_SUMMARY,
                RecordSchemas.SURVEY_THEMES, RecordSchemas.SURVEY_CODEBOOK, RecordSchemas.HEADLINES,
                RecordSchemas.HEADLINES_STATE, RecordSchemas.CATALOG, RecordSchemas.LATEST, RecordSchemas.CHANGES,
                RecordSchemas.DATA_ROWS, "datapackage", "tableschema");
    }

    @Test
    @Tag("realdata")
    void everyRecordOfARunOverTheRealDataValidatesAgainstThePublishedSchemas() throws Exception {
        Optional<Path> realdata = RepoFiles.realdata();
        assumeTrue(realdata.isPresent(), "../shared/realdata is absent: skipped");
        Path out = tmp.resolve("out");

        CliRunner.Outcome run = CliRunner.run("run", realdata.get().toString(), "--out", out.toString(), "--data",
                tmp.resolve("store").toString(), "--date", "2026-11-26");

        assertThat(run.exit()).as(run.toString()).isZero();
        Map<String, Integer> checked = validateEveryRecord(out, "2026-11-26");
        assertThat(checked).containsKeys(RecordSchemas.PROVENANCE, RecordSchemas.INGEST_REPORT,
                RecordSchemas.SURVEY_SUMMARY, RecordSchemas.HEADLINES, "datapackage");
    }

    @Test
    void theChecksCanFail() throws Exception {
        JsonSchema provenance = schema(RecordSchemas.PROVENANCE, RecordSchemas.bytes(RecordSchemas.PROVENANCE));
        JsonNode broken = JSON.readTree("{\"dataset_id\": \"Not A Slug\", \"kind\": 3}");

        assertThat(provenance.validate(broken)).isNotEmpty();
    }

    /** Validates every JSON file of the run's lake and published buckets; returns how many per schema. */
    private Map<String, Integer> validateEveryRecord(Path out, String edition) throws IOException {
        Path schemas = out.resolve("published/bundles/" + edition + "/schemas");
        Map<String, JsonSchema> bySchema = new HashMap<>();
        for (String name : RecordSchemas.ALL) {
            byte[] published = Files.readAllBytes(schemas.resolve(name));
            assertThat(published).as("the edition publishes the schema the core ships: " + name)
                    .isEqualTo(RecordSchemas.bytes(name));
            bySchema.put(name, schema(name, published));
        }
        Path vendor = RepoFiles.root().resolve("layers/evidence-core/src/test/resources/vendor/datapackage-2.0");
        bySchema.put("datapackage", schema("datapackage", Files.readAllBytes(vendor.resolve("datapackage.json"))));
        bySchema.put("tableschema", schema("tableschema", Files.readAllBytes(vendor.resolve("tableschema.json"))));

        Map<String, Integer> checked = new HashMap<>();
        List<String> failures = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            String rel = out.relativize(f).toString().replace('\\', '/');
            if (rel.startsWith("raw/")) {
                continue; // uploads, not records
            }
            String name = schemaFor(rel);
            if (name == null) {
                failures.add(rel + ": a JSON file no schema covers");
                continue;
            }
            if (name.equals("meta")) {
                continue; // the schemas themselves (checked above against the core's)
            }
            Set<ValidationMessage> errors = bySchema.get(name).validate(JSON.readTree(f.toFile()));
            if (!errors.isEmpty()) {
                failures.add(rel + " against " + name + ": " + errors);
            }
            checked.merge(name, 1, Integer::sum);
        }
        assertThat(failures).isEmpty();
        return checked;
    }

    private static final List<Map.Entry<Pattern, String>> PATTERNS = List.of(
            Map.entry(Pattern.compile("lake/datasets/[^/]+/provenance\\.json"), RecordSchemas.PROVENANCE),
            Map.entry(Pattern.compile("lake/datasets/[^/]+/summary\\.json"), RecordSchemas.SURVEY_SUMMARY),
            Map.entry(Pattern.compile("lake/datasets/[^/]+/themes\\.json"), RecordSchemas.SURVEY_THEMES),
            Map.entry(Pattern.compile("lake/datasets/[^/]+/codebook\\.json"), RecordSchemas.SURVEY_CODEBOOK),
            Map.entry(Pattern.compile("lake/datasets/[^/]+/data\\.json"), RecordSchemas.DATA_ROWS),
            Map.entry(Pattern.compile("lake/(datasets|restricted)/[^/]+/([a-z]+\\.)?schema\\.json"), "tableschema"),
            Map.entry(Pattern.compile("lake/reports/ingest/.+\\.json"), RecordSchemas.INGEST_REPORT),
            Map.entry(Pattern.compile("lake/quarantine/.+\\.error\\.json"), RecordSchemas.QUARANTINE_RECORD),
            Map.entry(Pattern.compile("lake/held/.+\\.json"), RecordSchemas.HELD_RECORD),
            Map.entry(Pattern.compile("lake/headlines/headlines\\.json"), RecordSchemas.HEADLINES),
            Map.entry(Pattern.compile("lake/headlines/state\\.json"), RecordSchemas.HEADLINES_STATE),
            Map.entry(Pattern.compile("published/bundles/catalog\\.json"), RecordSchemas.CATALOG),
            Map.entry(Pattern.compile("published/bundles/latest\\.json"), RecordSchemas.LATEST),
            Map.entry(Pattern.compile("published/bundles/[^/]+/datapackage\\.json"), "datapackage"),
            Map.entry(Pattern.compile("published/bundles/[^/]+/headlines\\.json"), RecordSchemas.HEADLINES),
            Map.entry(Pattern.compile("published/bundles/[^/]+/changes\\.json"), RecordSchemas.CHANGES),
            Map.entry(Pattern.compile("published/bundles/[^/]+/data/[^/]+\\.json"), RecordSchemas.DATA_ROWS),
            Map.entry(Pattern.compile("published/bundles/[^/]+/schemas/[^/]+\\.schema\\.json"), "meta"));

    private static String schemaFor(String rel) {
        for (Map.Entry<Pattern, String> e : PATTERNS) {
            if (e.getKey().matcher(rel).matches()) {
                return e.getValue();
            }
        }
        return null;
    }

    private static JsonSchema schema(String name, byte[] bytes) throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(bytes));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
