package org.bigpicture.core.headlines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two headline runs race (S3 delivers events at least once and out of order; two Lambdas may
 * overlap): whichever finishes last, the headlines on disk are those of the newer lake state.
 */
class HeadlinesRaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock EARLY = Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("Europe/London"));
    private static final Clock LATE = Clock.fixed(Instant.parse("2026-11-02T09:00:05Z"), ZoneId.of("Europe/London"));

    @TempDir
    Path dir;

    private TestLake olderState() throws Exception {
        TestLake lake = new TestLake(dir);
        SyntheticLake.fill(lake);
        lake.config(SyntheticLake.SPEC);
        lake.remove("imd"); // the older state: no deprivation data yet
        return lake;
    }

    private static String status(TestLake lake, String id) throws Exception {
        for (JsonNode h : JSON.readTree(lake.bytes(HeadlineEngine.JSON_KEY)).path("headlines")) {
            if (h.path("id").asText().equals(id)) {
                return h.path("status").asText();
            }
        }
        throw new AssertionError(id);
    }

    @Test
    void olderRunThatFinishesLastRecomputesFromTheNewerState() throws Exception {
        TestLake lake = olderState();
        CountDownLatch aComputed = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        HeadlineEngine a = lake.engine(new HeadlineEngine.Hooks() {
            @Override
            public void afterCompute(int attempt) {
                if (attempt == 1) {
                    aComputed.countDown();
                    await(bDone);
                }
            }
        }, EARLY);

        CompletableFuture<HeadlineEngine.Outcome> runA = CompletableFuture.supplyAsync(() -> call(a));
        assertThat(aComputed.await(30, TimeUnit.SECONDS)).isTrue();
        SyntheticLake.fill(lake); // the newer state lands (imd is back) while A holds old results
        HeadlineEngine.Outcome b = lake.engine(new HeadlineEngine.Hooks() { }, LATE).run();
        bDone.countDown();
        HeadlineEngine.Outcome outA = runA.get(30, TimeUnit.SECONDS);

        assertThat(b.written()).isTrue();
        assertThat(outA.fingerprint()).isEqualTo(b.fingerprint()); // A noticed and recomputed from the newer lake
        assertThat(status(lake, "decile-1")).isEqualTo("ok");
    }

    @Test
    void olderRunNeverOverwritesHeadlinesOfANewerState() throws Exception {
        TestLake lake = olderState();
        CountDownLatch aReady = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        HeadlineEngine a = lake.engine(new HeadlineEngine.Hooks() {
            @Override
            public void beforeWrite() {
                aReady.countDown(); // A has checked its inputs are current, and is about to write
                await(bDone);
            }
        }, EARLY);

        CompletableFuture<HeadlineEngine.Outcome> runA = CompletableFuture.supplyAsync(() -> call(a));
        assertThat(aReady.await(30, TimeUnit.SECONDS)).isTrue();
        SyntheticLake.fill(lake);
        HeadlineEngine.Outcome b = lake.engine(new HeadlineEngine.Hooks() { }, LATE).run();
        bDone.countDown();
        HeadlineEngine.Outcome outA = runA.get(30, TimeUnit.SECONDS);

        assertThat(b.written()).isTrue();
        assertThat(outA.written()).isFalse();
        assertThat(outA.note()).contains("newer lake state");
        assertThat(status(lake, "decile-1")).isEqualTo("ok");
        assertThat(JSON.readTree(lake.bytes(HeadlineEngine.STATE_KEY)).path("fingerprint").asText())
                .isEqualTo(b.fingerprint());
    }

    private static HeadlineEngine.Outcome call(HeadlineEngine e) {
        try {
            return e.run();
        } catch (Exception ex) {
            throw new RuntimeException(ex);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the other run did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
