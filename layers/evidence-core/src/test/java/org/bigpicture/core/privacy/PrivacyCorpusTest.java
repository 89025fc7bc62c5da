package org.bigpicture.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.EdgeCache;
import org.bigpicture.core.publish.PublishResult;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's corpus through the real core path (every format, the screen, ingest, publish): no
 * planted value in any published file (Parquet decoded by DuckDB, JSON and CSV as text), no
 * identifier in any lake file, the held uploads named in their reports and in the messages the
 * officer notifier was handed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyCorpusTest {

    static final Buckets BUCKETS = new Buckets("raw", "lake", "published");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    FileObjectStore store;
    final Map<String, IngestResult> results = new LinkedHashMap<>();
    final List<String[]> messages = new ArrayList<>();
    PublishResult published;

    @BeforeAll
    void ingestAndPublishTheCorpus() throws Exception {
        store = new FileObjectStore(tmp.resolve("store"));
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneId.of("Europe/London"));
        Notifier recording = (subject, body) -> messages.add(new String[] {subject, body});
        Ingest ingest = new Ingest(store, BUCKETS, Recognizer.standard(Limits.defaults()), Wiring.configValidators(),
                recording, clock, () -> "a-pseudonym-secret-for-tests".getBytes(StandardCharsets.UTF_8),
                Files.createDirectories(tmp.resolve("scratch")));
        long sequence = 0;
        for (Map.Entry<String, Path> e : PrivacyCorpus.write(tmp.resolve("corpus")).entrySet()) {
            store.put(BUCKETS.raw(), e.getKey(), e.getValue(), PutOptions.of("text/csv"));
            ObjectInfo info = store.head(BUCKETS.raw(), e.getKey()).orElseThrow();
            results.put(e.getKey(), ingest.onObjectCreated(new RawObjectEvent(BUCKETS.raw(), e.getKey(), "v1", info.etag(),
                    info.size(), String.format("%016X", ++sequence), clock.instant())));
        }
        published = new BundlePublisher(store, BUCKETS, "http://127.0.0.1:4566/published", clock, tmp.resolve("work"),
                EdgeCache.NONE).publish(LocalDate.of(2026, 12, 5));
    }

    JsonNode lakeJson(String key) throws Exception {
        return JSON.readTree(store.readAllBytes(BUCKETS.lake(), key));
    }

    @Test
    void outcomesAreAsDesigned() {
        assertThat(results.get("tables/consultation-contacts.csv").status()).isEqualTo("held");
        assertThat(results.get("tables/clients.csv").status()).isEqualTo("held");
        for (String key : List.of("tables/ward-stats.csv", "consultation/qualtrics-export.csv", "surveys/resident-survey.csv",
                "data/surveys/paper-returns.csv", "surveys-2024/services-ms-forms.xlsx", "tables/libraries-workbook.xlsx")) {
            assertThat(results.get(key).status()).as(key + ": " + results.get(key).message()).isEqualTo("accepted");
        }
        for (String key : List.of("consultation/qualtrics-export.csv", "surveys/resident-survey.csv",
                "data/surveys/paper-returns.csv", "surveys-2024/services-ms-forms.xlsx")) {
            assertThat(results.get(key).family()).as(key).isEqualTo("survey");
        }
        assertThat(published.outcome().name()).isEqualTo("PUBLISHED");
    }

    @Test
    void heldUploadsAreNamedWithTheirColumnsInTheHeldRecordTheReportAndTheMessage() throws Exception {
        String key = "tables/consultation-contacts.csv";
        JsonNode report = lakeJson(LakeKeys.reportKey(key));
        assertThat(report.path("status").asText()).isEqualTo("held");
        String sha = report.path("source").path("sha256").asText();
        assertThat(sha).hasSize(64);
        JsonNode held = lakeJson(LakeKeys.heldKey(key));
        assertThat(held.path("sha256").asText()).isEqualTo(sha);
        assertThat(held.path("tables").get(0).path("personal_columns").findValuesAsText("column"))
                .containsExactly("Name", "Email", "Phone", "Postcode", "Date of birth", "NHS number");
        assertThat(held.path("tables").get(0).path("personal_columns").findValuesAsText("reason"))
                .allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(held.path("release").asText()).contains(sha).contains("config/publish.yaml")
                .contains("without those columns");
        assertThat(report.path("release").asText()).isEqualTo(held.path("release").asText());
        assertThat(store.list(BUCKETS.lake(), LakeKeys.datasetPrefix("tables-consultation-contacts"))).isEmpty();
        assertThat(store.head(BUCKETS.raw(), key)).as("the raw object stays").isPresent();

        String[] message = messages.stream().filter(m -> m[0].contains(key)).findFirst().orElseThrow();
        assertThat(message[0]).startsWith("Held");
        assertThat(message[1]).contains(sha).contains("config/publish.yaml").contains("\"status\" : \"held\"")
                .contains("Email").contains("NHS number");

        JsonNode clients = lakeJson(LakeKeys.heldKey("tables/clients.csv"));
        assertThat(clients.path("tables").get(0).path("records_about_people").asText()).contains("Client ID");
        assertThat(messages.stream().filter(m -> m[0].contains("tables/clients.csv")).findFirst().orElseThrow()[0])
                .startsWith("Held");
    }

    @Test
    void hiddenSheetsAreNotReadAndTheReportNamesThem() throws Exception {
        JsonNode report = lakeJson(LakeKeys.reportKey("tables/libraries-workbook.xlsx"));
        assertThat(report.path("skipped").toString()).contains("Contacts: hidden sheet, not read")
                .contains("Staff: very hidden sheet, not read");
        assertThat(report.path("datasets").findValuesAsText("id")).containsExactly("tables-libraries-workbook-libraries");
    }

    @Test
    void qualtricsExportIsASurveyWithItsPersonalColumnsDropped() throws Exception {
        JsonNode report = lakeJson(LakeKeys.reportKey("consultation/qualtrics-export.csv"));
        JsonNode d = report.path("datasets").get(0);
        assertThat(d.path("layout").asText()).startsWith("Qualtrics CSV, three header rows");
        String notes = d.path("notes").toString();
        for (String dropped : List.of("IP Address", "Recipient Last Name", "Recipient First Name", "Recipient Email",
                "External Data Reference", "Location Latitude", "Location Longitude", "How can we get back to you?")) {
            assertThat(notes).as(dropped).contains(dropped);
        }
        JsonNode summary = lakeJson(LakeKeys.datasetPrefix(d.path("id").asText()) + "summary.json");
        JsonNode satisfied = question(summary, "How satisfied are you with your local area");
        assertThat(satisfied.path("type").asText()).isEqualTo("single_choice");
        JsonNode services = question(summary, "council services");
        assertThat(services.path("type").asText()).isEqualTo("multi_select");
        assertThat(services.path("options").findValuesAsText("label")).contains("Parks", "Libraries", "Bin collection");
    }

    @Test
    void thePhoneBrandIsKeptAndTheScaleOptionChosenTwiceKeepsItsOwnSuppressedLabel() throws Exception {
        JsonNode summary = lakeJson(LakeKeys.datasetPrefix("surveys-resident-survey") + "summary.json");
        JsonNode brand = question(summary, "What is your mobile phone brand?");
        assertThat(brand.path("type").asText()).isEqualTo("single_choice");
        assertThat(brand.path("options").findValuesAsText("label")).contains("Apple", "Samsung");
        JsonNode useful = question(summary, "How useful was the council's newsletter?");
        assertThat(useful.path("options").findValuesAsText("label"))
                .containsExactlyInAnyOrder("Very useful", "Quite useful", "Not very useful", "Not at all useful");
        JsonNode notAtAll = null;
        for (JsonNode o : useful.path("options")) {
            if (o.path("label").asText().equals("Not at all useful")) {
                notAtAll = o;
            }
        }
        assertThat(notAtAll.path("suppressed").asBoolean()).isTrue();
        assertThat(notAtAll.path("count").isNull()).isTrue();
        // Ten typed the same e-mail into "Any other comments?": still free text, its text never a label.
        JsonNode comments = question(summary, "Any other comments?");
        assertThat(comments.path("type").asText()).isEqualTo("free_text");
        assertThat(comments.path("options")).isEmpty();
        JsonNode ms = lakeJson(LakeKeys.datasetPrefix("surveys-2024-services-ms-forms-sheet1") + "summary.json");
        assertThat(question(ms, "What is your mobile phone brand?").path("options").findValuesAsText("label"))
                .contains("Apple", "Samsung");
        // "When were you born?" is a date of birth, dropped.
        assertThat(summary.toString()).doesNotContain("When were you born?");
    }

    @Test
    void noPlantedValueReachesAnyPublishedFile() throws Exception {
        Path root = store.root().resolve(BUCKETS.published());
        List<String> texts = allText(root);
        assertThat(texts).isNotEmpty();
        assertNonePlanted(texts, "published");
        // The clean statistical table is published, its stray phone number redacted.
        assertThat(String.join("\n", texts)).contains("Queries: call [phone]").contains("Bramhall North");
    }

    @Test
    void noIdentifierStaysInAnyLakeFile() throws Exception {
        Path root = store.root().resolve(BUCKETS.lake());
        List<String> texts = allText(root);
        assertNonePlanted(texts, "lake");
        // Respondent-level files live under restricted/, none under datasets/.
        try (Stream<Path> s = Files.walk(root.resolve("datasets"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("respond"))).isEmpty();
        }
        try (Stream<Path> s = Files.walk(root.resolve("restricted"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")))
                    .contains("respondents.parquet", "responses.parquet");
        }
        String responses = String.join("\n", allText(root.resolve("restricted")));
        assertThat(responses).contains("[email]", "[phone]", "[nhs number]", "[ni number]", "[postcode]", "[ip address]",
                "[date of birth]", "[address]");
    }

    /** Every planted value, as written and with its spaces and separators taken out. */
    static void assertNonePlanted(List<String> texts, String where) {
        String all = String.join("\n", texts).toLowerCase(Locale.ROOT);
        String squeezed = all.replaceAll("[\\s\\u00a0\\-().]", "");
        List<String> found = new ArrayList<>();
        for (String p : PrivacyCorpus.PLANTED) {
            String lower = p.toLowerCase(Locale.ROOT);
            if (all.contains(lower)) {
                found.add(p);
            }
            String digits = lower.replaceAll("[\\s\\u00a0\\-().]", "");
            if (digits.length() >= 9 && digits.chars().filter(Character::isDigit).count() >= 9 && squeezed.contains(digits)) {
                found.add(p + " (without separators)");
            }
        }
        for (String iso : PrivacyCorpus.birthIso()) {
            if (all.contains(iso)) {
                found.add(iso);
            }
        }
        assertThat(found).as("planted values in the " + where).isEmpty();
    }

    static JsonNode question(JsonNode summary, String text) {
        for (JsonNode q : summary.path("questions")) {
            if (q.path("text").asText().contains(text)) {
                return q;
            }
        }
        throw new AssertionError("no question " + text + " in " + summary.path("questions").findValuesAsText("text"));
    }

    /** The text of every file under the folder: Parquet decoded by DuckDB, everything else as UTF-8. */
    static List<String> allText(Path root) throws Exception {
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".parquet")) {
                    try (PreparedStatement st = c.prepareStatement("SELECT * FROM read_parquet(?)")) {
                        st.setString(1, f.toString());
                        try (ResultSet rs = st.executeQuery()) {
                            int n = rs.getMetaData().getColumnCount();
                            StringBuilder b = new StringBuilder(f.toString()).append('\n');
                            for (int i = 1; i <= n; i++) {
                                b.append(rs.getMetaData().getColumnName(i)).append('\t');
                            }
                            while (rs.next()) {
                                for (int i = 1; i <= n; i++) {
                                    b.append(rs.getString(i)).append('\t');
                                }
                                b.append('\n');
                            }
                            out.add(b.toString());
                        }
                    }
                } else {
                    out.add(f + "\n" + new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
