package org.bigpicture.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.PublishResult;
import org.bigpicture.core.publish.WithdrawResult;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.S3ObjectStore;
import org.bigpicture.core.store.Buckets;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code bigpicture} command line (run through the {@code ./bigpicture} script at the
 * repository root). Each command's {@code --help} explains it.
 */
public final class Cli {

    static final int USAGE = 2;

    private static final String OVERVIEW = """
            Big Stockport Picture: the local stack and tools (no AWS, no Docker).

            Usage: ./bigpicture COMMAND [options]     (./bigpicture COMMAND --help for details)

              serve      run the local stack: S3 on 127.0.0.1:4566, the three buckets, the functions
              run        upload a folder, ingest it, publish an edition, copy the buckets to a folder
              demo       'run' on samples/, then serve the report
              ingest     convert one file to the lake layout in a folder (the core only, no S3)
              check      say what would become of a file (recognise and validate; writes nothing)
              publish    publish the edition for a date (against the running stack or the store)
              withdraw   withdraw an edition from public reach
              audit      check that every upload ended as a dataset, quarantine, configuration or held record

            Options common to commands that use a store:
              --data DIR        the store (default .bigpicture/ at the repository root)
              --template FILE   the SAM template the stack is wired from (default template.yaml)

            Exit codes: 0 success, 3 some file quarantined (run, ingest, check), 4 some file held as personal
            data and none quarantined (run, ingest, check), 1 failure, 2 wrong usage.
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Path home;
    private final Clock clock;

    Cli(PrintStream out, PrintStream err, Path home, Clock clock) {
        this.out = out;
        this.err = err;
        this.home = home;
        this.clock = clock;
    }

    public static void main(String[] args) {
        // Handlers build their own SDK clients: give them, like ours, enough retries for --fault-rate.
        setIfAbsent("aws.maxAttempts", Integer.toString(LocalStack.MAX_ATTEMPTS));
        setIfAbsent("aws.retryMode", "standard");
        // The core logs through java.util.logging; the CLI prints its own summary, so only warnings show.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Path home = Path.of(System.getProperty("bigpicture.home", "")).toAbsolutePath();
        int code = new Cli(System.out, System.err, home, Wiring.ukClock()).execute(Arrays.asList(args));
        System.exit(code);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    int execute(List<String> args) {
        if (args.isEmpty() || Set.of("help", "--help", "-h").contains(args.get(0))) {
            if (args.size() > 1) {
                return execute(List.of(args.get(1), "--help"));
            }
            out.print(OVERVIEW);
            return args.isEmpty() ? USAGE : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        boolean help = rest.contains("--help") || rest.contains("-h");
        try {
            return switch (command) {
                case "serve" -> help ? help(SERVE) : serve(rest);
                case "run" -> help ? help(RUN) : run(rest);
                case "demo" -> help ? help(DEMO) : demo(rest);
                case "ingest" -> help ? help(IngestCommands.INGEST_HELP)
                        : new IngestCommands(out, err, clock).ingest(new Args(rest, Set.of("out", "key"), Set.of()));
                case "check" -> help ? help(IngestCommands.CHECK_HELP)
                        : new IngestCommands(out, err, clock).check(new Args(rest, Set.of("key"), Set.of()));
                case "publish" -> help ? help(PUBLISH) : publish(rest);
                case "withdraw" -> help ? help(WITHDRAW) : withdraw(rest);
                case "audit" -> help ? help(AUDIT) : audit(rest);
                default -> {
                    err.println("bigpicture: unknown command '" + command + "'");
                    err.print(OVERVIEW);
                    yield USAGE;
                }
            };
        } catch (Args.UsageException e) {
            err.println("bigpicture " + command + ": " + e.getMessage() + " (see ./bigpicture " + command + " --help)");
            return USAGE;
        } catch (StoreLock.StoreBusyException e) {
            err.println("bigpicture " + command + ": " + e.getMessage());
            return Pipeline.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bigpicture " + command + ": interrupted");
            return Pipeline.FAILED;
        } catch (Exception e) {
            err.println("bigpicture " + command + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (System.getenv("BIGPICTURE_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return Pipeline.FAILED;
        }
    }

    private int help(String text) {
        out.print(text);
        return 0;
    }

    // ---------------------------------------------------------------------------------------- serve

    static final String SERVE = """
            Usage: ./bigpicture serve [--port 4566] [--data DIR] [--fault-rate R [--fault-seed S]]

