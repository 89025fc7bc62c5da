package org.bigpicture.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.PseudonymKeySource;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local stack (DESIGN.md, "Runs without AWS and without Docker"): S3Proxy in-process on
 * 127.0.0.1 over a filesystem store under the store folder, the three buckets of template.yaml, and
 * the {@link Dispatcher} that invokes the real handlers with real S3 events after every write.
 *
 * <p>Store folder layout: {@code s3/} (the buckets, one folder each, keys as {@link
 * org.bigpicture.core.store.KeyPaths} paths), {@code versions.log} ({@link VersionLedger}: every
 * event, on disk before its write is answered), {@code deliveries.log} ({@link DeliveryLog}),
 * {@code logs/<function>.log}, {@code failures/<function>/*.json} (the on-failure list) and
 * {@code .lock} ({@link StoreLock}).
 *
 * <p>A start first finishes what the last one left: writes whose answer never left get their event
 * ({@link JournalRecovery}), and every event not yet delivered is delivered, oldest first, before
 * the endpoint takes a new request.
 */
public final class LocalStack implements AutoCloseable {

    /** LocalStack's port, so {@code AWS_ENDPOINT_URL} habits carry over. */
    public static final int DEFAULT_PORT = 4566;
    /** LocalStack's dummy credentials, for the same reason. */
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";
    /** The SDK's retries locally: enough attempts that a 20% fault rate still gets every request through. */
    public static final int MAX_ATTEMPTS = 12;

    /**
     * How to start.
     *
     * @param port       0 for an ephemeral port (tests)
     * @param faultRate  share of requests to fail (0 for none)
     * @param workers    concurrent invocations of a function (its reserved concurrency can only lower it)
     * @param dispatch   false to run the S3 endpoint without invoking any function
     * @param holder     what a second user of the store is told holds it (e.g. "bigpicture serve")
     * @param functions  the functions to dispatch to (null for every function of the template)
     */
    public record Options(Path storeDir, Path template, int port, double faultRate, long faultSeed, int workers,
                          Dispatcher.RetryPolicy retry, Clock clock, HandlerFactory handlers,
                          Map<String, String> parameterOverrides, boolean dispatch, String holder,
                          Set<String> functions) {

        public static Options defaults(Path storeDir, Path template) {
            return new Options(storeDir, template, DEFAULT_PORT, 0, 1, 2, Dispatcher.RetryPolicy.local(),
                    Clock.systemUTC(), HandlerFactory.REFLECTIVE, Map.of(), true, "bigpicture", null);
        }

        public Options port(int p) {
            return new Options(storeDir, template, p, faultRate, faultSeed, workers, retry, clock, handlers,
                    parameterOverrides, dispatch, holder, functions);
        }

        public Options faults(double rate, long seed) {
            return new Options(storeDir, template, port, rate, seed, workers, retry, clock, handlers,
                    parameterOverrides, dispatch, holder, functions);
        }

        public Options handlers(HandlerFactory h) {
            return new Options(storeDir, template, port, faultRate, faultSeed, workers, retry, clock, h,
                    parameterOverrides, dispatch, holder, functions);
        }

        public Options retry(Dispatcher.RetryPolicy r) {
            return new Options(storeDir, template, port, faultRate, faultSeed, workers, r, clock, handlers,
                    parameterOverrides, dispatch, holder, functions);
        }

        public Options dispatch(boolean d) {
            return new Options(storeDir, template, port, faultRate, faultSeed, workers, retry, clock, handlers,
                    parameterOverrides, d, holder, functions);
        }

        public Options holder(String h) {
            return new Options(storeDir, template, port, faultRate, faultSeed, workers, retry, clock, handlers,
                    parameterOverrides, dispatch, h, functions);
        }

        /** Dispatch only to these functions of the template (tests that measure one function). */
        public Options onlyFunctions(Set<String> ids) {
            return new Options(storeDir, template, port, faultRate, faultSeed, workers, retry, clock, handlers,
                    parameterOverrides, dispatch, holder, Set.copyOf(ids));
        }

        public Options workers(int w) {
            return new Options(storeDir, template, port, faultRate, faultSeed, w, retry, clock, handlers,
                    parameterOverrides, dispatch, holder, functions);
        }
    }

    private final Options options;
    private final StoreLock lock;
    private final LocalTemplate template;
    private final Buckets buckets;
    private final VersionLedger ledger;
    private final Dispatcher dispatcher;
    private final S3Proxy proxy;
    private final FaultInjector faults;
    private final URI endpoint;
    private final DeliveryLog deliveries;
    private final Recovery recovery;
    private boolean closed;

    /**
     * What the start found left by the last run of the store.
     *
     * @param unjournaled events recorded for writes the last run made but never answered
     * @param replayed    events handed to the functions again because they were never delivered
     * @param superseded  undelivered events skipped because a later event for the key was owed too
     * @param movedKeys   objects moved to their encoded paths (a store written before keys were encoded)
     */
    public record Recovery(int unjournaled, int replayed, int superseded, List<String> movedKeys,
                           boolean tornLedgerLine) {
        public boolean any() {
            return unjournaled > 0 || replayed > 0 || superseded > 0 || !movedKeys.isEmpty() || tornLedgerLine;
        }

        /** One line for the console, e.g. "finishing 12 events the last stop left undelivered". */
        public String describe() {
            List<String> parts = new java.util.ArrayList<>();
            if (replayed > 0) {
                parts.add("finishing " + replayed + " event" + (replayed == 1 ? "" : "s")
                        + " the last stop left undelivered");
            }
            if (superseded > 0) {
                parts.add(superseded + " older undelivered event" + (superseded == 1 ? "" : "s")
                        + " superseded by a later one for the same key");
            }
            if (unjournaled > 0) {
                parts.add(unjournaled + " write" + (unjournaled == 1 ? "" : "s")
                        + " stored but never answered (the stop came first): " + (unjournaled == 1 ? "its event" : "their events")
                        + " recorded now");
            }
            if (tornLedgerLine) {
                parts.add("a ledger line cut short by the crash removed (its write was never answered)");
            }
            if (!movedKeys.isEmpty()) {
                parts.add(movedKeys.size() + " object" + (movedKeys.size() == 1 ? "" : "s")
                        + " moved to their encoded file names");
            }
            return String.join("; ", parts);
        }
    }

    private LocalStack(Options options, StoreLock lock, LocalTemplate template, Buckets buckets, VersionLedger ledger,
                       Dispatcher dispatcher, S3Proxy proxy, FaultInjector faults, URI endpoint,
                       DeliveryLog deliveries, Recovery recovery) {
        this.options = options;
        this.lock = lock;
        this.template = template;
        this.buckets = buckets;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.proxy = proxy;
        this.faults = faults;
        this.endpoint = endpoint;
        this.deliveries = deliveries;
        this.recovery = recovery;
    }

    /** Locks the store, creates the buckets if needed and starts serving. */
    public static LocalStack start(Options options) throws Exception {
        Path store = options.storeDir().toAbsolutePath().normalize();
        StoreLock lock = StoreLock.acquire(store, options.holder() + " (pid " + ProcessHandle.current().pid()
                + ", starting)");
        VersionLedger ledger = null;
        Dispatcher dispatcher = null;
        DeliveryLog deliveries = null;
        try {
            LocalTemplate loaded = LocalTemplate.load(options.template(), options.parameterOverrides());
            LocalTemplate template = options.functions() == null ? loaded : loaded.only(options.functions());
            Buckets buckets = new Buckets(template.bucket("raw").name(), template.bucket("lake").name(),
                    template.bucket("published").name());
            ledger = new VersionLedger(store.resolve("versions.log"), options.clock());
            PseudonymKeySource.createFileIfMissing(pseudonymKeyFile(store));

            Path blobs = store.resolve("s3");
            Files.createDirectories(blobs);
            Properties props = new Properties();
            props.setProperty("jclouds.filesystem.basedir", blobs.toString());
            BlobStore filesystem = BlobStores.create("filesystem", props);
            List<String> moved = List.of();
            Path encodingMark = store.resolve(KEY_ENCODING_MARK);
            if (!Files.exists(encodingMark)) {
                moved = KeyEncodingBlobStore.moveLegacyNames(filesystem);
                Files.writeString(encodingMark, "object keys are stored as KeyPaths paths (version 1)\n");
            }
            KeyEncodingBlobStore encoded = new KeyEncodingBlobStore(filesystem, blobs);

            // The environment each handler sees: template.yaml's variables plus the local endpoint.
            // The dispatcher exists before the port is known, so the endpoint is filled in after start.
            Map<String, Map<String, String>> environments = new java.util.concurrent.ConcurrentHashMap<>();
            if (options.dispatch()) {
                deliveries = DeliveryLog.open(store.resolve("deliveries.log"), ledger.lastSequencer());
                dispatcher = new Dispatcher(template, options.handlers(), f -> environments.get(f.logicalId()), store,
                        options.clock(), options.retry(), options.workers(), deliveries);
            }
            Dispatcher sink = dispatcher;
            Set<String> versioned = template.buckets().values().stream()
                    .filter(LocalTemplate.BucketSpec::versioned).map(LocalTemplate.BucketSpec::name)
                    .collect(Collectors.toSet());
            NotifyingBlobStore store0 = new NotifyingBlobStore(encoded, ledger,
                    sink == null ? e -> { } : sink, buckets.published(), versioned);
            for (LocalTemplate.BucketSpec b : template.buckets().values()) {
                if (!store0.containerExists(b.name())) {
                    store0.createContainer(b.name());
                }
            }

            Recovery recovery = new Recovery(0, 0, 0, moved, ledger.repairedAtOpen());
            if (dispatcher != null) {
                List<ObjectEvent> unjournaled = JournalRecovery.reconcile(encoded, ledger, template.rules(), versioned);
                DeliveryLog.Owed owed = deliveries.owed(ledger.history(), template.rules());
                dispatcher.replay(owed.replay());
                recovery = new Recovery(unjournaled.size(), owed.replay().size(), owed.superseded().size(), moved,
                        ledger.repairedAtOpen());
            }

            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store0)
                    .endpoint(URI.create("http://127.0.0.1:" + options.port()))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .ignoreUnknownHeaders(true)
                    .build();
            WholeBodyHandler.install(proxy);
            FaultInjector faults = options.faultRate() > 0
                    ? FaultInjector.install(proxy, options.faultRate(), options.faultSeed()) : null;
            RequestGuard.install(proxy, template.publicCors());
            proxy.start();
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            for (LocalTemplate.FunctionSpec f : template.functions()) {
                environments.put(f.logicalId(), environment(f, endpoint, store, buckets));
            }
            if (dispatcher != null) {
                dispatcher.open();
            }
            lock.describe(options.holder() + " on " + endpoint + " (pid " + ProcessHandle.current().pid() + ")");
            return new LocalStack(options, lock, template, buckets, ledger, dispatcher, proxy, faults, endpoint,
                    deliveries, recovery);
        } catch (Exception | Error e) {
            if (dispatcher != null) {
                dispatcher.close();
            }
            if (deliveries != null) {
                deliveries.close();
            }
            if (ledger != null) {
                ledger.close();
            }
            lock.close();
            throw e;
        }
    }

    /** Marks a store whose objects are kept under encoded paths (older stores are moved once). */
    static final String KEY_ENCODING_MARK = "key-encoding";

    /**
     * Events a stopped store still owes its functions, without starting it (for {@code audit}): what
     * the next {@code serve} or {@code run} will deliver first.
     */
    static int owedEvents(Path storeDir, Path template) throws IOException {
        Path deliveries = storeDir.resolve("deliveries.log");
        if (!Files.exists(deliveries)) {
            return 0;
        }
        LocalTemplate t = LocalTemplate.load(template);
        List<VersionLedger.Entry> history = VersionLedger.read(storeDir.resolve("versions.log"));
        Path copy = Files.createTempFile("bigpicture-deliveries-", ".log");
        try {
            Files.copy(deliveries, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (DeliveryLog log = DeliveryLog.open(copy, "")) {
                return log.owed(history, t.rules()).replay().size();
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /**
     * A function's environment locally: its variables from template.yaml (bucket names already
     * local) plus the endpoint, region, dummy credentials, generous SDK retries and where the store
     * is (for secrets that live outside the lake, such as the pseudonym key).
     */
    static Map<String, String> environment(LocalTemplate.FunctionSpec f, URI endpoint, Path store, Buckets buckets) {
        Map<String, String> env = new LinkedHashMap<>(f.environment());
        env.putIfAbsent("RAW_BUCKET", buckets.raw());
        env.putIfAbsent("LAKE_BUCKET", buckets.lake());
        env.putIfAbsent("PUBLISHED_BUCKET", buckets.published());
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        env.put("AWS_REGION", S3Events.REGION);
        env.put("AWS_DEFAULT_REGION", S3Events.REGION);
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("AWS_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS));
        env.put("AWS_RETRY_MODE", "standard");
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.logicalId());
        env.put("BIGPICTURE_LOCAL", "true");
        env.put("BIGPICTURE_STORE", store.toString());
        env.put("BASE_URL", endpoint + "/" + buckets.published());
        // The survey secret lives outside the lake: a file in the store here, SSM in AWS.
        env.put("PSEUDONYM_KEY_FILE", pseudonymKeyFile(store).toString());
        // JVM options for the Lambda runtime; the handlers run inside this JVM.
        env.remove("JAVA_TOOL_OPTIONS");
        return env;
    }

    /** The survey pseudonymisation secret of a store: {@code secrets/pseudonym-key}, made on first use. */
    static Path pseudonymKeyFile(Path store) {
        return store.resolve("secrets").resolve("pseudonym-key");
    }

    /** An SDK client for this endpoint (path-style, dummy credentials, generous retries). */
    public S3Client client() {
        return client(endpoint);
    }

    /** An SDK client for a local endpoint. */
    public static S3Client client(URI endpoint) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofMinutes(2)))
                .endpointOverride(endpoint)
                .region(Region.of(S3Events.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS).circuitBreakerEnabled(false).build()))
                .build();
    }

    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    public Buckets buckets() {
        return buckets;
    }

    public LocalTemplate template() {
        return template;
    }

    public Path storeDir() {
        return options.storeDir().toAbsolutePath().normalize();
    }

    public VersionLedger ledger() {
        return ledger;
    }

    /** Empty when started with {@code dispatch(false)}. */
    public Optional<Dispatcher> dispatcher() {
        return Optional.ofNullable(dispatcher);
    }

    public Optional<FaultInjector> faults() {
        return Optional.ofNullable(faults);
    }

    /** What this start found left by the last run of the store, and finished. */
    public Recovery recovery() {
        return recovery;
    }

    /** The URL a partner uses for a published key (anonymous read). */
    public String publicUrl(String key) {
        return endpoint + "/" + buckets.published() + "/" + key;
    }

    /** Waits until every event (and every event those handlers' writes caused) has been handled. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return dispatcher == null || dispatcher.awaitIdle(timeout);
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            proxy.stop();
        } finally {
            try {
                if (dispatcher != null) {
                    dispatcher.close();
                }
            } finally {
                try {
                    if (deliveries != null) {
                        deliveries.close();
                    }
                    ledger.close();
                } finally {
                    lock.close();
                }
            }
        }
    }
}
