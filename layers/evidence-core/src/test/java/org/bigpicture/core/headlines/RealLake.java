package org.bigpicture.core.headlines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.PutOptions;

/**
 * A lake made the way production makes it: the shared real files (never committed) uploaded to a
 * raw bucket and converted by the core {@link Ingest} with the standard formats.
 */
final class RealLake {

    static final Buckets BUCKETS = new Buckets("raw", TestLake.LAKE, "published");

    final TestLake lake;
    private final Ingest ingest;
    private final Path real;
    private long sequencer = 1;

    RealLake(Path root, Path real) throws IOException {
        this.lake = new TestLake(root.resolve("store"));
        this.real = real;
        Clock clock = Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), Wiring.london());
        this.ingest = new Ingest(lake.store, BUCKETS, Recognizer.standard(Limits.defaults()),
                Wiring.configValidators(), Notifier.NONE, clock, () -> new byte[32],
                Files.createDirectories(root.resolve("scratch")));
    }

    /** The shared real data folder, when present (system property bigpicture.realdata, else walking up). */
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

    /** Uploads a real file under {@code key} and ingests it; returns the dataset ids it became. */
    List<String> upload(String relative, String key) throws IOException {
        return upload(key, Files.readAllBytes(real.resolve(relative)));
    }

    List<String> upload(String key, byte[] bytes) throws IOException {
        lake.store.put(BUCKETS.raw(), key, bytes, PutOptions.of("application/octet-stream"));
        String etag = LakeKeys.sha256(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).substring(0, 32);
        IngestResult r = ingest.onObjectCreated(new RawObjectEvent(BUCKETS.raw(), key, null, etag, bytes.length,
                String.format("%016X", sequencer++), Instant.parse("2026-11-02T09:00:00Z")));
        return r.datasets();
    }

    IngestResult uploadResult(String key, byte[] bytes) throws IOException {
        lake.store.put(BUCKETS.raw(), key, bytes, PutOptions.of("application/octet-stream"));
        return ingest.onObjectCreated(new RawObjectEvent(BUCKETS.raw(), key, null, null, bytes.length,
                String.format("%016X", sequencer++), Instant.parse("2026-11-02T09:00:00Z")));
    }
}
