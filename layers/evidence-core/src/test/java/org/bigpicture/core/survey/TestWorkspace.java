package org.bigpicture.core.survey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.Workspace;

/** A workspace over a temporary folder, with configuration files given by the test. */
final class TestWorkspace implements Workspace {

    static final byte[] SECRET = "test-pseudonym-secret-0123456789".getBytes(StandardCharsets.UTF_8);

    private final Path root;
    private final byte[] secret;
    private final Map<String, String> config = new HashMap<>();

    TestWorkspace(Path root) {
        this(root, SECRET);
    }

    /** A workspace whose pseudonym secret is {@code secret} (another deployment of the hub). */
    TestWorkspace(Path root, byte[] secret) {
        this.root = root;
        this.secret = secret.clone();
    }

    TestWorkspace withConfig(String name, String text) {
        config.put(name, text);
        return this;
    }

    @Override
    public Path datasetDir(String datasetId) throws IOException {
        return Files.createDirectories(root.resolve(datasetId));
    }

    @Override
    public Limits limits() {
        return Limits.defaults();
    }

    @Override
    public Optional<String> config(String name) {
        return Optional.ofNullable(config.get(name));
    }

    @Override
    public byte[] pseudonymKey() {
        return secret.clone();
    }
}
