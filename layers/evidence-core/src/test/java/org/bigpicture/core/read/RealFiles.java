package org.bigpicture.core.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a shared real-data file (never committed) by walking up to a {@code shared/} folder; empty when absent. */
final class RealFiles {

    private RealFiles() {
    }

    static Optional<Path> find(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
