package org.bigpicture.core.util;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Failures caught on a helper thread (read-ahead, encoder, hasher, scan) and handed to the thread
 * that waits for its work, which throws them as what they are: an infrastructure failure stays an
 * {@link IOException} (Lambda retries), bad input stays its {@code RuntimeException}.
 */
public final class ThreadFailures {

    private ThreadFailures() {
    }

    /**
     * Throws {@code failure}: an {@link IOException}, {@link RuntimeException} or {@link Error} as
     * itself, anything else wrapped. Declared to return a value so that a caller can write
     * {@code return ThreadFailures.rethrow(t);} where a result is expected; it never returns.
     */
    public static <T> T rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new IOException(failure));
    }
}
