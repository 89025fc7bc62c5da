package org.bigpicture.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The requests {@link S3ObjectStore} makes to list and delete versions, as S3 receives them (an
 * in-process HTTP endpoint answering as S3 does): ListObjectVersions pages with versions and
 * delete markers, and each DeleteObject naming its versionId with the governance bypass header.
 * S3Proxy keeps no versions (PublishS3IT covers its 501), so this is where the versioned
 * requests are checked.
 */
class S3ObjectStoreVersionsTest {

    HttpServer server;
    S3Client s3;
    final List<String> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .forcePathStyle(true).build();
    }

    @AfterEach
    void stop() {
        s3.close();
        server.stop(0);
    }

    private synchronized void answer(HttpExchange x) throws IOException {
        String query = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery();
        requests.add(x.getRequestMethod() + " " + x.getRequestURI().getRawPath() + "?" + query + " bypass="
                + x.getRequestHeaders().getFirst("x-amz-bypass-governance-retention"));
        byte[] body = new byte[0];
        int status = 204;
        if (x.getRequestMethod().equals("GET") && query.contains("versions")) {
            status = 200;
            boolean second = query.contains("key-marker=");
            body = (second ? """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                      <Name>published</Name><Prefix>bundles/2026-11-26.2/</Prefix><IsTruncated>false</IsTruncated>
                      <Version><Key>bundles/2026-11-26.2/index.html</Key><VersionId>v3</VersionId><IsLatest>true</IsLatest><Size>9</Size></Version>
                    </ListVersionsResult>
                    """ : """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                      <Name>published</Name><Prefix>bundles/2026-11-26.2/</Prefix><IsTruncated>true</IsTruncated>
                      <NextKeyMarker>bundles/2026-11-26.2/datapackage.json</NextKeyMarker><NextVersionIdMarker>v1</NextVersionIdMarker>
                      <DeleteMarker><Key>bundles/2026-11-26.2/datapackage.json</Key><VersionId>m2</VersionId><IsLatest>true</IsLatest></DeleteMarker>
                      <Version><Key>bundles/2026-11-26.2/datapackage.json</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest><Size>5</Size></Version>
                    </ListVersionsResult>
                    """).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/xml");
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            x.getResponseBody().write(body);
        }
        x.close();
    }

    @Test
    void listsEveryVersionAndMarkerAcrossPagesAndDeletesEachByIdWithTheGovernanceBypass() throws IOException {
        S3ObjectStore store = new S3ObjectStore(s3);

        List<ObjectVersion> versions = store.listVersions("published", "bundles/2026-11-26.2/");
        for (ObjectVersion v : versions) {
            store.deleteVersion("published", v.key(), v.versionId());
        }

        assertThat(versions).containsExactly(
                new ObjectVersion("bundles/2026-11-26.2/datapackage.json", "v1", false, false),
                new ObjectVersion("bundles/2026-11-26.2/datapackage.json", "m2", true, true),
                new ObjectVersion("bundles/2026-11-26.2/index.html", "v3", false, true));
        assertThat(requests).filteredOn(r -> r.startsWith("DELETE")).containsExactly(
                "DELETE /published/bundles/2026-11-26.2/datapackage.json?versionId=v1 bypass=true",
                "DELETE /published/bundles/2026-11-26.2/datapackage.json?versionId=m2 bypass=true",
                "DELETE /published/bundles/2026-11-26.2/index.html?versionId=v3 bypass=true");
        assertThat(requests).filteredOn(r -> r.startsWith("GET")).hasSize(2)
                .allSatisfy(r -> assertThat(r).contains("versions").contains("prefix=bundles%2F2026-11-26.2%2F"));
    }

    @Test
    void aNullVersionIsAPlainDelete() throws IOException {
        new S3ObjectStore(s3).deleteVersion("published", "bundles/x.json", null);

        assertThat(requests).containsExactly("DELETE /published/bundles/x.json? bypass=null");
    }
}