            Runs the local stack until Ctrl-C: an S3-compatible endpoint on 127.0.0.1 (S3Proxy over
            files under the store folder), the raw, lake and published buckets of template.yaml, and
            the functions template.yaml subscribes to S3 events, invoked with real S3 events after
            every write, whoever made it (the SDK, aws s3 cp, a presigned URL). Published bundles/*
            are readable without credentials; everything else needs them (any key id and secret
            "test"). The store is locked while it runs: 'run' on the same store refuses.

            Every write is answered only once its event is on disk (STORE/versions.log); events a
            stopped or crashed serve had not delivered are delivered when it starts again. Requests
            must name the endpoint as 127.0.0.1:PORT or localhost:PORT; requests from web pages
            (an Origin header) are refused, except reads of published bundles/* as template.yaml's
            CORS allows.

              --port N          port on 127.0.0.1 (default 4566, LocalStack's)
              --data DIR        the store (default .bigpicture/)
              --fault-rate R    fail that share of requests (500 InternalError, 503 SlowDown, cut
                                connections), to test that nothing is lost; default 0
              --fault-seed S    seed of the fault decisions (default 1)
              --workers N       concurrent invocations of a function; reserved concurrency only lowers it (default 2)

            Upload with:  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=eu-west-2 \\
                            aws --endpoint-url http://127.0.0.1:4566 s3 cp FILE s3://bigpicture-raw/ons/FILE
            """;

    private int serve(List<String> rest) throws Exception {
        Args a = new Args(rest, Set.of("port", "data", "template", "fault-rate", "fault-seed", "workers"), Set.of());
        a.atMostPositionals(0);
        LocalStack.Options o = options(a).port(a.integer("port", LocalStack.DEFAULT_PORT)).holder("bigpicture serve");
        try (LocalStack stack = LocalStack.start(o)) {
            printBanner(stack);
            stack.dispatcher().ifPresent(d -> d.listen(new ConsoleListener(out, err)));
            waitForInterrupt(stack);
        }
        return 0;
    }

    private void printBanner(LocalStack stack) {
        Buckets b = stack.buckets();
        out.println("Big Stockport Picture local stack");
        out.println("  endpoint   " + stack.endpoint() + "   (credentials: key id and secret 'test', region "
                + S3Events.REGION + ")");
        out.println("  store      " + stack.storeDir());
        out.println("  buckets    raw " + b.raw() + ", lake " + b.lake() + ", published " + b.published());
        for (LocalTemplate.FunctionSpec f : stack.template().functions()) {
            if (!f.rules().isEmpty()) {
                StringBuilder s = new StringBuilder();
                for (LocalTemplate.S3Rule r : f.rules()) {
                    s.append(s.length() == 0 ? "" : "; ").append(r.bucket()).append(' ')
                            .append(String.join(",", r.events()).replace("s3:", ""))
                            .append(r.prefix().isEmpty() ? "" : " prefix " + r.prefix())
                            .append(r.suffix().isEmpty() ? "" : " suffix " + r.suffix());
                }
                out.println("  function   " + f.logicalId() + " ← " + s
                        + (f.reservedConcurrency() == null ? "" : " (one at a time)"));
            }
        }
        stack.faults().ifPresent(f -> out.println("  faults     failing a share of requests (--fault-rate)"));
        if (stack.recovery().any()) {
            out.println("  recovery   " + stack.recovery().describe());
        }
        stack.dispatcher().ifPresent(d -> d.unavailableFunctions().forEach((fn, cls) -> out.println("  WARNING    "
                + fn + ": its handler " + cls + " is not built (not on the classpath): its events are not delivered")));
        out.println("  upload     aws --endpoint-url " + stack.endpoint() + " s3 cp FILE s3://" + b.raw() + "/ons/FILE");
        out.println("  report     " + stack.publicUrl("bundles/latest/index.html"));
        out.println("Ctrl-C stops it.");
    }

    private void waitForInterrupt(LocalStack stack) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "bigpicture-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
        try {
            stack.awaitIdle(java.time.Duration.ofSeconds(30));
        } finally {
            out.println("Stopping.");
            try {
                stack.close();
            } catch (Exception e) {
                err.println("while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }
    }

    // ---------------------------------------------------------------------------------------- run / demo

    static final String RUN = """
            Usage: ./bigpicture run DIR --out OUT [--date YYYY-MM-DD] [--data STORE] [--fault-rate R [--fault-seed S]]

            Uploads every file under DIR to the raw bucket of the store with the SDK (key = the path
            relative to DIR; dotfiles and documentation, *.md and README*, are skipped and listed),
            waits for ingest and headlines, checks the ledger (as 'audit'), publishes the edition for
            the date, copies the three buckets to OUT/raw, OUT/lake and OUT/published, and prints what
            became of each file and the headlines. Two runs on one store are two rounds of uploads to
            the same buckets.

              --out OUT         where the buckets are copied (its raw/, lake/, published/ are replaced)
              --date D          the edition's date (default today, Europe/London)
              --data STORE      the store (default .bigpicture/); refused while 'serve' holds it
              --base-url URL    what published URLs start with (default http://127.0.0.1:4566/<published
                                bucket>, where 'serve' shows them)
              --port N          port for this run's endpoint (default: any free one)
              --fault-rate R    fail that share of S3 requests (see serve --help); --fault-seed S

            Exit: 0 every file accepted, 3 some quarantined (the rest is still published), 4 some held as
            personal data and none quarantined (nothing of a held file is published; the rest is), 1
            failure (an event failed after retries, a gap in the ledger, or an error).
            """;

    static final String DEMO = """
            Usage: ./bigpicture demo [--no-serve] [--port 4566] [--data STORE]

            Runs samples/ as 'run' does (into STORE/demo-out), then serves the stack and prints the
            report's URL, e.g. http://127.0.0.1:4566/bigpicture-published/bundles/latest/index.html.
            With --no-serve it stops after the run and prints where the report is on disk.
            """;

    private int run(List<String> rest) throws Exception {
        Args a = new Args(rest, Set.of("out", "date", "data", "template", "fault-rate", "fault-seed", "port",
                "base-url", "workers"), Set.of());
        Path dir = Path.of(a.positional(0, "the folder to upload (run DIR --out OUT)"));
        a.atMostPositionals(1);
        if (a.get("out") == null) {
            throw new Args.UsageException("missing --out OUT");
        }
        if (!Files.isDirectory(dir)) {
            throw new Args.UsageException(dir + " is not a folder");
        }
        LocalDate date = date(a);
        LocalStack.Options o = options(a).port(a.integer("port", 0)).holder("bigpicture run");
        try (LocalStack stack = LocalStack.start(o)) {
            return pipeline(stack, dir, Path.of(a.get("out")), date, a.get("base-url"));
        }
    }

    private int demo(List<String> rest) throws Exception {
        Args a = new Args(rest, Set.of("port", "data", "template", "date", "workers", "fault-rate", "fault-seed"),
                Set.of("no-serve"));
        a.atMostPositionals(0);
        boolean serve = !a.flag("no-serve");
        Path samples = home.resolve("samples");
        if (!Files.isDirectory(samples)) {
            throw new Args.UsageException("no samples/ folder under " + home);
        }
        int port = a.integer("port", LocalStack.DEFAULT_PORT);
        LocalStack.Options o = options(a).port(serve ? port : 0).holder(serve ? "bigpicture demo" : "bigpicture demo --no-serve");
        Path demoOut = o.storeDir().resolve("demo-out");
        try (LocalStack stack = LocalStack.start(o)) {
            String baseUrl = "http://127.0.0.1:" + port + "/" + stack.buckets().published();
            int code = pipeline(stack, samples, demoOut, date(a), baseUrl);
            if (!serve) {
                out.println();
                out.println("Report on disk: " + demoOut.resolve("published/bundles/latest/index.html").toAbsolutePath());
                out.println("Serve it with ./bigpicture serve, then open " + baseUrl + "/bundles/latest/index.html");
                return code;
            }
            out.println();
            printBanner(stack);
            out.println();
            out.println("Open the report: " + stack.publicUrl("bundles/latest/index.html"));
            stack.dispatcher().ifPresent(d -> d.listen(new ConsoleListener(out, err)));
            waitForInterrupt(stack);
            return code;
        }
    }

    /** The run itself, on a started stack. */
    private int pipeline(LocalStack stack, Path dir, Path outDir, LocalDate date, String baseUrl) throws Exception {
        String base = baseUrl != null ? baseUrl
                : "http://127.0.0.1:" + LocalStack.DEFAULT_PORT + "/" + stack.buckets().published();
        Pipeline p = new Pipeline(stack, out, err, clock, base);
        Pipeline.Selection selection = Pipeline.select(dir);
        out.println("Local stack on " + stack.endpoint() + " (store " + stack.storeDir() + ")");
        if (stack.recovery().any()) {
            out.println("Recovery: " + stack.recovery().describe());
        }
        stack.dispatcher().ifPresent(d -> d.unavailableFunctions().forEach((fn, cls) -> out.println("WARNING: " + fn
                + ": its handler " + cls + " is not built (not on the classpath): its events will not be delivered")));
        if (!selection.skipped().isEmpty()) {
            out.println("Skipped (dotfiles and documentation): " + String.join(", ", selection.skipped()));
        }
        if (selection.uploads().isEmpty()) {
            err.println("nothing to upload under " + dir);
            return Pipeline.FAILED;
        }
        p.upload(selection.uploads());
        p.awaitProcessing(selection.uploads().size());

        LedgerAudit.Result audit = p.audit();
        PublishResult published = null;
        if (audit.clean()) {
            published = p.publish(date);
            stack.awaitIdle(java.time.Duration.ofMinutes(10));
        }
        p.mirror(outDir);

        int[] counts;
        try (S3Client s3 = stack.client()) {
            counts = p.summarise(selection.uploads(), new S3ObjectStore(s3));
        }
        out.println();
        printAudit(audit);
        if (published != null) {
            out.println("Publish: " + published.outcome().name().toLowerCase(Locale.ROOT)
                    + (published.edition() == null ? "" : " edition " + published.edition())
                    + (published.message() == null ? "" : " (" + published.message() + ")"));
            if (published.url() != null) {
                out.println("  " + published.url());
            }
        } else {
            out.println("Publish: not attempted, the ledger has gaps (see above)");
        }
        stack.faults().ifPresent(f -> out.println("Faults injected: " + f.injected() + " of " + f.requests()
                + " requests"));
        stack.dispatcher().ifPresent(d -> d.undelivered().forEach((fn, n) -> out.println("WARNING: " + n + " events for "
                + fn + " were not delivered: its handler " + d.unavailableFunctions().get(fn) + " is not built yet")));
        List<Dispatcher.Failure> failures = stack.dispatcher().map(Dispatcher::failures).orElse(List.of());
        if (!failures.isEmpty() || !audit.clean() || counts[1] > 0) {
            return Pipeline.FAILED;
        }
        return counts[0] > 0 ? Pipeline.QUARANTINED : counts[2] > 0 ? Pipeline.HELD : Pipeline.OK;
    }

