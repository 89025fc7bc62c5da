package org.bigpicture.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bigpicture.local.template.TemplateArtifacts.Artifact;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After {@code mvn package}: each zip template.yaml points at exists and holds what Lambda needs.
 * The layer and the ingest function are built before this module (it depends on them), so they
 * must exist; zips of modules built later in the reactor are checked when present.
 */
class TemplateArtifactsIT {

    private static final List<String> BUILT_BEFORE_LOCAL = List.of("layers/evidence-core", "functions/ingest");

    static List<Artifact> artifacts() throws IOException {
        return TemplateArtifactsTest.artifacts();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void zipHoldsWhatLambdaLoads(Artifact artifact) throws IOException {
        Path zip = RepoPaths.root().resolve(artifact.zip());
        if (!BUILT_BEFORE_LOCAL.contains(artifact.module())) {
            assumeTrue(Files.isRegularFile(zip), artifact.zip() + " not built (yet) in this reactor");
        }
        assertThat(zip).isRegularFile();

        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = Collections.list(z.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).as(artifact.zip()).anyMatch(n -> n.startsWith(artifact.entry()));
            if (artifact.entry().endsWith(".class")) {
                // The core and the AWS SDK come from the layer (provided scope): not duplicated per function.
                assertThat(names).as(artifact.zip()).noneMatch(n -> n.startsWith("lib/evidence-core"));
                assertThat(names).as(artifact.zip()).noneMatch(n -> n.startsWith("lib/s3-") || n.startsWith("lib/sdk-core"));
                assertThat(names).as(artifact.zip()).noneMatch(n -> n.startsWith("java/lib/"));
                // JSON logs and EMF metrics; the SDK's slf4j logging routed to java.util.logging (else
                // slf4j prints a plain-text warning at every cold start); slf4j-api itself is in the layer.
                assertThat(names).as(artifact.zip()).anyMatch(n -> n.startsWith("lib/function-observability-"))
                        .anyMatch(n -> n.startsWith("lib/slf4j-jdk14-"))
                        .noneMatch(n -> n.startsWith("lib/slf4j-api-"));
            } else {
                assertThat(names).as("a Java layer keeps jars under java/lib/").allMatch(n -> n.startsWith("java/"));
            }
        }
    }
}
