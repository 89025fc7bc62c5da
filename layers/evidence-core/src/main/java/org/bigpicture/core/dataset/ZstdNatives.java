package org.bigpicture.core.dataset;

import com.github.luben.zstd.util.Native;
import com.github.luben.zstd.util.ZstdVersion;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Points zstd-jni at the native library the Lambda layer ships unpacked
 * ({@code java/native/linux/<arch>/libzstd-jni-<version>.so}, beside {@code java/lib/}), so that
 * its first use loads it directly instead of copying it out of the jar into a temporary file
 * (about 15 ms of every cold start, issue 6). Where there is no such file (a Maven class path,
 * tests) nothing changes: zstd-jni unpacks its own copy as before, and the jar still carries one.
 */
final class ZstdNatives {

    private static volatile boolean prepared;

    private ZstdNatives() {
    }

    /** Call before the first use of a zstd-jni class; cheap after the first call. */
    static void prepare() {
        if (prepared) {
            return;
        }
        synchronized (ZstdNatives.class) {
            if (!prepared && System.getProperty("ZstdNativePath") == null) {
                Path library = unpackedBeside(jarOf(), System.getProperty("os.name"), System.getProperty("os.arch"));
                if (library != null) {
                    System.setProperty("ZstdNativePath", library.toString());
                }
            }
            prepared = true;
        }
    }

    /**
     * The unpacked library for this platform next to the layer's jars, or null: for
     * {@code <root>/lib/zstd-jni.jar}, {@code <root>/native/linux/<arch>/libzstd-jni-<version>.so}.
     */
    static Path unpackedBeside(Path jar, String osName, String arch) {
        if (jar == null || osName == null || arch == null || !osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux")
                || jar.getParent() == null || jar.getParent().getParent() == null) {
            return null;
        }
        Path library = jar.getParent().getParent().resolve("native").resolve("linux").resolve(arch)
                .resolve("libzstd-jni-" + ZstdVersion.VERSION + ".so");
        return Files.isRegularFile(library) ? library : null;
    }

    /** The jar zstd-jni was loaded from (without initialising its classes), or null. */
    private static Path jarOf() {
        try {
            CodeSource source = Native.class.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location == null || !"file".equals(location.getProtocol())) {
                return null;
            }
            Path path = Path.of(location.toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null; // an unusual class loader: zstd-jni finds its library itself
        }
    }
}
