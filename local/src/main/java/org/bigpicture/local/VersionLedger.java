package org.bigpicture.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
import java.util.concurrent.atomic.AtomicLong;
import org.bigpicture.core.lake.Sha256;

/**
 * Versions and sequencers for every write to the local store, assigned the way S3 does for a
 * versioned bucket: each write gets a new opaque version id and a sequencer greater than any
 * before it. The filesystem store has none of this, so the local stack keeps it here, appended
 * to {@code versions.log} in the store folder so that a later {@code run} on the same store
 * continues the sequence instead of starting again at 1 (which would make new uploads look older
 * than the ones already processed).
 *
 * <p>It is also the event journal: a write is answered only once its line is on disk
 * ({@link #sync()}, an fsync shared by every write waiting at that moment), so after a crash the
 * stack knows every event it acknowledged and delivers those it had not yet delivered
 * ({@link DeliveryLog}). Each line is written whole by one {@code write}; a line cut short (the
 * machine stopped mid-write, before the write it describes was answered) is cut off when the
 * ledger is opened, and its sequencer is not given out again.
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

        /** The S3 event this entry records. */
        public ObjectEvent toEvent() {
            return new ObjectEvent(bucket, key, eventName, size, etag, versionId, sequencer, time);
        }
    }

    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    private final Map<String, Entry> latest = new HashMap<>();
    private final boolean repaired;
    private long counter;
    /** Bytes written so far (guarded by this). */
    private long written;

    private final Object syncLock = new Object();
    /** Bytes known to be on disk (guarded by syncLock). */
    private long durable;
    private boolean syncing;
    private final AtomicLong syncs = new AtomicLong();

    public VersionLedger(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        int whole = completeLength(bytes);
        for (Entry e : parse(bytes, whole)) {
            latest.put(id(e.bucket(), e.key()), e);
            counter = Math.max(counter, Long.parseLong(e.sequencer(), 16));
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.repaired = whole < bytes.length;
        if (repaired) {
            // The torn line was the next sequencer: never answered, never delivered; skip it anyway.
            counter++;
            channel.truncate(whole);
            channel.force(true);
        }
        channel.position(whole);
        this.written = whole;
        this.durable = whole;
    }

    /**
     * Assigns the next version and sequencer to a write (or removal) and records it. The line is in
     * the file when this returns; call {@link #sync()} before answering the write.
     */
    public synchronized ObjectEvent record(String bucket, String key, String eventName, String etag, long size) {
        long next = ++counter;
        String sequencer = String.format("%0" + SEQUENCER_WIDTH + "X", next);
        String versionId = versionId(bucket, key, sequencer);
        Instant now = clock.instant();
        Entry e = new Entry(sequencer, bucket, key, eventName, versionId, etag, size, now);
        byte[] line = (String.join("\t", sequencer, bucket, eventName, versionId, etag == null ? "-" : etag,
                Long.toString(size), now.toString(), URLEncoder.encode(key, StandardCharsets.UTF_8)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException ex) {
            counter--; // the sequencer was never given out; cut off whatever part of the line got in
            try {
                channel.truncate(written);
                channel.position(written);
            } catch (IOException again) {
                ex.addSuppressed(again);
            }
            throw new UncheckedIOException("cannot record the version of " + bucket + "/" + key + " in " + file, ex);
        }
        written += line.length;
        latest.put(id(bucket, key), e);
        return new ObjectEvent(bucket, key, eventName, size, etag, versionId, sequencer, now);
    }

    /**
     * Returns once every line recorded before the call is on disk. Writes answered at the same
     * time share one fsync (group commit): the first caller syncs, the others wait for it or for
     * the next one.
     */
    public void sync() {
        long target;
        synchronized (this) {
            target = written;
        }
        while (true) {
            synchronized (syncLock) {
                while (syncing && durable < target) {
                    try {
                        syncLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while making " + file + " durable", e);
                    }
                }
                if (durable >= target) {
                    return;
                }
                syncing = true;
            }
            long upTo;
            synchronized (this) {
                upTo = written;
            }
            boolean ok = false;
            try {
                channel.force(false);
                syncs.incrementAndGet();
                ok = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + file + " durable", e);
            } finally {
                synchronized (syncLock) {
                    syncing = false;
                    if (ok) {
                        durable = Math.max(durable, upTo);
                    }
                    syncLock.notifyAll();
                }
            }
        }
    }

    /** The greatest sequencer given out so far ("" for a new ledger). */
    public synchronized String lastSequencer() {
        return counter == 0 ? "" : String.format("%0" + SEQUENCER_WIDTH + "X", counter);
    }

    /** How many fsyncs {@link #sync()} has made (fewer than the writes answered, under load). */
    public long syncs() {
        return syncs.get();
    }

    /** True when opening found a line cut short by a crash and cut it off. */
    public boolean repairedAtOpen() {
        return repaired;
    }

    /** The last write or removal recorded for a key. */
    public synchronized Optional<Entry> latest(String bucket, String key) {
        return Optional.ofNullable(latest.get(id(bucket, key)));
    }

    /** The last entry of every key ever recorded. */
    public synchronized List<Entry> latestEntries() {
        return new ArrayList<>(latest.values());
    }

    /** Every entry ever recorded, oldest first. */
    public synchronized List<Entry> history() throws IOException {
        return read(file);
    }

    /** Reads a ledger file without opening it for writing (for {@code audit} on a stopped store). */
    public static List<Entry> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        byte[] bytes = Files.readAllBytes(file);
        return parse(bytes, completeLength(bytes));
    }

    /** The bytes up to and including the last newline: a line without one was cut short. */
    private static int completeLength(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static List<Entry> parse(byte[] bytes, int length) {
        List<Entry> entries = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, from, i - from, StandardCharsets.UTF_8);
            from = i + 1;
            String[] f = line.split("\t", -1);
            if (f.length != 8) {
                continue; // not a ledger line (written by hand?): it describes no answered write
            }
            try {
                entries.add(new Entry(f[0], f[1], URLDecoder.decode(f[7], StandardCharsets.UTF_8), f[2], f[3],
                        "-".equals(f[4]) ? null : f[4], Long.parseLong(f[5]), Instant.parse(f[6])));
            } catch (RuntimeException malformed) {
                // same as above
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
        try {
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
