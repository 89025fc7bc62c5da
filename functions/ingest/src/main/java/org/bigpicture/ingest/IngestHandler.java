package org.bigpicture.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.observability.Invocation;
import org.bigpicture.observability.Metric;
import org.bigpicture.observability.Observability;
import org.bigpicture.observability.Service;

/**
 * The ingest function: each S3 notification from the raw bucket becomes a {@link RawObjectEvent}
 * handed to the core {@link Ingest} ({@code ObjectCreated:*} → {@link Ingest#onObjectCreated},
 * {@code ObjectRemoved:*} → {@link Ingest#onObjectRemoved}). Nothing else happens here.
 *
 * <p>A failure of the store or the network propagates, so Lambda retries the event and, after the
 * retries, keeps it in the failed-events queue; a bad file is not a failure (the core quarantines it).
 * Returns one line per record, for {@code sam local invoke}. Each record also makes one JSON log line
 * (key, outcome, rows, milliseconds) and one Embedded Metric Format line ({@code Uploads…},
 * {@code RowsIngested}, {@code IngestDuration}; README, "Operations").
 */
public final class IngestHandler implements RequestHandler<S3Event, List<String>> {

    /** One of the core's two entry points. */
    @FunctionalInterface
    interface Step {
        IngestResult apply(RawObjectEvent event) throws IOException;
    }

    private final Step created;
    private final Step removed;
    private final Observability observability;

    /** For the Lambda runtime: JSON logs and metrics to standard output, the wiring from the environment. */
    public IngestHandler() {
        this(Observability.forLambda(Service.INGEST));
    }

    // Observability first, so that whatever the wiring logs is a JSON line already.
    private IngestHandler(Observability observability) {
        this(System.getenv(), observability);
    }

    /** The runtime constructor's wiring, from the given environment (tests pass their own). */
    IngestHandler(Map<String, String> env, Observability observability) {
        this(Wiring.forLambda(env).ingest(), observability);
    }

    /** For the local stack and tests: a core ingest wired by the caller; lines go to the context's logger. */
    public IngestHandler(Ingest ingest) {
        this(ingest, Observability.forLocal(Service.INGEST, System.getenv()));
    }

    IngestHandler(Ingest ingest, Observability observability) {
        this(ingest::onObjectCreated, ingest::onObjectRemoved, observability);
    }

    IngestHandler(Step created, Step removed) {
        this(created, removed, Observability.forLocal(Service.INGEST, System.getenv()));
    }

    IngestHandler(Step created, Step removed, Observability observability) {
        this.created = created;
        this.removed = removed;
        this.observability = observability;
    }

    @Override
    public List<String> handleRequest(S3Event event, Context context) {
        List<String> lines = new ArrayList<>();
        try (Invocation invocation = observability.begin(context)) {
            // S3's s3:TestEvent (sent when notifications are configured) carries no records.
            if (event == null || event.getRecords() == null || event.getRecords().isEmpty()) {
                invocation.info("no records (an s3:TestEvent): nothing to do").outcome("ignored").write();
                return lines;
            }
            for (S3EventNotificationRecord record : event.getRecords()) {
                lines.add(handle(record, invocation));
            }
        }
        return lines;
    }

    private String handle(S3EventNotificationRecord record, Invocation invocation) {
        RawObjectEvent raw = decode(record);
        String type = eventType(record);
        invocation.key(raw.key());
        long started = System.nanoTime();
        IngestResult result;
        try {
            if (type.startsWith("ObjectCreated:")) {
                result = created.apply(raw);
            } else if (type.startsWith("ObjectRemoved:")) {
                result = removed.apply(raw);
            } else {
                String line = "ignored " + raw.key() + ": event " + type + " is not one ingest subscribes to";
                invocation.warn(line).outcome("ignored").with("event", type).write();
                return line;
            }
        } catch (IOException | RuntimeException e) {
            long ms = millisSince(started);
            invocation.count(Metric.INGEST_FAILED);
            invocation.add(Metric.INGEST_DURATION, ms);
            invocation.error("ingest of s3://" + raw.bucket() + "/" + raw.key() + " failed: " + e.getMessage()
                            + " (Lambda retries it; then the failed-events queue keeps the event)", e)
                    .outcome("failed").durationMs(ms).with("event", type).with("version_id", raw.versionId()).write();
            invocation.flushMetrics();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("ingest of s3://" + raw.bucket() + "/" + raw.key() + " failed", io);
            }
            throw (RuntimeException) e;
        }
        long ms = millisSince(started);
        String line = describe(result);
        Metric outcome = outcomeMetric(result.status());
        if (outcome != null) {
            invocation.count(outcome);
        }
        if (result.rows() > 0) {
            invocation.add(Metric.ROWS_INGESTED, result.rows());
        }
        invocation.add(Metric.INGEST_DURATION, ms);
        // A quarantine or a hold is the officer's to act on: WARN, so it stands out in the log.
        boolean needsAction = "quarantined".equals(result.status()) || "held".equals(result.status());
        (needsAction ? invocation.warn(line) : invocation.info(line))
                .outcome(result.status()).rows(result.rows()).durationMs(ms).with("event", type)
                .with("version_id", raw.versionId()).with("datasets", result.datasets().isEmpty() ? null : result.datasets())
                .with("family", result.family()).with("reason", result.message()).write();
        invocation.flushMetrics(); // one EMF line per upload, carrying its key
        return line;
    }

    /** The count an ingest outcome adds to; null for an outcome without one. */
    static Metric outcomeMetric(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "accepted" -> Metric.UPLOADS_ACCEPTED;
            case "quarantined" -> Metric.UPLOADS_QUARANTINED;
            case "held" -> Metric.UPLOADS_HELD;
            case "configuration" -> Metric.CONFIGURATIONS_ACCEPTED;
            case "removed" -> Metric.UPLOADS_REMOVED;
            case "skipped" -> Metric.EVENTS_SKIPPED;
            default -> null;
        };
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * The record as the core wants it: the key URL-decoded ({@code +} from S3 and {@code %20} from
     * SAM both become a space), the size as a long (0 where the event has none, as for deletes), an
     * absent or empty versionId as null, the ETag without quotes.
     */
    static RawObjectEvent decode(S3EventNotificationRecord record) {
        S3ObjectEntity object = record.getS3().getObject();
        Long size = object.getSizeAsLong();
        return new RawObjectEvent(
                record.getS3().getBucket().getName(),
                object.getUrlDecodedKey(),
                emptyToNull(object.getVersionId()),
                emptyToNull(unquote(object.geteTag())),
                size == null ? 0L : size,
                emptyToNull(object.getSequencer()),
                record.getEventTime() == null ? null : Instant.ofEpochMilli(record.getEventTime().getMillis()));
    }

    /** {@code ObjectCreated:Put}; tolerates the {@code s3:} prefix some senders add. */
    private static String eventType(S3EventNotificationRecord record) {
        String name = record.getEventName() == null ? "" : record.getEventName();
        return name.startsWith("s3:") ? name.substring(3) : name;
    }

    private static String describe(IngestResult r) {
        StringBuilder s = new StringBuilder(r.status()).append(' ').append(r.key());
        if (!r.datasets().isEmpty()) {
            s.append(" → ").append(String.join(", ", r.datasets())).append(" (").append(r.rows()).append(" rows)");
        }
        if (r.message() != null && !r.message().isBlank()) {
            s.append(": ").append(r.message());
        }
        return s.toString();
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
