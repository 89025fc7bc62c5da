package org.bigpicture.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetFiles;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.EdgeCache;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;
import org.bigpicture.observability.CapturedLines;
import org.bigpicture.observability.EmfSpec;
import org.bigpicture.observability.JulBridge;
import org.bigpicture.observability.Metric;
import org.bigpicture.observability.Observability;
import org.bigpicture.observability.Service;
import org.bigpicture.observability.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the publish function writes to its log group, driven with the repository's events
 * (manual publish, the schedule, a withdrawal): every line JSON, the core's own
 * java.util.logging lines included, and one metric line per invocation.
 */
class PublishHandlerLogsTest {

    static final Buckets BUCKETS = new Buckets("raw", "lake", "published");
    static final Path EVENTS = Path.of("../../events");

    @TempDir
    Path tmp;
    ObjectStore store;
    CapturedLines lines;
    Observability observability;
    JulBridge.Installed bridge;
    PublishHandler handler;

    @BeforeEach
    void setUp() throws IOException {
        store = new FileObjectStore(tmp.resolve("store"));
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T06:00:05Z"), ZoneId.of("Europe/London"));
        lines = new CapturedLines();
        observability = lines.observability(Service.PUBLISH, clock);
        bridge = JulBridge.install(observability);
        handler = new PublishHandler(new BundlePublisher(store, BUCKETS, "https://d.example", clock,
                tmp.resolve("work"), EdgeCache.NONE), clock, observability);
        dataset("alpha", 1.5);
    }

    @AfterEach
    void tearDown() {
        bridge.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(String file) throws IOException {
        try (InputStream in = Files.newInputStream(EVENTS.resolve(file))) {
            return new ObjectMapper().readValue(in, Map.class);
        }
    }

    private Map<String, Object> invoke(Map<String, Object> event, String requestId) {
        return handler.handleRequest(event, new TestContext("bigpicture-publish", requestId));
    }

    @Test
    void publishingTheScheduleAndAWithdrawalAreJsonLinesWithTheirCounts() throws IOException {
        Map<String, Object> manual = invoke(event("manual-publish.json"), "req-manual");
        Map<String, Object> scheduled = invoke(event("schedule-publish.json"), "req-schedule");
        Map<String, Object> withdrawal = event("manual-withdraw.json");
        withdrawal.put("edition", manual.get("edition"));
        invoke(withdrawal, "req-withdraw");
        // The lake still holds what the withdrawn edition held: refused, so the withdrawal stands.
        Map<String, Object> again = invoke(event("manual-publish.json"), "req-again");

        List<JsonNode> logs = lines.logs();
        assertThat(logs).allSatisfy(l -> {
            assertThat(l.path("service").asText()).isEqualTo("publish");
            assertThat(l.path("function_request_id").asText()).startsWith("req-");
            assertThat(l.path("level").asText()).isIn("INFO", "WARN");
        });
        assertThat(again.get("outcome")).isEqualTo("withdrawn_content");
        // The core's java.util.logging lines come out in the same shape, with the request they belong to.
        assertThat(logs).filteredOn(l -> l.path("logger").asText().startsWith("org.bigpicture.core.publish"))
                .isNotEmpty();
        List<JsonNode> own = logs.stream().filter(l -> !l.has("logger")).toList();
        assertThat(own).extracting(l -> l.path("outcome").asText())
                .containsExactly("published", "unchanged", "withdrawn", "withdrawn_content");
        assertThat(scheduled.get("outcome")).as("the schedule finds the lake as the edition holds it").isEqualTo("unchanged");
        assertThat(own).extracting(l -> l.path("trigger").asText())
                .containsExactly("manual", "schedule", "manual", "manual");
        assertThat(own.get(3).path("level").asText()).isEqualTo("WARN");
        assertThat(own.get(0).path("edition").asText()).isEqualTo(manual.get("edition"));
        assertThat(own.get(0).path("files").asLong()).isGreaterThan(3);
        assertThat(own.get(2).path("versions_deleted").asLong()).isPositive();

        assertThat(lines.emf()).hasSize(4).allSatisfy(d -> assertThat(EmfSpec.violations(d)).isEmpty());
        assertThat(lines.total(Metric.EDITIONS_PUBLISHED)).isEqualTo(1);
        assertThat(lines.total(Metric.EDITIONS_UNCHANGED)).isEqualTo(1);
        assertThat(lines.total(Metric.EDITIONS_WITHDRAWN)).isEqualTo(1);
        assertThat(lines.total(Metric.EDITIONS_REFUSED)).isEqualTo(1);
        assertThat(lines.total(Metric.EDITION_BYTES)).isPositive();
        assertThat(lines.declaredMetrics()).filteredOn(n -> n.equals("PublishDuration")).hasSize(4);
    }

    @Test
    void aBadRequestIsRejectedAndAStoreFailureIsAFailure() throws IOException {
        assertThatThrownBy(() -> invoke(Map.of("date", "26/11/2026"), "req-bad"))
                .isInstanceOf(IllegalArgumentException.class);
        ObjectStore broken = (ObjectStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    throw new IOException("S3 said 500 InternalError");
                });
        PublishHandler failing = new PublishHandler(new BundlePublisher(broken, BUCKETS, "https://d.example",
                Clock.systemUTC(), tmp.resolve("work2"), EdgeCache.NONE), Clock.systemUTC(), observability);
        assertThatThrownBy(() -> failing.handleRequest(event("schedule-publish.json"),
                new TestContext("bigpicture-publish", "req-broken"))).hasRootCauseMessage("S3 said 500 InternalError");

        List<JsonNode> own = lines.logs().stream().filter(l -> !l.has("logger")).toList();
        assertThat(own).extracting(l -> l.path("outcome").asText()).containsExactly("rejected", "failed");
        assertThat(own.get(0).path("level").asText()).isEqualTo("WARN");
        assertThat(own.get(1).path("level").asText()).isEqualTo("ERROR");
        assertThat(own.get(1).path("error").path("name").asText()).isEqualTo("java.io.IOException");
        assertThat(lines.total(Metric.PUBLISH_REJECTED)).isEqualTo(1);
        assertThat(lines.total(Metric.PUBLISH_FAILED)).isEqualTo(1);
        assertThat(lines.emf()).allSatisfy(d -> assertThat(EmfSpec.violations(d)).isEmpty());
    }

    private void dataset(String id, double value) throws IOException {
        Path dir = tmp.resolve("w-" + id);
        DatasetFiles files;
        try (DatasetWriter w = DatasetWriter.open(dir, List.of(new Column("label", ColumnType.STRING, null),
                new Column("value", ColumnType.NUMBER, null)))) {
            w.setString(0, "Stockport");
            w.setDouble(1, value);
            w.endRow();
            files = w.finish();
        }
        String prefix = "datasets/" + id + "/";
        store.put(BUCKETS.lake(), prefix + "data.parquet", files.parquet(), PutOptions.of("application/octet-stream"));
        store.put(BUCKETS.lake(), prefix + "schema.json", files.schema(), PutOptions.json());
        store.put(BUCKETS.lake(), prefix + "provenance.json", ("{\"dataset_id\": \"" + id
                + "\", \"kind\": \"table\", \"family\": \"table\", \"source\": {\"key\": \"tables/" + id + ".csv\"}}")
                .getBytes(StandardCharsets.UTF_8), PutOptions.json());
    }
}
