package org.bigpicture.core.ingest;

import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConfigValidator;
import org.bigpicture.core.convert.Limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The orchestrator's guarantees: outcomes, write order, at-least-once safety, crash recovery. */
class IngestTest {

    private static final Buckets BUCKETS = new Buckets("raw", "lake", "published");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV = "Ward,Residents,Share\r\nBramhall North,11200,0.52\r\nReddish South,9800,0.31\r\n";

    @TempDir
    Path dir;
    private FileObjectStore files;
    private RecordingStore store;
    private Ingest ingest;
    private long sequence;

    @BeforeEach
    void setUp() throws IOException {
        files = new FileObjectStore(dir.resolve("store"));
        store = new RecordingStore(files);
        ingest = newIngest(store);
    }

    private Ingest newIngest(RecordingStore s) throws IOException {
        ConfigValidator yamlish = new ConfigValidator() {
            @Override
            public String name() {
                return "themes.yaml";
            }

            @Override
            public void validate(String key, String text) {
                if (!text.startsWith("themes:")) {
                    throw new BadInputException(key, 1, "expected 'themes:' at the top");
                }
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneId.of("Europe/London"));
        return new Ingest(s, BUCKETS, Recognizer.standard(Limits.defaults()), List.of(yamlish), Notifier.NONE,
                clock, () -> "secret".getBytes(StandardCharsets.UTF_8),
                Files.createDirectories(dir.resolve("scratch")));
    }

    private RawObjectEvent upload(String key, String text) throws IOException {
        files.put("raw", key, text.getBytes(StandardCharsets.UTF_8), PutOptions.of("text/csv"));
        ObjectInfo info = files.head("raw", key).orElseThrow();
        sequence++;
        return new RawObjectEvent("raw", key, "v" + sequence, info.etag(), info.size(),
                String.format("%016X", sequence), Instant.parse("2026-11-26T09:00:00Z"));
    }

    private JsonNode lakeJson(String key) throws IOException {
        return JSON.readTree(files.readAllBytes("lake", key));
    }

    private Map<String, String> lakeSnapshot() throws IOException {
        Map<String, String> snapshot = new TreeMap<>();
        for (ObjectInfo o : files.list("lake", "")) {
            snapshot.put(o.key(), o.etag());
        }
        return snapshot;
    }

    @Test
    void acceptedUploadWritesDataThenProvenanceThenReport() throws IOException {
        IngestResult result = ingest.onObjectCreated(upload("jsna/Ward Residents.csv", CSV));

        assertThat(result.status()).isEqualTo("accepted");
        assertThat(result.datasets()).containsExactly("jsna-ward-residents");
        List<String> writes = store.writes;
        int parquet = writes.indexOf("lake/datasets/jsna-ward-residents/data.parquet");
        int provenance = writes.indexOf("lake/datasets/jsna-ward-residents/provenance.json");
        int report = writes.indexOf("lake/reports/ingest/jsna/Ward Residents.csv.json");
        assertThat(parquet).isGreaterThanOrEqualTo(0);
        assertThat(provenance).isGreaterThan(parquet);
        assertThat(report).isEqualTo(writes.size() - 1);

        JsonNode p = lakeJson("datasets/jsna-ward-residents/provenance.json");
        assertThat(p.path("source").path("key").asText()).isEqualTo("jsna/Ward Residents.csv");
        assertThat(p.path("source").path("sha256").asText()).hasSize(64);
        assertThat(p.path("rows").path("written").asLong()).isEqualTo(2);
        assertThat(p.path("files").findValuesAsText("name")).contains("data.parquet", "schema.json");
    }

    @Test
    void sameEventTwiceChangesNothing() throws IOException {
        RawObjectEvent event = upload("ons/x.csv", CSV);
        ingest.onObjectCreated(event);
        Map<String, String> before = lakeSnapshot();
        int writes = store.writes.size();

        IngestResult again = ingest.onObjectCreated(event);

        assertThat(again.status()).isEqualTo("skipped");
        assertThat(store.writes).hasSize(writes);
        assertThat(lakeSnapshot()).isEqualTo(before);
    }

    @Test
    void sameBytesUploadedAgainChangesNothing() throws IOException {
        ingest.onObjectCreated(upload("ons/x.csv", CSV));
        Map<String, String> before = lakeSnapshot();

        IngestResult again = ingest.onObjectCreated(upload("ons/x.csv", CSV));

        assertThat(again.status()).isEqualTo("skipped");
        assertThat(lakeSnapshot()).isEqualTo(before);
    }

    @Test
    void olderEventArrivingLateIsIgnored() throws IOException {
        RawObjectEvent first = upload("ons/x.csv", CSV);
        RawObjectEvent second = upload("ons/x.csv", CSV + "Heaton Moor,7000,0.44\r\n");
        ingest.onObjectCreated(second);

        IngestResult late = ingest.onObjectCreated(first);

        assertThat(late.status()).isEqualTo("skipped");
        assertThat(lakeJson("datasets/ons-x/provenance.json").path("rows").path("written").asLong()).isEqualTo(3);
    }

    @Test
    void crashBetweenDataAndProvenanceIsCompletedByARerun() throws IOException {
        RawObjectEvent event = upload("ons/x.csv", CSV);
        store.crashOnWriteTo(k -> k.endsWith("provenance.json"));

        assertThatThrownBy(() -> ingest.onObjectCreated(event)).isInstanceOf(IOException.class);
        assertThat(files.head("lake", "datasets/ons-x/data.parquet")).isPresent();
        assertThat(files.head("lake", "datasets/ons-x/provenance.json")).isEmpty();
        assertThat(files.head("lake", LakeKeys.reportKey("ons/x.csv"))).isEmpty();

        IngestResult rerun = ingest.onObjectCreated(event);

        assertThat(rerun.status()).isEqualTo("accepted");
        // The rerun's outcome is byte-identical to a clean run's on a fresh store.
        FileObjectStore clean = new FileObjectStore(dir.resolve("clean"));
        clean.put("raw", "ons/x.csv", CSV.getBytes(StandardCharsets.UTF_8), PutOptions.of("text/csv"));
        newIngest(new RecordingStore(clean)).onObjectCreated(event);
        for (ObjectInfo o : clean.list("lake", "")) {
            assertThat(files.readAllBytes("lake", o.key())).as(o.key()).isEqualTo(clean.readAllBytes("lake", o.key()));
        }
        assertThat(files.list("lake", "")).hasSameSizeAs(clean.list("lake", ""));
    }

    @Test
    void badFileIsQuarantinedWithLineAndRawObjectStays() throws IOException {
        IngestResult result = ingest.onObjectCreated(upload("ons/broken.csv",
                "a,b,c\n1,2,3\n4,\"5,6\n7,8,9\n"));

        assertThat(result.status()).isEqualTo("quarantined");
        JsonNode record = lakeJson(LakeKeys.quarantineKey("ons/broken.csv"));
        assertThat(record.path("file").asText()).isEqualTo("ons/broken.csv");
        assertThat(record.path("line").asLong()).isEqualTo(3);
        assertThat(record.path("reason").asText()).isNotBlank();
        assertThat(files.head("raw", "ons/broken.csv")).isPresent();
        assertThat(lakeJson(LakeKeys.reportKey("ons/broken.csv")).path("status").asText()).isEqualTo("quarantined");
        assertThat(files.list("lake", "datasets/")).isEmpty();
    }

    @Test
    void correctedUploadClearsQuarantineAndBadUploadRetiresOldDataset() throws IOException {
        ingest.onObjectCreated(upload("ons/x.csv", CSV));
        ingest.onObjectCreated(upload("ons/x.csv", ""));
        assertThat(files.list("lake", "datasets/")).isEmpty();
        assertThat(files.head("lake", LakeKeys.quarantineKey("ons/x.csv"))).isPresent();

        ingest.onObjectCreated(upload("ons/x.csv", CSV));

        assertThat(files.head("lake", LakeKeys.quarantineKey("ons/x.csv"))).isEmpty();
        assertThat(files.head("lake", "datasets/ons-x/provenance.json")).isPresent();
    }

    @Test
    void configurationIsValidatedAndLastGoodStays() throws IOException {
        IngestResult good = ingest.onObjectCreated(upload("config/themes.yaml", "themes:\n  - parks\n"));
        assertThat(good.status()).isEqualTo("configuration");
        assertThat(new String(files.readAllBytes("lake", "config/themes.yaml"), StandardCharsets.UTF_8))
                .contains("parks");

        IngestResult bad = ingest.onObjectCreated(upload("config/themes.yaml", "nonsense\n"));

        assertThat(bad.status()).isEqualTo("quarantined");
        assertThat(lakeJson(LakeKeys.quarantineKey("config/themes.yaml")).path("line").asLong()).isEqualTo(1);
        assertThat(new String(files.readAllBytes("lake", "config/themes.yaml"), StandardCharsets.UTF_8))
                .contains("parks");
        assertThat(ingest.onObjectCreated(upload("config/unknown.yaml", "x: 1\n")).status()).isEqualTo("quarantined");
    }

    @Test
    void deletingTheRawObjectRetiresItsDataset() throws IOException {
        ingest.onObjectCreated(upload("ons/x.csv", CSV));
        files.delete("raw", "ons/x.csv");
        sequence++;

        IngestResult removed = ingest.onObjectRemoved(new RawObjectEvent("raw", "ons/x.csv", null, null, 0,
                String.format("%016X", sequence), Instant.parse("2026-11-26T09:30:00Z")));

        assertThat(removed.status()).isEqualTo("removed");
        assertThat(files.list("lake", "datasets/")).isEmpty();
        assertThat(lakeJson(LakeKeys.reportKey("ons/x.csv")).path("status").asText()).isEqualTo("removed");
    }

    @Test
    void refusesEventsFromAnyBucketButRaw() {
        RawObjectEvent fromLake = new RawObjectEvent("lake", "datasets/x/provenance.json", null, "e", 1, "01",
                Instant.EPOCH);
        assertThatThrownBy(() -> ingest.onObjectCreated(fromLake)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileKeysStayInsideTheirPrefixes() {
        String traversal = "../../etc/passwd.csv";
        String longKey = "a/".repeat(10) + "x".repeat(1_000) + ".csv";
        for (String key : List.of(traversal, longKey, "surveys/./x.csv", "a//b.csv")) {
            assertThat(LakeKeys.reportKey(key)).startsWith("reports/ingest/sha256/").doesNotContain("..");
            assertThat(LakeKeys.quarantineKey(key)).startsWith("quarantine/sha256/");
            assertThat(LakeKeys.datasetId(key)).matches("[a-z0-9-]{1,120}");
        }
        assertThat(LakeKeys.reportKey("jsna/Life Expectancy.csv")).isEqualTo("reports/ingest/jsna/Life Expectancy.csv.json");
        assertThat(LakeKeys.datasetId("jsna/Life Expectancy.csv")).isEqualTo("jsna-life-expectancy");
    }

    @Test
    void sequencersCompareAsS3Says() {
        assertThat(Ingest.compareSequencers("0055AED6DCD90281E5", "0055AED6DCD90281E6")).isNegative();
        assertThat(Ingest.compareSequencers("0055AED6DCD9028", "0055AED6DCD90281E5")).isNegative();
        assertThat(Ingest.compareSequencers("0A", "0a")).isZero();
    }

    private static final String CONTACTS = "Name,Email\r\nAda Okafor,ada@example.org\r\nBen Walsh,ben@example.org\r\n";

    @Test
    void aKeyWhoseNewVersionIsHeldLosesItsDatasetsAndADeleteRemovesTheHeldRecord() throws IOException {
        assertThat(ingest.onObjectCreated(upload("tables/people.csv", CSV)).status()).isEqualTo("accepted");
        assertThat(files.list("lake", "datasets/tables-people/")).isNotEmpty();

        IngestResult held = ingest.onObjectCreated(upload("tables/people.csv", CONTACTS));

        assertThat(held.status()).isEqualTo("held");
        assertThat(held.message()).contains("Email").contains("config/publish.yaml");
        assertThat(files.list("lake", "datasets/tables-people/")).as("the previous version's dataset is retired").isEmpty();
        assertThat(lakeJson(LakeKeys.heldKey("tables/people.csv")).path("sha256").asText()).hasSize(64);
        assertThat(lakeJson(LakeKeys.reportKey("tables/people.csv")).path("held_key").asText())
                .isEqualTo(LakeKeys.heldKey("tables/people.csv"));
        // The same held bytes again change nothing.
        assertThat(ingest.onObjectCreated(upload("tables/people.csv", CONTACTS)).status()).isEqualTo("skipped");

        files.delete("raw", "tables/people.csv");
        ingest.onObjectRemoved(new RawObjectEvent("raw", "tables/people.csv", null, null, 0,
                String.format("%016X", ++sequence), Instant.parse("2026-11-26T09:30:00Z")));
        assertThat(files.head("lake", LakeKeys.heldKey("tables/people.csv"))).isEmpty();
        assertThat(lakeJson(LakeKeys.reportKey("tables/people.csv")).path("status").asText()).isEqualTo("removed");
    }

    @Test
    void aBadVersionAfterAHeldOneReplacesTheHeldRecordWithAQuarantineRecord() throws IOException {
        ingest.onObjectCreated(upload("tables/people.csv", CONTACTS));
        assertThat(ingest.onObjectCreated(upload("tables/people.csv", "")).status()).isEqualTo("quarantined");
        assertThat(files.head("lake", LakeKeys.heldKey("tables/people.csv"))).isEmpty();
        assertThat(files.head("lake", LakeKeys.quarantineKey("tables/people.csv"))).isPresent();
    }
}
