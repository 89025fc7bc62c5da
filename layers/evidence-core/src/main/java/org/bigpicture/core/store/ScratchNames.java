package org.bigpicture.core.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh names for scratch folders and temporary files (ingest, publish, headlines, the local store), created atomically (a name already taken
 * is skipped). {@code Files.createTempFile} and {@code createTempDirectory} draw their names from
 * {@code SecureRandom}, whose first use seeds a DRBG and loads the security providers: some ten
 * milliseconds of every cold start (issue 6), for names that need only be unique, not secret.
 */
public final class ScratchNames {

    /** Seeded from the clock, so two processes rarely draw alike; when they do, the next name is tried. */
    private static final AtomicLong COUNTER = new AtomicLong(System.nanoTime() & 0xFFFFFFFFFFL);

    private ScratchNames() {
    }

    /** Creates and returns a new empty folder {@code <dir>/<prefix><unique>}. */
    public static Path newDirectory(Path dir, String prefix) throws IOException {
        for (;;) {
            try {
                return Files.createDirectory(dir.resolve(prefix + unique()));
            } catch (FileAlreadyExistsException taken) {
                // another process or thread took the name: draw again
            }
        }
    }

    /** Creates and returns a new empty file {@code <dir>/<prefix><unique><suffix>}. */
    public static Path newFile(Path dir, String prefix, String suffix) throws IOException {
        for (;;) {
            try {
                return Files.createFile(dir.resolve(prefix + unique() + suffix));
            } catch (FileAlreadyExistsException taken) {
                // draw again
            }
        }
    }

    private static String unique() {
        return Long.toString(COUNTER.incrementAndGet(), 36);
    }
}
