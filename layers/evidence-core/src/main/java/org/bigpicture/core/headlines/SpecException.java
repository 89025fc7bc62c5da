package org.bigpicture.core.headlines;

/**
 * A headline spec that cannot be used, with the 1-based line of the offending text (0 when the
 * problem is not about one line) and a reason a person understands.
 */
public final class SpecException extends RuntimeException {

    private final int line;
    private final String reason;

    public SpecException(int line, String reason) {
        super((line > 0 ? "line " + line + ": " : "") + reason);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
