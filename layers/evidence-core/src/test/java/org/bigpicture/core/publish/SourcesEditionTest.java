package org.bigpicture.core.publish;

import org.bigpicture.core.NeedsSharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who published what, end to end through the real core: an officer's config/sources.yaml through
 * ingest (validated, quarantined when bad), uploads under different patterns recorded with their own
 * publisher and licence in provenance, then in the edition's datapackage.json (resources and
 * package) and index.html; and a corrected sources.yaml changing the next edition's licences
 * without any data being uploaded again.
 */
class SourcesEditionTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static final String SOURCES = """
            version: 1
            sources:
              - id: autistica
                keys: ["partners/autistica/**"]
                publisher: {name: Autistica, url: "https://www.autistica.org.uk/"}
                licence: CC-BY-4.0
                attribution: "Source: Autistica community survey. Licensed under CC BY 4.0."
                title: Autistica community survey
              - id: gmca-open-data
                keys: ["gmca/**"]
                publisher: {name: Greater Manchester Combined Authority, url: "https://www.greatermanchester-ca.gov.uk/"}
                licence: ODbL-1.0
                attribution: "Contains GMCA open data, available under the Open Database Licence."
            """;

    /** Ward populations: an aggregate table, nobody in it. */
    static final String WARDS = "Ward code,Ward name,Residents,Households\r\n"
            + "E05000781,Bramhall North,11200,4810\r\nE05000782,Bramhall South and Woodford,10950,4620\r\n"
            + "E05000783,Bredbury and Woodley,12410,5300\r\nE05000784,Bredbury Green and Romiley,11870,5110\r\n";

    @TempDir
    Path tmp;
    FileObjectStore store;
    Ingest ingest;
    long sequence;

    @BeforeEach
    void setUp() throws IOException {
        store = new FileObjectStore(tmp.resolve("store"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), LONDON);
        ingest = new Ingest(store, TestLake.BUCKETS, Recognizer.standard(Limits.defaults()), Wiring.configValidators(),
                Notifier.NONE, clock, () -> new byte[32], Files.createDirectories(tmp.resolve("scratch")));
    }

    IngestResult upload(String key, byte[] bytes) throws IOException {
        store.put(TestLake.BUCKETS.raw(), key, bytes, PutOptions.of("text/csv"));
        ObjectInfo info = store.head(TestLake.BUCKETS.raw(), key).orElseThrow();
        return ingest.onObjectCreated(new RawObjectEvent(TestLake.BUCKETS.raw(), key, "v" + (++sequence), info.etag(),
                info.size(), String.format("%016X", sequence), Instant.parse("2026-11-26T05:00:00Z")));
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = SourcesEditionTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    JsonNode lakeJson(String key) throws IOException {
        return Json.parse(store.readAllBytes(TestLake.BUCKETS.lake(), key));
    }

    BundlePublisher publisher(String instant) {
        return new BundlePublisher(store, TestLake.BUCKETS, "http://127.0.0.1:4566/published",
                Clock.fixed(Instant.parse(instant), LONDON), tmp.resolve("work"), EdgeCache.NONE);
    }

    Path edition(String id) {
        return store.root().resolve(TestLake.BUCKETS.published()).resolve("bundles").resolve(id);
    }

    static JsonNode resourceNamed(JsonNode pkg, String name) {
        for (JsonNode r : pkg.get("resources")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name);
    }

    @Test
    void eachUploadCarriesItsOwnPublisherAndLicenceFromIngestToTheEdition() throws Exception {
        assertThat(upload("config/sources.yaml", SOURCES.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo("configuration");
        assertThat(upload("partners/autistica/community survey.csv",
                resource("/surveys/stockport-resident-survey-surveymonkey.csv")).datasets())
                .containsExactly("partners-autistica-community-survey");
        assertThat(upload("gmca/ward populations.csv", WARDS.getBytes(StandardCharsets.UTF_8)).datasets())
                .containsExactly("gmca-ward-populations");
        assertThat(upload("nomis/NM_2002_1.data.csv", resource("/fixtures/nomis/NM_2002_1.data.csv")).status())
                .isEqualTo("accepted");

        // 1. The lake says who published what, and from which line of which file.
        JsonNode survey = lakeJson(LakeKeys.provenanceKey("partners-autistica-community-survey"));
        assertThat(survey.path("kind").asText()).isEqualTo("survey");
        assertThat(survey.path("licence").asText()).isEqualTo("CC-BY-4.0");
        assertThat(survey.path("published_by").path("publisher").path("name").asText()).isEqualTo("Autistica");
        assertThat(survey.path("published_by").path("entry").asText()).isEqualTo("autistica");
        assertThat(survey.path("published_by").path("file").asText()).isEqualTo("config/sources.yaml");
        assertThat(survey.path("published_by").path("line").asInt()).isEqualTo(3);
        JsonNode wards = lakeJson(LakeKeys.provenanceKey("gmca-ward-populations"));
        assertThat(wards.path("licence").asText()).isEqualTo("ODbL-1.0");
        assertThat(wards.path("published_by").path("licence").path("url").asText())
                .isEqualTo("https://opendatacommons.org/licenses/odbl/1-0/");
        JsonNode nomis = lakeJson(LakeKeys.provenanceKey("nomis-nm-2002-1-data"));
        assertThat(nomis.path("published_by").path("entry").asText()).isEqualTo("nomis");
        assertThat(nomis.path("published_by").path("file").asText()).isEqualTo("default-sources.yaml");
        assertThat(nomis.path("licence").asText()).isEqualTo("OGL-UK-3.0");

        // 2. The edition: each resource its own licence and source; the package every licence.
        PublishResult first = publisher("2026-11-26T06:00:00Z").publish(LocalDate.of(2026, 11, 26));
        assertThat(first.outcome()).isEqualTo(PublishResult.Outcome.PUBLISHED);
        Path e = edition("2026-11-26");
        JsonNode pkg = Json.parse(Files.readAllBytes(e.resolve("datapackage.json")));
        assertValidDataPackage(pkg);
        for (String name : List.of("partners-autistica-community-survey-summary",
                "partners-autistica-community-survey-summary-parquet")) {
            JsonNode r = resourceNamed(pkg, name);
            assertThat(r.get("licenses")).hasSize(1);
            assertThat(r.get("licenses").get(0).get("name").asText()).isEqualTo("CC-BY-4.0");
            assertThat(r.get("licenses").get(0).get("path").asText()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
            assertThat(r.get("sources").get(0).get("title").asText()).isEqualTo("Autistica community survey");
            assertThat(r.get("sources").get(0).get("publisher").asText()).isEqualTo("Autistica");
            assertThat(r.get("sources").get(0).get("attribution").asText())
                    .isEqualTo("Source: Autistica community survey. Licensed under CC BY 4.0.");
            assertThat(r.get("sources").get(0).get("file").asText()).isEqualTo("partners/autistica/community survey.csv");
        }
        JsonNode wardResource = resourceNamed(pkg, "gmca-ward-populations");
        assertThat(wardResource.get("licenses").get(0).get("name").asText()).isEqualTo("ODbL-1.0");
        assertThat(wardResource.get("sources").get(0).get("publisher").asText())
                .isEqualTo("Greater Manchester Combined Authority");
        JsonNode nomisResource = resourceNamed(pkg, "nomis-nm-2002-1-data");
        assertThat(nomisResource.get("licenses").get(0).get("name").asText()).isEqualTo("OGL-UK-3.0");
        assertThat(nomisResource.get("sources").get(0).get("attribution").asText())
                .isEqualTo("Source: Office for National Statistics, via Nomis. Licensed under the Open Government"
                        + " Licence v3.0.");
        assertThat(pkg.get("licenses").findValuesAsText("name")).containsExactly("CC-BY-4.0", "ODbL-1.0", "OGL-UK-3.0");
        assertThat(pkg.get("sources").findValuesAsText("publisher")).containsExactlyInAnyOrder("Autistica",
                "Greater Manchester Combined Authority", "Nomis, official census and labour market statistics (ONS)");
        assertThat(pkg.get("contributors").get(0).get("title").asText()).isEqualTo("Stockport Council");

        // 3. The report: a source and licence line per table, and every attribution sentence.
        String html = Files.readString(e.resolve("index.html"));
        assertThat(html).contains("Autistica: Autistica community survey<br>Licence: <a href=\"https://creativecommons.org/"
                + "licenses/by/4.0/\">Creative Commons Attribution 4.0 International</a>");
        assertThat(html).contains("Greater Manchester Combined Authority<br>Licence: <a href=\"https://opendatacommons.org/"
                + "licenses/odbl/1-0/\">Open Data Commons Open Database License v1.0</a>");
        assertThat(html).contains("<li>Source: Autistica community survey. Licensed under CC BY 4.0. (<a href=");
        assertThat(html).contains("<li>Contains GMCA open data, available under the Open Database Licence. (<a href=");
        assertThat(html).contains("<li>Source: Office for National Statistics, via Nomis.");
        assertThat(html).contains("their sources' licences (Creative Commons Attribution 4.0 International, Open Data"
                + " Commons Open Database License v1.0 and Open Government Licence v3.0)");
        assertThat(html).contains("\"license\" : [\n    \"https://creativecommons.org/licenses/by/4.0/\",\n"
                + "    \"https://opendatacommons.org/licenses/odbl/1-0/\",");

        // 4. A bad sources file is quarantined with its line; the last good one stays and nothing changes.
        IngestResult bad = upload("config/sources.yaml", SOURCES.replace("licence: ODbL-1.0", "licence: ODbL")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo("quarantined");
        JsonNode report = lakeJson(LakeKeys.reportKey("config/sources.yaml"));
        assertThat(report.path("line").asInt()).isEqualTo(12);
        assertThat(report.path("reason").asText()).contains("unknown licence 'ODbL'");
        assertThat(new String(store.readAllBytes(TestLake.BUCKETS.lake(), "config/sources.yaml"), StandardCharsets.UTF_8))
                .isEqualTo(SOURCES);
        assertThat(publisher("2026-11-27T06:00:00Z").publish(LocalDate.of(2026, 11, 27)).outcome())
                .isEqualTo(PublishResult.Outcome.UNCHANGED);
    }

    @Test
    void aCorrectedSourcesFileChangesTheNextEditionsLicencesWithoutReUploading() throws Exception {
        upload("config/sources.yaml", SOURCES.getBytes(StandardCharsets.UTF_8));
        upload("gmca/ward populations.csv", WARDS.getBytes(StandardCharsets.UTF_8));
        upload("nomis/NM_2002_1.data.csv", resource("/fixtures/nomis/NM_2002_1.data.csv"));
        publisher("2026-11-26T06:00:00Z").publish(LocalDate.of(2026, 11, 26));
        String provenanceBefore = new String(store.readAllBytes(TestLake.BUCKETS.lake(),
                LakeKeys.provenanceKey("gmca-ward-populations")), StandardCharsets.UTF_8);

        // The officer learns GMCA publishes the table under OGL, not ODbL, and corrects the file.
        String corrected = SOURCES.replace("licence: ODbL-1.0", "licence: OGL-UK-3.0").replace(
                "Contains GMCA open data, available under the Open Database Licence.",
                "Contains public sector information from GMCA, licensed under the Open Government Licence v3.0.");
        assertThat(upload("config/sources.yaml", corrected.getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo("configuration");
        PublishResult next = publisher("2026-11-27T06:00:00Z").publish(LocalDate.of(2026, 11, 27));

        // The data did not change, the terms did: a new edition, saying why.
        assertThat(next.outcome()).isEqualTo(PublishResult.Outcome.PUBLISHED);
        assertThat(next.edition()).isEqualTo("2026-11-27");
        assertThat(next.changed()).isEmpty();
        JsonNode pkg = Json.parse(Files.readAllBytes(edition("2026-11-27").resolve("datapackage.json")));
        assertValidDataPackage(pkg);
        JsonNode wards = resourceNamed(pkg, "gmca-ward-populations");
        assertThat(wards.get("licenses").get(0).get("name").asText()).isEqualTo("OGL-UK-3.0");
        assertThat(wards.get("sources").get(0).get("attribution").asText()).startsWith("Contains public sector"
                + " information from GMCA");
        assertThat(pkg.get("licenses").findValuesAsText("name")).containsExactly("OGL-UK-3.0");
        JsonNode before = Json.parse(Files.readAllBytes(edition("2026-11-26").resolve("datapackage.json")));
        assertThat(before.get("licenses").findValuesAsText("name")).containsExactly("ODbL-1.0", "OGL-UK-3.0");
        JsonNode changes = Json.parse(Files.readAllBytes(edition("2026-11-27").resolve("changes.json")));
        JsonNode terms = changes.get("datasets").get("terms_changed");
        assertThat(terms).hasSize(1);
        assertThat(terms.get(0).get("id").asText()).isEqualTo("gmca-ward-populations");
        assertThat(terms.get(0).get("before").asText()).startsWith("ODbL-1.0, Greater Manchester Combined Authority");
        assertThat(terms.get(0).get("after").asText()).startsWith("OGL-UK-3.0, Greater Manchester Combined Authority");
        assertThat(Files.readString(edition("2026-11-27").resolve("CHANGES.md")))
                .contains("Licence or attribution changed").contains("`gmca-ward-populations`: ODbL-1.0");
        assertThat(Files.readString(edition("2026-11-27").resolve("index.html")))
                .contains("Licence or attribution changed: gmca-ward-populations");
        // The lake keeps what was in force at upload; the current file wins at publish (README).
        assertThat(new String(store.readAllBytes(TestLake.BUCKETS.lake(), LakeKeys.provenanceKey("gmca-ward-populations")),
                StandardCharsets.UTF_8)).isEqualTo(provenanceBefore).contains("\"ODbL-1.0\"");

        // Publishing again changes nothing: the terms are part of the edition's identity, and stable.
        assertThat(publisher("2026-11-28T06:00:00Z").publish(LocalDate.of(2026, 11, 28)).outcome())
                .isEqualTo(PublishResult.Outcome.UNCHANGED);
    }

    @Test
    void anEditionAdoptedAfterACrashHasTheFingerprintItWasPublishedWith() throws Exception {
        upload("config/sources.yaml", SOURCES.getBytes(StandardCharsets.UTF_8));
        upload("gmca/ward populations.csv", WARDS.getBytes(StandardCharsets.UTF_8));
        publisher("2026-11-26T06:00:00Z").publish(LocalDate.of(2026, 11, 26));
        JsonNode catalog = Json.parse(store.readAllBytes(TestLake.BUCKETS.published(), "bundles/catalog.json"));
        String published = catalog.get("editions").get(0).get("content_sha256").asText();
        // The catalogue update is lost (a crash after the manifest): the next run adopts the edition
        // from its files, and must compute the same identity, or it would publish the same content again.
        store.delete(TestLake.BUCKETS.published(), "bundles/catalog.json");
        assertThat(publisher("2026-11-27T06:00:00Z").publish(LocalDate.of(2026, 11, 27)).outcome())
                .isEqualTo(PublishResult.Outcome.UNCHANGED);
        JsonNode adopted = Json.parse(store.readAllBytes(TestLake.BUCKETS.published(), "bundles/catalog.json"));
        assertThat(adopted.get("editions").get(0).get("content_sha256").asText()).isEqualTo(published);
    }

    /**
     * The real Autistica / Turing citizen science export (realdata SOURCES.md: CC-BY) sits beside a
     * council survey under survey/: by default both are "Stockport Council survey, OGL"; one entry
     * in the officer's file gives the Autistica export its own publisher and licence, and leaves the
     * council's survey as it was.
     */
    @Test
    @NeedsSharedData
    void theRealAutisticaExportCarriesItsOwnLicenceOnceAnOfficerMapsIt() throws Exception {
        Path realdata = RealReportTest.realdata();
        assumeTrue(realdata != null, "shared/realdata not found");
        String autistica = "survey/Autistica_Turing Citizen Science Platform (Responses) - Form Responses 1(3).csv";
        String council = "survey/public_survey_data.csv";
        upload("config/sources.yaml", """
                sources:
                  - id: autistica-turing
                    keys: ["survey/Autistica*"]
                    publisher: {name: Autistica and The Alan Turing Institute, url: "https://www.autistica.org.uk/"}
                    licence: CC-BY-4.0
                    attribution: "Source: Autistica / Turing Citizen Science Platform. Licensed under CC BY 4.0."
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(upload(autistica, Files.readAllBytes(realdata.resolve(autistica))).status()).isEqualTo("accepted");
        assertThat(upload(council, Files.readAllBytes(realdata.resolve(council))).status()).isEqualTo("accepted");
        publisher("2026-11-26T06:00:00Z").publish(LocalDate.of(2026, 11, 26));
        JsonNode pkg = Json.parse(Files.readAllBytes(edition("2026-11-26").resolve("datapackage.json")));
        assertValidDataPackage(pkg);
        List<String> seen = new ArrayList<>();
        for (JsonNode r : pkg.get("resources")) {
            String file = r.path("sources").path(0).path("file").asText();
            if (file.equals(autistica)) {
                assertThat(r.get("licenses").get(0).get("name").asText()).as(r.get("name").asText()).isEqualTo("CC-BY-4.0");
                assertThat(r.get("sources").get(0).get("publisher").asText())
                        .isEqualTo("Autistica and The Alan Turing Institute");
                seen.add("autistica");
            } else if (file.equals(council)) {
                assertThat(r.get("licenses").get(0).get("name").asText()).isEqualTo("OGL-UK-3.0");
                assertThat(r.get("sources").get(0).get("attribution").asText())
                        .startsWith("Source: Stockport Council survey");
                seen.add("council");
            }
        }
        assertThat(seen).contains("autistica", "council");
        assertThat(Files.readString(edition("2026-11-26").resolve("index.html")))
                .contains("Source: Autistica / Turing Citizen Science Platform. Licensed under CC BY 4.0.");
    }

    static void assertValidDataPackage(JsonNode pkg) throws IOException {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema;
        try (InputStream in = TestLake.vendoredSchema("datapackage-2.0/datapackage.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
        }
        List<String> errors = new ArrayList<>();
        schema.validate(pkg).forEach(m -> errors.add(m.getMessage()));
        assertThat(errors).isEmpty();
    }
}
