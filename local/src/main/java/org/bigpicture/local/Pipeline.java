package org.bigpicture.local;

import org.bigpicture.core.lake.Sha256;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.headlines.HeadlinesTable;
import org.bigpicture.core.lake.HeldRecord;
import org.bigpicture.core.lake.IngestReport;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.ScreenSummary;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.PublishResult;
import org.bigpicture.core.store.KeyFiles;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.S3ObjectStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What {@code run} and {@code demo} do on a started local stack: upload a folder to the raw bucket,
 * wait for ingest and headlines, audit the ledger, publish the edition, mirror the three buckets
 * to a folder and summarise (DESIGN.md, "Runs without AWS and without Docker").
 */
final class Pipeline {

    /** Exit codes of {@code run}. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int QUARANTINED = 3;
    /** Some upload is held (personal data suspected) and nothing was quarantined. */
    static final int HELD = 4;

    /** One file of the folder and what became of it. */
    record Upload(String key, Path file, long bytes, String sha256) {
    }

    /** Files found in the folder: to upload, and skipped (dotfiles, documentation). */
    record Selection(List<Upload> uploads, List<String> skipped) {
    }

    private static final int UPLOAD_THREADS = 4;

    private final LocalStack stack;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final String baseUrl;

    /**
     * @param baseUrl what published URLs start with (the address {@code serve} answers on, so links
     *                in the report work after this process ends)
     */
    Pipeline(LocalStack stack, PrintStream out, PrintStream err, Clock clock, String baseUrl) {
        this.stack = stack;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** Every file under the folder, keyed by its path relative to it; dotfiles and documentation are skipped. */
    static Selection select(Path dir) throws IOException {
        List<Upload> uploads = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList();
        }
        for (Path f : files) {
            String key = dir.relativize(f).toString().replace('\\', '/');
            if (skip(key)) {
                skipped.add(key);
            } else {
                uploads.add(new Upload(key, f, Files.size(f), Sha256.hex(f)));
            }
        }
        return new Selection(uploads, skipped);
    }

