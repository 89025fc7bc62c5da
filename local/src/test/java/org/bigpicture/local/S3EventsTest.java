package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3EventsTest {

    private final ObjectEvent put = new ObjectEvent("bigpicture-raw", "jsna/Life Expectancy (2024)+ü.csv",
            "ObjectCreated:Put", 3_000_000_000L, "0123abcd", "v1", "00000000000000002A",
            Instant.parse("2026-11-26T10:25:00Z"));

    @Test
    void encodesKeysAsS3DoesWithPlusForSpaceAndKeepsSlashes() {
        assertThat(S3Events.encodeKey("jsna/Life Expectancy.csv")).isEqualTo("jsna/Life+Expectancy.csv");
        assertThat(S3Events.encodeKey("a+b/é.csv")).isEqualTo("a%2Bb/%C3%A9.csv");
    }

    @Test
    void modelEventDecodesBackToTheKeyAndKeepsLargeSizes() {
        S3EventNotificationRecord r = S3Events.toS3Event(put, "Upload").getRecords().get(0);

        assertThat(r.getS3().getObject().getUrlDecodedKey()).isEqualTo(put.key());
        assertThat(r.getS3().getObject().getSizeAsLong()).isEqualTo(3_000_000_000L);
        assertThat(r.getS3().getObject().getSequencer()).isEqualTo("00000000000000002A");
        assertThat(r.getS3().getObject().getVersionId()).isEqualTo("v1");
        assertThat(r.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(r.getEventTime().getMillis()).isEqualTo(put.eventTime().toEpochMilli());
    }

    @Test
    void jsonFormLoadsWithTheLambdaEventLoader(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("event.json");
        Files.writeString(file, S3Events.toJson(put, "Upload").toPrettyString());

        S3Event loaded = EventLoader.loadS3Event(file.toString());

        S3EventNotificationRecord r = loaded.getRecords().get(0);
        assertThat(r.getS3().getObject().getUrlDecodedKey()).isEqualTo(put.key());
        assertThat(r.getS3().getObject().geteTag()).isEqualTo("0123abcd");
        assertThat(r.getS3().getBucket().getName()).isEqualTo("bigpicture-raw");
        assertThat(r.getS3().getConfigurationId()).isEqualTo("Upload");
        assertThat(Files.readString(file)).contains("\"eventTime\" : \"2026-11-26T10:25:00.000Z\"");
    }

    @Test
    void removalsCarryNoSizeOrEtag() {
        ObjectEvent removed = new ObjectEvent("b", "k", "ObjectRemoved:DeleteMarkerCreated", 0, null, "v2",
                "00000000000000002B", Instant.parse("2026-11-26T10:25:00.5Z"));

        assertThat(S3Events.toJson(removed, "Removal").at("/Records/0/s3/object").has("size")).isFalse();
        assertThat(S3Events.toJson(removed, "Removal").at("/Records/0/eventTime").asText())
                .isEqualTo("2026-11-26T10:25:00.500Z");
    }
}
