package org.bigpicture.local;

import java.net.URI;
import org.bigpicture.core.store.Buckets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link AbstractS3EndpointIT} on the embedded local stack (nothing dispatched: the tests invoke the handler). */
class EmbeddedS3EndpointIT extends AbstractS3EndpointIT {

    static java.nio.file.Path store;
    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        store = java.nio.file.Files.createTempDirectory("embedded-s3-it");
        stack = LocalStack.start(LocalStack.Options.defaults(store, RepoFiles.templateYaml()).port(0).dispatch(false)
                .holder("EmbeddedS3EndpointIT"));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
        Pipeline.deleteTree(store);
    }

    @Override
    URI endpoint() {
        return stack.endpoint();
    }

    @Override
    Buckets buckets() {
        return stack.buckets();
    }

    @Override
    String accessKey() {
        return LocalStack.ACCESS_KEY;
    }

    @Override
    String secretKey() {
        return LocalStack.SECRET_KEY;
    }
}
