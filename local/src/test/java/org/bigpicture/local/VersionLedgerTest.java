package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions and sequencers as S3 gives them, kept durably and consistently across a crash. */
class VersionLedgerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void everyWriteGetsANewVersionAndAGreaterSequencer(@TempDir Path dir) throws Exception {
        try (VersionLedger ledger = new VersionLedger(dir.resolve("versions.log"), clock)) {
            ObjectEvent first = ledger.record("raw", "a b.csv", "ObjectCreated:Put", "e1", 10);
            ObjectEvent second = ledger.record("raw", "a b.csv", "ObjectCreated:Put", "e2", 11);

            assertThat(second.sequencer()).isGreaterThan(first.sequencer()).hasSize(VersionLedger.SEQUENCER_WIDTH);
            assertThat(second.versionId()).isNotEqualTo(first.versionId()).hasSize(32).matches("[A-Za-z0-9_-]+");
            assertThat(ledger.latest("raw", "a b.csv")).get().extracting(VersionLedger.Entry::etag).isEqualTo("e2");
        }
    }

    @Test
    void aReopenedStoreContinuesTheSequence(@TempDir Path dir) throws Exception {
        ObjectEvent before;
        try (VersionLedger ledger = new VersionLedger(dir.resolve("versions.log"), clock)) {
            for (int i = 0; i < 20; i++) {
                ledger.record("raw", "k" + i, "ObjectCreated:Put", "e", i);
            }
            before = ledger.record("raw", "ünï/cödé key.csv", "ObjectCreated:Put", "e", 1);
        }
        try (VersionLedger ledger = new VersionLedger(dir.resolve("versions.log"), clock)) {
            ObjectEvent after = ledger.record("raw", "k0", "ObjectRemoved:Delete", null, 0);

            assertThat(after.sequencer()).isGreaterThan(before.sequencer());
            assertThat(ledger.latest("raw", "ünï/cödé key.csv")).get()
                    .extracting(VersionLedger.Entry::versionId).isEqualTo(before.versionId());
            assertThat(ledger.latest("raw", "k0")).get().satisfies(e -> assertThat(e.removed()).isTrue());
            assertThat(ledger.history()).hasSize(22);
        }
    }

    @Test
    void aLineCutShortByACrashIsCutOffAndItsSequencerIsNotGivenOutAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("versions.log");
        ObjectEvent last;
        try (VersionLedger ledger = new VersionLedger(file, clock)) {
            ledger.record("raw", "a.csv", "ObjectCreated:Put", "e1", 1);
            last = ledger.record("raw", "b.csv", "ObjectCreated:Put", "e2", 2);
            ledger.sync();
        }
        // The machine stopped in the middle of the next line (a write that was never answered).
        String torn = String.format("%018X", Long.parseLong(last.sequencer(), 16) + 1) + "\traw\tObjectCreated:Put\tabc";
        Files.writeString(file, torn, StandardOpenOption.APPEND);
        assertThat(VersionLedger.read(file)).as("read without repairing: the torn line is not an entry").hasSize(2);

        try (VersionLedger ledger = new VersionLedger(file, clock)) {
            assertThat(ledger.repairedAtOpen()).isTrue();
            ObjectEvent next = ledger.record("raw", "c.csv", "ObjectCreated:Put", "e3", 3);
            ledger.sync();

            assertThat(Long.parseLong(next.sequencer(), 16)).isEqualTo(Long.parseLong(last.sequencer(), 16) + 2);
            List<VersionLedger.Entry> history = ledger.history();
            assertThat(history).extracting(VersionLedger.Entry::key).containsExactly("a.csv", "b.csv", "c.csv");
        }
        assertThat(Files.readString(file)).endsWith("\n").doesNotContain("abc");
        assertThat(Files.readAllLines(file)).allSatisfy(l -> assertThat(l.split("\t", -1)).hasSize(8));
    }

    @Test
    void concurrentWritersShareFsyncsAndEveryLineIsWholeAndInOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("versions.log");
        int threads = 8;
        int each = 200;
        try (VersionLedger ledger = new VersionLedger(file, Clock.systemUTC())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        ledger.record("raw", "t" + thread + "/k" + i + ".csv", "ObjectCreated:Put", "e", i);
                        ledger.sync(); // as a PUT does before it is answered
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertThat(ledger.syncs()).as("fsyncs shared by concurrent writes").isLessThan((long) threads * each);
            System.out.printf("ledger: %d writes answered with %d fsyncs%n", threads * each, ledger.syncs());
        }
        List<VersionLedger.Entry> history = VersionLedger.read(file);
        assertThat(history).hasSize(threads * each);
        assertThat(history).extracting(VersionLedger.Entry::sequencer).isSorted().doesNotHaveDuplicates();
    }
}
