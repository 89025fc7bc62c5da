package org.bigpicture.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ObservabilityTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T09:30:12.345Z"), ZoneOffset.UTC);

    final CapturedLines lines = new CapturedLines();
    final Observability ingest = lines.observability(Service.INGEST, CLOCK);

    @Test
    void aLogLineIsOneJsonObjectWithTheRequestAndTheUpload() {
        try (Invocation i = ingest.begin(new TestContext("bigpicture-ingest", "req-1"))) {
            i.key("jsna/Life Expectancy.csv");
            i.info("accepted jsna/Life Expectancy.csv\nwith a line break").outcome("accepted").rows(1234)
                    .durationMs(87).with("datasets", List.of("jsna-life-expectancy")).write();
        }

        JsonNode line = lines.logs().get(0);
        assertThat(line.path("timestamp").asText()).isEqualTo("2026-11-26T09:30:12.345Z");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("service").asText()).isEqualTo("ingest");
        assertThat(line.path("function_name").asText()).isEqualTo("bigpicture-ingest");
        assertThat(line.path("function_request_id").asText()).isEqualTo("req-1");
        assertThat(line.path("key").asText()).isEqualTo("jsna/Life Expectancy.csv");
        assertThat(line.path("outcome").asText()).isEqualTo("accepted");
        assertThat(line.path("rows").asLong()).isEqualTo(1234);
        assertThat(line.path("duration_ms").asLong()).isEqualTo(87);
        assertThat(line.path("message").asText()).isEqualTo("accepted jsna/Life Expectancy.csv\nwith a line break");
        assertThat(line.path("datasets").get(0).asText()).isEqualTo("jsna-life-expectancy");
        assertThat(line.path("cold_start").isBoolean()).isTrue();
        assertThat(lines.raw()).hasSize(1); // no metric recorded: no EMF line
    }

    @Test
    void onlyTheFirstInvocationIsACodeStart() {
        ingest.begin(null).close();
        try (Invocation second = ingest.begin(null)) {
            second.info("second").write();
        }
        assertThat(lines.logs().get(0).path("cold_start").asBoolean()).isFalse();
    }

    @Test
    void metricsAreOneEmbeddedMetricFormatDocument() {
        try (Invocation i = ingest.begin(new TestContext("bigpicture-ingest", "req-2"))) {
            i.key("tables/a.csv");
            i.count(Metric.UPLOADS_ACCEPTED);
            i.add(Metric.ROWS_INGESTED, 10);
            i.add(Metric.INGEST_DURATION, 40);
            i.add(Metric.INGEST_DURATION, 60);
        }

        List<JsonNode> emf = lines.emf();
        assertThat(emf).hasSize(1);
        JsonNode doc = emf.get(0);
        assertThat(EmfSpec.violations(doc)).isEmpty();
        JsonNode directive = doc.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(doc.path("_aws").path("Timestamp").asLong()).isEqualTo(CLOCK.millis());
        assertThat(directive.path("Namespace").asText()).isEqualTo("BigPicture/test");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        assertThat(doc.path("Service").asText()).isEqualTo("ingest");
        assertThat(lines.declaredMetrics()).containsExactly("UploadsAccepted", "RowsIngested", "IngestDuration");
        assertThat(directive.path("Metrics").get(2).path("Unit").asText()).isEqualTo("Milliseconds");
        assertThat(doc.path("UploadsAccepted").asLong()).isEqualTo(1);
        assertThat(doc.path("IngestDuration").toString()).isEqualTo("[40,60]");
        assertThat(doc.path("key").asText()).isEqualTo("tables/a.csv");
        assertThat(doc.path("function_request_id").asText()).isEqualTo("req-2");
    }

    @Test
    void theSpecCheckCatchesWhatCloudWatchWouldIgnore() {
        try (Invocation i = ingest.begin(null)) {
            i.count(Metric.UPLOADS_QUARANTINED);
        }
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode)
                lines.emf().get(0);
        doc.remove("UploadsQuarantined");
        doc.remove("Service");

        assertThat(EmfSpec.violations(doc)).hasSize(2);
    }

    @Test
    void aFunctionCannotEmitAnotherFunctionsMetric() {
        try (Invocation i = ingest.begin(null)) {
            assertThatThrownBy(() -> i.count(Metric.EDITIONS_PUBLISHED)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("publish");
        }
    }

    @Test
    void javaUtilLoggingRecordsBecomeJsonLinesWithTheRequestAndTheError() throws Exception {
        Logger core = Logger.getLogger("org.bigpicture.core.ingest.Ingest");
        try (JulBridge.Installed bridge = JulBridge.install(ingest);
             Invocation i = ingest.begin(new TestContext("bigpicture-ingest", "req-3"))) {
            i.key("surveys/Resident survey.xlsx");
            core.info("converted {0} rows");
            core.log(Level.WARNING, "sheet {0} skipped", "Hidden");
            core.fine("not written: below INFO");
            Thread helper = new Thread(() -> core.log(Level.SEVERE, "helper failed", new IllegalStateException("disk\nfull")));
            helper.start();
            helper.join();
        }
        core.info("after the bridge is removed: not captured");

        List<JsonNode> logs = lines.logs();
        assertThat(logs).hasSize(3);
        assertThat(logs).allSatisfy(l -> {
            assertThat(l.path("logger").asText()).isEqualTo("org.bigpicture.core.ingest.Ingest");
            assertThat(l.path("function_request_id").asText()).isEqualTo("req-3");
            assertThat(l.path("key").asText()).isEqualTo("surveys/Resident survey.xlsx");
            assertThat(l.path("service").asText()).isEqualTo("ingest");
        });
        assertThat(logs.get(1).path("level").asText()).isEqualTo("WARN");
        assertThat(logs.get(1).path("message").asText()).isEqualTo("sheet Hidden skipped");
        JsonNode error = logs.get(2).path("error");
        assertThat(logs.get(2).path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("message").asText()).isEqualTo("disk\nfull");
        assertThat(error.path("stack").asText()).contains("ObservabilityTest");
    }

    @Test
    void theLambdaRuntimesObservabilityWritesEveryLineAsJsonToStandardOutput() throws Exception {
        Logger root = java.util.logging.LogManager.getLogManager().getLogger("");
        java.util.logging.Handler[] before = root.getHandlers();
        Level levelBefore = root.getLevel();
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Observability lambda = Observability.forLambda(Service.PUBLISH);
            Logger.getLogger("software.amazon.awssdk.retries").warning("retrying after 503 SlowDown");
            try (Invocation i = lambda.begin(new TestContext("bigpicture-publish", "req-9"))) {
                Logger.getLogger("org.bigpicture.core.publish.BundlePublisher").info("published edition 2026-12-01");
                i.count(Metric.EDITIONS_PUBLISHED);
                i.info("Published edition 2026-12-01.").outcome("published").write();
            }
        } finally {
            System.setOut(out);
            for (java.util.logging.Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            for (java.util.logging.Handler h : before) {
                root.addHandler(h);
            }
            root.setLevel(levelBefore);
        }
        String[] written = captured.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        CapturedLines parsed = new CapturedLines();
        for (String line : written) {
            parsed.line(line, null);
        }
        assertThat(parsed.parsed()).hasSize(4);
        assertThat(parsed.logs()).extracting(l -> l.path("level").asText()).containsExactly("WARN", "INFO", "INFO");
        assertThat(parsed.logs().get(0).has("function_request_id")).as("logged before any request").isFalse();
        assertThat(parsed.logs().get(1).path("function_request_id").asText()).isEqualTo("req-9");
        assertThat(EmfSpec.violations(parsed.emf().get(0))).isEmpty();
        assertThat(parsed.emf().get(0).path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
                .isEqualTo(System.getenv().getOrDefault(Observability.NAMESPACE_VARIABLE, "BigPicture"));
    }

    @Test
    void metricNamesAreUniqueAndCloudWatchSafe() {
        Set<String> names = new HashSet<>();
        List<String> bad = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (!names.add(m.metricName()) || !m.metricName().matches("[A-Z][A-Za-z]{2,60}")) {
                bad.add(m.metricName());
            }
        }
        assertThat(bad).isEmpty();
        for (Service s : Service.values()) {
            assertThat(Metric.of(s)).as(s.value()).isNotEmpty();
        }
    }
}
