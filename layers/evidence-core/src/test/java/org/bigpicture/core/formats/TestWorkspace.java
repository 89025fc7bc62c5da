package org.bigpicture.core.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.Workspace;

/** A workspace under a test's temporary folder. */
final class TestWorkspace implements Workspace {

    private final Path root;
    private final Limits limits;

    TestWorkspace(Path root, Limits limits) {
        this.root = root;
        this.limits = limits;
    }

    @Override
    public Path datasetDir(String datasetId) throws IOException {
        Path dir = root.resolve("datasets").resolve(datasetId);
        Files.createDirectories(dir);
        return dir;
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public Optional<String> config(String name) {
        return Optional.empty();
    }

    @Override
    public byte[] pseudonymKey() {
        return new byte[32];
    }
}
