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
import org.bigpicture.core.publish.PublishResult;
import org.bigpicture.core.publish.WithdrawResult;
import org.bigpicture.observability.Invocation;
import org.bigpicture.observability.Metric;
import org.bigpicture.observability.Observability;
import org.bigpicture.observability.Service;

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
 * failure propagates so that Lambda retries and the failed-events queue keeps the event. Each
 * invocation makes one JSON log line and one Embedded Metric Format line ({@code EditionsPublished},
 * {@code PublishFailed}, … ; README, "Operations").
 */
public final class PublishHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final BundlePublisher publisher;
    private final Clock clock;
    private final Observability observability;

    /** For the Lambda runtime: wiring from the environment template.yaml sets ({@code BASE_URL}, {@code DISTRIBUTION_ID}). */
    public PublishHandler() {
        this(Observability.forLambda(Service.PUBLISH));
    }

    // Observability first, so that whatever the wiring logs is a JSON line already.
    private PublishHandler(Observability observability) {
        this(System.getenv(), observability);
    }

    /** The runtime constructor's wiring, from the given environment (tests pass their own). */
    PublishHandler(Map<String, String> env, Observability observability) {
        this(wired(Wiring.forLambda(env)), observability);
    }

    private PublishHandler(Wired wired, Observability observability) {
        this(wired.publisher(), wired.clock(), observability);
    }

    /** For the local stack and tests: a publisher wired by the caller; {@code clock} (Europe/London) dates schedule events. */
    public PublishHandler(BundlePublisher publisher, Clock clock) {
        this(publisher, clock, Observability.forLocal(Service.PUBLISH, System.getenv()));
    }

    PublishHandler(BundlePublisher publisher, Clock clock, Observability observability) {
        this.publisher = publisher;
        this.clock = clock;
        this.observability = observability;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> in = event == null ? Map.of() : event;
        String trigger = "aws.scheduler".equals(text(in, "source")) || "aws.events".equals(text(in, "source"))
                ? "schedule" : "manual";
        try (Invocation invocation = observability.begin(context)) {
            long started = System.nanoTime();
            try {
                String withdraw = text(in, "withdraw");
                if (withdraw == null && "withdraw".equals(text(in, "action"))) {
                    withdraw = text(in, "edition");
                    if (withdraw == null) {
                        throw new IllegalArgumentException("a withdraw event needs \"edition\"");
                    }
                }
                Map<String, Object> out;
                if (withdraw != null) {
                    invocation.key(withdraw);
                    WithdrawResult w = publisher.withdraw(withdraw, text(in, "reason"));
                    out = w.toMap();
                    long ms = millisSince(started);
                    invocation.count(Metric.EDITIONS_WITHDRAWN);
                    invocation.add(Metric.PUBLISH_DURATION, ms);
                    invocation.info("withdrew edition " + w.edition() + " (" + w.filesDeleted() + " files, "
                                    + w.versionsDeleted() + " versions): " + w.reason())
                            .outcome("withdrawn").durationMs(ms).with("trigger", trigger).with("edition", w.edition())
                            .with("files_deleted", (long) w.filesDeleted())
                            .with("versions_deleted", (long) w.versionsDeleted()).with("latest", w.latest())
                            .with("reason", w.reason()).write();
                } else {
                    LocalDate date = dateOf(in);
                    invocation.key(date.toString());
                    PublishResult r = publisher.publish(date);
                    out = r.toMap();
                    long ms = millisSince(started);
                    invocation.count(switch (r.outcome()) {
                        case PUBLISHED -> Metric.EDITIONS_PUBLISHED;
                        case UNCHANGED -> Metric.EDITIONS_UNCHANGED;
                        case WITHDRAWN_CONTENT -> Metric.EDITIONS_REFUSED;
                    });
                    if (r.published()) {
                        invocation.add(Metric.EDITION_FILES, r.files());
                        invocation.add(Metric.EDITION_BYTES, r.bytes());
                    }
                    invocation.add(Metric.PUBLISH_DURATION, ms);
                    // Refusing withdrawn content keeps a withdrawal in force, but someone should look.
                    (r.outcome() == PublishResult.Outcome.WITHDRAWN_CONTENT ? invocation.warn(r.message())
                            : invocation.info(r.message()))
                            .outcome(String.valueOf(out.get("outcome"))).durationMs(ms).with("trigger", trigger)
                            .with("date", date.toString()).with("edition", r.edition()).with("url", r.url())
                            .with("files", (long) r.files()).with("bytes", r.bytes()).with("added", r.added())
                            .with("changed", r.changed()).with("removed", r.removed())
                            .with("headlines_changed", (long) r.headlinesChanged()).with("withheld", r.withheld())
                            .write();
                }
                return out;
            } catch (IllegalArgumentException e) {
                long ms = millisSince(started);
                invocation.count(Metric.PUBLISH_REJECTED);
                invocation.add(Metric.PUBLISH_DURATION, ms);
                invocation.warn("publish request refused: " + e.getMessage()).outcome("rejected").durationMs(ms)
                        .with("trigger", trigger).write();
                throw e;
            } catch (IOException | RuntimeException e) {
                long ms = millisSince(started);
                invocation.count(Metric.PUBLISH_FAILED);
                invocation.add(Metric.PUBLISH_DURATION, ms);
                invocation.error("publish failed: " + e.getMessage()
                                + " (no edition was made; a scheduled run is retried, then kept in the failed-events queue)", e)
                        .outcome("failed").durationMs(ms).with("trigger", trigger).write();
                if (e instanceof IOException io) {
                    throw new UncheckedIOException("publish failed", io);
                }
                throw (RuntimeException) e;
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
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

    private static Wired wired(Wiring wiring) {
        return new Wired(wiring.publisher(), wiring.clock());
    }
}
