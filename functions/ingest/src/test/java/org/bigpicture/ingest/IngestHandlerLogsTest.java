package org.bigpicture.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.PseudonymKeySource;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.store.FileObjectStore;
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
 * What the ingest function writes to its log group, driven with the repository's events through the
 * real core: every line one JSON object, one log line and one Embedded Metric Format line per upload,
 * the outcome counted under the metric name template.yaml's alarms and dashboard use.
 */
class IngestHandlerLogsTest {

    static final String EVENTS = "../../events/";
    static final String KEY = "jsna/Life Expectancy.csv";
    static final Buckets BUCKETS = new Buckets("bigpicture-raw-000000000000", "bigpicture-lake-000000000000",
            "bigpicture-published-000000000000");

    @TempDir
    Path tmp;
    FileObjectStore store;
    CapturedLines lines;
    Observability observability;
    JulBridge.Installed bridge;
    IngestHandler handler;

    @BeforeEach
    void setUp() throws IOException {
        store = new FileObjectStore(tmp.resolve("store"));
        lines = new CapturedLines();
        observability = lines.observability(Service.INGEST,
                Clock.fixed(Instant.parse("2026-11-26T09:30:13Z"), ZoneOffset.UTC));
        bridge = JulBridge.install(observability);
        Ingest ingest = new Ingest(store, BUCKETS, Recognizer.standard(Limits.defaults()), List.of(), Notifier.NONE,
                Wiring.ukClock(), PseudonymKeySource.missing(), Files.createDirectories(tmp.resolve("scratch")));
        handler = new IngestHandler(ingest, observability);
    }

    @AfterEach
    void tearDown() {
        bridge.close();
    }

    private List<String> invoke(String event, String requestId) {
        return handler.handleRequest(EventLoader.loadS3Event(EVENTS + event), new TestContext("bigpicture-ingest", requestId));
    }

