package org.bigpicture.core.store;

import org.bigpicture.core.util.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * Reads one SSM parameter (decrypted) with a single SigV4-signed {@code AmazonSSM.GetParameter}
 * call. The SDK's SSM module is 6 MB for this one call, a quarter of the Lambda size budget; the
 * signer and HTTP client are already in the layer for S3.
 */
public final class SsmParameterReader {

    private static final ObjectMapper JSON = JsonMappers.PLAIN;

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;

    public SsmParameterReader(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, String endpointOverride) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = URI.create(endpointOverride != null ? endpointOverride
                : "https://ssm." + region.id() + ".amazonaws.com/");
    }

    /**
     * @return the parameter's value
     * @throws ParameterMissingException when SSM answers ParameterNotFound
     * @throws IOException on any other failure (Lambda retries)
     */
    public String read(String name) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("Name", name).put("WithDecryption", true));
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build()).call();
        byte[] answer;
        try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
            answer = in.readAllBytes();
        }
        int status = response.httpResponse().statusCode();
        JsonNode json = answer.length == 0 ? JSON.createObjectNode() : JSON.readTree(answer);
        if (status == 200) {
            JsonNode value = json.path("Parameter").path("Value");
            if (!value.isTextual()) {
                throw new IOException("SSM answered GetParameter without a value for " + name);
            }
            return value.asText();
        }
        String type = json.path("__type").asText("");
        if (type.endsWith("ParameterNotFound")) {
            throw new ParameterMissingException(name);
        }
        throw new IOException("SSM GetParameter " + name + " failed: HTTP " + status + " "
                + new String(answer, StandardCharsets.UTF_8));
    }

    /** SSM has no parameter of that name. */
    public static final class ParameterMissingException extends IOException {
        ParameterMissingException(String name) {
            super("SSM parameter " + name + " not found");
        }
    }
}
