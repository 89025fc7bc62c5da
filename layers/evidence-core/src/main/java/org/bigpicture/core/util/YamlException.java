package org.bigpicture.core.util;

/**
 * A YAML configuration file that cannot be used, with the 1-based line of the offending text (0
 * when the problem is not about one line) and a reason a person understands.
 */
public final class YamlException extends RuntimeException {

    private final int line;
    private final String reason;

    public YamlException(int line, String reason) {
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
