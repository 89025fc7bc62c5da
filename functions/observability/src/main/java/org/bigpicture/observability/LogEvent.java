package org.bigpicture.observability;

import java.util.LinkedHashMap;
import java.util.Map;

/** One log line being built: the standard fields have their own setters; {@link #write()} sends it. */
public final class LogEvent {

    private final Invocation invocation;
    private final String level;
    private final String message;
    private final Throwable error;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    LogEvent(Invocation invocation, String level, String message, Throwable error) {
        this.invocation = invocation;
        this.level = level;
        this.message = message;
        this.error = error;
    }

    /** What became of the request's object: {@code accepted}, {@code quarantined}, {@code published}, … */
    public LogEvent outcome(String outcome) {
        return with("outcome", outcome);
    }

    public LogEvent rows(long rows) {
        return with("rows", rows);
    }

    public LogEvent durationMs(long milliseconds) {
        return with("duration_ms", milliseconds);
    }

    /** Another field: text, a number, a boolean or a list of text; null values are left out. */
    public LogEvent with(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    public void write() {
        Observability o = invocation.observability();
        o.write(JsonLines.logLine(o, invocation, level, message, fields, null, error), invocation.context());
    }
}
