package org.bigpicture.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Writes and reads a dataset in a child JVM on the core's run-time class path (what the Lambda
 * layer ships: no Hadoop). A class path trimmed too far fails only at run time, so this runs the
 * real code rather than inspecting dependencies. The class path file is written by
 * maven-dependency-plugin (see the core pom).
 */
class NoHadoopAtRunTimeTest {

    @Test
    void writesAndReadsWithoutHadoopOnTheClassPath() throws Exception {
        Path target = Path.of("target");
        String runtime = Files.readString(target.resolve("runtime-classpath.txt")).trim();
        assertThat(runtime).doesNotContain("hadoop-client").doesNotContain("hadoop-common");
        List<String> classPath = new ArrayList<>();
        classPath.add(target.resolve("classes").toAbsolutePath().toString());
        classPath.add(target.resolve("test-classes").toAbsolutePath().toString());
        classPath.add(runtime);
        String output = runProbe(String.join(File.pathSeparator, classPath));
        assertThat(output).contains("OK rows=10000");
    }

    /** Runs {@link NoHadoopProbe} on {@code classPath}; returns its output, failing on a non-zero exit. */
    static String runProbe(String classPath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", classPath, NoHadoopProbe.class.getName())
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }
}
