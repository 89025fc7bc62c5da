package org.bigpicture.headlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.bigpicture.core.headlines.HeadlineEngine;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlinesHandlerTest {

    /** The lake bucket named in the repository's sample events. */
    private static final String LAKE = "bigpicture-lake-000000000000";
    private static final Path EVENTS = Path.of("../../events");

    @TempDir
    Path dir;

    private HeadlinesHandler handler(FileObjectStore store) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:30:21Z"), ZoneId.of("Europe/London"));
        return new HeadlinesHandler(new HeadlineEngine(store, LAKE, clock), LAKE);
    }

    private static S3Event event(String file) {
        return EventLoader.loadS3Event(EVENTS.resolve(file).toString());
    }

    @Test
    void provenanceEventRegeneratesHeadlines() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        String result = handler(store).handleRequest(event("s3-put-lake-provenance.json"), null);

        assertThat(result).contains("headlines written").contains("datasets/jsna-life-expectancy/provenance.json")
                .contains("spec: default");
        JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(store.pathOf(LAKE, HeadlineEngine.JSON_KEY)));
        assertThat(json.path("subject").path("area_code").asText()).isEqualTo("E08000007");
        assertThat(json.path("headlines").size()).isGreaterThan(5);
        assertThat(json.path("headlines").get(0).path("status").asText()).isEqualTo("missing_data");
    }

    @Test
    void configEventUsesTheOfficersSpec() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        store.put(LAKE, "config/headlines.yaml", """
                subject: {code: E08000007, name: Stockport}
                headlines:
                  - id: only-one
                    title: Just one
                    computation: latest
                    data: {family: [fingertips], indicator: wellbeing}
                    statement: "{value}"
                """.getBytes(StandardCharsets.UTF_8), PutOptions.of("text/yaml"));
        String result = handler(store).handleRequest(event("s3-put-lake-config.json"), null);

        assertThat(result).contains("spec: config/headlines.yaml").contains("1 headlines: 1 missing_data");
        assertThat(Files.readString(store.pathOf(LAKE, HeadlineEngine.JSON_KEY))).contains("\"only-one\"");
    }

    @Test
    void ignoresOtherKeysAndRefusesItsOwnOutputPrefix() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        String themes = Files.readString(EVENTS.resolve("s3-put-lake-config.json"))
                .replace("config/headlines.yaml", "config/themes.yaml");
        Path themesEvent = dir.resolve("themes.json");
        Files.writeString(themesEvent, themes);
        assertThat(handler(store).handleRequest(EventLoader.loadS3Event(themesEvent.toString()), null))
                .isEqualTo("no change to the headlines' inputs");
        assertThat(Files.exists(store.pathOf(LAKE, HeadlineEngine.JSON_KEY))).isFalse();

        Path own = dir.resolve("own.json");
        Files.writeString(own, themes.replace("config/themes.yaml", "headlines/headlines.json"));
        assertThatThrownBy(() -> handler(store).handleRequest(EventLoader.loadS3Event(own.toString()), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must not be triggered");
    }

    @Test
    void theRuntimeConstructorIsWiredFromTheEnvironmentAlone() throws Exception {
        // Nothing listens on port 9: the run's first S3 call must go there, to the endpoint the
        // environment names (no request reaches AWS from a test).
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("RAW_BUCKET", "bigpicture-raw-000000000000");
        env.put("LAKE_BUCKET", "bigpicture-lake-000000000000");
        env.put("PUBLISHED_BUCKET", "bigpicture-published-000000000000");
        env.put("AWS_REGION", "eu-west-2");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try {
            HeadlinesHandler runtime = new HeadlinesHandler(env,
                    org.bigpicture.observability.Observability.forLocal(org.bigpicture.observability.Service.HEADLINES,
                            java.util.Map.of()));
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> runtime.handleRequest(event("s3-put-lake-provenance.json"), null))
                    .hasStackTraceContaining("Connection refused"); // port 9 of loopback, not AWS
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