    private void raw(String text) throws IOException {
        store.put(BUCKETS.raw(), KEY, text.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void aQuarantineThenAnAcceptedVersionThenALateEventAreOneJsonLineAndOneMetricLineEach() throws IOException {
        raw("\u0000\u0001 not a table \u0002");
        invoke("s3-put-raw.json", "req-quarantine");
        raw("area_code,year,value\nE08000007,2021,79.1\nE08000007,2022,79.4\n");
        invoke("s3-put-raw-sam.json", "req-accept");
        invoke("s3-delete-raw.json", "req-late"); // its sequencer is older than the accepted upload's
        invoke("s3-test-event.json", "req-test");

        List<JsonNode> logs = lines.logs();
        assertThat(logs).allSatisfy(l -> {
            assertThat(l.path("service").asText()).isEqualTo("ingest");
            assertThat(l.path("level").asText()).isIn("INFO", "WARN", "ERROR");
            assertThat(l.path("timestamp").asText()).isEqualTo("2026-11-26T09:30:13Z");
            assertThat(l.path("function_name").asText()).isEqualTo("bigpicture-ingest");
            assertThat(l.path("function_request_id").asText()).startsWith("req-");
            assertThat(l.has("message")).isTrue();
        });
        List<JsonNode> uploads = logs.stream().filter(l -> l.has("key")).toList();
        assertThat(uploads).extracting(l -> l.path("outcome").asText())
                .containsExactly("quarantined", "accepted", "skipped");
        assertThat(uploads).allSatisfy(l -> {
            assertThat(l.path("key").asText()).isEqualTo(KEY);
            assertThat(l.path("duration_ms").isIntegralNumber()).isTrue();
        });
        JsonNode quarantined = uploads.get(0);
        assertThat(quarantined.path("level").asText()).isEqualTo("WARN");
        assertThat(quarantined.path("reason").asText()).isNotBlank();
        assertThat(quarantined.path("function_request_id").asText()).isEqualTo("req-quarantine");
        JsonNode accepted = uploads.get(1);
        assertThat(accepted.path("rows").asLong()).isEqualTo(2);
        assertThat(accepted.path("datasets").get(0).asText()).isEqualTo("jsna-life-expectancy");
        assertThat(logs).filteredOn(l -> l.path("function_request_id").asText().equals("req-test"))
                .singleElement().satisfies(l -> assertThat(l.path("outcome").asText()).isEqualTo("ignored"));

        List<JsonNode> emf = lines.emf();
        assertThat(emf).hasSize(3).allSatisfy(d -> assertThat(EmfSpec.violations(d)).isEmpty());
        assertThat(emf).extracting(d -> d.path("key").asText()).containsOnly(KEY);
        assertThat(lines.total(Metric.UPLOADS_QUARANTINED)).isEqualTo(1);
        assertThat(lines.total(Metric.UPLOADS_ACCEPTED)).isEqualTo(1);
        assertThat(lines.total(Metric.EVENTS_SKIPPED)).isEqualTo(1);
        assertThat(lines.total(Metric.ROWS_INGESTED)).isEqualTo(2);
        assertThat(lines.declaredMetrics()).filteredOn(n -> n.equals("IngestDuration")).hasSize(3);
    }

    @Test
    void aRemovalIsCounted() throws IOException {
        raw("area_code,year,value\nE08000007,2021,79.1\n");
        invoke("s3-put-raw.json", "req-1");
        invoke("s3-delete-raw.json", "req-2");

        assertThat(lines.logs()).filteredOn(l -> l.has("outcome")).extracting(l -> l.path("outcome").asText())
                .containsExactly("accepted", "removed");
        assertThat(lines.total(Metric.UPLOADS_REMOVED)).isEqualTo(1);
    }

    @Test
    void aStoreFailureIsAnErrorLineAndAFailureCountBeforeLambdaRetries() {
        IngestHandler failing = new IngestHandler(e -> {
            throw new IOException("S3 said 503 SlowDown");
        }, e -> null, observability);

        assertThatThrownBy(() -> failing.handleRequest(EventLoader.loadS3Event(EVENTS + "s3-put-raw.json"),
                new TestContext("bigpicture-ingest", "req-fail"))).hasRootCauseMessage("S3 said 503 SlowDown");

        JsonNode error = lines.logs().get(0);
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("outcome").asText()).isEqualTo("failed");
        assertThat(error.path("error").path("name").asText()).isEqualTo("java.io.IOException");
        assertThat(error.path("error").path("stack").asText()).contains("IngestHandlerLogsTest");
        assertThat(lines.total(Metric.INGEST_FAILED)).isEqualTo(1);
        assertThat(EmfSpec.violations(lines.emf().get(0))).isEmpty();
    }

    @Test
    void everyOutcomeTheCoreReportsHasItsCountIncludingHeld() {
        List<String> statuses = List.of("accepted", "quarantined", "held", "configuration", "removed", "skipped");
        List<IngestResult> results = new ArrayList<>();
        for (String s : statuses) {
            results.add(new IngestResult(KEY, s, List.of(), null, s.equals("accepted") ? 5 : 0,
                    s.equals("held") ? "column email holds e-mail addresses" : null));
        }
        List<IngestResult> queue = new ArrayList<>(results);
        IngestHandler fake = new IngestHandler(e -> queue.remove(0), e -> queue.remove(0), observability);
        S3Event put = EventLoader.loadS3Event(EVENTS + "s3-put-raw.json");

        for (int i = 0; i < statuses.size(); i++) {
            fake.handleRequest(put, new TestContext("bigpicture-ingest", "req-" + i));
        }

        List<Metric> ingestCounts = List.of(Metric.UPLOADS_ACCEPTED, Metric.UPLOADS_QUARANTINED, Metric.UPLOADS_HELD,
                Metric.CONFIGURATIONS_ACCEPTED, Metric.UPLOADS_REMOVED, Metric.EVENTS_SKIPPED);
        for (Metric m : ingestCounts) {
            assertThat(lines.total(m)).as(m.metricName()).isEqualTo(1);
        }
        assertThat(lines.logs()).filteredOn(l -> l.path("outcome").asText().equals("held")).singleElement()
                .satisfies(l -> {
                    assertThat(l.path("level").asText()).isEqualTo("WARN");
                    assertThat(l.path("reason").asText()).contains("e-mail");
                });
        // Every metric of this function is emitted by some path of these tests.
        List<Metric> emitted = new ArrayList<>(ingestCounts);
        emitted.addAll(List.of(Metric.ROWS_INGESTED, Metric.INGEST_DURATION, Metric.INGEST_FAILED));
        assertThat(emitted).containsExactlyInAnyOrderElementsOf(Metric.of(Service.INGEST));
    }
}
