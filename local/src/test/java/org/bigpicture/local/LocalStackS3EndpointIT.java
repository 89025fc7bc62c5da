package org.bigpicture.local;

import java.net.URI;
import org.bigpicture.core.store.Buckets;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link AbstractS3EndpointIT} on LocalStack, where Docker exists (skipped otherwise). The image
 * is pinned: LocalStack's {@code latest} needs an auth token since March 2026.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackS3EndpointIT extends AbstractS3EndpointIT {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("s3");

    static final Buckets BUCKETS = new Buckets("bigpicture-raw", "bigpicture-lake", "bigpicture-published");

    @BeforeAll
    static void createBuckets() {
        try (S3Client s3 = S3Client.builder().endpointOverride(LOCALSTACK.getEndpoint()).forcePathStyle(true)
                .region(software.amazon.awssdk.regions.Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(LOCALSTACK.getAccessKey(),
                                LOCALSTACK.getSecretKey())))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build()) {
            for (String b : java.util.List.of(BUCKETS.raw(), BUCKETS.lake(), BUCKETS.published())) {
                s3.createBucket(r -> r.bucket(b).createBucketConfiguration(c -> c.locationConstraint(S3Events.REGION)));
            }
        }
    }

    @Override
    URI endpoint() {
        return LOCALSTACK.getEndpoint();
    }

    @Override
    Buckets buckets() {
        return BUCKETS;
    }

    @Override
    String accessKey() {
        return LOCALSTACK.getAccessKey();
    }

    @Override
    String secretKey() {
        return LOCALSTACK.getSecretKey();
    }
}
