package org.bigpicture.publish;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.EdgeCache;

/**
 * The publish function: turns its event into one call on the core {@link BundlePublisher}.
 * <ul>
 *   <li>the monthly schedule (EventBridge Scheduler, {@code {"source": "aws.scheduler",
 *       "scheduledTime": …}}): the edition for the scheduled time's UK date, so a late or retried
 *       delivery still names the right month;</li>
 *   <li>manual {@code {"date": "YYYY-MM-DD"}}: that date's edition; {@code {}}: today's (UK);</li>
 *   <li>{@code {"withdraw": "EDITION", "reason": "…"}} (or {@code {"action": "withdraw",
 *       "edition": …, "reason": …}}): withdraws an edition.</li>
 * </ul>
 * A malformed event throws {@link IllegalArgumentException} (the caller sees why); a store
 * failure propagates so that Lambda retries and the failed-events queue keeps the event.
 */
public final class PublishHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final BundlePublisher publisher;
    private final Clock clock;

    /** For the Lambda runtime: wiring from the environment template.yaml sets ({@code BASE_URL}, {@code DISTRIBUTION_ID}). */
    public PublishHandler() {
        this(fromEnvironment());
    }

    private PublishHandler(Wired wired) {
        this(wired.publisher(), wired.clock());
    }

    /** For the local stack and tests: a publisher wired by the caller; {@code clock} (Europe/London) dates schedule events. */
    public PublishHandler(BundlePublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> in = event == null ? Map.of() : event;
        try {
            Map<String, Object> out;
            String withdraw = text(in, "withdraw");
            if (withdraw == null && "withdraw".equals(text(in, "action"))) {
                withdraw = text(in, "edition");
                if (withdraw == null) {
                    throw new IllegalArgumentException("a withdraw event needs \"edition\"");
                }
            }
            if (withdraw != null) {
                out = publisher.withdraw(withdraw, text(in, "reason")).toMap();
            } else {
                out = publisher.publish(dateOf(in)).toMap();
            }
            if (context != null && context.getLogger() != null) {
                context.getLogger().log(out + "\n");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("publish failed", e);
        }
    }

    /** The edition date an event asks for: {@code date}, else the schedule's time, else today; all UK dates. */
    LocalDate dateOf(Map<String, Object> event) {
        String date = text(event, "date");
        if (date != null) {
            try {
                return LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("\"date\" must be YYYY-MM-DD, got " + date, e);
            }
        }
        // EventBridge Scheduler's <aws.scheduler.scheduled-time>; "time" in a classic scheduled rule.
        String scheduled = text(event, "scheduledTime");
        if (scheduled == null && "aws.events".equals(text(event, "source"))) {
            scheduled = text(event, "time");
        }
        if (scheduled != null) {
            try {
                return Instant.parse(scheduled).atZone(clock.getZone()).toLocalDate();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("scheduled time is not an ISO instant: " + scheduled, e);
            }
        }
        return LocalDate.now(clock);
    }

    private static String text(Map<String, Object> event, String field) {
        Object v = event.get(field);
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private record Wired(BundlePublisher publisher, Clock clock) {
    }

    private static Wired fromEnvironment() {
        Wiring wiring = Wiring.fromEnvironment();
        if (wiring.baseUrl() == null) {
            throw new IllegalStateException("environment variable BASE_URL is not set: edition URLs are built from it");
        }
        String distribution = System.getenv("DISTRIBUTION_ID");
        EdgeCache edge = distribution == null || distribution.isBlank() ? EdgeCache.NONE
                : CloudFrontEdgeCache.create(distribution.strip(), wiring.clock());
        return new Wired(new BundlePublisher(wiring.store(), wiring.buckets(), wiring.baseUrl(), wiring.clock(),
                wiring.scratch(), edge), wiring.clock());
    }
}
