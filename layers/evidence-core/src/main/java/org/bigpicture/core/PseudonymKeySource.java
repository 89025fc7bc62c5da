package org.bigpicture.core;

import org.bigpicture.core.store.SsmParameterReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The survey pseudonymisation secret (DESIGN.md, "Survey"): the key of the keyed hash behind
 * respondents' pseudonymous ids. It lives outside the lake: an SSM SecureString parameter in AWS,
 * a file in the local store. The key is the UTF-8 bytes of the text, surrounding whitespace
 * removed, so a value typed or pasted with a trailing newline is the same key everywhere.
 *
 * <p>Read on first use and then kept: most uploads are not surveys and never pay for the call,
 * and a SnapStart snapshot taken before the first survey holds no secret.
 */
public final class PseudonymKeySource implements Supplier<byte[]> {

    /** Shorter keys make the pseudonyms guessable by brute force over a small population. */
    public static final int MIN_KEY_BYTES = 16;

    private final String description;
    private final Reader reader;
    private volatile byte[] key;

    @FunctionalInterface
    private interface Reader {
        String read() throws IOException;
    }

    private PseudonymKeySource(String description, Reader reader) {
        this.description = description;
        this.reader = reader;
    }

    /** The value of an SSM parameter (decrypted); the client is built only when the key is first needed. */
    static PseudonymKeySource ssmParameter(String name, Supplier<SsmParameterReader> ssm) {
        return new PseudonymKeySource("SSM parameter " + name, () -> {
            try {
                return ssm.get().read(name);
            } catch (SsmParameterReader.ParameterMissingException e) {
                throw new IllegalStateException("the survey pseudonymisation secret is missing: create the SSM "
                        + "SecureString parameter " + name + " (README, \"Deploying to AWS\")", e);
            }
        });
    }

    /** The text of a file (the local store's secret). */
    public static PseudonymKeySource file(Path file) {
        return new PseudonymKeySource("file " + file, () -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("the survey pseudonymisation secret file " + file + " does not exist", e);
            }
        });
    }

    /** No secret configured: surveys fail loudly (nothing is pseudonymised with a default key). */
    public static PseudonymKeySource missing() {
        return new PseudonymKeySource("nothing", () -> {
            throw new IllegalStateException("no survey pseudonymisation secret is configured: set "
                    + "PSEUDONYM_KEY_PARAMETER (an SSM SecureString parameter) or PSEUDONYM_KEY_FILE");
        });
    }

    /**
     * Writes a new random secret (256 bits, base64) to {@code file} unless it exists, readable by
     * its owner only where the file system allows. For the local store; returns the file.
     */
    public static Path createFileIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".key-", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the folder's own permissions apply.
        }
        Files.writeString(tmp, Base64.getEncoder().encodeToString(random) + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp); // another process made it first: keep theirs
        }
        return file;
    }

    /**
     * The key. Throws {@link IllegalStateException} when it is not configured, missing or too short
     * (a configuration fault: the upload fails and is retried, never pseudonymised with a weak key);
     * I/O and SDK failures propagate as unchecked exceptions so that Lambda retries.
     */
    @Override
    public byte[] get() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    k = load();
                    key = k;
                }
            }
        }
        return k.clone();
    }

    private byte[] load() {
        String text;
        try {
            text = reader.read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the survey pseudonymisation secret from " + description, e);
        }
        byte[] bytes = text.strip().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("the survey pseudonymisation secret in " + description + " is shorter than "
                    + MIN_KEY_BYTES + " bytes; make one with: openssl rand -base64 32");
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "pseudonym key from " + description; // never the key
    }
}
