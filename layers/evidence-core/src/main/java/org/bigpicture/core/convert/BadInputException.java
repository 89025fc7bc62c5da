package org.bigpicture.core.convert;

/**
 * The upload itself is at fault (empty, truncated, malformed, unsupported, over a limit). Ends in
 * quarantine with {@link #reason()} and, where known, the line. Infrastructure failures are never
 * this type: they propagate so that Lambda retries.
 */
public final class BadInputException extends RuntimeException {

    private final String file;
    private final long line;
    private final String reason;

    /**
     * @param file   the raw key
     * @param line   1-based line (or row) where the problem was found; 0 when it is not about a line
     * @param reason a sentence a person understands
     */
    public BadInputException(String file, long line, String reason) {
        super(file + (line > 0 ? ", line " + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
