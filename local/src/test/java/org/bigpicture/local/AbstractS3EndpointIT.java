package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;
import org.bigpicture.core.store.S3ObjectStore;
import org.bigpicture.ingest.IngestHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the core relies on from S3, and the ingest function driven by the repository's
 * {@code events/*.json} fixtures (as {@code sam local invoke -e} would), against an S3 endpoint:
 * the embedded local stack, or LocalStack where Docker exists. The same tests pass on both, so the
 * local stack behaves like S3 where the project depends on it.
 */
abstract class AbstractS3EndpointIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The endpoint under test. */
    abstract URI endpoint();

    /** Its buckets (created already). */
    abstract Buckets buckets();

    abstract String accessKey();

    abstract String secretKey();

    S3Client client() {
        return S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.of(S3Events.REGION))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(accessKey(), secretKey())))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
    }

    /** The environment a function gets on this endpoint (as template.yaml and the local stack set it). */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RAW_BUCKET", buckets().raw());
        env.put("LAKE_BUCKET", buckets().lake());
        env.put("PUBLISHED_BUCKET", buckets().published());
        env.put("AWS_ENDPOINT_URL", endpoint().toString());
        env.put("AWS_REGION", S3Events.REGION);
        env.put("AWS_ACCESS_KEY_ID", accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", secretKey());
        env.put("PSEUDONYM_KEY_FILE", tmp.resolve("pseudonym-key").toString());
        return env;
    }

    @Test
    void theObjectStoreRoundTripsWhatTheCoreWrites() throws Exception {
        try (S3Client s3 = client()) {
            ObjectStore store = new S3ObjectStore(s3);
            String lake = buckets().lake();
            store.put(lake, "contract/b.json", "{\"b\":1}".getBytes(StandardCharsets.UTF_8), PutOptions.json());
            store.put(lake, "contract/a é/x y.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8),
                    PutOptions.of("text/csv; charset=utf-8"));

            assertThat(store.readAllBytes(lake, "contract/a é/x y.csv")).asString(StandardCharsets.UTF_8).isEqualTo("a,b\n1,2\n");
            assertThat(store.head(lake, "contract/b.json")).get().extracting(ObjectInfo::size).isEqualTo(7L);
            assertThat(store.head(lake, "contract/none")).isEmpty();
            assertThatThrownBy(() -> store.open(lake, "contract/none")).isInstanceOf(NoSuchFileException.class);
            assertThat(store.list(lake, "contract/")).extracting(ObjectInfo::key)
                    .containsExactly("contract/a é/x y.csv", "contract/b.json");
            assertThat(s3.headObject(b -> b.bucket(lake).key("contract/b.json")).contentType()).isEqualTo("application/json");

            store.copy(lake, "contract/b.json", buckets().published(), "bundles/contract/b.json",
                    PutOptions.json().withCacheControl("public, max-age=300"));
            assertThat(s3.headObject(b -> b.bucket(buckets().published()).key("bundles/contract/b.json")).cacheControl())
                    .isEqualTo("public, max-age=300");

            store.delete(lake, "contract/b.json");
            store.delete(lake, "contract/b.json"); // absent: not an error
            assertThat(store.head(lake, "contract/b.json")).isEmpty();
        }
    }

    @Test
    void aConditionalWriteRefusesAnExistingKey() throws Exception {
        try (S3Client s3 = client()) {
            ObjectStore store = new S3ObjectStore(s3);
            String key = "contract/manifest-" + System.nanoTime() + ".json";
            assertThat(store.putIfAbsent(buckets().published(), key, "1".getBytes(), PutOptions.json())).isTrue();
            assertThat(store.putIfAbsent(buckets().published(), key, "2".getBytes(), PutOptions.json())).isFalse();
            assertThat(store.readAllBytes(buckets().published(), key)).containsExactly('1');
        }
    }

    @Test
    void theIngestFunctionDrivenByTheEventFixturesMakesThenRetiresTheDataset() throws Exception {
        try (S3Client s3 = client()) {
            ObjectStore store = new S3ObjectStore(s3);
            store.put(buckets().raw(), "jsna/Life Expectancy.csv",
                    RepoFiles.samples().resolve("jsna/Life expectancy at birth.csv"), PutOptions.of("text/csv"));
            IngestHandler handler = new IngestHandler(Wiring.fromEnvironment(environment()).ingest());

            List<String> created = handler.handleRequest(fixture("s3-put-raw.json"), null);

            assertThat(created).singleElement().asString().contains("accepted");
            JsonNode report = JSON.readTree(store.readAllBytes(buckets().lake(), "reports/ingest/jsna/Life Expectancy.csv.json"));
            assertThat(report.path("status").asText()).isEqualTo("accepted");
            assertThat(report.path("sequencer").asText()).isEqualTo("00674599A1B2C3D4E5");
            assertThat(store.head(buckets().lake(), "datasets/jsna-life-expectancy/provenance.json")).isPresent();
            assertThat(store.head(buckets().lake(), "datasets/jsna-life-expectancy/data.parquet")).isPresent();

            store.delete(buckets().raw(), "jsna/Life Expectancy.csv");
            handler.handleRequest(fixture("s3-delete-raw.json"), null);

            assertThat(store.head(buckets().lake(), "datasets/jsna-life-expectancy/provenance.json")).isEmpty();
            assertThat(JSON.readTree(store.readAllBytes(buckets().lake(), "reports/ingest/jsna/Life Expectancy.csv.json"))
                    .path("status").asText()).isEqualTo("removed");
        }
    }

    /** A fixture from events/, with its bucket renamed to this endpoint's (the fixtures name AWS's). */
    S3Event fixture(String name) throws Exception {
        String text = Files.readString(RepoFiles.root().resolve("events").resolve(name));
        text = text.replace("bigpicture-raw-000000000000", buckets().raw());
        Path patched = tmp.resolve(name);
        Files.writeString(patched, text);
        return EventLoader.loadS3Event(patched.toString());
    }
}
