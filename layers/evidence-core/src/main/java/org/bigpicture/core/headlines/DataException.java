package org.bigpicture.core.headlines;

/**
 * A dataset in the lake cannot be used for a headline (unreadable, not the expected shape, ambiguous
 * rows). It turns that headline into {@code error} with this reason; the other headlines go on.
 */
final class DataException extends RuntimeException {
    DataException(String reason) {
        super(reason);
    }

    DataException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