    /** Dotfiles (or anything in a dot folder) and documentation ({@code *.md}, {@code README*}). */
    static boolean skip(String key) {
        for (String segment : key.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        String name = key.substring(key.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.startsWith("readme");
    }

    /** Uploads with the SDK, a few at a time, showing files and bytes done. */
    void upload(List<Upload> uploads) throws IOException, InterruptedException {
        S3Client s3 = stack.client();
        Progress progress = new Progress(err);
        long total = uploads.stream().mapToLong(Upload::bytes).sum();
        AtomicInteger files = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(UPLOAD_THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Upload u : uploads) {
                futures.add(pool.submit(() -> {
                    s3.putObject(b -> b.bucket(stack.buckets().raw()).key(u.key()).contentType(contentType(u.key())),
                            RequestBody.fromFile(u.file()));
                    int done = files.incrementAndGet();
                    long b = bytes.addAndGet(u.bytes());
                    progress.show("Uploading: " + done + " of " + uploads.size() + " files, " + Progress.bytes(b)
                            + " of " + Progress.bytes(total), done == uploads.size());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("upload failed (after the SDK's retries): " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            s3.close();
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        progress.done("Uploaded " + uploads.size() + " files (" + Progress.bytes(total) + ") in "
                + String.format(Locale.ROOT, "%.1f", seconds) + " s");
    }

    /** Waits until every event (ingest, then the headlines its datasets cause) has been handled. */
    void awaitProcessing(int expectedReports) throws InterruptedException, IOException {
        Progress progress = new Progress(err);
        Dispatcher d = stack.dispatcher().orElseThrow();
        long start = System.nanoTime();
        while (!stack.awaitIdle(Duration.ofMillis(500))) {
            progress.show("Processing: " + d.pending() + " events pending, " + d.delivered() + " handled"
                    + (d.failures().isEmpty() ? "" : ", " + d.failures().size() + " failed") + " ("
                    + (System.nanoTime() - start) / 1_000_000_000L + " s)", false);
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        progress.done("Processed " + d.delivered() + " events in " + String.format(Locale.ROOT, "%.1f", seconds) + " s"
                + (d.failures().isEmpty() ? "" : ", " + d.failures().size() + " failed after retries"));
    }

    LedgerAudit.Result audit() throws IOException {
        try (S3Client s3 = stack.client()) {
            return new LedgerAudit(new S3ObjectStore(s3), stack.buckets())
                    .audit(stack.dispatcher().map(Dispatcher::failures).orElse(List.of()));
        }
    }

    PublishResult publish(LocalDate date) throws IOException {
        try (S3Client s3 = stack.client()) {
            BundlePublisher publisher = new BundlePublisher(new S3ObjectStore(s3), stack.buckets(), baseUrl,
                    clock.withZone(Wiring.london()));
            return publisher.publish(date);
        }
    }

    /**
     * Copies the three buckets to {@code out/raw}, {@code out/lake}, {@code out/published} (replacing
     * what was there), each key under its {@link KeyFiles} path, as the store keeps it.
     */
    void mirror(Path outDir) throws IOException, InterruptedException {
        Buckets b = stack.buckets();
        Map<String, String> roles = Map.of("raw", b.raw(), "lake", b.lake(), "published", b.published());
        Progress progress = new Progress(err);
        S3Client s3 = stack.client();
        ExecutorService pool = Executors.newFixedThreadPool(UPLOAD_THREADS);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            int total = 0;
            for (String role : List.of("raw", "lake", "published")) {
                Path dir = outDir.resolve(role);
                deleteTree(dir);
                Files.createDirectories(dir);
                List<S3Object> objects = new ArrayList<>();
                // URL-encoded listing: keys with control characters cannot be written in XML otherwise.
                s3.listObjectsV2Paginator(r -> r.bucket(roles.get(role)).encodingType(EncodingType.URL)).contents()
                        .forEach(objects::add);
                total += objects.size();
                // Each key under its own path, as the store keeps it ("audit --out" reads it back).
                Map<String, String> paths = KeyFiles.layout(objects.stream().map(S3Object::key).toList());
                for (S3Object o : objects) {
                    Path target = dir.resolve(paths.get(o.key()));
                    futures.add(pool.submit(() -> {
                        Files.createDirectories(target.getParent());
                        s3.getObject(r -> r.bucket(roles.get(role)).key(o.key()), ResponseTransformer.toFile(target));
                        progress.show("Mirroring to " + outDir + ": " + done.incrementAndGet() + " files", false);
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("mirroring failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            progress.done("Mirrored " + total + " objects to " + outDir.toAbsolutePath() + "/{raw,lake,published}");
        } finally {
            pool.shutdownNow();
            s3.close();
        }
    }

    /**
     * Per file: accepted (family, rows), quarantined (reason, line) or held (tables, columns, how to
     * release). Returns how many were quarantined, not processed, and held.
     */
    int[] summarise(List<Upload> uploads, ObjectStore lakeStore) throws IOException {
        int quarantined = 0;
        int missing = 0;
        int held = 0;
        out.println();
        out.println("Uploads");
        for (Upload u : uploads) {
            IngestReport report = report(lakeStore, stack.buckets().lake(), u.key());
            if (report == null || report.source() == null || !u.sha256().equals(report.source().sha256())) {
                missing++;
                out.println(Progress.printable("  NOT PROCESSED  " + u.key() + (report == null ? "  (no ingest report)"
                        : "  (the report is about other bytes: this upload's processing failed)")));
                continue;
            }
            String status = String.valueOf(report.status());
            switch (status) {
                case IngestReport.ACCEPTED -> {
                    List<String> parts = new ArrayList<>();
                    for (IngestReport.Dataset d : report.datasets() == null ? List.<IngestReport.Dataset>of() : report.datasets()) {
                        parts.add(d.id() + " (" + d.family() + ", " + Progress.count(d.rowsWritten()) + " rows)");
                    }
                    out.println(Progress.printable("  accepted       " + u.key() + "  → " + String.join(", ", parts)));
                }
                case IngestReport.CONFIGURATION -> out.println(Progress.printable("  configuration  " + u.key() + "  → "
                        + report.configKey()));
                case IngestReport.QUARANTINED -> {
                    quarantined++;
                    String line = report.line() != null ? "line " + report.line() + ": " : "";
                    out.println(Progress.printable("  QUARANTINED    " + u.key() + "  " + line + report.reason()));
                }
                case IngestReport.HELD -> {
                    held++;
                    out.println("  HELD           " + u.key() + "  personal data suspected, nothing published:");
                    for (HeldRecord.Table t : report.tables() == null ? List.<HeldRecord.Table>of() : report.tables()) {
                        if (!t.held()) {
                            continue;
                        }
                        String where = t.sheet() != null ? "sheet '" + t.sheet() + "'" : "table";
                        for (ScreenSummary.PersonalColumn c : t.personalColumns()) {
                            out.println("                   " + where + ", column \"" + c.column() + "\": " + c.reason());
                        }
                        if (t.recordsAboutPeople() != null) {
                            out.println("                   " + where + ": " + t.recordsAboutPeople());
                        }
                    }
                    out.println("                   sha256 " + report.source().sha256()
                            + "; to release: upload it without those columns, or list the sha256 in config/publish.yaml"
                            + " with a reason");
                }
                default -> {
                    missing++;
                    out.println(Progress.printable("  " + status + "  " + u.key()));
                }
            }
        }
        try {
            byte[] headlines = lakeStore.readAllBytes(stack.buckets().lake(), LakeKeys.HEADLINES + "headlines.json");
            out.println();
            out.println("Headlines");
            HeadlinesTable.format(headlines).lines().forEach(l -> out.println("  " + l));
        } catch (NoSuchFileException none) {
            out.println();
            out.println("Headlines: none yet (no headlines/headlines.json in the lake)");
        }
        return new int[] {quarantined, missing, held};
    }

    /** The ingest report of a raw key, or null when there is none yet. */
    static IngestReport report(ObjectStore store, String lakeBucket, String rawKey) throws IOException {
        try {
            return IngestReport.parse(store.readAllBytes(lakeBucket, LakeKeys.reportKey(rawKey)));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Raw uploads keep no charset: their encoding is whatever the officer's tool wrote, detected on ingest. */
    static String contentType(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".csv")) {
            return "text/csv";
        } else if (k.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        } else if (k.endsWith(".yaml") || k.endsWith(".yml")) {
            return "application/yaml";
        } else if (k.endsWith(".json")) {
            return "application/json";
        } else if (k.endsWith(".txt") || k.endsWith(".tsv")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
