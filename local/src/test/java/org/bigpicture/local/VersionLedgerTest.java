package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
