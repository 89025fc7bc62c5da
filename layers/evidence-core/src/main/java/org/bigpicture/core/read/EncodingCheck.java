package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bigpicture.core.util.ThreadFailures;
import org.bigpicture.core.convert.BadInputException;

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
    /** The scan's thread, null when the encoding was known at once (no thread, no future: cold start). */
    private final Thread thread;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile TextEncoding.Detected verdict;
    private volatile Throwable failure;

    private EncodingCheck(TextEncoding.Detected presumed, TextEncoding.Detected verdict, Scan scan) {
        this.presumed = presumed;
        this.verdict = verdict;
        if (scan == null) {
            this.thread = null;
            return;
        }
        this.thread = new Thread(() -> {
            try {
                this.verdict = scan.run(cancelled);
            } catch (Throwable t) {
                this.failure = t;
            }
        }, "encoding-scan");
        thread.setDaemon(true);
        thread.start();
    }

    /** An encoding already known for the whole file. */
    public static EncodingCheck confirmed(TextEncoding.Detected detected) {
        return new EncodingCheck(detected, detected, null);
    }

    static EncodingCheck scanning(TextEncoding.Detected presumed, Scan scan) {
        return new EncodingCheck(presumed, null, scan);
    }

    /** The encoding to read with now. */
    public TextEncoding.Detected presumed() {
        return presumed;
    }

    /** True when the whole file has already been scanned and agrees (nothing runs in the background). */
    public boolean isConfirmed() {
        TextEncoding.Detected v = verdict;
        return (thread == null || !thread.isAlive()) && failure == null && same(presumed, v);
    }

    /**
     * Waits for the whole-file scan. Returns the file's encoding (the presumed one, or
     * Windows-1252 when bytes invalid in UTF-8 came after the first megabyte), or throws the
     * {@link BadInputException} that refuses the file.
     */
    public TextEncoding.Detected confirm() throws IOException {
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while scanning the file's encoding");
            }
        }
        Throwable cause = failure;
        if (cause == null) {
            return verdict;
        }
        if (cause instanceof BadInputException bad) {
            // a fresh exception, so that the stack trace is this thread's
            throw new BadInputException(bad.file(), bad.line(), bad.reason());
        }
        return ThreadFailures.rethrow(cause);
    }

    /**
     * Whether two detections name the same reading. Compared field by field: a record's own
     * {@code equals} is bootstrapped through method handles, some eighty classes at cold start.
     */
    public static boolean same(TextEncoding.Detected a, TextEncoding.Detected b) {
        if (a == b) {
            return true;
        }
        return a != null && b != null && a.container() == b.container() && a.bomLength() == b.bomLength()
                && (a.charset() == null ? b.charset() == null : a.charset().equals(b.charset()));
    }

    /** Stops the background scan early: its answer is no longer needed (reading failed for other reasons). */
    public void cancel() {
        cancelled.set(true);
    }
}