    private void printAudit(LedgerAudit.Result audit) {
        out.println("Ledger: " + audit.rawObjects() + " raw objects " + audit.outcomes() + ", " + audit.datasets()
                + " datasets" + (audit.clean() ? ", no gaps" : ", " + audit.gaps().size() + " gaps:"));
        for (LedgerAudit.Gap g : audit.gaps()) {
            out.println("  GAP " + g);
        }
    }

    // ---------------------------------------------------------------------------------------- publish / withdraw / audit

    static final String PUBLISH = """
            Usage: ./bigpicture publish [--date YYYY-MM-DD] [--data STORE] [--base-url URL]

            Publishes the lake as the edition for the date (default today, Europe/London), as the
            monthly schedule does: against the running 'serve' that holds the store, else on the store
            directly. An unchanged lake makes no new edition; changed content on a date that already
            has one becomes <date>.2, .3. Prints the outcome as JSON.
            """;

    static final String WITHDRAW = """
            Usage: ./bigpicture withdraw EDITION --reason TEXT [--data STORE]

            Removes an edition's files from public reach, keeps it in bundles/catalog.json marked
            withdrawn with the reason, and moves latest back if it pointed at it: for the day an
            edition is found to hold an error or personal data.
            """;

    static final String AUDIT = """
            Usage: ./bigpicture audit [--out DIR | --data STORE]

            Checks the ledger: every raw object, as it is now, ended as exactly one of a dataset set,
            a quarantine record, a configuration record or a held record (its reports/ingest/ entry
            and what that names exist, and are about the object's current bytes); no dataset,
            restricted/ file or held record is left from a raw object that is gone or became
            something else; no event waits on the on-failure list
            (STORE/failures/; delete a record there once handled, as you would purge the queue).
            With --out, checks a folder written by 'run --out'. Lists every gap; exit 1 when any.
            """;

