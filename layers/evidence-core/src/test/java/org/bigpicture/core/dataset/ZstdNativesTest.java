package org.bigpicture.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.util.ZstdVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@link ZstdNatives} looks for the layer's unpacked zstd-jni library. */
class ZstdNativesTest {

    @TempDir
    Path layer;

    @Test
    void findsTheLibraryForThisArchitectureBesideTheJars() throws IOException {
        Path jar = Files.createDirectories(layer.resolve("java/lib")).resolve("zstd-jni-linux.jar");
        Files.write(jar, new byte[] {1});
        Path arm = layer.resolve("java/native/linux/aarch64/libzstd-jni-" + ZstdVersion.VERSION + ".so");
        Files.createDirectories(arm.getParent());
        Files.write(arm, new byte[] {1});

        assertThat(ZstdNatives.unpackedBeside(jar, "Linux", "aarch64")).isEqualTo(arm);
        // another architecture, another operating system, or no layer layout: zstd-jni's own way
        assertThat(ZstdNatives.unpackedBeside(jar, "Linux", "amd64")).isNull();
        assertThat(ZstdNatives.unpackedBeside(jar, "Mac OS X", "aarch64")).isNull();
        assertThat(ZstdNatives.unpackedBeside(Path.of("zstd.jar"), "Linux", "aarch64")).isNull();
        assertThat(ZstdNatives.unpackedBeside(null, "Linux", "aarch64")).isNull();
    }

    @Test
    void aLibraryOfAnotherVersionIsNotTaken() throws IOException {
        Path jar = Files.createDirectories(layer.resolve("java/lib")).resolve("zstd-jni-linux.jar");
        Files.write(jar, new byte[] {1});
        Path old = layer.resolve("java/native/linux/amd64/libzstd-jni-1.0.0-1.so");
        Files.createDirectories(old.getParent());
        Files.write(old, new byte[] {1});
        assertThat(ZstdNatives.unpackedBeside(jar, "Linux", "amd64")).isNull();
    }
}
