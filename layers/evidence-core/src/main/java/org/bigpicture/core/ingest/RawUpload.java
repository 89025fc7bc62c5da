package org.bigpicture.core.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bigpicture.core.lake.Sha256;
import org.bigpicture.core.lake.SourceObject;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.util.ThreadFailures;

/**
 * Step one of ingest: the raw object copied to scratch, its size, and its sha256 computed on a
 * thread of its own while the conversion runs ({@link #sha256} waits for it). The hash is needed
 * only for the records written at the end, and hashing in line was a second sequential pass over
 * the file before any conversion could start (issue 6). A plain thread: a {@code CompletableFuture}
 * brings the fork-join pool's classes to every cold start.
 */
final class RawUpload extends Thread {

    final Path file;
    final long bytes;
    private String hex;
    private Throwable failure;

    private RawUpload(Path file, long bytes) {
        super("ingest-sha256");
        this.file = file;
        this.bytes = bytes;
        setDaemon(true);
    }

    /** Downloads the object to {@code file} and starts hashing it. */
    static RawUpload download(ObjectStore store, String bucket, String key, Path file) throws IOException {
        store.download(bucket, key, file);
        return hashing(file);
    }

    /** Starts hashing a file already in scratch. */
    static RawUpload hashing(Path file) throws IOException {
        RawUpload upload = new RawUpload(file, Files.size(file));
        upload.start();
        return upload;
    }

    @Override
    public void run() {
        try {
            hex = Sha256.hex(file);
        } catch (Throwable t) {
            failure = t;
        }
    }

    String sha256() throws IOException {
        try {
            join(); // publishes hex and failure to this thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while hashing the upload");
        }
        return failure == null ? hex : ThreadFailures.rethrow(failure);
    }

    /** The record of where these bytes came from. */
    SourceObject source(RawObjectEvent event) throws IOException {
        return new SourceObject(event.bucket(), event.key(), event.versionId(),
                event.etag() == null ? null : Ledger.stripQuotes(event.etag()), event.sequencer(), sha256(), bytes);
    }
}