    private int publish(List<String> rest) throws Exception {
        Args a = new Args(rest, Set.of("date", "data", "template", "base-url"), Set.of());
        a.atMostPositionals(0);
        LocalDate date = date(a);
        try (StoreAccess s = StoreAccess.open(store(a), template(a))) {
            String base = a.get("base-url", "http://127.0.0.1:" + LocalStack.DEFAULT_PORT + "/" + s.buckets().published());
            err.println("Publishing the edition for " + date + " through " + s.via());
            PublishResult r = new BundlePublisher(s.store(), s.buckets(), base, clock).publish(date);
            out.println(org.bigpicture.core.util.JsonMappers.PLAIN.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(r.toMap()));
            return 0;
        }
    }

    private int withdraw(List<String> rest) throws Exception {
        Args a = new Args(rest, Set.of("reason", "data", "template", "base-url"), Set.of());
        String edition = a.positional(0, "the edition to withdraw (withdraw EDITION --reason TEXT)");
        a.atMostPositionals(1);
        String reason = a.get("reason");
        if (reason == null || reason.isBlank()) {
            throw new Args.UsageException("--reason TEXT is required: partners see it in catalog.json");
        }
        try (StoreAccess s = StoreAccess.open(store(a), template(a))) {
            String base = a.get("base-url", "http://127.0.0.1:" + LocalStack.DEFAULT_PORT + "/" + s.buckets().published());
            WithdrawResult r = new BundlePublisher(s.store(), s.buckets(), base, clock).withdraw(edition, reason);
            out.println(org.bigpicture.core.util.JsonMappers.PLAIN.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(r.toMap()));
            return 0;
        }
    }

