package org.bigpicture.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A {@link LineSink} that keeps every line, for tests: the raw text, and each line parsed. */
public final class CapturedLines implements LineSink {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new ArrayList<>();

    /** An observability for a function that writes here. */
    public Observability observability(Service service, Clock clock) {
        return new Observability(service, "BigPicture/test", this, clock);
    }

    @Override
    public synchronized void line(String json, Context context) {
        lines.add(json);
    }

    public synchronized List<String> raw() {
        return List.copyOf(lines);
    }

    /** Every line parsed as one JSON object; a line that is not one fails the test. */
    public synchronized List<JsonNode> parsed() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines) {
            if (line.contains("\n") || line.contains("\r")) {
                throw new AssertionError("a log line holds a line break (two CloudWatch events): " + line);
            }
            try {
                JsonNode n = JSON.readTree(line);
                if (n == null || !n.isObject()) {
                    throw new AssertionError("not a JSON object: " + line);
                }
                out.add(n);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
            }
        }
        return out;
    }

    /** The log lines (not EMF). */
    public List<JsonNode> logs() {
        return parsed().stream().filter(n -> !EmfSpec.isEmf(n)).toList();
    }

    /** The EMF documents. */
    public List<JsonNode> emf() {
        return parsed().stream().filter(EmfSpec::isEmf).toList();
    }

    /** Sum of one metric's values over every EMF line. */
    public long total(Metric metric) {
        long sum = 0;
        for (JsonNode d : emf()) {
            JsonNode v = d.path(metric.metricName());
            if (v.isArray()) {
                for (JsonNode x : v) {
                    sum += x.asLong();
                }
            } else if (v.isNumber()) {
                sum += v.asLong();
            }
        }
        return sum;
    }

    /** The metric names the EMF lines declare. */
    public List<String> declaredMetrics() {
        List<String> out = new ArrayList<>();
        for (JsonNode d : emf()) {
            for (JsonNode directive : d.path("_aws").path("CloudWatchMetrics")) {
                for (JsonNode m : directive.path("Metrics")) {
                    out.add(m.path("Name").asText());
                }
            }
        }
        return out;
    }
}
