package org.bigpicture.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bigpicture.core.lake.Sha256;

/**
 * Versions and sequencers for every write to the local store, assigned the way S3 does for a
 * versioned bucket: each write gets a new opaque version id and a sequencer greater than any
 * before it. The filesystem store has none of this, so the local stack keeps it here, appended
 * to {@code versions.log} in the store folder so that a later {@code run} on the same store
 * continues the sequence instead of starting again at 1 (which would make new uploads look older
 * than the ones already processed).
 */
public final class VersionLedger implements AutoCloseable {

    /** S3's sequencers are 18 hex digits in practice; a fixed width keeps string order = time order. */
    static final int SEQUENCER_WIDTH = 18;

    /** What the ledger holds for one write or removal. */
    public record Entry(String sequencer, String bucket, String key, String eventName, String versionId,
                        String etag, long size, Instant time) {

        public boolean removed() {
            return eventName.startsWith("ObjectRemoved:");
        }
    }

    private final Path file;
    private final Clock clock;
    private final BufferedWriter out;
    private final Map<String, Entry> latest = new HashMap<>();
    private long counter;

    public VersionLedger(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        Files.createDirectories(file.toAbsolutePath().getParent());
        for (Entry e : read(file)) {
            latest.put(id(e.bucket(), e.key()), e);
            counter = Math.max(counter, Long.parseLong(e.sequencer(), 16));
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Assigns the next version and sequencer to a write (or removal) and records it. */
    public synchronized ObjectEvent record(String bucket, String key, String eventName, String etag, long size) {
        long next = ++counter;
        String sequencer = String.format("%0" + SEQUENCER_WIDTH + "X", next);
        String versionId = versionId(bucket, key, sequencer);
        Instant now = clock.instant();
        Entry e = new Entry(sequencer, bucket, key, eventName, versionId, etag, size, now);
        try {
            out.write(String.join("\t", sequencer, bucket, eventName, versionId, etag == null ? "-" : etag,
                    Long.toString(size), now.toString(), URLEncoder.encode(key, StandardCharsets.UTF_8)));
            out.newLine();
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot record the version of " + bucket + "/" + key + " in " + file, ex);
        }
        latest.put(id(bucket, key), e);
        return new ObjectEvent(bucket, key, eventName, size, etag, versionId, sequencer, now);
    }

    /** The last write or removal recorded for a key. */
    public synchronized Optional<Entry> latest(String bucket, String key) {
        return Optional.ofNullable(latest.get(id(bucket, key)));
    }

    /** Every entry ever recorded, oldest first. */
    public synchronized List<Entry> history() throws IOException {
        out.flush();
        return read(file);
    }

    /** Reads a ledger file without opening it for writing (for {@code audit} on a stopped store). */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f.length != 8) {
                continue; // a line cut short by a crash: the write it describes never answered the client
            }
            try {
                entries.add(new Entry(f[0], f[1], URLDecoder.decode(f[7], StandardCharsets.UTF_8), f[2], f[3],
                        "-".equals(f[4]) ? null : f[4], Long.parseLong(f[5]), Instant.parse(f[6])));
            } catch (RuntimeException malformed) {
                // same as above: a torn line
            }
        }
        return entries;
    }

    /** Opaque and URL-safe like S3's, but derived from the sequencer so runs are reproducible. */
    static String versionId(String bucket, String key, String sequencer) {
        byte[] d = Sha256.digest().digest((bucket + "\n" + key + "\n" + sequencer).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 32);
    }

    private static String id(String bucket, String key) {
        return bucket + "\u0000" + key;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
