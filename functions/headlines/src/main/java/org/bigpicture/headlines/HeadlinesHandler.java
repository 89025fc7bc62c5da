package org.bigpicture.headlines;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.headlines.HeadlineEngine;
import org.bigpicture.core.headlines.HeadlineResult;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.observability.Invocation;
import org.bigpicture.observability.Metric;
import org.bigpicture.observability.Observability;
import org.bigpicture.observability.Service;

/**
 * A dataset's {@code provenance.json} or the spec {@code config/headlines.yaml} changed in the lake →
 * regenerate {@code headlines/headlines.json} and {@code headlines.csv} (one engine run however many
 * records the event holds: each run rereads the whole lake). Other keys are ignored; a key under
 * {@code headlines/} is refused, since this function writes there and must never trigger itself.
 * Each run makes one JSON log line and one Embedded Metric Format line ({@code HeadlineRuns}, the
 * count of headlines in each status, {@code HeadlinesDuration}; README, "Operations").
 */
public final class HeadlinesHandler implements RequestHandler<S3Event, String> {

    private static final String CONFIG_KEY = LakeKeys.CONFIG + "headlines.yaml";

    private final HeadlineEngine engine;
    private final String lakeBucket;
    private final Observability observability;

    /** For the Lambda runtime: JSON logs and metrics to standard output, the wiring from the environment. */
    public HeadlinesHandler() {
        this(Observability.forLambda(Service.HEADLINES));
    }

    // Observability first, so that whatever the wiring logs is a JSON line already.
    private HeadlinesHandler(Observability observability) {
        this(System.getenv(), observability);
    }

    /** The runtime constructor's wiring, from the given environment (tests pass their own). */
    HeadlinesHandler(Map<String, String> env, Observability observability) {
        this(Wiring.forLambda(env), observability);
    }

    /** For the local stack: the same wiring the other handlers get; lines go to the context's logger. */
    public HeadlinesHandler(Wiring wiring) {
        this(wiring, Observability.forLocal(Service.HEADLINES, System.getenv()));
    }

    private HeadlinesHandler(Wiring wiring, Observability observability) {
        this(wiring.headlineEngine(), wiring.buckets().lake(),
                observability);
    }

    /** For tests and the local stack. */
    public HeadlinesHandler(HeadlineEngine engine, String lakeBucket) {
        this(engine, lakeBucket, Observability.forLocal(Service.HEADLINES, System.getenv()));
    }

    HeadlinesHandler(HeadlineEngine engine, String lakeBucket, Observability observability) {
        this.engine = engine;
        this.lakeBucket = lakeBucket;
        this.observability = observability;
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        try (Invocation invocation = observability.begin(context)) {
            return handle(event, invocation);
        }
    }

    private String handle(S3Event event, Invocation invocation) {
        List<String> triggers = new ArrayList<>();
        // S3's s3:TestEvent (sent when notifications are configured) carries no records.
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        for (S3EventNotificationRecord r : records) {
            String bucket = r.getS3().getBucket().getName();
            String key = r.getS3().getObject().getUrlDecodedKey();
            if (!lakeBucket.equals(bucket)) {
                invocation.warn("ignored: not the lake bucket: " + bucket + "/" + key).with("key", key)
                        .outcome("ignored").write();
                continue;
            }
            if (key.startsWith(LakeKeys.HEADLINES)) {
                IllegalStateException refused = new IllegalStateException("refusing to run on " + key
                        + ": this function writes under " + LakeKeys.HEADLINES + " and must not be triggered there");
                invocation.count(Metric.HEADLINES_FAILED);
                invocation.error(refused.getMessage(), refused).with("key", key).outcome("failed").write();
                throw refused;
            }
            if (isProvenance(key) || key.equals(CONFIG_KEY)) {
                triggers.add(key);
            } else {
                invocation.info("ignored: " + key + " does not change the headlines").with("key", key)
                        .outcome("ignored").write();
            }
        }
        if (triggers.isEmpty()) {
            String none = "no change to the headlines' inputs";
            invocation.info(none).outcome("ignored").write();
            return none;
        }
        long started = System.nanoTime();
        HeadlineEngine.Outcome outcome;
        try {
            outcome = engine.run();
        } catch (IOException | RuntimeException e) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            invocation.count(Metric.HEADLINES_FAILED);
            invocation.add(Metric.HEADLINES_DURATION, ms);
            invocation.error("headlines run failed: " + e.getMessage()
                    + " (Lambda retries it; then the failed-events queue keeps the event)", e)
                    .outcome("failed").durationMs(ms).with("triggers", triggers).write();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io); // the store failed: Lambda retries, then the failure queue holds it
            }
            throw (RuntimeException) e;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        Map<String, Integer> statuses = statuses(outcome.headlines());
        invocation.count(Metric.HEADLINE_RUNS);
        // Every status every run, zeros included: the dashboard shows the latest run's spread.
        invocation.add(Metric.HEADLINES_OK, statuses.get(HeadlineResult.Status.OK.json()));
        invocation.add(Metric.HEADLINES_MISSING_DATA, statuses.get(HeadlineResult.Status.MISSING_DATA.json()));
        invocation.add(Metric.HEADLINES_SUPPRESSED, statuses.get(HeadlineResult.Status.SUPPRESSED.json()));
        invocation.add(Metric.HEADLINES_ERROR, statuses.get(HeadlineResult.Status.ERROR.json()));
        invocation.add(Metric.HEADLINES_DURATION, ms);
        String summary = outcome.note() + " after " + String.join(", ", triggers) + " (spec: "
                + outcome.specSource() + "; " + counts(outcome.headlines()) + ")";
        invocation.info(summary).outcome(outcome.written() ? "written" : "unchanged").durationMs(ms)
                .with("triggers", triggers).with("spec", outcome.specSource())
                .with("headlines", (long) outcome.headlines().size())
                .with("headlines_ok", (long) statuses.get(HeadlineResult.Status.OK.json()))
                .with("headlines_missing_data", (long) statuses.get(HeadlineResult.Status.MISSING_DATA.json()))
                .with("headlines_suppressed", (long) statuses.get(HeadlineResult.Status.SUPPRESSED.json()))
                .with("headlines_error", (long) statuses.get(HeadlineResult.Status.ERROR.json())).write();
        return summary;
    }

    /** How many headlines have each status (every status present, zero where none). */
    private static Map<String, Integer> statuses(List<HeadlineResult> results) {
        Map<String, Integer> by = new TreeMap<>();
        for (HeadlineResult.Status s : HeadlineResult.Status.values()) {
            by.put(s.json(), 0);
        }
        for (HeadlineResult r : results) {
            by.put(r.status().json(), by.get(r.status().json()) + 1);
        }
        return by;
    }

    private static boolean isProvenance(String key) {
        if (!key.startsWith(LakeKeys.DATASETS) || !key.endsWith("/" + LakeKeys.PROVENANCE)) {
            return false;
        }
        String id = key.substring(LakeKeys.DATASETS.length(), key.length() - LakeKeys.PROVENANCE.length() - 1);
        return !id.isEmpty() && !id.contains("/");
    }

    private static String counts(List<HeadlineResult> results) {
        Map<String, Integer> by = new TreeMap<>();
        for (HeadlineResult r : results) {
            by.merge(r.status().json(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        by.forEach((status, n) -> parts.add(n + " " + status));
        return results.size() + " headlines: " + String.join(", ", parts);
    }
}
