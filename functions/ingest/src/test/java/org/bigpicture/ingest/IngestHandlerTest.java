package org.bigpicture.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.store.FileObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The handler decodes the repository's sample events (the ones {@code sam local invoke -e} uses)
 * and hands them to the core: checked against a recording fake of the core's two entry points.
 */
class IngestHandlerTest {

    private static final String EVENTS = "../../events/";

    private final List<RawObjectEvent> createdEvents = new ArrayList<>();
    private final List<RawObjectEvent> removedEvents = new ArrayList<>();
    private final IngestHandler handler = new IngestHandler(
            e -> record(createdEvents, e, "accepted"), e -> record(removedEvents, e, "removed"));

    private static IngestResult record(List<RawObjectEvent> into, RawObjectEvent e, String status) {
        into.add(e);
        return new IngestResult(e.key(), status, List.of(), null, 0, null);
    }

    @ParameterizedTest
    @Event(value = EVENTS + "s3-put-raw.json", type = S3Event.class)
    void decodesAnS3PutWithAPlusForTheSpaceAndASizeBeyondTwoGigabytes(S3Event event) {
        List<String> lines = handler.handleRequest(event, null);

        assertThat(createdEvents).containsExactly(new RawObjectEvent("bigpicture-raw-000000000000",
                "jsna/Life Expectancy.csv", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "0123456789abcdef0123456789abcdef-385",
                3_221_225_472L, "00674599A1B2C3D4E5", Instant.parse("2026-11-26T09:30:12.345Z")));
        assertThat(removedEvents).isEmpty();
        assertThat(lines).containsExactly("accepted jsna/Life Expectancy.csv");
    }

    @ParameterizedTest
    @Event(value = EVENTS + "s3-put-raw-sam.json", type = S3Event.class)
    void decodesSamsPercentTwentyAndAMissingVersionIdAsNull(S3Event event) {
        handler.handleRequest(event, null);

        assertThat(createdEvents).hasSize(1);
        RawObjectEvent e = createdEvents.get(0);
        assertThat(e.key()).isEqualTo("jsna/Life Expectancy.csv");
        assertThat(e.versionId()).isNull();
        assertThat(e.size()).isEqualTo(1024L);
        assertThat(e.sequencer()).isEqualTo("0A1B2C3D4E5F678901");
        assertThat(e.eventTime()).isEqualTo(Instant.EPOCH);
    }

    @ParameterizedTest
    @Event(value = EVENTS + "s3-delete-raw.json", type = S3Event.class)
    void routesARemovalToTheCoresRemovePath(S3Event event) {
        handler.handleRequest(event, null);

        assertThat(createdEvents).isEmpty();
        assertThat(removedEvents).containsExactly(new RawObjectEvent("bigpicture-raw-000000000000",
                "jsna/Life Expectancy.csv", null, null, 0L, "0067459F0C11D2E3F4",
                Instant.parse("2026-11-26T10:05:00.001Z")));
    }

    @Test
    void anEmptyVersionIdIsNull() {
        S3EventNotificationRecord put = EventLoader.loadS3Event(EVENTS + "s3-put-raw.json").getRecords().get(0);
        S3ObjectEntity object = put.getS3().getObject();
        S3ObjectEntity withoutVersion = new S3ObjectEntity(object.getKey(), object.getSizeAsLong(), object.geteTag(), "",
                object.getSequencer());
        S3EventNotificationRecord record = new S3EventNotificationRecord(put.getAwsRegion(), put.getEventName(),
                put.getEventSource(), "2026-11-26T09:30:12.345Z", put.getEventVersion(), put.getRequestParameters(),
                put.getResponseElements(), new S3Entity(put.getS3().getConfigurationId(), put.getS3().getBucket(),
                withoutVersion, put.getS3().getS3SchemaVersion()), put.getUserIdentity());

        assertThat(IngestHandler.decode(record).versionId()).isNull();
        assertThat(IngestHandler.decode(record).key()).isEqualTo("jsna/Life Expectancy.csv");
    }

    @ParameterizedTest
    @Event(value = EVENTS + "s3-test-event.json", type = S3Event.class)
    void s3sTestEventIsANoOp(S3Event event) {
        assertThat(handler.handleRequest(event, null)).isEmpty();
        assertThat(createdEvents).isEmpty();
        assertThat(removedEvents).isEmpty();
    }

