package org.bigpicture.core.headlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.lake.LakeKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An officer's config/headlines.yaml through the real core ingest, then the engine. */
class HeadlinesConfigIngestTest {

    private static final String SPEC = """
            subject: {code: E08000007, name: Stockport}
            headlines:
              - id: wellbeing
                title: Wellbeing
                computation: latest
                data: {family: [fingertips], indicator: wellbeing}
                statement: "{value}"
            """;

    @TempDir
    Path dir;

    @Test
    void validSpecIsAppliedAndAMalformedOneIsRejectedWithLineWhileTheLastGoodStays() throws Exception {
        RealLake raw = new RealLake(dir, null);
        TestLake lake = raw.lake;
        lake.engine().run();
        assertThat(lake.text(HeadlineEngine.JSON_KEY)).contains("\"population-change\"");

        IngestResult ok = raw.uploadResult("config/headlines.yaml", SPEC.getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).isEqualTo("configuration");
        assertThat(lake.text("config/headlines.yaml")).isEqualTo(SPEC);
        lake.engine().run();
        String good = lake.text(HeadlineEngine.JSON_KEY);
        assertThat(good).contains("\"wellbeing\"").doesNotContain("\"population-change\"");

        String broken = SPEC.replace("computation: latest", "computation: latest\n    colour: red");
        IngestResult bad = raw.uploadResult("config/headlines.yaml", broken.getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isNotEqualTo("configuration");
        JsonNode report = new ObjectMapper().readTree(lake.bytes(LakeKeys.reportKey("config/headlines.yaml")));
        assertThat(report.path("line").asInt()).isEqualTo(6);
        assertThat(report.path("reason").asText()).contains("unknown key 'colour'");
        // the lake's spec, and so the headlines, are the last good ones
        assertThat(lake.text("config/headlines.yaml")).isEqualTo(SPEC);
        lake.engine().run();
        assertThat(lake.text(HeadlineEngine.JSON_KEY)).isEqualTo(good);
    }
}
