package org.bigpicture.core.headlines;

import org.bigpicture.core.util.JsonMappers;
import org.bigpicture.core.lake.Sha256;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bigpicture.core.dataset.DatasetReader;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;

/**
 * Regenerates {@code headlines/headlines.json} and {@code headlines/headlines.csv} from the lake: a
 * pure function of the finished datasets and the spec ({@code config/headlines.yaml} in the lake,
 * else the default shipped in the core). The same inputs give byte-identical files.
 *
 * <p>Runs are meant to be one at a time (reserved concurrency 1 in AWS), yet S3 events arrive at
 * least once and out of order, so a run guards against writing stale headlines: it fingerprints its
 * inputs, computes, and before writing checks that the lake still has that fingerprint (else it
 * computes again from the newer state) and that no run which saw a newer state has already written
 * ({@code headlines/state.json} records the fingerprint and when its snapshot was taken). The newer
 * lake state wins whatever the order the runs finish in.
 */
public final class HeadlineEngine {

    public static final String JSON_KEY = LakeKeys.HEADLINES + "headlines.json";
    public static final String CSV_KEY = LakeKeys.HEADLINES + "headlines.csv";
    public static final String STATE_KEY = LakeKeys.HEADLINES + "state.json";
    private static final int MAX_ATTEMPTS = 3;
    private static final ObjectMapper MAPPER = JsonMappers.PLAIN;

    /** What a run did. */
    public record Outcome(boolean written, String note, String fingerprint, String specSource,
                          List<HeadlineResult> headlines) {
    }

    /** Points where tests interleave two runs. */
    interface Hooks {
        default void afterCompute(int attempt) {
        }

        default void beforeWrite() {
        }
    }

    private final ObjectStore store;
    private final String lake;
    private final Clock clock;
    private final DatasetOpener opener;
    private final Hooks hooks;

    public HeadlineEngine(ObjectStore store, String lakeBucket, Clock clock) {
        this(store, lakeBucket, clock, DatasetReader::open, new Hooks() { });
    }

    HeadlineEngine(ObjectStore store, String lakeBucket, Clock clock, DatasetOpener opener, Hooks hooks) {
        this.store = store;
        this.lake = lakeBucket;
        this.clock = clock;
        this.opener = opener;
        this.hooks = hooks;
    }

    /**
     * Computes and writes the headlines (unless a run that saw a newer lake already wrote). Throws
     * {@link IOException} on store failures and {@link IllegalStateException} when the lake's spec
     * is not valid; in both cases the headlines in place stay.
     */
    public Outcome run() throws IOException {
        String lastFingerprint = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Instant takenAt = clock.instant();
            LakeSnapshot snapshot = LakeSnapshot.read(store, lake);
            HeadlineSpec spec = spec(snapshot);
            String specSource = snapshot.configText == null ? "default" : LakeSnapshot.CONFIG_KEY;
            State done = readState();
            if (done != null && done.fingerprint.equals(snapshot.fingerprint) && spec.sha256().equals(done.specSha256)
                    && store.head(lake, JSON_KEY).isPresent() && store.head(lake, CSV_KEY).isPresent()) {
                // A burst of uploads queues one run per dataset; most find their state already written.
                return new Outcome(false, "headlines already reflect this lake state", snapshot.fingerprint,
                        specSource, List.of());
            }
            lastFingerprint = snapshot.fingerprint;
            List<HeadlineResult> results = compute(spec, snapshot);
            hooks.afterCompute(attempt);
            if (!LakeSnapshot.fingerprint(store, lake).equals(snapshot.fingerprint)) {
                continue; // the lake moved on while we computed: start again from the newer state
            }
            String source = snapshot.configText == null ? "default" : LakeSnapshot.CONFIG_KEY;
            hooks.beforeWrite();
            State current = readState();
            if (current != null && !current.fingerprint.equals(snapshot.fingerprint)
                    && current.takenAt.isAfter(takenAt)) {
                return new Outcome(false, "a run that saw a newer lake state already wrote the headlines",
                        snapshot.fingerprint, source, results);
            }
            byte[] json = HeadlinesFiles.json(spec.subject(), results);
            byte[] csv = HeadlinesFiles.csv(spec.subject(), results);
            boolean changed = putIfChanged(CSV_KEY, csv, PutOptions.of("text/csv; charset=utf-8"));
            changed |= putIfChanged(JSON_KEY, json, PutOptions.json());
            ObjectNode state = MAPPER.createObjectNode();
            state.put("fingerprint", snapshot.fingerprint);
            state.put("snapshot_taken_at", takenAt.toString());
            state.put("spec", source);
            state.put("spec_sha256", spec.sha256());
            state.put("headlines_json_sha256", Sha256.hex(json));
            store.put(lake, STATE_KEY, HeadlinesFiles.pretty(state), PutOptions.json());
            return new Outcome(true, changed ? "headlines written" : "headlines unchanged", snapshot.fingerprint,
                    source, results);
        }
        // Every change to the inputs (a provenance or configuration written or removed) triggers
        // its own run, queued behind this one (one run at a time): that run computes the newer state.
        return new Outcome(false, "superseded: the lake changed during " + MAX_ATTEMPTS
                + " computations; the run for the latest change writes the headlines", lastFingerprint, null, List.of());
    }

    /** Computes the headlines of the lake as it is now, writing nothing (previews, the CLI). */
    public List<HeadlineResult> preview() throws IOException {
        LakeSnapshot snapshot = LakeSnapshot.read(store, lake);
        return compute(spec(snapshot), snapshot);
    }

    /** The spec in force: the lake's {@code config/headlines.yaml}, else the default. */
    public HeadlineSpec currentSpec() throws IOException {
        return spec(LakeSnapshot.read(store, lake));
    }

    private static HeadlineSpec spec(LakeSnapshot snapshot) {
        if (snapshot.configText == null) {
            return HeadlineSpecParser.parseDefault();
        }
        try {
            return HeadlineSpecParser.parse(snapshot.configText);
        } catch (SpecException e) {
            // ingest validates before copying, so this is a spec written past ingest: keep the last headlines
            throw new IllegalStateException(LakeSnapshot.CONFIG_KEY + " in the lake is not valid (" + e.getMessage()
                    + "); the headlines in place are kept", e);
        }
    }

    private List<HeadlineResult> compute(HeadlineSpec spec, LakeSnapshot snapshot) throws IOException {
        try (LakeData data = new LakeData(store, lake, opener)) {
            return new Calculator(spec, snapshot, data).computeAll();
        }
    }

    private boolean putIfChanged(String key, byte[] bytes, PutOptions options) throws IOException {
        try {
            if (Arrays.equals(store.readAllBytes(lake, key), bytes)) {
                return false; // same bytes: no new object version, no event for anyone downstream
            }
        } catch (NoSuchFileException e) {
            // first run
        }
        store.put(lake, key, bytes, options);
        return true;
    }

    private record State(String fingerprint, Instant takenAt, String specSha256) {
    }

    private State readState() throws IOException {
        try {
            JsonNode n = MAPPER.readTree(store.readAllBytes(lake, STATE_KEY));
            return new State(n.path("fingerprint").asText(""), Instant.parse(n.path("snapshot_taken_at").asText()),
                    n.path("spec_sha256").asText(""));
        } catch (NoSuchFileException e) {
            return null;
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // an unreadable state is no evidence of a newer run
        }
    }
}
