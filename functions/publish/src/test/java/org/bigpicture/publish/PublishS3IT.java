package org.bigpicture.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetFiles;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.EdgeCache;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.bigpicture.core.store.S3ObjectStore;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The publish function over the S3 API, against S3Proxy in-process on an ephemeral port: every
 * object's Content-Type and Cache-Control as S3 stores them (puts and server-side copies alike),
 * the manifest's If-None-Match, an unchanged lake writing nothing, a changed one becoming
 * {@code .2}, and a withdrawal.
 */
class PublishS3IT {

    static final Buckets BUCKETS = new Buckets("raw", "lake", "published");
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @TempDir
    Path tmp;
    S3Proxy proxy;
    S3Client s3;
    S3ObjectStore store;
    PublishHandler handler;

    @BeforeEach
    void start() throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", Files.createDirectories(tmp.resolve("blobs")).toString());
        BlobStore blobs = BlobStores.create("filesystem", props);
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test", "test").ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort())).forcePathStyle(true).build();
        for (String b : List.of(BUCKETS.raw(), BUCKETS.lake(), BUCKETS.published())) {
            s3.createBucket(r -> r.bucket(b));
        }
        store = new S3ObjectStore(s3);
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneId.of("Europe/London"));
        handler = new PublishHandler(new BundlePublisher(store, BUCKETS, "http://127.0.0.1:" + proxy.getPort()
                + "/" + BUCKETS.published(), clock, tmp.resolve("work"), EdgeCache.NONE), clock);
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        proxy.stop();
    }

    @Test
    void publishesWithHeadersStaysIdempotentAndWithdrawsOverTheS3Api() throws Exception {
        dataset("alpha", "=HYPERLINK(\"x\")", 1.5);
        dataset("beta", "Stockport", 2.5);

        Map<String, Object> first = handler.handleRequest(Map.of("date", "2026-11-26"), null);
        assertThat(first.get("outcome")).isEqualTo("published");
        assertThat(head("bundles/2026-11-26/data/alpha.csv").contentType()).startsWith("text/csv");
        assertThat(head("bundles/2026-11-26/data/alpha.parquet").contentType())
                .isEqualTo("application/vnd.apache.parquet");
        assertThat(head("bundles/2026-11-26/datapackage.json").contentType()).startsWith("application/json");
        assertThat(head("bundles/2026-11-26/index.html").contentType()).startsWith("text/html");
        for (String key : keys("bundles/2026-11-26/")) {
            assertThat(head(key).cacheControl()).as(key).isEqualTo(IMMUTABLE);
            assertThat(head(key).contentType()).as(key).isNotBlank();
        }
        for (String key : keys("bundles/latest/")) {
            assertThat(head(key).cacheControl()).as(key).isEqualTo("public, max-age=300");
        }
        assertThat(head("bundles/catalog.json").cacheControl()).isEqualTo("public, max-age=300");
        assertThat(text("bundles/2026-11-26/data/alpha.csv")).contains("'=HYPERLINK(\"\"x\"\")");
        // The manifest cannot be overwritten.
        assertThat(store.putIfAbsent(BUCKETS.published(), "bundles/2026-11-26/datapackage.json", new byte[] {1},
                PutOptions.json())).isFalse();

        Instant before = head("bundles/catalog.json").lastModified();
        assertThat(handler.handleRequest(Map.of("date", "2026-11-26"), null).get("outcome")).isEqualTo("unchanged");
        assertThat(head("bundles/catalog.json").lastModified()).isEqualTo(before);

        dataset("beta", "Stockport", 3.5);
        Map<String, Object> second = handler.handleRequest(Map.of("date", "2026-11-26"), null);
        assertThat(second.get("edition")).isEqualTo("2026-11-26.2");
        assertThat(second.get("changed")).isEqualTo(List.of("beta"));
        // alpha's CSV came by server-side copy: the copy carries the edition's headers too.
        assertThat(head("bundles/2026-11-26.2/data/alpha.csv").cacheControl()).isEqualTo(IMMUTABLE);
        assertThat(head("bundles/2026-11-26.2/data/alpha.csv").contentType()).startsWith("text/csv");
        assertThat(text("bundles/latest.json")).contains("\"edition\" : \"2026-11-26.2\"");

        Map<String, Object> withdrawn = handler.handleRequest(
                Map.of("action", "withdraw", "edition", "2026-11-26.2", "reason", "wrong extract"), null);
        assertThat(withdrawn.get("latest")).isEqualTo("2026-11-26");
        assertThat(keys("bundles/2026-11-26.2/")).isEmpty();
        // S3Proxy keeps no versions (it answers ListObjectVersions with 501): one version per file.
        assertThat(withdrawn.get("versions_deleted")).isEqualTo(withdrawn.get("files_deleted"));
        assertThat(text("bundles/catalog.json")).contains("\"withdrawn_reason\" : \"wrong extract\"");
        assertThat(text("bundles/latest/data/beta.csv")).contains("2.5");
    }

    @Test
    void theRuntimeConstructorsWiringPublishesFromTheEnvironmentAlone() throws Exception {
        dataset("alpha", "Stockport", 1.5);
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("RAW_BUCKET", BUCKETS.raw());
        env.put("LAKE_BUCKET", BUCKETS.lake());
        env.put("PUBLISHED_BUCKET", BUCKETS.published());
        env.put("AWS_REGION", "eu-west-2");
        env.put("AWS_ENDPOINT_URL", endpoint);
        env.put("BASE_URL", endpoint + "/" + BUCKETS.published());
        env.put("DISTRIBUTION_ID", "E2QWRUHAPOMQZL");
        // In Lambda the credentials come from the SDK's default chain; here from its system properties.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try {
            PublishHandler runtime = new PublishHandler(env,
                    org.bigpicture.observability.Observability.forLocal(org.bigpicture.observability.Service.PUBLISH, Map.of()));

            Map<String, Object> out = runtime.handleRequest(Map.of("date", "2026-11-26"), null);

            assertThat(out.get("outcome")).isEqualTo("published");
            assertThat(text("bundles/latest.json")).contains(endpoint + "/" + BUCKETS.published() + "/bundles/2026-11-26/");

            env.remove("BASE_URL");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PublishHandler(env,
                            org.bigpicture.observability.Observability.forLocal(org.bigpicture.observability.Service.PUBLISH, Map.of())))
                    .hasMessageContaining("BASE_URL");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private void dataset(String id, String label, double value) throws IOException {
        Path dir = tmp.resolve("w-" + id + "-" + System.nanoTime());
        DatasetFiles files;
        try (DatasetWriter w = DatasetWriter.open(dir, List.of(new Column("label", ColumnType.STRING, null),
                new Column("value", ColumnType.NUMBER, null)))) {
            w.setString(0, label);
            w.setDouble(1, value);
            w.endRow();
            files = w.finish();
        }
        String prefix = "datasets/" + id + "/";
        store.put(BUCKETS.lake(), prefix + "data.parquet", files.parquet(), PutOptions.of("application/octet-stream"));
        store.put(BUCKETS.lake(), prefix + "schema.json", files.schema(), PutOptions.json());
        store.put(BUCKETS.lake(), prefix + "provenance.json", ("{\"dataset_id\": \"" + id
                + "\", \"kind\": \"table\", \"family\": \"table\", \"source\": {\"key\": \"tables/" + id + ".csv\"},"
                + " \"screen\": {\"verdict\": \"passed\"}}")
                .getBytes(StandardCharsets.UTF_8), PutOptions.json());
    }

    private HeadObjectResponse head(String key) {
        return s3.headObject(r -> r.bucket(BUCKETS.published()).key(key));
    }

    private List<String> keys(String prefix) throws IOException {
        return store.list(BUCKETS.published(), prefix).stream().map(ObjectInfo::key).toList();
    }

    private String text(String key) throws IOException {
        return new String(store.readAllBytes(BUCKETS.published(), key), StandardCharsets.UTF_8);
    }
}
