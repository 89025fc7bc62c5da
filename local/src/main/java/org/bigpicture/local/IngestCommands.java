package org.bigpicture.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.PseudonymKeySource;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.formats.ScratchWorkspace;
import org.bigpicture.core.convert.UploadTables;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConfigValidator;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.ingest.IngestResult;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Workspace;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.screen.ColumnVerdict;
import org.bigpicture.core.screen.Redactor;
import org.bigpicture.core.screen.ScreenResult;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;

/** {@code ingest} and {@code check}: the core on one file, without S3. */
final class IngestCommands {

    static final String INGEST_HELP = """
            Usage: ./bigpicture ingest FILE --out DIR [--key KEY]

            Converts one file exactly as the ingest function would, with the core alone (no S3, no
            local stack): the file is placed at DIR/raw/KEY and the lake's objects are written under
            DIR/lake/ (datasets/<id>/data.parquet, data.json, schema.json, provenance.json;
            reports/ingest/KEY.json; or quarantine/KEY.error.json, or held/KEY.json for a file held
            as personal data). Use it to preview a file and to
            time conversions (prints rows/s and MB/s).

              --key KEY   the raw key to ingest it as (default: the file name); it matters under
                          surveys/ and config/, and for periods taken from the name (mid2020)
            """;

    static final String CHECK_HELP = """
            Usage: ./bigpicture check FILE [--key KEY]

            Says what would become of FILE if it were uploaded: the tables found, the layout
            recognised and the dataset each becomes, with rows read, written and rejected; the
            personal-data screen's verdict (columns that would hold it, and why); or the reason and
            the line it would be quarantined for. Exit 3 quarantined, 4 held. It converts in a temporary folder that
            is deleted afterwards: nothing is written anywhere else.

              --key KEY   the raw key it would be uploaded as (default: the file name)
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    IngestCommands(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int ingest(Args a) throws Exception {
        Path file = existingFile(a.positional(0, "the file to ingest (ingest FILE --out DIR)"));
        a.atMostPositionals(1);
        if (a.get("out") == null) {
            throw new Args.UsageException("missing --out DIR");
        }
        Path outDir = Path.of(a.get("out")).toAbsolutePath();
        String key = a.get("key", file.getFileName().toString());
        FileObjectStore store = new FileObjectStore(outDir);
        Buckets buckets = new Buckets("raw", "lake", "published");
        store.put(buckets.raw(), key, file, PutOptions.of(Pipeline.contentType(key)));
        ObjectInfo info = store.head(buckets.raw(), key).orElseThrow();
        Path secret = PseudonymKeySource.createFileIfMissing(outDir.resolve("secrets").resolve("pseudonym-key"));
        Path scratch = Files.createTempDirectory("bigpicture-ingest-");
        AtomicBoolean running = new AtomicBoolean(true);
        long start = System.nanoTime();
        Thread ticker = new Thread(() -> {
            Progress p = new Progress(err);
            while (running.get()) {
                p.show("Converting " + key + " (" + Progress.bytes(info.size()) + "): "
                        + (System.nanoTime() - start) / 1_000_000_000L + " s, " + Progress.bytes(sizeOf(scratch))
                        + " in the work folder", false);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ingest-progress");
        ticker.setDaemon(true);
        ticker.start();
        IngestResult result;
        try {
            Wiring wiring = new Wiring(store, buckets, Notifier.NONE, PseudonymKeySource.file(secret), clock, scratch, null);
            // A sequencer from the clock: each later preview of the same key counts as newer.
            RawObjectEvent event = new RawObjectEvent(buckets.raw(), key, null, info.etag().replace("\"", ""),
                    info.size(), String.format("%018X", clock.millis()), clock.instant());
            result = wiring.ingest().onObjectCreated(event);
        } finally {
            running.set(false);
            ticker.interrupt();
            Pipeline.deleteTree(scratch);
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        out.println(key + ": " + result.status());
        switch (result.status()) {
            case "accepted" -> {
                out.println("  family   " + result.family());
                for (String id : result.datasets()) {
                    out.println("  dataset  " + store.pathOf(buckets.lake(), LakeKeys.datasetPrefix(id) + "x").getParent());
                }
                out.printf(Locale.ROOT, "  %s rows in %.2f s: %s rows/s, %s MB/s%n", Progress.count(result.rows()),
                        seconds, Progress.rate(result.rows() / seconds), Progress.rate(info.size() / 1e6 / seconds));
            }
            case "quarantined" -> out.println("  " + result.message() + "\n  record   "
                    + store.pathOf(buckets.lake(), LakeKeys.quarantineKey(key)));
            case "held" -> out.println("  " + result.message() + "\n  record   "
                    + store.pathOf(buckets.lake(), LakeKeys.heldKey(key)));
            default -> out.println("  " + (result.message() == null ? "" : result.message()));
        }
        out.println("  report   " + store.pathOf(buckets.lake(), LakeKeys.reportKey(key)));
        return result.status().equals("quarantined") ? Pipeline.QUARANTINED
                : result.status().equals("held") ? Pipeline.HELD : 0;
    }

    int check(Args a) throws Exception {
        Path file = existingFile(a.positional(0, "the file to check (check FILE)"));
        a.atMostPositionals(1);
        String key = a.get("key", file.getFileName().toString());
        if (key.startsWith(LakeKeys.CONFIG)) {
            return checkConfiguration(key, file);
        }
        Limits limits = Limits.defaults();
        Recognizer recognizer = Recognizer.standard(limits);
        Path temp = Files.createTempDirectory("bigpicture-check-");
        try {
            UploadTables tables = recognizer.open(key, file);
            java.util.List<String> lines = new java.util.ArrayList<>();
            for (String skipped : tables.skipped()) {
                lines.add("  skipped sheet  " + skipped);
            }
            boolean held = false;
            Workspace workspace = new ScratchWorkspace(temp, limits);
            for (TableInput table : tables.tables()) {
                Format format = recognizer.formatFor(table);
                lines.add("  " + (table.sheet() == null ? "table" : "sheet '" + table.sheet() + "'") + " → dataset "
                        + table.datasetId() + "  [" + format.family() + "; " + table.physicalLayout() + "]");
                for (ConvertedDataset d : format.convert(table, workspace)) {
                    lines.add("    " + d.datasetId() + ": " + d.kind() + ", " + d.layout());
                    lines.add("    rows read " + Progress.count(d.rowsRead()) + ", written "
                            + Progress.count(d.rowsWritten()) + ", not written " + Progress.count(d.rowsRejected())
                            + (d.rejected().isEmpty() ? "" : " " + d.rejected()));
                    for (String note : d.notes()) {
                        lines.add("    note: " + note);
                    }
                    ScreenResult screen = recognizer.screening().map(x -> x.collect(d.dir())).orElse(ScreenResult.NONE);
                    if (!d.kind().equals("survey") && screen.held()) {
                        held = true;
                        for (ColumnVerdict v : screen.personalColumns()) {
                            lines.add("    HELD: column \"" + Redactor.redact(v.header()) + "\": " + v.reason());
                        }
                        if (screen.recordsAboutPeople() != null) {
                            lines.add("    HELD: " + screen.recordsAboutPeople());
                        }
                    } else if (screen.redactionCount() > 0) {
                        lines.add("    screen: " + screen.redactionCount() + " identifiers in text would be redacted "
                                + screen.redactions());
                    }
                }
            }
            out.println(key + (held ? ": would be HELD (personal data suspected; nothing of it would be published)"
                    : ": would be accepted"));
            lines.forEach(out::println);
            if (held) {
                out.println("  to release: upload it without those columns, or list its sha256 "
                        + org.bigpicture.core.lake.Sha256.hex(file) + " in config/publish.yaml with a reason");
            }
            out.println("  (validated by converting in a temporary folder, since deleted; nothing else was written)");
            return held ? Pipeline.HELD : 0;
        } catch (BadInputException bad) {
            out.println(key + ": would be QUARANTINED");
            out.println("  " + (bad.line() > 0 ? "line " + bad.line() + ": " : "") + bad.reason());
            return Pipeline.QUARANTINED;
        } finally {
            Pipeline.deleteTree(temp);
        }
    }

    private int checkConfiguration(String key, Path file) throws IOException {
        String name = key.substring(LakeKeys.CONFIG.length());
        Optional<ConfigValidator> validator = Wiring.configValidators().stream()
                .filter(v -> v.name().equals(name)).findFirst();
        if (validator.isEmpty()) {
            out.println(key + ": would be QUARANTINED");
            out.println("  unknown configuration file; expected one of "
                    + Wiring.configValidators().stream().map(ConfigValidator::name).toList() + " directly under config/");
            return Pipeline.QUARANTINED;
        }
        try {
            validator.get().validate(key, Files.readString(file, StandardCharsets.UTF_8));
            out.println(key + ": valid configuration; it would replace the lake's " + key);
            return 0;
        } catch (BadInputException bad) {
            out.println(key + ": would be QUARANTINED (the last good configuration stays in force)");
            out.println("  " + (bad.line() > 0 ? "line " + bad.line() + ": " : "") + bad.reason());
            return Pipeline.QUARANTINED;
        } catch (java.nio.charset.MalformedInputException e) {
            out.println(key + ": would be QUARANTINED");
            out.println("  configuration files must be UTF-8 text");
            return Pipeline.QUARANTINED;
        }
    }

    private static Path existingFile(String name) {
        Path p = Path.of(name);
        if (!Files.isRegularFile(p)) {
            throw new Args.UsageException(name + " is not a file");
        }
        return p;
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // files come and go while the conversion runs
        }
    }

}
