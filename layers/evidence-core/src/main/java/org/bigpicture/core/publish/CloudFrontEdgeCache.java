package org.bigpicture.core.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Purges paths from the CloudFront distribution in front of the published bucket: editions are
 * cached for a year as immutable, so a withdrawn one must leave the edge too.
 *
 * <p>One signed REST call (CreateInvalidation, API 2020-05-31) made with what the layer already
 * ships (the SigV4 signer, the URLConnection client, the default credentials chain), rather than
 * the SDK's CloudFront module, which would add 11 MB to this function's zip for one request.
 */
public final class CloudFrontEdgeCache implements EdgeCache {

    static final URI ENDPOINT = URI.create("https://cloudfront.amazonaws.com");

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;
    private final String distributionId;
    private final Clock clock;

    CloudFrontEdgeCache(SdkHttpClient http, AwsCredentialsProvider credentials, URI endpoint, String distributionId,
                        Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.endpoint = endpoint;
        this.distributionId = distributionId;
        this.clock = clock;
    }

    public static CloudFrontEdgeCache create(String distributionId, Clock clock) {
        return new CloudFrontEdgeCache(UrlConnectionHttpClient.create(), DefaultCredentialsProvider.builder().build(),
                ENDPOINT, distributionId, clock);
    }

    @Override
    public void invalidate(List<String> paths) throws IOException {
        if (paths.isEmpty()) {
            return;
        }
        byte[] body = body(paths, "bigpicture-" + clock.millis() + "-" + Integer.toHexString(paths.hashCode()));
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/2020-05-31/distribution/" + distributionId + "/invalidation"))
                .putHeader("Content-Type", "text/xml")
                .build();
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        // CloudFront is global: its API signs in us-east-1.
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudfront")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(ContentStreamProvider.fromByteArray(body)))
                .build()).call();
        int status = response.httpResponse().statusCode();
        if (status / 100 != 2) {
            String detail = "";
            if (response.responseBody().isPresent()) {
                try (InputStream in = response.responseBody().get()) {
                    detail = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
                }
            }
            // Thrown, so the withdrawal fails visibly and Lambda retries (the withdrawal itself is idempotent).
            throw new IOException("CloudFront invalidation of " + paths + " answered " + status + ": " + detail);
        }
        response.responseBody().ifPresent(in -> {
            try {
                in.close();
            } catch (IOException ignored) {
                // the body of a success is not needed
            }
        });
    }

    /** The InvalidationBatch document. */
    static byte[] body(List<String> paths, String callerReference) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<InvalidationBatch xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">")
                .append("<Paths><Quantity>").append(paths.size()).append("</Quantity><Items>");
        for (String p : paths) {
            xml.append("<Path>").append(Html.escape(p)).append("</Path>");
        }
        xml.append("</Items></Paths><CallerReference>").append(Html.escape(callerReference))
                .append("</CallerReference></InvalidationBatch>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
