package org.bigpicture.core.formats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the shared real public data files (never committed): system property
 * {@code bigpicture.realdata}, else the first {@code shared/realdata} found walking up from the
 * working directory.
 */
final class RealData {

    private RealData() {
    }

    static Optional<Path> dir() {
        String prop = System.getProperty("bigpicture.realdata");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("realdata");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
