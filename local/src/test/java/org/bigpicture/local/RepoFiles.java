package org.bigpicture.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Files of the repository and of the shared folder beside it, found from the test's working folder. */
final class RepoFiles {

    private RepoFiles() {
    }

    /** The repository root: the nearest folder upwards holding template.yaml and pom.xml. */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    static Path templateYaml() {
        return root().resolve("template.yaml");
    }

    static Path samples() {
        return root().resolve("samples");
    }

    /** shared/realdata: system property bigpicture.realdata, else the nearest shared/realdata upwards. */
    static Optional<Path> realdata() {
        String prop = System.getProperty("bigpicture.realdata");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop)).filter(Files::isDirectory);
        }
        if ("none".equals(System.getProperty("bigpicture.shared"))) {
            return Optional.empty(); // run as a machine without ../shared would
        }
        for (Path p = root(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("realdata");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
