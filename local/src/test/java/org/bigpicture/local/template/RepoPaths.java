package org.bigpicture.local.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the repository and the shared folder (schemas, real data) are, seen from a test. */
final class RepoPaths {

    private RepoPaths() {
    }

    /** The repository root: the nearest folder above the working directory holding template.yaml. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    static Path template() {
        return root().resolve("template.yaml");
    }

    /**
     * The shared folder (DESIGN.md, schemas/, realdata/): system property {@code bigpicture.shared}
     * if set, else the nearest {@code shared/} folder above the repository (a worktree's own
     * {@code ../shared} may not exist). Empty where there is none: tests that need it skip.
     */
    static Optional<Path> shared() {
        String property = System.getProperty("bigpicture.shared");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property)).filter(Files::isDirectory);
        }
        for (Path p = root(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("schemas"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
