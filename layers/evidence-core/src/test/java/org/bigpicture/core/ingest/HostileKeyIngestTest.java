package org.bigpicture.core.ingest;

import org.bigpicture.core.convert.Limits;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys the local S3 server refuses ({@code ../} segments, 1,024 bytes) are legal in S3, so the
 * core must keep every lake object they lead to inside its prefix. Driven against the core directly.
 */
class HostileKeyIngestTest {

    private static final Buckets BUCKETS = new Buckets("raw", "lake", "published");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "../../lake/datasets/x/provenance.json",
        "surveys/../../config/headlines.yaml",
        "a/./b/../c.csv",
        "weird/$(rm -rf ~) `x` ; 'q' \"d\" & |.csv",
        "unicode/Ünïcødé ✓ – café.csv",
        "LONG"
    })
    void everyLakeObjectStaysUnderItsPrefixAndTheOutcomeIsRecorded(String given) throws IOException {
        String key = given.equals("LONG") ? "x/".repeat(200) + "y".repeat(1024 - 400 - 4) + ".csv" : given;
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        MemoryObjectStore store = new MemoryObjectStore();
        Ingest ingest = new Ingest(store, BUCKETS, Recognizer.standard(Limits.defaults()), List.of(), Notifier.NONE,
                Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneId.of("Europe/London")),
                () -> "0123456789abcdef0123".getBytes(StandardCharsets.UTF_8),
                Files.createDirectories(dir.resolve("scratch")));
        store.put("raw", key, "Area,Value\nStockport,1\nBolton,2\n".getBytes(StandardCharsets.UTF_8),
                PutOptions.of("text/csv"));

        IngestResult result = ingest.onObjectCreated(new RawObjectEvent("raw", key, "1", "e1", 30, "01",
                Instant.EPOCH));

        assertThat(result.status()).isIn("accepted", "quarantined");
        List<ObjectInfo> lake = store.list("lake", "");
        assertThat(lake).isNotEmpty();
        for (ObjectInfo o : lake) {
            assertThat(o.key()).as("lake key").matches(
                    "(datasets/[a-z0-9-]+/[^/]+|restricted/[a-z0-9-]+/[^/]+|reports/ingest/.+\\.json"
                            + "|quarantine/.+\\.error\\.json|held/.+\\.json)");
            assertThat(o.key().split("/")).as("no dot segments").doesNotContain("..", ".");
            assertThat(o.key().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        }
        byte[] report = store.readAllBytes("lake", LakeKeys.reportKey(key));
        assertThat(new ObjectMapper().readTree(report).path("key").asText()).as("the key is inside the record")
                .isEqualTo(key);
        assertThat(store.list("raw", "")).extracting(ObjectInfo::key).containsExactly(key);
    }
}
