package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start owes the functions: every journaled event that matched a rule and was not delivered. */
class DeliveryLogTest {

    static final LocalTemplate.S3Rule UPLOAD = new LocalTemplate.S3Rule("IngestFunction", "Upload", "RawBucket", "raw",
            List.of("s3:ObjectCreated:*"), "", "");
    static final LocalTemplate.S3Rule REMOVAL = new LocalTemplate.S3Rule("IngestFunction", "Removal", "RawBucket", "raw",
            List.of("s3:ObjectRemoved:*"), "", "");
    static final LocalTemplate.S3Rule DATASETS = new LocalTemplate.S3Rule("HeadlinesFunction", "Datasets", "LakeBucket",
            "lake", List.of("s3:ObjectCreated:*"), "datasets/", "provenance.json");
    static final List<LocalTemplate.S3Rule> RULES = List.of(UPLOAD, REMOVAL, DATASETS);

    @TempDir
    Path dir;

    @Test
    void eventsNotDeliveredAreOwedOldestFirstAndDeliveredOnesAreNot() throws Exception {
        try (VersionLedger ledger = new VersionLedger(dir.resolve("versions.log"), Clock.systemUTC())) {
            DeliveryLog log = DeliveryLog.open(dir.resolve("deliveries.log"), ledger.lastSequencer());
            ObjectEvent a = ledger.record("raw", "a.csv", "ObjectCreated:Put", "e", 1);
            ObjectEvent b = ledger.record("raw", "b.csv", "ObjectCreated:Put", "e", 1);
            ledger.record("lake", "datasets/a/data.parquet", "ObjectCreated:Put", "e", 1); // no rule
            ObjectEvent p = ledger.record("lake", "datasets/a/provenance.json", "ObjectCreated:Put", "e", 1);
            log.delivered(a, UPLOAD);
            log.close();

            try (DeliveryLog again = DeliveryLog.open(dir.resolve("deliveries.log"), ledger.lastSequencer())) {
                DeliveryLog.Owed owed = again.owed(ledger.history(), RULES);
                assertThat(owed.replay()).extracting(x -> x.event().sequencer()).containsExactly(b.sequencer(),
                        p.sequencer());
                assertThat(owed.replay()).extracting(x -> x.rule().functionId())
                        .containsExactly("IngestFunction", "HeadlinesFunction");
                assertThat(owed.superseded()).isEmpty();
                assertThat(again.isDelivered(a, UPLOAD)).isTrue();
                assertThat(again.isDelivered(b, UPLOAD)).isFalse();
            }
        }
    }

    @Test
    void onlyTheNewestOwedEventOfAKeyIsDeliveredAgain() throws Exception {
        try (VersionLedger ledger = new VersionLedger(dir.resolve("versions.log"), Clock.systemUTC());
             DeliveryLog log = DeliveryLog.open(dir.resolve("deliveries.log"), ledger.lastSequencer())) {
            ObjectEvent first = ledger.record("raw", "x.csv", "ObjectCreated:Put", "e1", 1);
            ObjectEvent removed = ledger.record("raw", "x.csv", "ObjectRemoved:DeleteMarkerCreated", null, 0);
            ObjectEvent second = ledger.record("raw", "x.csv", "ObjectCreated:Put", "e2", 1);

            DeliveryLog.Owed owed = log.owed(ledger.history(), RULES);

            assertThat(owed.replay()).singleElement().satisfies(x -> assertThat(x.event()).isEqualTo(second));
            assertThat(owed.superseded()).extracting(DeliveryLog.Pending::event).containsExactly(first, removed);
            assertThat(log.isDelivered(first, UPLOAD)).as("superseded ones are marked delivered").isTrue();
            assertThat(log.isDelivered(removed, REMOVAL)).isTrue();
        }
    }

    @Test
    void aStoreFromBeforeTheLogOwesNothingItHadAlreadyAndTheLogStaysShort() throws Exception {
        try (VersionLedger ledger = new VersionLedger(dir.resolve("versions.log"), Clock.systemUTC())) {
            for (int i = 0; i < 50; i++) {
                ledger.record("raw", "old" + i + ".csv", "ObjectCreated:Put", "e", 1);
            }
            try (DeliveryLog log = DeliveryLog.open(dir.resolve("deliveries.log"), ledger.lastSequencer())) {
                assertThat(log.owed(ledger.history(), RULES).replay()).isEmpty();
                ObjectEvent fresh = ledger.record("raw", "new.csv", "ObjectCreated:Put", "e", 1);
                log.delivered(fresh, UPLOAD);
                assertThat(log.owed(ledger.history(), RULES).replay()).isEmpty();
            }
            assertThat(Files.readAllLines(dir.resolve("deliveries.log")))
                    .as("nothing owed: one line stands for everything delivered")
                    .containsExactly("upto\t" + ledger.lastSequencer());
        }
    }

    @Test
    void aDeliveryLineCutShortIsDeliveredAgain() throws Exception {
        try (VersionLedger ledger = new VersionLedger(dir.resolve("versions.log"), Clock.systemUTC())) {
            DeliveryLog log = DeliveryLog.open(dir.resolve("deliveries.log"), ledger.lastSequencer());
            ObjectEvent a = ledger.record("raw", "a.csv", "ObjectCreated:Put", "e", 1);
            log.close();
            Files.writeString(dir.resolve("deliveries.log"), a.sequencer() + "\tIngestFun", StandardOpenOption.APPEND);

            try (DeliveryLog again = DeliveryLog.open(dir.resolve("deliveries.log"), ledger.lastSequencer())) {
                assertThat(again.owed(ledger.history(), RULES).replay()).extracting(DeliveryLog.Pending::event)
                        .containsExactly(a);
            }
            assertThat(Files.readString(dir.resolve("deliveries.log"))).doesNotContain("IngestFun");
        }
    }
}
