package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bigpicture.core.ingest.BadInputException;

/**
 * The encoding of a text upload, as {@link TextEncoding#detectAhead} found it: presumed from the
 * first bytes, and confirmed by a scan of the whole file that may still be running on a
 * background thread. Whoever reads the file with the presumed encoding calls {@link #confirm()}
 * afterwards (and when reading failed, since the scan's verdict explains a binary file better
 * than a parse error does).
 */
public final class EncodingCheck {

    /** The whole-file scan, given a flag that says nobody needs its answer any more. */
    interface Scan {
        TextEncoding.Detected run(AtomicBoolean cancelled) throws IOException;
    }

    private final TextEncoding.Detected presumed;
    private final CompletableFuture<TextEncoding.Detected> verdict;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private EncodingCheck(TextEncoding.Detected presumed, CompletableFuture<TextEncoding.Detected> verdict) {
        this.presumed = presumed;
        this.verdict = verdict;
    }

    /** An encoding already known for the whole file. */
    public static EncodingCheck confirmed(TextEncoding.Detected detected) {
        return new EncodingCheck(detected, CompletableFuture.completedFuture(detected));
    }

    static EncodingCheck scanning(TextEncoding.Detected presumed, Scan scan) {
        CompletableFuture<TextEncoding.Detected> verdict = new CompletableFuture<>();
        EncodingCheck check = new EncodingCheck(presumed, verdict);
        Thread thread = new Thread(() -> {
            try {
                verdict.complete(scan.run(check.cancelled));
            } catch (Throwable t) {
                verdict.completeExceptionally(t);
            }
        }, "encoding-scan");
        thread.setDaemon(true);
        thread.start();
        return check;
    }

    /** The encoding to read with now. */
    public TextEncoding.Detected presumed() {
        return presumed;
    }

    /** True when the whole file has already been scanned (nothing runs in the background). */
    public boolean isConfirmed() {
        return verdict.isDone() && !verdict.isCompletedExceptionally() && presumed.equals(verdict.join());
    }

    /**
     * Waits for the whole-file scan. Returns the file's encoding (the presumed one, or
     * Windows-1252 when bytes invalid in UTF-8 came after the first megabyte), or throws the
     * {@link BadInputException} that refuses the file.
     */
    public TextEncoding.Detected confirm() throws IOException {
        try {
            return verdict.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while scanning the file's encoding");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BadInputException bad) {
                throw new BadInputException(bad.file(), bad.line(), bad.reason());
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }

    /** Stops the background scan early: its answer is no longer needed (reading failed for other reasons). */
    public void cancel() {
        cancelled.set(true);
    }
}
