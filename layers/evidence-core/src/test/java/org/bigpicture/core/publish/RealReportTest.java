package org.bigpicture.core.publish;

import org.bigpicture.core.NeedsSharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.headlines.HeadlineEngine;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole core path on the shared real data: ingest every file, compute the headlines, publish;
 * the report passes axe-core and {@code sha256sum -c} passes. Slower than a unit test (about 20 s),
 * so it runs in CI ({@code CI=true}) or when asked for the README's screenshot:
 * {@code -Dbigpicture.screenshot=$PWD/docs/report.png}. Skipped where the real data is absent.
 */
@NeedsSharedData
class RealReportTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @TempDir
    Path tmp;

    @Test
    void realDataReportIsAccessibleAndItsChecksumsHold() throws Exception {
        String screenshot = System.getProperty("bigpicture.screenshot");
        assumeTrue(Axe.onCi() || (screenshot != null && !screenshot.isBlank()),
                "runs in CI or with -Dbigpicture.screenshot");
        Path realdata = realdata();
        assumeTrue(realdata != null, "shared/realdata not found");

        FileObjectStore store = new FileObjectStore(tmp.resolve("store"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), LONDON);
        Ingest ingest = new Ingest(store, TestLake.BUCKETS, Recognizer.standard(Limits.defaults()),
                Wiring.configValidators(), Notifier.NONE, clock, () -> new byte[32],
                Files.createDirectories(tmp.resolve("scratch")));
        List<Path> files;
        try (Stream<Path> all = Files.walk(realdata)) {
            files = all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().toList();
        }
        int sequence = 0;
        for (Path f : files) {
            String key = realdata.relativize(f).toString().replace('\\', '/');
            store.put(TestLake.BUCKETS.raw(), key, f, PutOptions.of("text/csv"));
            IngestResult r = ingest.onObjectCreated(new RawObjectEvent(TestLake.BUCKETS.raw(), key, null, null,
                    Files.size(f), String.format("%016d", ++sequence), clock.instant()));
            assertThat(r.datasets()).as(key + ": " + r.message()).isNotEmpty();
        }
        new HeadlineEngine(store, TestLake.BUCKETS.lake(), clock).run();
        PublishResult published = new BundlePublisher(store, TestLake.BUCKETS, "http://127.0.0.1:4566/published",
                clock, tmp.resolve("work"), EdgeCache.NONE).publish(LocalDate.of(2026, 11, 26));
        assertThat(published.added()).hasSizeGreaterThanOrEqualTo(files.size());
        assertThat(published.withheld()).isEmpty();
        Path edition = store.root().resolve("published/bundles/2026-11-26");

        Process p = new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS").directory(edition.toFile())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        // Frictionless's own v1 library takes the real-data descriptor and casts every CSV row (issue 12).
        TwinsAgreeTest.FrictionlessV1.Result v1 = TwinsAgreeTest.FrictionlessV1.validate(edition.resolve("datapackage.json"));
        assertThat(v1.errors()).isEmpty();
        assertThat(v1.rows()).isGreaterThan(100_000);
        String html = Files.readString(edition.resolve("index.html"));
        assertThat(html).contains("Stockport").contains("role=\"img\"");

        Axe.assertNoViolations(edition.resolve("index.html"),
                screenshot == null || screenshot.isBlank() ? null : Path.of(screenshot), 2400);
    }

    static Path realdata() {
        String property = System.getProperty("bigpicture.realdata");
        if (property != null && !property.isBlank()) {
            return Files.isDirectory(Path.of(property)) ? Path.of(property) : null;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("realdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
