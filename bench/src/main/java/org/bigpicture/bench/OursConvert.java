package org.bigpicture.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.formats.ScratchWorkspace;
import org.bigpicture.core.convert.UploadTables;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.EdgeCache;
import org.bigpicture.core.publish.PublishResult;
import org.bigpicture.core.store.FileObjectStore;

/**
 * Child JVM: our side, through the same core code the ingest Lambda runs.
 * {@code OursConvert convert|ingest|publish INPUT WORKDIR}.
 * <ul>
 *   <li>{@code convert}: {@link Recognizer} opens the upload, the Format that claims it
 *       converts it through {@code DatasetWriter} (Parquet, JSON, schema);</li>
 *   <li>{@code ingest}: the whole {@link Ingest#onObjectCreated} (as {@link Wiring} builds it for the
 *       Lambda) on a local object store, as for an S3 event (download, sha256, convert, upload to the
 *       lake, provenance, report);</li>
 *   <li>{@code publish}: {@link BundlePublisher} publishes the lake an {@code ingest} run left (Parquet
 *       read back, CSV written, checksums, manifest, report page).</li>
 * </ul>
 * Until the formats land, {@code convert} falls back to {@link InterimFingertips} and says so.
 */
public final class OursConvert {

    private OursConvert() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path input = Path.of(args[1]);
        Path work = Path.of(args[2]);
        Map<String, Object> result = new LinkedHashMap<>();
        long cpu = ChildResult.cpuMs();
        long start = System.nanoTime();
        Buckets buckets = new Buckets("raw", "lake", "published");
        if (mode.equals("publish")) {
            // Publishes the lake an earlier "ingest" run left in WORK/store (the bundle is rebuilt from scratch).
            FileObjectStore store = new FileObjectStore(work.resolve("store"));
            deleteRecursively(store.root().resolve(buckets.published()));
            Path scratch = Files.createDirectories(work.resolve("scratch"));
            cpu = ChildResult.cpuMs();
            start = System.nanoTime();
            PublishResult published = new BundlePublisher(store, buckets, "http://127.0.0.1:4566/published",
                    Wiring.ukClock(), scratch, EdgeCache.NONE).publish(LocalDate.of(2026, 11, 1));
            result.put("path", "publish");
            result.put("status", published.outcome());
            result.put("edition", published.edition());
            result.put("bytes", ChildResult.directorySize(store.root().resolve(buckets.published())));
        } else if (mode.equals("ingest")) {
            deleteRecursively(work);
            FileObjectStore store = new FileObjectStore(work.resolve("store"));
            String key = "jsna/" + input.getFileName();
            Path raw = store.pathOf(buckets.raw(), key);
            Files.createDirectories(raw.getParent());
            Files.createLink(raw, input.toAbsolutePath()); // the raw object, without copying it
            Path scratch = Files.createDirectories(work.resolve("scratch"));
            cpu = ChildResult.cpuMs();
            start = System.nanoTime();
            Ingest ingest = new Wiring(store, buckets, Notifier.NONE, () -> new byte[32],
                    Wiring.ukClock(), scratch, "http://127.0.0.1:4566/published").ingest();
            IngestResult outcome = ingest.onObjectCreated(new RawObjectEvent(buckets.raw(), key, null,
                    null, Files.size(input), "0000000000000001", Instant.now()));
            result.put("path", "ingest");
            result.put("status", outcome.status());
            result.put("rows", outcome.rows());
            result.put("bytes", parquetBytes(store.root().resolve(buckets.lake())));
        } else {
            deleteRecursively(work);
            Files.createDirectories(work);
            cpu = ChildResult.cpuMs();
            start = System.nanoTime();
            Recognizer recognizer = standardRecognizer();
            long rows = 0;
            if (recognizer != null) {
                ScratchWorkspace workspace = new ScratchWorkspace(work, Limits.defaults());
                UploadTables tables = recognizer.open("jsna/" + input.getFileName(), input);
                List<ConvertedDataset> done = new ArrayList<>();
                for (TableInput table : tables.tables()) {
                    done.addAll(recognizer.formatFor(table).convert(table, workspace));
                }
                for (ConvertedDataset d : done) {
                    rows += d.rowsWritten();
                }
                result.put("path", "core-formats");
                result.put("family", done.isEmpty() ? "none" : done.get(0).family());
                result.put("datasets", done.size());
            } else {
                rows = InterimFingertips.convert(input, work.resolve("dataset"));
                result.put("path", "interim-fastcsv");
            }
            result.put("rows", rows);
            result.put("bytes", parquetBytes(work));
        }
        long nanos = System.nanoTime() - start;
        result.put("ms", nanos / 1_000_000.0);
        result.put("cpu_ms", ChildResult.cpuMs() - cpu);
        result.put("rss_kb", ChildResult.peakRssKb());
        Optional<Path> parquet = firstParquet(mode.equals("convert") ? work : work.resolve("store/lake"));
        result.put("parquet", parquet.isPresent() ? parquet.get().toString() : "none");
        ChildResult.print(result);
        if (System.getenv("BENCH_THREADS") != null) {
            threadCpu();
        }
    }

    /** Per-thread CPU time (ms) of the threads still alive, from /proc: where a run's CPU went. */
    private static void threadCpu() throws IOException {
        File[] tasks = new File("/proc/self/task").listFiles();
        if (tasks == null) {
            return;
        }
        for (File t : tasks) {
            try {
                String stat = Files.readString(t.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
                if (ms > 0) {
                    System.out.println("THREAD " + name + " " + ms);
                }
            } catch (IOException e) {
                // the thread ended
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

    // Plain java.io.File walks: streams and lambdas would add class loading to the cold-start runs.

    private static long parquetBytes(Path dir) {
        long total = 0;
        for (File f : files(dir.toFile(), new ArrayList<>())) {
            if (f.getName().endsWith(".parquet")) {
                total += f.length();
            }
        }
        return total;
    }

    static Optional<Path> firstParquet(Path dir) {
        List<File> all = files(dir.toFile(), new ArrayList<>());
        File first = null;
        for (File f : all) {
            if (f.getName().endsWith(".parquet") && (first == null || f.getPath().compareTo(first.getPath()) < 0)) {
                first = f;
            }
        }
        return first == null ? Optional.empty() : Optional.of(first.toPath());
    }

    private static List<File> files(File dir, List<File> into) {
        File[] children = dir.listFiles();
        if (children != null) {
            for (File f : children) {
                if (f.isDirectory()) {
                    files(f, into);
                } else {
                    into.add(f);
                }
            }
        }
        return into;
    }

    static void deleteRecursively(Path dir) throws IOException {
        delete(dir.toFile());
    }

    private static void delete(File f) throws IOException {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                delete(c);
            }
        }
        if (f.exists() && !f.delete()) {
            throw new IOException("cannot delete " + f);
        }
    }
}
