package org.bigpicture.core;

import org.bigpicture.core.store.Buckets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bigpicture.core.FakeAwsEndpoint.Response;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.SnsNotifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-time wiring from environment variables, against fake endpoints on loopback. */
class WiringTest {

    @TempDir
    Path tmp;

    private static Map<String, String> env(String endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("RAW_BUCKET", "bp-raw");
        env.put("LAKE_BUCKET", "bp-lake");
        env.put("PUBLISHED_BUCKET", "bp-published");
        env.put("AWS_REGION", "eu-west-2");
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
        if (endpoint != null) {
            env.put("AWS_ENDPOINT_URL", endpoint);
        }
        return env;
    }

    @Test
    void readsBucketsBaseUrlAndUsesALondonClock() {
        Map<String, String> env = env("http://127.0.0.1:9");
        env.put("BASE_URL", "https://d111111abcdef8.cloudfront.net");

        Wiring w = Wiring.fromEnvironment(env);

        assertThat(w.buckets()).isEqualTo(new Buckets("bp-raw", "bp-lake", "bp-published"));
        assertThat(w.baseUrl()).isEqualTo("https://d111111abcdef8.cloudfront.net");
        assertThat(w.clock().getZone()).isEqualTo(Wiring.london());
        assertThat(w.notifier()).isSameAs(Notifier.NONE);
        assertThat(w.scratch()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void buildsTheCoreIngestWithRegisteredConfigValidators() {
        assertThat(Wiring.configValidators()).extracting(v -> v.name()).contains("wiring-test.yaml");
        assertThat(Wiring.fromEnvironment(env("http://127.0.0.1:9")).ingest()).isNotNull();
    }

    @Test
    void missingBucketVariableIsAClearError() {
        Map<String, String> env = env(null);
        env.remove("LAKE_BUCKET");

        assertThatThrownBy(() -> Wiring.fromEnvironment(env)).hasMessageContaining("LAKE_BUCKET");
    }

    @Test
    void buildsTheHeadlineEngineOverTheLakeOfTheEnvironment() throws Exception {
        // An empty lake: listings answer no objects, reads answer S3's NoSuchKey.
        try (FakeAwsEndpoint s3 = new FakeAwsEndpoint(r -> r.path().equals("/bp-lake") || r.path().equals("/bp-lake/")
                ? new Response(200, "application/xml",
                        "<ListBucketResult><Name>bp-lake</Name><IsTruncated>false</IsTruncated></ListBucketResult>")
                : new Response(404, "application/xml", "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>"))) {
            Wiring w = Wiring.fromEnvironment(env(s3.url()));

            w.headlineEngine().preview();

            assertThat(s3.requests()).isNotEmpty();
            assertThat(s3.requests()).allSatisfy(r -> assertThat(r.path()).startsWith("/bp-lake"));
        }
    }

    @Test
    void buildsThePublisherWithTheBaseUrlAndTheCloudFrontDistributionToPurge() {
        Map<String, String> env = env("http://127.0.0.1:9");
        env.put("BASE_URL", "https://d111111abcdef8.cloudfront.net");
        env.put("DISTRIBUTION_ID", "E2QWRUHAPOMQZL");

        Wiring w = Wiring.fromEnvironment(env);

        assertThat(w.publisher()).isNotNull();
        assertThat(w.edgeCache()).isInstanceOf(org.bigpicture.core.publish.CloudFrontEdgeCache.class);
    }

    @Test
    void withoutADistributionNothingIsPurgedAndWithoutABaseUrlThePublisherIsRefused() {
        Wiring w = Wiring.fromEnvironment(env("http://127.0.0.1:9"));

        assertThat(w.edgeCache()).isSameAs(org.bigpicture.core.publish.EdgeCache.NONE);
        assertThatThrownBy(w::publisher).isInstanceOf(IllegalStateException.class).hasMessageContaining("BASE_URL");
    }

    @Test
    void s3GoesToTheEndpointOverrideWithPathStyleKeys() throws Exception {
        try (FakeAwsEndpoint s3 = new FakeAwsEndpoint(r -> new Response(404, "application/xml", ""))) {
            Wiring w = Wiring.fromEnvironment(env(s3.url()));

            assertThat(w.store().head("bp-raw", "jsna/Life Expectancy.csv")).isEmpty();

            FakeAwsEndpoint.Request request = s3.requests().get(0);
            assertThat(request.method()).isEqualTo("HEAD");
            assertThat(request.path()).isEqualTo("/bp-raw/jsna/Life%20Expectancy.csv");
            assertThat(request.header("Authorization")).contains("Credential=test/").contains("/eu-west-2/s3/");
        }
    }

    @Test
    void pseudonymKeyComesFromTheLocalFileWithoutSurroundingWhitespace() throws Exception {
        Path file = tmp.resolve("pseudonym.key");
        Files.writeString(file, "  correct-horse-battery-staple\n");
        Map<String, String> env = env(null);
        env.put("PSEUDONYM_KEY_FILE", file.toString());
        env.put("PSEUDONYM_KEY_PARAMETER", "/ignored/when/a/file/is/set");

        byte[] key = Wiring.fromEnvironment(env).pseudonymKey().get();

        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("correct-horse-battery-staple");
    }

    @Test
    void pseudonymKeyComesFromTheSsmParameterDecryptedAndIsReadOnce() throws Exception {
        String answer = "{\"Parameter\":{\"Name\":\"/bigpicture/pseudonym-key\",\"Type\":\"SecureString\","
                + "\"Value\":\"q0yXvY1m2H7c4RkP8sTn3wLb5ZaJ6eUf\",\"Version\":1}}";
        try (FakeAwsEndpoint ssm = new FakeAwsEndpoint(r -> new Response(200, "application/x-amz-json-1.1", answer))) {
            Map<String, String> env = env(ssm.url());
            env.put("PSEUDONYM_KEY_PARAMETER", "/bigpicture/pseudonym-key");
            Wiring w = Wiring.fromEnvironment(env);
            assertThat(ssm.requests()).as("nothing is fetched before a survey needs it").isEmpty();

            byte[] first = w.pseudonymKey().get();
            byte[] second = w.pseudonymKey().get();

            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("q0yXvY1m2H7c4RkP8sTn3wLb5ZaJ6eUf");
            assertThat(second).isEqualTo(first);
            assertThat(ssm.requests()).hasSize(1);
            FakeAwsEndpoint.Request request = ssm.requests().get(0);
            assertThat(request.header("X-Amz-Target")).isEqualTo("AmazonSSM.GetParameter");
            assertThat(request.body()).contains("\"Name\":\"/bigpicture/pseudonym-key\"")
                    .contains("\"WithDecryption\":true");
        }
    }

    @Test
    void missingSsmParameterSaysWhatToCreate() throws Exception {
        String notFound = "{\"__type\":\"ParameterNotFound\",\"message\":\"not found\"}";
        try (FakeAwsEndpoint ssm = new FakeAwsEndpoint(r -> new Response(400, "application/x-amz-json-1.1", notFound))) {
            Map<String, String> env = env(ssm.url());
            env.put("PSEUDONYM_KEY_PARAMETER", "/bigpicture/pseudonym-key");

            assertThatThrownBy(() -> Wiring.fromEnvironment(env).pseudonymKey().get())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/bigpicture/pseudonym-key").hasMessageContaining("SecureString");
        }
    }

    @Test
    void noConfiguredSecretFailsInsteadOfUsingADefault() {
        assertThatThrownBy(() -> Wiring.fromEnvironment(env(null)).pseudonymKey().get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PSEUDONYM_KEY_PARAMETER").hasMessageContaining("PSEUDONYM_KEY_FILE");
    }

    @Test
    void aShortSecretIsRefused() throws Exception {
        Path file = tmp.resolve("short.key");
        Files.writeString(file, "letmein\n");

        assertThatThrownBy(() -> PseudonymKeySource.file(file).get())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shorter than 16");
    }

    @Test
    void createFileIfMissingWritesARandomKeyOnceAndKeepsIt() throws Exception {
        Path file = tmp.resolve("store/secrets/pseudonym.key");

        PseudonymKeySource.createFileIfMissing(file);
        String first = Files.readString(file);
        PseudonymKeySource.createFileIfMissing(file);

        assertThat(Files.readString(file)).isEqualTo(first);
        assertThat(PseudonymKeySource.file(file).get()).hasSize(44); // 32 random bytes, base64
        assertThat(PseudonymKeySource.createFileIfMissing(tmp.resolve("other.key")))
                .satisfies(p -> assertThat(Files.readString(p)).isNotEqualTo(first));
    }

    @Test
    void uploadResultsArePublishedToTheTopicWhenOneIsSet() throws Exception {
        String ok = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId>"
                + "</ResponseMetadata></PublishResponse>";
        try (FakeAwsEndpoint sns = new FakeAwsEndpoint(r -> new Response(200, "text/xml", ok))) {
            Map<String, String> env = env(sns.url());
            env.put("UPLOAD_TOPIC_ARN", "arn:aws:sns:eu-west-2:000000000000:bigpicture-upload-results");
            Wiring w = Wiring.fromEnvironment(env);
            assertThat(w.notifier()).isInstanceOf(SnsNotifier.class);

            w.notifier().uploadResult("Accepted: jsna/Life Expectancy.csv", "{\"status\":\"accepted\"}");

            String body = java.net.URLDecoder.decode(sns.requests().get(0).body(), StandardCharsets.UTF_8);
            assertThat(body).contains("Action=Publish")
                    .contains("TopicArn=arn:aws:sns:eu-west-2:000000000000:bigpicture-upload-results")
                    .contains("Subject=Accepted: jsna/Life Expectancy.csv")
                    .contains("Message={\"status\":\"accepted\"}");
        }
    }
}
