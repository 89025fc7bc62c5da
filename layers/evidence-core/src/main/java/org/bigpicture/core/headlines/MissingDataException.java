package org.bigpicture.core.headlines;

/** A headline's data is not in the lake: it becomes {@code missing_data} with what to upload. */
final class MissingDataException extends RuntimeException {
    MissingDataException(String reason) {
        super(reason);
    }
}
