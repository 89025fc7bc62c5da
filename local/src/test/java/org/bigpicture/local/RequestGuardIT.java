package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Issue 16, "Local stack safety": the local stack's credentials are public ({@code test}), so a
 * web page must not be able to use them. Requests must name the endpoint in {@code Host}; requests
 * from a page ({@code Origin}) are refused unless they read published {@code bundles/*} as
 * template.yaml's CORS allows; the CORS answers are template.yaml's.
 */
class RequestGuardIT {

    @TempDir
    java.nio.file.Path store;
    LocalStack stack;
    S3Client s3;
    String raw;
    String published;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        stack = LocalStack.start(LocalStack.Options.defaults(store, RepoFiles.templateYaml()).port(0).dispatch(false)
                .holder("RequestGuardIT"));
        s3 = stack.client();
        raw = stack.buckets().raw();
        published = stack.buckets().published();
        s3.putObject(b -> b.bucket(published).key("bundles/latest/index.html").contentType("text/html"),
                RequestBody.fromString("<h1>report</h1>"));
        s3.putObject(b -> b.bucket(published).key("private/notes.txt"), RequestBody.fromString("no"));
        s3.putObject(b -> b.bucket(raw).key("ons/secret.csv"), RequestBody.fromString("a,b\n1,2\n"));
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
        stack.close();
    }

    // ------------------------------------------------------------------------------------ Host

    @Test
    void onlyRequestsNamingTheEndpointAreAnswered() throws Exception {
        int port = stack.port();
        String path = "/" + published + "/bundles/latest/index.html";

        assertThat(rawGet(path, "127.0.0.1:" + port).status()).isEqualTo(200);
        assertThat(rawGet(path, "localhost:" + port).status()).isEqualTo(200);
        assertThat(rawGet(path, "LOCALHOST:" + port).status()).as("host names ignore case").isEqualTo(200);
        for (String other : List.of("evil.example:" + port, "evil.example", "127.0.0.1", "127.0.0.1:" + (port + 1),
                "bigpicture-published.localhost:" + port, "127.0.0.1.nip.io:" + port, "[::1]:" + port)) {
            Raw r = rawGet(path, other);
            assertThat(r.status()).as(other).isEqualTo(400);
            assertThat(r.body()).contains("InvalidRequest").doesNotContain("report");
        }
        Raw noHost = rawRequest("GET " + path + " HTTP/1.0\r\n\r\n");
        assertThat(noHost.status()).as("no Host at all").isEqualTo(400);
        // The SDK and the CLI name the endpoint as given: they are not affected.
        assertThat(s3.getObjectAsBytes(b -> b.bucket(raw).key("ons/secret.csv")).asUtf8String()).startsWith("a,b");
    }

    // ------------------------------------------------------------------------------------ Origin

    @Test
    void aCrossOriginFormPostSignedWithTheTestKeysCannotUpload() throws Exception {
        // Without Origin (curl, a script) the signed form uploads: the refusal below is the guard's.
        assertThat(postForm("ons/from-a-script.csv", null).statusCode()).isEqualTo(204);
        assertThat(s3.headObject(b -> b.bucket(raw).key("ons/from-a-script.csv")).contentLength()).isPositive();

        HttpResponse<String> fromPage = postForm("ons/from-a-page.csv", "https://evil.example");

        assertThat(fromPage.statusCode()).isEqualTo(403);
        assertThat(fromPage.body()).contains("AccessDenied");
        assertThat(fromPage.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(raw).prefix("ons/from-a-page")).contents()).isEmpty();
        assertThat(stack.ledger().history()).noneMatch(e -> e.key().equals("ons/from-a-page.csv"));
    }

    @Test
    void signedWritesAndReadsFromAPageAreRefused() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(stack.endpoint())
                .region(software.amazon.awssdk.regions.Region.of(S3Events.REGION))
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        LocalStack.ACCESS_KEY, LocalStack.SECRET_KEY))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .build()) {
            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket(raw).key("ons/presigned.csv"))).url().toURI();
            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket(raw).key("ons/secret.csv"))).url().toURI();

            HttpResponse<String> pagePut = http.send(HttpRequest.newBuilder(put).header("Origin", "https://evil.example")
                    .PUT(HttpRequest.BodyPublishers.ofString("x,y\n1,2\n")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pagePut.statusCode()).isEqualTo(403);
            assertThat(s3.listObjectsV2(b -> b.bucket(raw).prefix("ons/presigned")).contents()).isEmpty();

            HttpResponse<String> fetchMetadataOnly = http.send(HttpRequest.newBuilder(put)
                    .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "no-cors")
                    .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fetchMetadataOnly.statusCode()).as("a browser's write without Origin").isEqualTo(403);

            HttpResponse<String> pageGet = http.send(HttpRequest.newBuilder(get).header("Origin", "https://evil.example")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(pageGet.statusCode()).isEqualTo(403);
            assertThat(pageGet.body()).doesNotContain("a,b");

            // The same URLs without a page behind them work: presigned links stay usable from a shell.
            assertThat(http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString("x,y\n1,2\n"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(get).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("a,b\n1,2\n");
        }
    }

    // ------------------------------------------------------------------------------------ CORS

    @Test
    void publishedBundlesAnswerCorsExactlyAsTemplateYamlSays() throws Exception {
        LocalTemplate.CorsRule cors = LocalTemplate.load(RepoFiles.templateYaml()).publicCors().orElseThrow();
        URI index = URI.create(stack.publicUrl("bundles/latest/index.html"));

        for (String method : List.of("GET", "HEAD")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(index).method(method,
                    HttpRequest.BodyPublishers.noBody()).header("Origin", "https://partner.example").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(method).contains("*");
            assertThat(r.headers().firstValue("Access-Control-Expose-Headers"))
                    .contains(String.join(", ", cors.exposedHeaders())).contains("ETag, Content-Range, Accept-Ranges");
        }
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(index).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Access-Control-Allow-Origin")).as("no Origin, no CORS").isEmpty();

        HttpResponse<String> preflight = options(index, "https://partner.example", "GET", "range, if-none-match");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("range, if-none-match");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("86400");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        assertThat(options(index, "https://partner.example", "PUT", null).statusCode()).as("a write").isEqualTo(403);
        assertThat(options(index, "https://partner.example", "DELETE", null).statusCode()).isEqualTo(403);
        for (String other : List.of(stack.endpoint() + "/" + raw + "/ons/secret.csv",
                stack.endpoint() + "/" + published + "/private/notes.txt",
                stack.endpoint() + "/" + stack.buckets().lake() + "/bundles/x")) {
            HttpResponse<String> p = options(URI.create(other), "https://partner.example", "GET", null);
            assertThat(p.statusCode()).as(other).isEqualTo(403);
            assertThat(p.headers().firstValue("Access-Control-Allow-Origin")).as(other).isEmpty();
            HttpResponse<String> g = http.send(HttpRequest.newBuilder(URI.create(other))
                    .header("Origin", "https://partner.example").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(g.statusCode()).as(other).isEqualTo(403);
            assertThat(g.headers().firstValue("Access-Control-Allow-Origin")).as(other).isEmpty();
        }
    }

    private HttpResponse<String> options(URI uri, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            b.header("Access-Control-Request-Headers", headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------------------------ helpers

    /** An S3 POST upload (browser form), signed with the public test keys as a hostile page would. */
    private HttpResponse<String> postForm(String key, String origin) throws Exception {
        Instant now = Instant.now();
        String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(now);
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
        String credential = LocalStack.ACCESS_KEY + "/" + date + "/" + S3Events.REGION + "/s3/aws4_request";
        String policy = "{\"expiration\":\"" + DateTimeFormatter.ISO_INSTANT.format(now.plusSeconds(3600))
                + "\",\"conditions\":[{\"bucket\":\"" + raw + "\"},[\"starts-with\",\"$key\",\"ons/\"],"
                + "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},{\"x-amz-credential\":\"" + credential + "\"},"
                + "{\"x-amz-date\":\"" + amzDate + "\"}]}";
        String encodedPolicy = Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + LocalStack.SECRET_KEY).getBytes(StandardCharsets.UTF_8), date),
                S3Events.REGION), "s3"), "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(signingKey, encodedPolicy));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        fields.put("policy", encodedPolicy);
        fields.put("x-amz-signature", signature);
        String boundary = "----bigpicture" + now.toEpochMilli();
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n")
                .append("Content-Type: text/csv\r\n\r\ncode,value\nE08000007,1\n\r\n--").append(boundary).append("--\r\n");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.endpoint() + "/" + raw))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    record Raw(int status, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** A GET with a Host header of our choosing (java.net.http will not send one). */
    private Raw rawGet(String path, String host) throws Exception {
        return rawRequest("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    private Raw rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", stack.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, end < 0 ? "" : text.substring(end + 4));
        }
    }
}
