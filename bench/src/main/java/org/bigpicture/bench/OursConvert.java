package org.bigpicture.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bigpicture.core.Buckets;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.formats.UploadTables;
import org.bigpicture.core.ingest.ConvertedDataset;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.ingest.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.ingest.TableInput;
import org.bigpicture.core.ingest.Workspace;
import org.bigpicture.core.store.FileObjectStore;

/**
 * Child JVM: our side, through the same core code the ingest Lambda runs.
 * {@code OursConvert convert|ingest CSV WORKDIR}.
 * <ul>
 *   <li>{@code convert}: {@link Recognizer} opens the upload, the Format that claims it
 *       converts it through {@code DatasetWriter} (Parquet, JSON, schema);</li>
 *   <li>{@code ingest}: the whole {@link Ingest#onObjectCreated} on a local object store, as for an S3
 *       event (download, sha256, convert, upload to the lake, provenance, report).</li>
 * </ul>
 * Until the formats land, {@code convert} falls back to {@link InterimFingertips} and says so.
 */
public final class OursConvert {

    private OursConvert() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path csv = Path.of(args[1]);
        Path work = Path.of(args[2]);
        deleteRecursively(work);
        Files.createDirectories(work);
        Map<String, Object> result = new LinkedHashMap<>();
        long start;
        long nanos;
        long cpu = ChildResult.cpuMs();
        if (mode.equals("ingest")) {
            FileObjectStore store = new FileObjectStore(work.resolve("store"));
            Buckets buckets = new Buckets("raw", "lake", "published");
            String key = "jsna/" + csv.getFileName();
            Path raw = store.pathOf(buckets.raw(), key);
            Files.createDirectories(raw.getParent());
            Files.createLink(raw, csv.toAbsolutePath()); // the raw object, without copying it
            Path scratch = Files.createDirectories(work.resolve("scratch"));
            start = System.nanoTime();
            Ingest ingest = new Ingest(store, buckets, Recognizer.standard(Limits.defaults()), List.of(),
                    Notifier.NONE, Clock.system(ZoneId.of("Europe/London")), () -> new byte[32], scratch);
            IngestResult outcome = ingest.onObjectCreated(new RawObjectEvent(buckets.raw(), key, null,
                    null, Files.size(csv), "0000000000000001", Instant.now()));
            nanos = System.nanoTime() - start;
            result.put("path", "ingest");
            result.put("status", outcome.status());
            result.put("rows", outcome.rows());
            result.put("bytes", parquetBytes(store.root().resolve(buckets.lake())));
        } else {
            start = System.nanoTime();
            Recognizer recognizer = standardRecognizer();
            long rows = 0;
            if (recognizer != null) {
                LocalWorkspace workspace = new LocalWorkspace(work);
                UploadTables tables = recognizer.open("jsna/" + csv.getFileName(), csv);
                List<ConvertedDataset> done = new ArrayList<>();
                for (TableInput table : tables.tables()) {
                    done.addAll(recognizer.formatFor(table).convert(table, workspace));
                }
                for (ConvertedDataset d : done) {
                    rows += d.rowsWritten();
                }
                result.put("path", "core-formats");
                result.put("family", done.isEmpty() ? "none" : done.get(0).family());
            } else {
                rows = InterimFingertips.convert(csv, work.resolve("dataset"));
                result.put("path", "interim-fastcsv");
            }
            nanos = System.nanoTime() - start;
            result.put("rows", rows);
            result.put("bytes", parquetBytes(work));
        }
        result.put("ms", nanos / 1_000_000.0);
        result.put("cpu_ms", ChildResult.cpuMs() - cpu);
        result.put("rss_kb", ChildResult.peakRssKb());
        result.put("parquet", firstParquet(work).map(Path::toString).orElse("none"));
        ChildResult.print(result);
        if (System.getenv("BENCH_THREADS") != null) {
            threadCpu();
        }
    }

    /** Per-thread CPU time (ms) from /proc, to see where a run's CPU went. */
    private static void threadCpu() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
                    if (ms > 0) {
                        System.out.println("THREAD " + name + " " + ms);
                    }
                } catch (IOException e) {
                    // thread ended
                }
            }
        }
    }

    private static Recognizer standardRecognizer() {
        try {
            return Recognizer.standard(Limits.defaults());
        } catch (UnsupportedOperationException notYet) {
            return null;
        }
    }

    private static long parquetBytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    static Optional<Path> firstParquet(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().findFirst();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Scratch folders under one directory, default limits, shipped configuration. */
    static final class LocalWorkspace implements Workspace {
        private final Path root;

        LocalWorkspace(Path root) {
            this.root = root;
        }

        @Override
        public Path datasetDir(String datasetId) throws IOException {
            return Files.createDirectories(root.resolve(datasetId));
        }

        @Override
        public Limits limits() {
            return Limits.defaults();
        }

        @Override
        public Optional<String> config(String name) {
            return Optional.empty();
        }

        @Override
        public byte[] pseudonymKey() {
            return new byte[32];
        }
    }
}
