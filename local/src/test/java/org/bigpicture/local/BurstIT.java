package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bigpicture.core.store.S3ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 7, "Load": 500 uploads in one burst to the local stack (loopback only, bounded in count
 * and time): every one processed by the real ingest and headlines functions, none lost, the ledger clean.
 */
class BurstIT {

    static final int UPLOADS = 500;

    @TempDir
    Path store;

    @Test
    @Timeout(600)
    void fiveHundredUploadsInOneBurstAreAllProcessedAndTheLedgerIsClean() throws Exception {
        // The whole chain, as in AWS: 500 ingest runs, and a headlines run (one at a time) after
        // every dataset; runs that find their lake state already reflected skip the computation.
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults(store, RepoFiles.templateYaml()).port(0)
                .holder("BurstIT"));
             S3Client s3 = stack.client()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long start = System.nanoTime();
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < UPLOADS; i++) {
                int n = i;
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(stack.buckets().raw())
                        .key(String.format("burst/branch %03d.csv", n)),
                        RequestBody.fromString("library,visits,open\nBranch " + n + "," + (1000 + n) + ",true\n"
                                + "Central," + (5000 + n) + ",false\n"))));
            }
            for (Future<?> f : puts) {
                f.get();
            }
            long uploaded = System.nanoTime();
            pool.shutdown();
            assertThat(stack.awaitIdle(Duration.ofMinutes(8))).as("every event handled in time").isTrue();
            long processed = System.nanoTime();

            Dispatcher d = stack.dispatcher().orElseThrow();
            assertThat(d.failures()).isEmpty();
            assertThat(d.delivered()).as("an ingest and a headlines event per upload").isEqualTo(2L * UPLOADS);
            assertThat(new S3ObjectStore(s3).head(stack.buckets().lake(), "headlines/headlines.json"))
                    .as("headlines regenerated after the burst").isPresent();
            LedgerAudit.Result audit = new LedgerAudit(new S3ObjectStore(s3), stack.buckets()).audit(d.failures());
            assertThat(audit.gaps()).isEmpty();
            assertThat(audit.rawObjects()).isEqualTo(UPLOADS);
            assertThat(audit.outcomes()).containsEntry("accepted", UPLOADS);
            assertThat(stack.ledger().history().stream().filter(e -> e.bucket().equals(stack.buckets().raw())))
                    .as("one version per upload: no write was duplicated").hasSize(UPLOADS);
            double up = (uploaded - start) / 1e9;
            double all = (processed - start) / 1e9;
            long writes = stack.ledger().history().size();
            System.out.printf("burst: %d uploads in %.1f s (%.0f uploads/s); all ingested and headlines done in %.1f s"
                    + " (%.1f uploads/s end to end); %d events handled; %d writes made durable with %d fsyncs%n",
                    UPLOADS, up, UPLOADS / up, all, UPLOADS / all, d.delivered(), writes, stack.ledger().syncs());
        }
    }
}
