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
import org.bigpicture.core.Wiring;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.ingest.RawObjectEvent;

/**
 * The ingest function: each S3 notification from the raw bucket becomes a {@link RawObjectEvent}
 * handed to the core {@link Ingest} ({@code ObjectCreated:*} → {@link Ingest#onObjectCreated},
 * {@code ObjectRemoved:*} → {@link Ingest#onObjectRemoved}). Nothing else happens here.
 *
 * <p>A failure of the store or the network propagates, so Lambda retries the event and, after the
 * retries, keeps it in the failed-events queue; a bad file is not a failure (the core quarantines it).
 * Returns one line per record, for {@code sam local invoke} and the logs.
 */
public final class IngestHandler implements RequestHandler<S3Event, List<String>> {

    /** One of the core's two entry points. */
    @FunctionalInterface
    interface Step {
        IngestResult apply(RawObjectEvent event) throws IOException;
    }

    private final Step created;
    private final Step removed;

    /** For the Lambda runtime: the wiring comes from the environment template.yaml sets. */
    public IngestHandler() {
        this(Wiring.fromEnvironment().ingest());
    }

    /** For the local stack and tests: a core ingest wired by the caller. */
    public IngestHandler(Ingest ingest) {
        this(ingest::onObjectCreated, ingest::onObjectRemoved);
    }

    IngestHandler(Step created, Step removed) {
        this.created = created;
        this.removed = removed;
    }

    @Override
    public List<String> handleRequest(S3Event event, Context context) {
        List<String> lines = new ArrayList<>();
        // S3's s3:TestEvent (sent when notifications are configured) carries no records.
        if (event == null || event.getRecords() == null) {
            return lines;
        }
        for (S3EventNotificationRecord record : event.getRecords()) {
            RawObjectEvent raw = decode(record);
            String type = eventType(record);
            String line;
            try {
                if (type.startsWith("ObjectCreated:")) {
                    line = describe(created.apply(raw));
                } else if (type.startsWith("ObjectRemoved:")) {
                    line = describe(removed.apply(raw));
                } else {
                    line = "ignored " + raw.key() + ": event " + type + " is not one ingest subscribes to";
                }
            } catch (IOException e) {
                throw new UncheckedIOException("ingest of s3://" + raw.bucket() + "/" + raw.key() + " failed", e);
            }
            lines.add(line);
            if (context != null && context.getLogger() != null) {
                context.getLogger().log(line + "\n");
            }
        }
        return lines;
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
