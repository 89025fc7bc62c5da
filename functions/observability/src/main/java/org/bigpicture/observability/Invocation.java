package org.bigpicture.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request: its log lines and the metrics it records, flushed as one Embedded Metric Format
 * line (per {@link #flushMetrics()} call: ingest flushes once per upload, so each EMF line names
 * its key). Closing it flushes what is left.
 */
public final class Invocation implements AutoCloseable {

    private final Observability observability;
    private final Context context;
    private final boolean coldStart;
    private volatile String key;
    private final Map<Metric, List<Long>> metrics = new LinkedHashMap<>();

    Invocation(Observability observability, Context context, boolean coldStart) {
        this.observability = observability;
        this.context = context;
        this.coldStart = coldStart;
    }

    /** The object this request is about now (a raw key, an edition): written on every following line. */
    public void key(String key) {
        this.key = key;
    }

    public LogEvent info(String message) {
        return new LogEvent(this, "INFO", message, null);
    }

    public LogEvent warn(String message) {
        return new LogEvent(this, "WARN", message, null);
    }

    public LogEvent error(String message, Throwable error) {
        return new LogEvent(this, "ERROR", message, error);
    }

    /** Adds one to a count. */
    public void count(Metric metric) {
        add(metric, 1);
    }

    /** Records a value; two values for one metric before a flush are sent as two samples. */
    public synchronized void add(Metric metric, long value) {
        if (metric.service() != observability.service()) {
            throw new IllegalArgumentException(metric.metricName() + " belongs to " + metric.service().value()
                    + ", not " + observability.service().value());
        }
        List<Long> values = metrics.get(metric);
        if (values == null) {
            values = new ArrayList<>(1);
            metrics.put(metric, values);
        }
        values.add(value);
    }

    /** Writes what was recorded since the last flush as one EMF line (nothing when nothing was recorded). */
    public void flushMetrics() {
        Map<Metric, List<Long>> batch;
        synchronized (this) {
            if (metrics.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(metrics);
            metrics.clear();
        }
        observability.write(JsonLines.emf(observability, this, batch), context);
    }

    @Override
    public void close() {
        flushMetrics();
        observability.ended(this);
    }

    Observability observability() {
        return observability;
    }

    Context context() {
        return context;
    }

    boolean coldStart() {
        return coldStart;
    }

    String currentKey() {
        return key;
    }
}