    private int audit(List<String> rest) throws Exception {
        Args a = new Args(rest, Set.of("out", "data", "template"), Set.of());
        a.atMostPositionals(0);
        LedgerAudit.Result result;
        if (a.get("out") != null) {
            Path outDir = Path.of(a.get("out"));
            if (!Files.isDirectory(outDir.resolve("raw")) || !Files.isDirectory(outDir.resolve("lake"))) {
                throw new Args.UsageException(outDir + " is not a folder written by run --out (no raw/ and lake/)");
            }
            result = new LedgerAudit(new FileObjectStore(outDir), new Buckets("raw", "lake", "published"))
                    .audit(List.of());
        } else {
            Path store = store(a);
            try (StoreAccess s = StoreAccess.open(store, template(a))) {
                result = new LedgerAudit(s.store(), s.buckets()).audit(FailureRecords.read(store));
                if (s.ownStack().isPresent()) {
                    int owed = LocalStack.owedEvents(store, template(a));
                    if (owed > 0) {
                        out.println("Journal: " + owed + " event" + (owed == 1 ? " was" : "s were") + " never delivered"
                                + " (the last serve or run stopped first): ./bigpicture serve delivers "
                                + (owed == 1 ? "it" : "them") + " when it starts");
                    }
                }
            }
        }
        printAudit(result);
        return result.clean() ? 0 : Pipeline.FAILED;
    }

    // ---------------------------------------------------------------------------------------- shared

    private LocalStack.Options options(Args a) {
        double rate = a.decimal("fault-rate", 0);
        if (rate < 0 || rate >= 1) {
            throw new Args.UsageException("--fault-rate must be at least 0 and below 1");
        }
        return LocalStack.Options.defaults(store(a), template(a))
                .faults(rate, a.longValue("fault-seed", 1))
                .workers(a.integer("workers", 2));
    }

    private Path store(Args a) {
        return a.path("data", home.resolve(".bigpicture")).toAbsolutePath();
    }

    private Path template(Args a) {
        Path t = a.path("template", home.resolve("template.yaml"));
        if (!Files.isRegularFile(t)) {
            throw new Args.UsageException("no template at " + t.toAbsolutePath()
                    + " (run from the repository root, or pass --template FILE)");
        }
        return t;
    }

    private LocalDate date(Args a) {
        String d = a.get("date");
        if (d == null) {
            return LocalDate.now(clock.withZone(Wiring.london()));
        }
        try {
            return LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            throw new Args.UsageException("--date must be YYYY-MM-DD, not " + d);
        }
    }

}
