package org.bigpicture.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Withdrawal on a published bucket that keeps versions (versioning and Object Lock, as in
 * template.yaml): no version of the withdrawn edition's files is left, anywhere in the bucket,
 * and the editions that stay keep every version they had.
 */
class VersionedWithdrawalTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final LocalDate DATE = LocalDate.of(2026, 11, 26);
    static final String PUBLISHED = TestLake.BUCKETS.published();

    @TempDir
    Path tmp;
    VersionedMemoryStore store;
    TestLake lake;

    @BeforeEach
    void setUp() throws IOException {
        store = new VersionedMemoryStore();
        lake = new TestLake(store, Files.createDirectories(tmp.resolve("scratch"))).standard();
    }

    BundlePublisher publisher() {
        return new BundlePublisher(store, TestLake.BUCKETS, "http://127.0.0.1:4566/published",
                Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), LONDON), tmp.resolve("work"), EdgeCache.NONE);
    }

    @Test
    void withdrawalLeavesNoVersionOfTheEditionsFilesInTheBucket() throws IOException {
        BundlePublisher publisher = publisher();
        publisher.publish(DATE);
        lake.observations("ons-mid-year-population", "ons-mye2", "ons/MYE2 mid2020.csv", TestLake.population(1));
        assertThat(publisher.publish(DATE).edition()).isEqualTo("2026-11-26.2");
        List<byte[]> kept = contents("bundles/2026-11-26/");
        List<ObjectVersion> keptVersions = store.listVersions(PUBLISHED, "bundles/2026-11-26/");
        // What only the withdrawn edition holds (files it shares byte for byte with the first are not its own).
        List<byte[]> withdrawnOnly = new ArrayList<>();
        for (byte[] b : contents("bundles/2026-11-26.2/")) {
            if (kept.stream().noneMatch(k -> Arrays.equals(k, b))) {
                withdrawnOnly.add(b);
            }
        }
        assertThat(withdrawnOnly).as("the second edition differs from the first").isNotEmpty();
        assertThat(store.listVersions(PUBLISHED, BundlePublisher.LATEST)).as("latest/ was overwritten: old versions")
                .anyMatch(v -> !v.latest());
        assertThat(leftOvers(withdrawnOnly)).as("latest/ holds copies of the second edition").isNotZero();

        WithdrawResult w = publisher.withdraw("2026-11-26.2", "Wrong extract");

        assertThat(store.listVersions(PUBLISHED, "bundles/2026-11-26.2/")).isEmpty();
        assertThat(leftOvers(withdrawnOnly)).as("versions anywhere in the bucket holding the withdrawn files")
                .isZero();
        assertThat(store.listVersions(PUBLISHED, BundlePublisher.LATEST))
                .allMatch(v -> v.latest() && !v.deleteMarker());
        assertThat(store.listVersions(PUBLISHED, BundlePublisher.LATEST_JSON)).hasSize(1);
        assertThat(store.listVersions(PUBLISHED, "bundles/2026-11-26/")).isEqualTo(keptVersions);
        assertThat(w.latest()).isEqualTo("2026-11-26");
        assertThat(w.versionsDeleted()).isGreaterThan(w.filesDeleted()).isEqualTo(store.bypassingDeletes);
        List<byte[]> latestNow = contents(BundlePublisher.LATEST);
        assertThat(latestNow).hasSameSizeAs(kept);
        for (byte[] b : latestNow) {
            assertThat(kept).anyMatch(k -> Arrays.equals(k, b));
        }
    }

    @Test
    void withdrawingTheLastEditionLeavesNoLatestVersionsOrMarkers() throws IOException {
        BundlePublisher publisher = publisher();
        publisher.publish(DATE);

        publisher.withdraw("2026-11-26", "Published by mistake");

        assertThat(store.listVersions(PUBLISHED, "bundles/2026-11-26/")).isEmpty();
        assertThat(store.listVersions(PUBLISHED, BundlePublisher.LATEST)).isEmpty();
        assertThat(store.listVersions(PUBLISHED, BundlePublisher.LATEST_JSON)).isEmpty();
        assertThat(store.list(PUBLISHED, "bundles/")).extracting(ObjectInfo::key)
                .containsExactly(BundlePublisher.CATALOG_JSON);
    }

    private List<byte[]> contents(String prefix) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (ObjectInfo o : store.list(PUBLISHED, prefix)) {
            out.add(store.readAllBytes(PUBLISHED, o.key()));
        }
        return out;
    }

    private long leftOvers(List<byte[]> withdrawn) {
        return store.allVersionBytes(PUBLISHED).stream()
                .filter(b -> withdrawn.stream().anyMatch(w -> Arrays.equals(w, b))).count();
    }
}
