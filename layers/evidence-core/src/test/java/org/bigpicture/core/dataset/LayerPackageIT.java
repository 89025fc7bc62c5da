package org.bigpicture.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged Lambda layer, as deployed: unzips {@code evidence-core-layer.zip} and writes and
 * reads a dataset in a child JVM whose class path is only the layer's {@code java/lib/*.jar}
 * (plus the probe). Catches a layer trimmed too far (no Hadoop, Linux-only zstd natives), which
 * would otherwise fail only in Lambda.
 */
class LayerPackageIT {

    @TempDir
    Path tmp;

    @Test
    void packagedLayerWritesAndReadsADataset() throws Exception {
        Path zip = Path.of("target", "evidence-core-layer.zip");
        assertThat(zip).exists();
        List<String> classPath = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().startsWith("java/lib/") && e.getName().endsWith(".jar")) {
                    Path jar = tmp.resolve(e.getName());
                    Files.createDirectories(jar.getParent());
                    copy(in, jar);
                    classPath.add(jar.toString());
                    names.add(jar.getFileName().toString());
                } else if (e.getName().startsWith("java/native/") && !e.isDirectory()) {
                    Path library = tmp.resolve(e.getName());
                    Files.createDirectories(library.getParent());
                    copy(in, library);
                }
            }
        }
        assertThat(names).noneMatch(n -> n.contains("hadoop")).noneMatch(n -> n.contains("apache5-client"))
                .anyMatch(n -> n.startsWith("evidence-core-")).anyMatch(n -> n.endsWith("-linux.jar"));
        classPath.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        String output = NoHadoopAtRunTimeTest.runProbe(String.join(File.pathSeparator, classPath));
        assertThat(output).contains("OK rows=10000");
        // zstd-jni loaded the layer's unpacked library (no copy out of the jar at cold start)
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(output).contains("zstd native: " + tmp.resolve("java/native/linux")
                    .resolve(System.getProperty("os.arch")));
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.write(target, in.readAllBytes());
    }
}
