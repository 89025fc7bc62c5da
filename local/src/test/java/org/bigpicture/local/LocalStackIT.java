package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bigpicture.local.testing.CopyHandler;
import org.bigpicture.local.testing.CountHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The local stack's plumbing, with stand-in handlers (test-template.yaml): events, versions, access, retries. */
class LocalStackIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Dispatcher.RetryPolicy FAST_RETRIES = new Dispatcher.RetryPolicy(2, Duration.ofMillis(20),
            Duration.ofMillis(50));

    @TempDir
    Path store;
    LocalStack stack;
    S3Client s3;
    String raw;
    String lake;
    String published;

    static Path testTemplate() throws Exception {
        return Path.of(LocalStackIT.class.getResource("/test-template.yaml").toURI());
    }

    static LocalStack.Options options(Path store) throws Exception {
        return LocalStack.Options.defaults(store, testTemplate()).port(0).retry(FAST_RETRIES).holder("LocalStackIT");
    }

    @BeforeEach
    void start() throws Exception {
        CountHandler.reset();
        CopyHandler.INVOCATIONS.set(0);
        stack = LocalStack.start(options(store));
        s3 = stack.client();
        raw = stack.buckets().raw();
        lake = stack.buckets().lake();
        published = stack.buckets().published();
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        stack.close();
    }

    JsonNode eventRecord(String key) throws Exception {
        return JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(lake).key("events/" + key + ".json")).asByteArray());
    }

    void idle() throws Exception {
        assertThat(stack.awaitIdle(Duration.ofSeconds(60))).as("dispatcher went idle").isTrue();
    }

    @Test
    void anSdkUploadReachesTheHandlerAsARealS3Event() throws Exception {
        s3.putObject(b -> b.bucket(raw).key("jsna/Life Expectancy.csv"), RequestBody.fromString("a,b\n1,2\n"));
        idle();

        assertThat(s3.getObjectAsBytes(b -> b.bucket(lake).key("copies/jsna/Life Expectancy.csv")).asUtf8String())
                .isEqualTo("a,b\n1,2\n");
        JsonNode e = eventRecord("jsna/Life Expectancy.csv");
        assertThat(e.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(e.get("encodedKey").asText()).isEqualTo("jsna/Life+Expectancy.csv");
        assertThat(e.get("size").asLong()).isEqualTo(8);
        assertThat(e.get("eTag").asText()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("MD5").digest("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(e.get("versionId").asText()).hasSize(32);
        assertThat(e.get("configurationId").asText()).isEqualTo("Upload");
        assertThat(e.get("marker").asText()).isEqualTo("copy-bigpicture");
        assertThat(e.get("function").asText()).isEqualTo("CopyFunction");
        // The copy under copies/*.csv triggered the second function, whose rule filters by prefix and suffix.
        assertThat(CountHandler.EVENTS.get()).isEqualTo(1);
        assertThat(stack.dispatcher().orElseThrow().failures()).isEmpty();
    }

    @Test
    void overwritesGetNewVersionsAndGreaterSequencersThatSurviveARestart() throws Exception {
        List<String> sequencers = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = "round " + i;
            s3.putObject(b -> b.bucket(raw).key("ons/x.csv"), RequestBody.fromString(body));
            idle();
            sequencers.add(eventRecord("ons/x.csv").get("sequencer").asText());
            versions.add(eventRecord("ons/x.csv").get("versionId").asText());
        }
        stop();
        stack = LocalStack.start(options(store));
        s3 = stack.client();
        s3.putObject(b -> b.bucket(raw).key("ons/x.csv"), RequestBody.fromString("after restart"));
        idle();
        sequencers.add(eventRecord("ons/x.csv").get("sequencer").asText());
        versions.add(eventRecord("ons/x.csv").get("versionId").asText());

        assertThat(sequencers).isSorted().doesNotHaveDuplicates();
        assertThat(versions).doesNotHaveDuplicates();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(lake).key("copies/ons/x.csv")).asUtf8String())
                .isEqualTo("after restart");
    }

    @Test
    void removalIsAnEventAndAVersionedBucketMakesADeleteMarker() throws Exception {
        s3.putObject(b -> b.bucket(raw).key("gone.csv"), RequestBody.fromString("x"));
        idle();
        s3.deleteObject(b -> b.bucket(raw).key("gone.csv"));
        s3.deleteObject(b -> b.bucket(raw).key("never-existed.csv"));
        idle();

        assertThat(eventRecord("gone.csv").get("eventName").asText()).isEqualTo("ObjectRemoved:DeleteMarkerCreated");
        assertThat(eventRecord("gone.csv").get("configurationId").asText()).isEqualTo("Removal");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(lake).key("copies/gone.csv")))
                .isInstanceOf(S3Exception.class);
        assertThat(s3.listObjectsV2(b -> b.bucket(lake).prefix("events/never")).contents()).isEmpty();
    }

    @Test
    void copiesAndMultipartUploadsAreEventsButS3ProxysStubsAreNot() throws Exception {
        s3.putObject(b -> b.bucket(raw).key("a.csv"), RequestBody.fromString("a"));
        s3.copyObject(b -> b.sourceBucket(raw).sourceKey("a.csv").destinationBucket(raw).destinationKey("b.csv"));

        String id = s3.createMultipartUpload(b -> b.bucket(raw).key("big/file.csv")).uploadId();
        byte[] part = new byte[5 * 1024 * 1024];
        String e1 = s3.uploadPart(b -> b.bucket(raw).key("big/file.csv").uploadId(id).partNumber(1),
                RequestBody.fromBytes(part)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(raw).key("big/file.csv").uploadId(id).partNumber(2),
                RequestBody.fromString("tail")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(raw).key("big/file.csv").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(),
                CompletedPart.builder().partNumber(2).eTag(e2).build())));
        idle();

        assertThat(eventRecord("b.csv").get("eventName").asText()).isEqualTo("ObjectCreated:Copy");
        JsonNode mpu = eventRecord("big/file.csv");
        assertThat(mpu.get("eventName").asText()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(mpu.get("size").asLong()).isEqualTo(part.length + 4);
        List<String> eventKeys = s3.listObjectsV2(b -> b.bucket(lake).prefix("events/")).contents().stream()
                .map(o -> o.key()).toList();
        assertThat(eventKeys).containsExactlyInAnyOrder("events/a.csv.json", "events/b.csv.json",
                "events/big/file.csv.json");
        assertThat(stack.ledger().history()).noneMatch(en -> en.key().contains(NotifyingBlobStore.MULTIPART_STUB_PREFIX));
    }

    @Test
    void publishedBundlesAreReadableAnonymouslyAndNothingElseIs() throws Exception {
        s3.putObject(b -> b.bucket(published).key("bundles/latest/index.html").contentType("text/html"),
                RequestBody.fromString("<h1>report</h1>"));
        s3.putObject(b -> b.bucket(published).key("private/notes.txt"), RequestBody.fromString("no"));
        s3.putObject(b -> b.bucket(raw).key("secret.csv"), RequestBody.fromString("no"));
        idle();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(
                stack.publicUrl("bundles/latest/index.html"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("<h1>report</h1>");
        assertThat(ok.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");

        for (String url : List.of(stack.endpoint() + "/" + raw + "/secret.csv",
                stack.endpoint() + "/" + lake + "/copies/secret.csv",
                stack.endpoint() + "/" + published + "/private/notes.txt",
                stack.endpoint() + "/" + published + "?list-type=2")) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(url).isEqualTo(403);
        }
    }

    @Test
    void aFailingHandlerIsRetriedTwiceThenRecordedOnTheFailureList() throws Exception {
        s3.putObject(b -> b.bucket(raw).key("fail-once.csv"), RequestBody.fromString("x"));
        s3.putObject(b -> b.bucket(raw).key("fail-always.csv"), RequestBody.fromString("x"));
        idle();

        assertThat(s3.getObjectAsBytes(b -> b.bucket(lake).key("copies/fail-once.csv")).asUtf8String()).isEqualTo("x");
        List<Dispatcher.Failure> failures = stack.dispatcher().orElseThrow().failures();
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.function()).isEqualTo("CopyFunction");
            assertThat(f.event().key()).isEqualTo("fail-always.csv");
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.errorMessage()).contains("told to fail");
            assertThat(f.record()).exists();
        });
        JsonNode record = JSON.readTree(failures.get(0).record().toFile());
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.at("/requestPayload/Records/0/s3/object/key").asText()).isEqualTo("fail-always.csv");
        assertThat(Files.readString(store.resolve("logs/CopyFunction.log"))).contains("told to fail");
    }

    @Test
    void aFunctionWithReservedConcurrencyOneRunsOneAtATime() throws Exception {
        for (int i = 0; i < 30; i++) {
            String key = "copies/direct-" + i + ".csv";
            s3.putObject(b -> b.bucket(lake).key(key), RequestBody.fromString("x"));
        }
        idle();

        assertThat(stack.ledger().history()).as("one version per upload").hasSize(30);
        assertThat(CountHandler.EVENTS.get()).isEqualTo(30);
        assertThat(CountHandler.MOST_AT_ONCE.get()).isEqualTo(1);
    }

    @Test
    void aSecondStackOnTheSameStoreIsRefused() {
        assertThatThrownBy(() -> LocalStack.start(options(store)))
                .isInstanceOf(StoreLock.StoreBusyException.class)
                .hasMessageContaining("LocalStackIT on " + stack.endpoint());
    }

    @Test
    void theAwsCliPathProducesEventsToo() throws Exception {
        Path aws = Stream.of("/usr/bin/aws", "/usr/local/bin/aws").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(aws != null, "aws CLI not installed (apt-get install awscli)");
        Path file = store.resolve("x y.csv");
        Files.writeString(file, "code,value\nE08000007,1\n");

        ProcessBuilder pb = new ProcessBuilder(aws.toString(), "--endpoint-url", stack.endpoint().toString(), "s3",
                "cp", file.toString(), "s3://" + raw + "/ons/x y.csv");
        pb.environment().put("AWS_ACCESS_KEY_ID", LocalStack.ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", LocalStack.SECRET_KEY);
        pb.environment().put("AWS_DEFAULT_REGION", S3Events.REGION);
        pb.environment().put("HOME", store.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        idle();

        assertThat(s3.getObjectAsBytes(b -> b.bucket(lake).key("copies/ons/x y.csv")).asUtf8String())
                .isEqualTo("code,value\nE08000007,1\n");
        assertThat(eventRecord("ons/x y.csv").get("encodedKey").asText()).isEqualTo("ons/x+y.csv");
    }

    @Test
    void eventsAStoppedStackHadNotDeliveredAreDeliveredWhenItStartsAgain() throws Exception {
        stop();
        // A stack that takes writes and delivers nothing stands for one killed before its workers ran.
        try (LocalStack quiet = LocalStack.start(options(store).dispatch(false)); S3Client c = quiet.client()) {
            c.putObject(b -> b.bucket(raw).key("owed/a.csv"), RequestBody.fromString("first"));
            c.putObject(b -> b.bucket(raw).key("owed/b.csv"), RequestBody.fromString("b"));
            c.putObject(b -> b.bucket(raw).key("owed/a.csv"), RequestBody.fromString("second"));
        }
        assertThat(CopyHandler.INVOCATIONS.get()).isZero();

        stack = LocalStack.start(options(store));
        s3 = stack.client();
        idle();

        assertThat(stack.recovery().replayed()).isEqualTo(2);
        assertThat(stack.recovery().superseded()).as("the first a.csv: the second decides").isEqualTo(1);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(lake).key("copies/owed/a.csv")).asUtf8String()).isEqualTo("second");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(lake).key("copies/owed/b.csv")).asUtf8String()).isEqualTo("b");
        assertThat(CopyHandler.INVOCATIONS.get()).isEqualTo(2);

        stop();
        start();
        idle();
        assertThat(stack.recovery().any()).as("a second start owes nothing").isFalse();
        assertThat(CopyHandler.INVOCATIONS.get()).isZero();
    }

    @Test
    void writesTheStoreMadeWithoutAnEventGetOneAtTheNextStart() throws Exception {
        s3.putObject(b -> b.bucket(raw).key("kept.csv"), RequestBody.fromString("kept"));
        s3.putObject(b -> b.bucket(raw).key("gone.csv"), RequestBody.fromString("gone"));
        // Known to the ledger in every shape a write can take: none of these may look unanswered.
        s3.copyObject(b -> b.sourceBucket(raw).sourceKey("kept.csv").destinationBucket(raw).destinationKey("copied.csv"));
        String id = s3.createMultipartUpload(b -> b.bucket(raw).key("multi.csv")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(raw).key("multi.csv").uploadId(id).partNumber(1),
                RequestBody.fromBytes(new byte[5 * 1024 * 1024])).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(raw).key("multi.csv").uploadId(id).partNumber(2),
                RequestBody.fromString("tail")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(raw).key("multi.csv").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(),
                CompletedPart.builder().partNumber(2).eTag(e2).build())));
        idle();
        stop();
        // What a kill leaves between the store writing (or removing) a file and the ledger hearing of it.
        java.util.Properties props = new java.util.Properties();
        props.setProperty("jclouds.filesystem.basedir", store.resolve("s3").toString());
        org.gaul.s3proxy.blobstore.BlobStore files = org.gaul.s3proxy.BlobStores.create("filesystem", props);
        files.putBlob(software.amazon.awssdk.services.s3.model.PutObjectRequest.builder().bucket(raw)
                .key("unanswered.csv").build(), new java.io.ByteArrayInputStream("late".getBytes(StandardCharsets.UTF_8)));
        files.removeBlob(raw, "gone.csv");
        CopyHandler.INVOCATIONS.set(0);

        start();
        idle();

        assertThat(stack.recovery().unjournaled()).isEqualTo(2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(lake).key("copies/unanswered.csv")).asUtf8String()).isEqualTo("late");
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(lake).key("copies/gone.csv"))).isInstanceOf(S3Exception.class);
        assertThat(eventRecord("gone.csv").get("eventName").asText()).isEqualTo("ObjectRemoved:DeleteMarkerCreated");
        assertThat(CopyHandler.INVOCATIONS.get()).as("kept.csv was known: no event for it").isEqualTo(2);
    }

    @Test
    void aWriteIsAnsweredOnlyOnceItsEventIsOnDisk() throws Exception {
        long before = stack.ledger().syncs();
        s3.putObject(b -> b.bucket(raw).key("durable.csv"), RequestBody.fromString("x"));

        // The answer has come back: the event's line is in versions.log, and an fsync has been made since.
        assertThat(VersionLedger.read(store.resolve("versions.log"))).anySatisfy(e -> {
            assertThat(e.key()).isEqualTo("durable.csv");
            assertThat(e.eventName()).isEqualTo("ObjectCreated:Put");
        });
        assertThat(stack.ledger().syncs()).isGreaterThan(before);
        idle();
    }
}
