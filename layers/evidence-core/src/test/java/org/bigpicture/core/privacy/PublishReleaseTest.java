package org.bigpicture.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.Sha256;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.EdgeCache;
import org.bigpicture.core.publish.PublishResult;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish gate's way out: {@code config/publish.yaml} releases a held upload by its sha256; it
 * is then written and published as uploaded, with the release in its provenance. The same key
 * uploaded again with other bytes is screened and held again; a release taken out of publish.yaml
 * holds what it had released.
 */
class PublishReleaseTest {

    static final Buckets BUCKETS = new Buckets("raw", "lake", "published");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "tables/consultation-contacts.csv";

    @TempDir
    Path tmp;
    FileObjectStore store;
    Ingest ingest;
    Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneId.of("Europe/London"));
    long sequence;

    @BeforeEach
    void setUp() throws IOException {
        store = new FileObjectStore(tmp.resolve("store"));
        ingest = new Ingest(store, BUCKETS, Recognizer.standard(Limits.defaults()), Wiring.configValidators(),
                Notifier.NONE, clock, () -> "a-pseudonym-secret-for-tests".getBytes(StandardCharsets.UTF_8),
                Files.createDirectories(tmp.resolve("scratch")));
    }

    IngestResult upload(String key, byte[] bytes) throws IOException {
        store.put(BUCKETS.raw(), key, bytes, PutOptions.of("text/csv"));
        ObjectInfo info = store.head(BUCKETS.raw(), key).orElseThrow();
        return ingest.onObjectCreated(new RawObjectEvent(BUCKETS.raw(), key, "v" + (sequence + 1), info.etag(),
                info.size(), String.format("%016X", ++sequence), clock.instant()));
    }

    JsonNode lake(String key) throws IOException {
        return JSON.readTree(store.readAllBytes(BUCKETS.lake(), key));
    }

    PublishResult publish(String date) throws IOException {
        return new BundlePublisher(store, BUCKETS, "http://127.0.0.1:4566/published", clock, tmp.resolve("work-" + date),
                EdgeCache.NONE).publish(LocalDate.parse(date));
    }

    static String releases(String... shaAndReason) {
        StringBuilder b = new StringBuilder("version: 1\nrelease:\n");
        for (int i = 0; i < shaAndReason.length; i += 2) {
            b.append("  - sha256: ").append(shaAndReason[i]).append("\n    reason: \"").append(shaAndReason[i + 1])
                    .append("\"\n    by: \"Policy team\"\n");
        }
        return b.toString();
    }

    @Test
    void aReleasedUploadIsPublishedAsUploadedAndOtherBytesUnderTheSameKeyAreHeldAgain() throws Exception {
        byte[] contacts = PrivacyCorpus.csvBytes(PrivacyCorpus.contacts(0));
        String sha = Sha256.hex(contacts);
        assertThat(upload(KEY, contacts).status()).isEqualTo("held");

        IngestResult config = upload("config/publish.yaml",
                releases(sha, "Partner groups' published contacts, agreed with the DPO").getBytes(StandardCharsets.UTF_8));
        assertThat(config.status()).isEqualTo("configuration");
        JsonNode configReport = lake(LakeKeys.reportKey("config/publish.yaml"));
        assertThat(configReport.path("releases").get(0).path("key").asText()).isEqualTo(KEY);
        assertThat(configReport.path("releases").get(0).path("outcome").asText()).isEqualTo("accepted");

        JsonNode report = lake(LakeKeys.reportKey(KEY));
        assertThat(report.path("status").asText()).isEqualTo("accepted");
        String id = report.path("datasets").get(0).path("id").asText();
        JsonNode provenance = lake(LakeKeys.provenanceKey(id));
        assertThat(provenance.path("screen").path("verdict").asText()).isEqualTo("released");
        assertThat(provenance.path("screen").path("release").path("sha256").asText()).isEqualTo(sha);
        assertThat(provenance.path("screen").path("release").path("reason").asText()).contains("agreed with the DPO");
        assertThat(provenance.path("screen").path("personal_columns").findValuesAsText("column")).contains("Email");
        assertThat(store.head(BUCKETS.lake(), LakeKeys.heldKey(KEY))).isEmpty();

        PublishResult first = publish("2026-12-05");
        Path edition = store.root().resolve("published/bundles/" + first.edition());
        String csv = Files.readString(edition.resolve("data/" + id + ".csv"));
        // As uploaded: nothing redacted.
        assertThat(csv).contains("Okonkwo").contains("jane+council@example.org").contains("943 476 5919");

        // The same key with other bytes: screened again, and held.
        IngestResult again = upload(KEY, PrivacyCorpus.csvBytes(PrivacyCorpus.contacts(1)));
        assertThat(again.status()).isEqualTo("held");
        assertThat(store.list(BUCKETS.lake(), LakeKeys.datasetPrefix(id))).isEmpty();
        assertThat(lake(LakeKeys.heldKey(KEY)).path("sha256").asText()).isNotEqualTo(sha);
        PublishResult second = publish("2026-12-06");
        Path next = store.root().resolve("published/bundles/" + second.edition());
        assertThat(next.resolve("data/" + id + ".csv")).doesNotExist();
        assertThat(Files.readString(next.resolve("datapackage.json"))).doesNotContain(id);
    }

    @Test
    void aReleaseTakenOutOfPublishYamlHoldsTheUploadAgain() throws Exception {
        byte[] contacts = PrivacyCorpus.csvBytes(PrivacyCorpus.contacts(0));
        String sha = Sha256.hex(contacts);
        upload(KEY, contacts);
        upload("config/publish.yaml", releases(sha, "agreed").getBytes(StandardCharsets.UTF_8));
        assertThat(lake(LakeKeys.reportKey(KEY)).path("status").asText()).isEqualTo("accepted");

        upload("config/publish.yaml", "version: 1\nrelease: []\n".getBytes(StandardCharsets.UTF_8));
        JsonNode report = lake(LakeKeys.reportKey(KEY));
        assertThat(report.path("status").asText()).isEqualTo("held");
        assertThat(store.list(BUCKETS.lake(), LakeKeys.datasetPrefix("tables-consultation-contacts"))).isEmpty();
        assertThat(lake(LakeKeys.reportKey("config/publish.yaml")).path("releases").get(0).path("action").asText())
                .isEqualTo("release withdrawn");
    }

    @Test
    void aReleaseOfBytesTheKeyNoLongerHoldsSaysSo() throws Exception {
        byte[] contacts = PrivacyCorpus.csvBytes(PrivacyCorpus.contacts(0));
        String sha = Sha256.hex(contacts);
        upload(KEY, contacts);
        // The raw object changes (its event not yet handled) before the release lands.
        store.put(BUCKETS.raw(), KEY, PrivacyCorpus.csvBytes(PrivacyCorpus.contacts(2)), PutOptions.of("text/csv"));
        upload("config/publish.yaml", releases(sha, "agreed").getBytes(StandardCharsets.UTF_8));
        JsonNode entry = lake(LakeKeys.reportKey("config/publish.yaml")).path("releases").get(0);
        assertThat(entry.path("outcome").asText()).contains("no longer match").contains(sha);
        assertThat(lake(LakeKeys.reportKey(KEY)).path("status").asText()).isEqualTo("held");
    }

    @Test
    void aReleaseListedBeforeTheUploadArrivesWritesItAsUploaded() throws Exception {
        byte[] contacts = PrivacyCorpus.csvBytes(PrivacyCorpus.contacts(0));
        upload("config/publish.yaml", releases(Sha256.hex(contacts), "agreed").getBytes(StandardCharsets.UTF_8));
        IngestResult r = upload(KEY, contacts);
        assertThat(r.status()).isEqualTo("accepted");
        assertThat(lake(LakeKeys.provenanceKey(r.datasets().get(0))).path("screen").path("verdict").asText())
                .isEqualTo("released");
    }

    @Test
    void badPublishYamlIsQuarantinedWithTheLineAndTheReasonAndTheLastGoodOneStays() throws Exception {
        String good = releases("a".repeat(64), "fine");
        assertThat(upload("config/publish.yaml", good.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo("configuration");
        String[][] bad = {
            {"version: 1\nrelease:\n  - sha256: abc\n    reason: x\n", "3", "64 hexadecimal digits"},
            {"version: 1\nrelease:\n  - sha256: " + "b".repeat(64) + "\n", "3", "needs a reason"},
            {"version: 1\nrelease:\n  - sha256: " + "b".repeat(64) + "\n    reason: \"\"\n", "4", "needs a reason"},
            {"version: 1\nreleases: []\n", "2", "unknown key 'releases'"},
            {"version: 1\nrelease:\n  - sha256: " + "b".repeat(64) + "\n    reason: x\n    who: me\n", "5", "unknown key 'who'"},
            {"version: 2\nrelease: []\n", "1", "version must be 1"},
            {"release: []\n", "1", "missing 'version: 1'"},
            {"version: 1\nrelease:\n  - {sha256: " + "c".repeat(64) + ", reason: a}\n  - {sha256: " + "c".repeat(64)
                    + ", reason: b}\n", "4", "listed twice"},
            {"version: 1\nversion: 1\n", "2", "appears twice"},
            {"version: 1\nrelease:\n  - &r {sha256: " + "d".repeat(64) + ", reason: a}\n  - *r\n", "3", "anchors"},
        };
        for (String[] b : bad) {
            IngestResult r = upload("config/publish.yaml", b[0].getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).as(b[0]).isEqualTo("quarantined");
            JsonNode q = lake(LakeKeys.quarantineKey("config/publish.yaml"));
            assertThat(q.path("line").asText()).as(b[0]).isEqualTo(b[1]);
            assertThat(q.path("reason").asText()).as(b[0]).contains(b[2]);
            assertThat(new String(store.readAllBytes(BUCKETS.lake(), "config/publish.yaml"), StandardCharsets.UTF_8))
                    .as("the last good publish.yaml stays").isEqualTo(good);
        }
    }
}
