package org.bigpicture.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The two line shapes, written with jackson-core's streaming generator (already in the layer; no
 * databind, so nothing extra is loaded at a cold start): log lines, and Embedded Metric Format
 * documents ({@code _aws.CloudWatchMetrics} with Namespace, Dimensions and Metrics, then the
 * dimension and metric values as top-level members, as CloudWatch's EMF specification sets out).
 */
final class JsonLines {

    private static final JsonFactory JSON = new JsonFactory();
    /** Only for {@link Formatter#formatMessage}: parameters and resource bundles as java.util.logging applies them. */
    private static final Formatter MESSAGES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    private JsonLines() {
    }

    static String logLine(Observability o, Invocation invocation, String level, String message,
                          Map<String, Object> fields, String logger, Throwable error) {
        return logLine(o, invocation, o.clock().instant(), level, message, fields, logger, error);
    }

    static String julLine(Observability o, Invocation invocation, LogRecord record) {
        return logLine(o, invocation, record.getInstant(), level(record.getLevel()), MESSAGES.format(record),
                Map.of(), record.getLoggerName(), record.getThrown());
    }

    private static String logLine(Observability o, Invocation invocation, Instant at, String level, String message,
                                  Map<String, Object> fields, String logger, Throwable error) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString());
            g.writeStringField("level", level);
            g.writeStringField("service", o.service().value());
            g.writeStringField("message", message == null ? "" : message);
            if (invocation != null && invocation.currentKey() != null && !fields.containsKey("key")) {
                g.writeStringField("key", invocation.currentKey());
            }
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                g.writeFieldName(f.getKey());
                value(g, f.getValue());
            }
            if (logger != null) {
                g.writeStringField("logger", logger);
            }
            if (invocation != null) {
                request(g, invocation.context());
                g.writeBooleanField("cold_start", invocation.coldStart());
            }
            if (error != null) {
                g.writeObjectFieldStart("error");
                g.writeStringField("name", error.getClass().getName());
                g.writeStringField("message", String.valueOf(error.getMessage()));
                StringWriter stack = new StringWriter();
                error.printStackTrace(new PrintWriter(stack));
                g.writeStringField("stack", stack.toString());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    static String emf(Observability o, Invocation invocation, Map<Metric, List<Long>> metrics) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", o.clock().millis());
            g.writeArrayFieldStart("CloudWatchMetrics");
            g.writeStartObject();
            g.writeStringField("Namespace", o.namespace());
            g.writeArrayFieldStart("Dimensions");
            g.writeStartArray();
            g.writeString(Metric.DIMENSION);
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("Metrics");
            for (Metric m : metrics.keySet()) {
                g.writeStartObject();
                g.writeStringField("Name", m.metricName());
                g.writeStringField("Unit", m.unit().emf());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField(Metric.DIMENSION, o.service().value());
            for (Map.Entry<Metric, List<Long>> e : metrics.entrySet()) {
                List<Long> values = e.getValue();
                if (values.size() == 1) {
                    g.writeNumberField(e.getKey().metricName(), values.get(0));
                } else {
                    g.writeArrayFieldStart(e.getKey().metricName());
                    for (long v : values) {
                        g.writeNumber(v);
                    }
                    g.writeEndArray();
                }
            }
            // Properties, not dimensions: searchable in Logs Insights without multiplying metrics.
            if (invocation.currentKey() != null) {
                g.writeStringField("key", invocation.currentKey());
            }
            request(g, invocation.context());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void request(JsonGenerator g, Context context) throws IOException {
        if (context == null) {
            return;
        }
        if (context.getFunctionName() != null) {
            g.writeStringField("function_name", context.getFunctionName());
        }
        if (context.getFunctionVersion() != null) {
            g.writeStringField("function_version", context.getFunctionVersion());
        }
        if (context.getAwsRequestId() != null) {
            g.writeStringField("function_request_id", context.getAwsRequestId());
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long || v instanceof Integer) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                value(g, item);
            }
            g.writeEndArray();
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writeString(v.toString());
        }
    }

    /** Powertools' level names. */
    static String level(Level level) {
        int v = level == null ? Level.INFO.intValue() : level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (v >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }
}
