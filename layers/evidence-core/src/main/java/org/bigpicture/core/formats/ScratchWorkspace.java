package org.bigpicture.core.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.Workspace;
import org.bigpicture.core.lake.LakeKeys;

/**
 * A workspace for conversions whose output is looked at and thrown away ({@code check}, the
 * benchmark): dataset folders under one root, the shipped default configuration, and a throwaway
 * pseudonym key, drawn only if a survey asks for one (SecureRandom is slow to start).
 */
public final class ScratchWorkspace implements Workspace {

    private final Path root;
    private final Limits limits;
    private byte[] key;
    private int folders;

    public ScratchWorkspace(Path root, Limits limits) {
        this.root = root;
        this.limits = limits;
    }

    @Override
    public synchronized Path datasetDir(String datasetId) throws IOException {
        // numbered: two tables of one upload may slug alike
        return Files.createDirectories(root.resolve(LakeKeys.slug(datasetId) + "-" + (folders++)));
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
    public synchronized byte[] pseudonymKey() {
        if (key == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        return key.clone();
    }
}
