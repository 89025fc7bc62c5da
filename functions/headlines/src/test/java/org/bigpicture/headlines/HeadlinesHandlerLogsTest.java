package org.bigpicture.headlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.bigpicture.core.headlines.HeadlineEngine;
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

/** What the headlines function writes to its log group, driven with the repository's lake events. */
class HeadlinesHandlerLogsTest {

    static final String LAKE = "bigpicture-lake-000000000000";
    static final Path EVENTS = Path.of("../../events");

    @TempDir
    Path dir;
    CapturedLines lines;
    JulBridge.Installed bridge;
    HeadlinesHandler handler;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:30:21Z"), ZoneId.of("Europe/London"));
        lines = new CapturedLines();
        Observability observability = lines.observability(Service.HEADLINES, clock);
        bridge = JulBridge.install(observability);
        handler = new HeadlinesHandler(new HeadlineEngine(new FileObjectStore(dir), LAKE, clock), LAKE, observability);
    }

    @AfterEach
    void tearDown() {
        bridge.close();
    }

    private Object invoke(String event, String requestId) {
        return handler.handleRequest(EventLoader.loadS3Event(EVENTS.resolve(event).toString()),
                new TestContext("bigpicture-headlines", requestId));
    }

    @Test
    void aRunIsOneJsonLineAndOneMetricLineWithEveryStatusCounted() {
        invoke("s3-put-lake-provenance.json", "req-1");
        invoke("s3-put-lake-config.json", "req-2");

        List<JsonNode> logs = lines.logs();
        assertThat(logs).hasSize(2).allSatisfy(l -> {
            assertThat(l.path("service").asText()).isEqualTo("headlines");
            assertThat(l.path("level").asText()).isEqualTo("INFO");
            assertThat(l.path("function_request_id").asText()).startsWith("req-");
            assertThat(l.path("duration_ms").isIntegralNumber()).isTrue();
            assertThat(l.path("triggers").isArray()).isTrue();
        });
        JsonNode first = logs.get(0);
        assertThat(first.path("outcome").asText()).isEqualTo("written");
        assertThat(first.path("triggers").get(0).asText()).isEqualTo("datasets/jsna-life-expectancy/provenance.json");
        long total = first.path("headlines").asLong();
        assertThat(total).isGreaterThan(5);
        assertThat(first.path("headlines_missing_data").asLong()).isEqualTo(total); // an empty lake

        List<JsonNode> emf = lines.emf();
        assertThat(emf).hasSize(2).allSatisfy(d -> assertThat(EmfSpec.violations(d)).isEmpty());
        JsonNode doc = emf.get(0);
        assertThat(doc.path("HeadlineRuns").asLong()).isEqualTo(1);
        assertThat(doc.path("HeadlinesMissingData").asLong()).isEqualTo(total);
        for (Metric m : List.of(Metric.HEADLINES_OK, Metric.HEADLINES_SUPPRESSED, Metric.HEADLINES_ERROR)) {
            assertThat(doc.path(m.metricName()).asLong()).as(m.metricName()).isZero();
        }
        assertThat(lines.total(Metric.HEADLINE_RUNS)).isEqualTo(2);
    }

    @Test
    void ignoredKeysAndItsOwnPrefixAreLoggedAsJsonToo() throws Exception {
        String themes = Files.readString(EVENTS.resolve("s3-put-lake-config.json"))
                .replace("config/headlines.yaml", "config/themes.yaml");
        Path themesEvent = dir.resolve("themes.json");
        Files.writeString(themesEvent, themes);
        Path own = dir.resolve("own.json");
        Files.writeString(own, themes.replace("config/themes.yaml", "headlines/headlines.json"));

        handler.handleRequest(EventLoader.loadS3Event(themesEvent.toString()), new TestContext("h", "req-ignored"));
        assertThatThrownBy(() -> handler.handleRequest(EventLoader.loadS3Event(own.toString()),
                new TestContext("h", "req-own"))).isInstanceOf(IllegalStateException.class);

        List<JsonNode> logs = lines.logs();
        assertThat(logs).extracting(l -> l.path("outcome").asText()).containsExactly("ignored", "ignored", "failed");
        assertThat(logs.get(0).path("key").asText()).isEqualTo("config/themes.yaml");
        assertThat(logs.get(2).path("level").asText()).isEqualTo("ERROR");
        assertThat(lines.total(Metric.HEADLINES_FAILED)).isEqualTo(1);
        assertThat(lines.emf()).allSatisfy(d -> assertThat(EmfSpec.violations(d)).isEmpty());
    }
}
