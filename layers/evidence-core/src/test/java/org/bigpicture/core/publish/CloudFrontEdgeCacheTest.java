package org.bigpicture.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** The invalidation request as CloudFront's API expects it, sent to a local stand-in on an ephemeral port. */
class CloudFrontEdgeCacheTest {

    HttpServer server;
    final AtomicReference<String> path = new AtomicReference<>();
    final AtomicReference<String> authorization = new AtomicReference<>();
    final AtomicReference<String> body = new AtomicReference<>();
    final AtomicInteger status = new AtomicInteger(201);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            path.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "<Invalidation/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    CloudFrontEdgeCache cache() {
        return new CloudFrontEdgeCache(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "E2EXAMPLE",
                Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneId.of("Europe/London")));
    }

    @Test
    void sendsASignedInvalidationBatchForThePaths() throws IOException {
        cache().invalidate(List.of("/bundles/2026-11-26.2/*", "/bundles/latest/*"));

        assertThat(path.get()).isEqualTo("POST /2020-05-31/distribution/E2EXAMPLE/invalidation");
        assertThat(authorization.get()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/us-east-1/cloudfront/aws4_request");
        assertThat(body.get()).contains("<Quantity>2</Quantity>")
                .contains("<Path>/bundles/2026-11-26.2/*</Path><Path>/bundles/latest/*</Path>")
                .contains("<CallerReference>bigpicture-");
    }

    @Test
    void aRefusalIsAnErrorNotSilence() {
        status.set(403);
        assertThatThrownBy(() -> cache().invalidate(List.of("/bundles/x/*"))).isInstanceOf(IOException.class)
                .hasMessageContaining("403");
    }
}
