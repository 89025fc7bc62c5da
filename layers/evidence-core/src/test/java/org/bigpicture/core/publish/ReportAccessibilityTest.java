package org.bigpicture.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.bigpicture.core.store.FileObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of the test lake (hostile text included) passes axe-core (WCAG 2.0/2.1 A and AA,
 * WCAG 2.2 AA) with zero violations in Debian's headless Chromium, and loads nothing from outside
 * its folder. See {@link Axe} for what it needs; {@link RealReportTest} does the same on real data.
 */
class ReportAccessibilityTest {

    @TempDir
    Path tmp;

    @Test
    void reportHasNoAxeViolationsInHeadlessChromium() throws Exception {
        FileObjectStore store = new FileObjectStore(tmp.resolve("store"));
        new TestLake(store, Files.createDirectories(tmp.resolve("scratch"))).standard();
        new BundlePublisher(store, TestLake.BUCKETS, "http://127.0.0.1:4566/published",
                Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneId.of("Europe/London")),
                tmp.resolve("work"), EdgeCache.NONE).publish(LocalDate.of(2026, 11, 26));
        Path report = store.root().resolve("published/bundles/2026-11-26/index.html");
        assertThat(report).isRegularFile();

        Axe.assertNoViolations(report, null, 0);
    }
}
