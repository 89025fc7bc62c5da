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

/**
 * A dataset's {@code provenance.json} or the spec {@code config/headlines.yaml} changed in the lake →
 * regenerate {@code headlines/headlines.json} and {@code headlines.csv} (one engine run however many
 * records the event holds: each run rereads the whole lake). Other keys are ignored; a key under
 * {@code headlines/} is refused, since this function writes there and must never trigger itself.
 */
public final class HeadlinesHandler implements RequestHandler<S3Event, String> {

    private static final String CONFIG_KEY = LakeKeys.CONFIG + "headlines.yaml";

    private final HeadlineEngine engine;
    private final String lakeBucket;

    /** For the Lambda runtime: the wiring (one S3 client, the buckets, a London clock) from the environment. */
    public HeadlinesHandler() {
        this(Wiring.fromEnvironment());
    }

    /** For the local stack: the same wiring the other handlers get. */
    public HeadlinesHandler(Wiring wiring) {
        this(new HeadlineEngine(wiring.store(), wiring.buckets().lake(), wiring.clock()), wiring.buckets().lake());
    }

    /** For tests and the local stack. */
    public HeadlinesHandler(HeadlineEngine engine, String lakeBucket) {
        this.engine = engine;
        this.lakeBucket = lakeBucket;
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        List<String> triggers = new ArrayList<>();
        // S3's s3:TestEvent (sent when notifications are configured) carries no records.
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        for (S3EventNotificationRecord r : records) {
            String bucket = r.getS3().getBucket().getName();
            String key = r.getS3().getObject().getUrlDecodedKey();
            if (!lakeBucket.equals(bucket)) {
                log(context, "ignored: not the lake bucket: " + bucket + "/" + key);
                continue;
            }
            if (key.startsWith(LakeKeys.HEADLINES)) {
                throw new IllegalStateException("refusing to run on " + key
                        + ": this function writes under " + LakeKeys.HEADLINES + " and must not be triggered there");
            }
            if (isProvenance(key) || key.equals(CONFIG_KEY)) {
                triggers.add(key);
            } else {
                log(context, "ignored: " + key + " does not change the headlines");
            }
        }
        if (triggers.isEmpty()) {
            return "no change to the headlines' inputs";
        }
        try {
            HeadlineEngine.Outcome outcome = engine.run();
            String summary = outcome.note() + " after " + String.join(", ", triggers) + " (spec: "
                    + outcome.specSource() + "; " + counts(outcome.headlines()) + ")";
            log(context, summary);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the store failed: Lambda retries, then the failure queue holds it
        }
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

    private static void log(Context context, String line) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        }
    }
}