    @Test
    void aStoreFailurePropagatesSoLambdaRetries() {
        IngestHandler failing = new IngestHandler(e -> {
            throw new IOException("S3 said 503 SlowDown");
        }, e -> null);
        S3Event event = EventLoader.loadS3Event(EVENTS + "s3-put-raw.json");

        assertThatThrownBy(() -> failing.handleRequest(event, null))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("s3://bigpicture-raw-000000000000/jsna/Life Expectancy.csv")
                .hasRootCauseMessage("S3 said 503 SlowDown");
    }

    @Test
    void anUploadWithASpaceInItsNameBecomesADatasetThroughTheRealCore(@TempDir Path tmp) throws IOException {
        Buckets buckets = new Buckets("bigpicture-raw-000000000000", "bigpicture-lake-000000000000",
                "bigpicture-published-000000000000");
        FileObjectStore store = new FileObjectStore(tmp.resolve("store"));
        store.put(buckets.raw(), "jsna/Life Expectancy.csv",
                "area_code,year,value\nE08000007,2021,79.1\nE08000007,2022,79.4\n".getBytes(StandardCharsets.UTF_8),
                null);
        Ingest ingest = new Ingest(store, buckets, Recognizer.standard(Limits.defaults()), List.of(), Notifier.NONE,
                Wiring.ukClock(), PseudonymKeySource.missing(), Files.createDirectories(tmp.resolve("scratch")));

        List<String> lines = new IngestHandler(ingest)
                .handleRequest(EventLoader.loadS3Event(EVENTS + "s3-put-raw-sam.json"), null);

        assertThat(lines).singleElement().asString().startsWith("accepted jsna/Life Expectancy.csv → jsna-life-expectancy");
        assertThat(store.head(buckets.lake(), "datasets/jsna-life-expectancy/provenance.json")).isPresent();
    }

    @Test
    void drivesTheRealCoreIngest(@TempDir Path tmp) throws IOException {
        Buckets buckets = new Buckets("bigpicture-raw-000000000000", "bigpicture-lake-000000000000",
                "bigpicture-published-000000000000");
        Wiring wiring = new Wiring(new FileObjectStore(tmp.resolve("store")), buckets, Notifier.NONE,
                PseudonymKeySource.missing(), Wiring.ukClock(), tmp, null);
        Ingest ingest = new Ingest(wiring.store(), buckets, new Recognizer(List.of(), Limits.defaults()), List.of(),
                wiring.notifier(), wiring.clock(), wiring.pseudonymKey(), wiring.scratch());

        List<String> lines = new IngestHandler(ingest)
                .handleRequest(EventLoader.loadS3Event(EVENTS + "s3-delete-raw.json"), null);

        assertThat(lines).containsExactly("skipped jsna/Life Expectancy.csv: nothing was recorded for this key");
    }

    /** The environment the template gives the ingest function, with S3 sent to {@code endpoint}. */
    static java.util.Map<String, String> lambdaEnvironment(String endpoint) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("RAW_BUCKET", "bigpicture-raw-000000000000");
        env.put("LAKE_BUCKET", "bigpicture-lake-000000000000");
        env.put("PUBLISHED_BUCKET", "bigpicture-published-000000000000");
        env.put("AWS_REGION", "eu-west-2");
        env.put("AWS_ENDPOINT_URL", endpoint);
        return env;
    }

    @Test
    void theRuntimeConstructorIsWiredFromTheEnvironmentAlone() throws Exception {
        // Nothing listens on port 9: the event's first S3 call must go there, to the endpoint the
        // environment names, for the bucket it names (no request reaches AWS from a test).
        java.util.Map<String, String> env = lambdaEnvironment("http://127.0.0.1:9");
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try {
            IngestHandler runtime = new IngestHandler(env,
                    org.bigpicture.observability.Observability.forLocal(org.bigpicture.observability.Service.INGEST,
                            java.util.Map.of()));
            S3Event event = EventLoader.loadS3Event(EVENTS + "s3-put-raw-sam.json");
            assertThatThrownBy(() -> runtime.handleRequest(event, null))
                    .hasStackTraceContaining("Connection refused"); // port 9 of loopback, not AWS

            env.remove("LAKE_BUCKET");
            assertThatThrownBy(() -> new IngestHandler(env,
                    org.bigpicture.observability.Observability.forLocal(org.bigpicture.observability.Service.INGEST,
                            java.util.Map.of())))
                    .hasMessageContaining("LAKE_BUCKET");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
