package org.bigpicture.observability;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A {@code java.util.logging} handler that writes each record as one JSON line through an
 * {@link Observability}: the core's own logging (and the AWS SDK's, which slf4j-jdk14 routes to
 * {@code java.util.logging} in the function zips) comes out in the same shape as the handlers' lines,
 * with the current request's id and key. It replaces the root logger's console handler, whose
 * two-line text records would be two CloudWatch events each.
 */
public final class JulBridge extends Handler {

    private final Observability observability;

    private JulBridge(Observability observability) {
        this.observability = observability;
    }

    /** What {@link #install} replaced, to put back. */
    public static final class Installed implements AutoCloseable {
        private final Handler[] previous;
        private final Level previousLevel;
        private final JulBridge bridge;

        private Installed(Handler[] previous, Level previousLevel, JulBridge bridge) {
            this.previous = previous;
            this.previousLevel = previousLevel;
            this.bridge = bridge;
        }

        @Override
        public void close() {
            Logger root = LogManager.getLogManager().getLogger("");
            root.removeHandler(bridge);
            for (Handler h : previous) {
                root.addHandler(h);
            }
            root.setLevel(previousLevel);
        }
    }

    /** Makes the root logger write INFO and above as JSON lines, and nothing else. */
    public static Installed install(Observability observability) {
        Logger root = LogManager.getLogManager().getLogger("");
        Handler[] previous = root.getHandlers();
        Level previousLevel = root.getLevel();
        for (Handler h : previous) {
            root.removeHandler(h);
        }
        JulBridge bridge = new JulBridge(observability);
        root.addHandler(bridge);
        root.setLevel(Level.INFO);
        return new Installed(previous, previousLevel, bridge);
    }

    @Override
    public void publish(LogRecord record) {
        if (record != null && isLoggable(record)) {
            observability.julRecord(record);
        }
    }

    @Override
    public void flush() {
        System.out.flush();
    }

    @Override
    public void close() {
    }
}
