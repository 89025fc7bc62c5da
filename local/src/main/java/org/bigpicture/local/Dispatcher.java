package org.bigpicture.local;

import org.bigpicture.core.util.JsonMappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Delivers S3 events to the functions that template.yaml subscribes to them, the way Lambda's
 * asynchronous invocation does: queued, handled on a pool of workers (one at a time for a function
 * with reserved concurrency 1), retried twice on failure, and then recorded on the on-failure list
 * (the SQS destination in AWS) under {@code <store>/failures/}. Nothing is dropped silently.
 *
 * <p>Events for one key always go to the same worker, so they are handled in the order they were
 * written. Lambda does not promise that; the core copes either way (it compares sequencers), and
 * keeping the order here makes local runs repeatable.
 *
 * <p>Each invocation that ends (handled, or put on the on-failure list) is recorded in the
 * {@link DeliveryLog}; events a stopped stack still owed are handed back with {@link #replay} at
 * the next start, before any new write, so a key's events stay in order. Nothing runs until
 * {@link #open()} (the handlers need the endpoint, known once the server has started).
 */
public final class Dispatcher implements Consumer<ObjectEvent>, AutoCloseable {

    /** How failures are retried: Lambda retries an asynchronous invocation twice (after 1 and 2 minutes). */
    public record RetryPolicy(int retries, Duration firstDelay, Duration secondDelay) {
        /** Lambda's two retries, with delays short enough for a local run. */
        public static RetryPolicy local() {
            return new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(2));
        }

        Duration delayBefore(int retry) {
            return retry <= 1 ? firstDelay : secondDelay;
        }
    }

    /** One event that a function could not handle, after every retry. */
    public record Failure(String function, ObjectEvent event, int attempts, String errorType, String errorMessage,
                          Path record) {
    }

    /** Told of each invocation's end (for {@code serve}'s console); called on the worker thread. */
    public interface Listener {
        void handled(String function, ObjectEvent event, Object result, int attempts);

        void failed(Failure failure);
    }

    private static final ObjectMapper JSON = JsonMappers.INDENTED;
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final LocalTemplate template;
    private final Map<String, FunctionRunner> runners = new LinkedHashMap<>();
    private final Path failuresDir;
    private final Clock clock;
    private final RetryPolicy retry;
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final Object idle = new Object();
    private long pending;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final Map<String, AtomicLong> undelivered = new java.util.concurrent.ConcurrentHashMap<>();
    private final DeliveryLog deliveries;
    private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
    private final AtomicLong replayed = new AtomicLong();
    private volatile boolean closing;

    /**
     * @param environment per function: the environment its handler is configured with (asked when a
     *                    handler is first made, so it may name an endpoint that starts after this)
     * @param workers     concurrent invocations of a function: its reserved concurrency, when it has
     *                    one, can only lower this (ingest reserves 10 in AWS; this machine may have 2 cores)
     * @param deliveries  where ended invocations are recorded (null: nowhere, nothing is replayed)
     */
    public Dispatcher(LocalTemplate template, HandlerFactory factory,
                      Function<LocalTemplate.FunctionSpec, Map<String, String>> environment,
                      Path storeDir, Clock clock, RetryPolicy retry, int workers, DeliveryLog deliveries)
            throws IOException {
        this.template = template;
        this.deliveries = deliveries;
        this.failuresDir = storeDir.resolve("failures");
        this.clock = clock;
        this.retry = retry;
        for (LocalTemplate.FunctionSpec f : template.functions()) {
            if (f.rules().isEmpty()) {
                continue;
            }
            if (!loadable(f.handlerClass())) {
                unavailable.put(f.logicalId(), f.handlerClass());
                continue;
            }
            int lanes = f.reservedConcurrency() != null ? Math.max(1, Math.min(f.reservedConcurrency(), workers))
                    : Math.max(1, workers);
            FunctionLog log = new FunctionLog(storeDir.resolve("logs").resolve(f.logicalId() + ".log"), clock);
            runners.put(f.logicalId(), new FunctionRunner(f, factory, environment, lanes, log));
        }
    }

    /** Called by the store after every successful write or removal; never throws, never blocks long. */
    @Override
    public void accept(ObjectEvent event) {
        boolean matched = false;
        for (LocalTemplate.S3Rule rule : template.rules()) {
            if (rule.matches(event.bucket(), event.eventName(), event.key())) {
                if (unavailable.containsKey(rule.functionId())) {
                    matched = true;
                    undelivered.computeIfAbsent(rule.functionId(), k -> new AtomicLong()).incrementAndGet();
                    continue;
                }
                FunctionRunner runner = runners.get(rule.functionId());
                if (runner != null) {
                    matched = true;
                    synchronized (idle) {
                        pending++;
                    }
                    runner.submit(event, rule);
                }
            }
        }
        if (!matched) {
            ignored.incrementAndGet();
        }
    }

    /**
     * Hands back events a stopped stack owed (oldest first), ahead of any new event. Call before
     * the server starts taking writes.
     */
    void replay(List<DeliveryLog.Pending> owed) {
        for (DeliveryLog.Pending p : owed) {
            FunctionRunner runner = runners.get(p.rule().functionId());
            if (runner == null) {
                if (unavailable.containsKey(p.rule().functionId())) {
                    undelivered.computeIfAbsent(p.rule().functionId(), k -> new AtomicLong()).incrementAndGet();
                }
                continue;
            }
            synchronized (idle) {
                pending++;
            }
            replayed.incrementAndGet();
            runner.submit(p.event(), p.rule());
        }
    }

    /** Lets the workers start: the endpoint the handlers talk to is up. */
    void open() {
        ready.countDown();
    }

    /** Events handed back at start by {@link #replay}. */
    public long replayed() {
        return replayed.get();
    }

    /**
     * Waits until no event is queued or being handled (including events caused by handlers' own
     * writes, which are counted before the write that caused them returns).
     *
     * @return false when the timeout passed first
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Functions of template.yaml whose handler class is not on the classpath (a function module not
     * built yet, or not a dependency of the local module), by logical id. Their events are counted in
     * {@link #undelivered()}, and the CLI says so.
     */
    public Map<String, String> unavailableFunctions() {
        return Map.copyOf(unavailable);
    }

    /** Events that matched a function whose handler is not on the classpath, by function. */
    public Map<String, Long> undelivered() {
        Map<String, Long> out = new LinkedHashMap<>();
        undelivered.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, Dispatcher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Events waiting or being handled now. */
    public long pending() {
        synchronized (idle) {
            return pending;
        }
    }

    /** Invocations that ended well. */
    public long delivered() {
        return delivered.get();
    }

    /** Writes that no rule subscribes to (most lake and published writes). */
    public long ignored() {
        return ignored.get();
    }

    /** Events that failed every attempt, in the order they gave up. */
    public List<Failure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    private void done() {
        synchronized (idle) {
            pending--;
            if (pending == 0) {
                idle.notifyAll();
            }
        }
    }

    /**
     * Stops the workers. An invocation cut short by the stop is neither retried, put on the
     * on-failure list nor recorded as delivered: the next start delivers it again.
     */
    @Override
    public void close() throws IOException {
        closing = true;
        ready.countDown();
        for (FunctionRunner r : runners.values()) {
            r.close();
        }
    }

    /** One function: its workers, each holding its own handler instance like a Lambda environment. */
    private final class FunctionRunner {
        private final LocalTemplate.FunctionSpec spec;
        private final HandlerFactory factory;
        private final Function<LocalTemplate.FunctionSpec, Map<String, String>> environment;
        private final ExecutorService[] lanes;
        private final HandlerFactory.Invocation[] handlers;
        private final FunctionLog log;
        private final AtomicLong requests = new AtomicLong();

        FunctionRunner(LocalTemplate.FunctionSpec spec, HandlerFactory factory,
                       Function<LocalTemplate.FunctionSpec, Map<String, String>> environment, int lanes, FunctionLog log) {
            this.spec = spec;
            this.factory = factory;
            this.environment = environment;
            this.lanes = new ExecutorService[lanes];
            this.handlers = new HandlerFactory.Invocation[lanes];
            this.log = log;
            for (int i = 0; i < lanes; i++) {
                String name = spec.logicalId() + "-" + i;
                this.lanes[i] = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
            }
        }

        void submit(ObjectEvent event, LocalTemplate.S3Rule rule) {
            int lane = Math.floorMod((event.bucket() + "/" + event.key()).hashCode(), lanes.length);
            lanes[lane].execute(() -> {
                try {
                    ready.await();
                    boolean ended = !closing && handle(lane, event, rule.eventId());
                    if (ended && !closing && deliveries != null) {
                        deliveries.delivered(event, rule);
                    }
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                } finally {
                    done();
                }
            });
        }

        /** @return true when the invocation ended (handled or recorded as failed), false when cut short by close */
        private boolean handle(int lane, ObjectEvent event, String configurationId) {
            Throwable last = null;
            int attempts = 0;
            for (int attempt = 0; attempt <= retry.retries(); attempt++) {
                if (attempt > 0) {
                    sleep(retry.delayBefore(attempt));
                }
                if (closing) {
                    return false;
                }
                attempts++;
                String requestId = spec.logicalId() + "-" + requests.incrementAndGet();
                try {
                    if (handlers[lane] == null) {
                        handlers[lane] = factory.create(spec, environment.apply(spec));
                    }
                    log.line(requestId, "START " + event.eventName() + " " + event.bucket() + "/" + event.key()
                            + " sequencer " + event.sequencer() + (attempt > 0 ? " (retry " + attempt + ")" : ""));
                    LocalContext context = new LocalContext(spec.logicalId(), requestId, log, 900_000);
                    Object result = handlers[lane].invoke(S3Events.toS3Event(event, configurationId), context);
                    log.line(requestId, "END " + (result == null ? "" : String.valueOf(result)));
                    delivered.incrementAndGet();
                    for (Listener l : listeners) {
                        l.handled(spec.logicalId(), event, result, attempts);
                    }
                    return true;
                } catch (Throwable t) {
                    if (closing) {
                        return false;
                    }
                    last = t;
                    log.line(requestId, "ERROR " + stackTrace(t));
                    if (t instanceof Error && !(t instanceof AssertionError) && !(t instanceof LinkageError)) {
                        handlers[lane] = null; // like Lambda, a crashed environment is replaced
                    }
                }
            }
            recordFailure(event, configurationId, attempts, last);
            return true;
        }

        private void recordFailure(ObjectEvent event, String configurationId, int attempts, Throwable error) {
            Path file = failuresDir.resolve(spec.logicalId())
                    .resolve(event.sequencer() + "-" + Math.abs(event.key().hashCode()) + ".json");
            ObjectNode record = JSON.createObjectNode();
            record.put("version", "1.0");
            record.put("timestamp", clock.instant().toString());
            ObjectNode rc = record.putObject("requestContext");
            rc.put("functionArn", "arn:aws:lambda:" + S3Events.REGION + ":" + LocalTemplate.LOCAL_ACCOUNT
                    + ":function:" + spec.logicalId() + ":$LATEST");
            rc.put("condition", "RetriesExhausted");
            rc.put("approximateInvokeCount", attempts);
            record.set("requestPayload", S3Events.toJson(event, configurationId));
            ObjectNode resp = record.putObject("responseContext");
            resp.put("statusCode", 200);
            resp.put("executedVersion", "$LATEST");
            resp.put("functionError", "Unhandled");
            ObjectNode payload = record.putObject("responsePayload");
            payload.put("errorMessage", String.valueOf(error.getMessage()));
            payload.put("errorType", error.getClass().getName());
            ArrayNode trace = payload.putArray("stackTrace");
            for (StackTraceElement el : error.getStackTrace()) {
                trace.add(el.toString());
            }
            Path written = null;
            try {
                Files.createDirectories(file.getParent());
                JSON.writeValue(file.toFile(), record);
                written = file;
            } catch (IOException e) {
                error.addSuppressed(e); // still listed in memory and reported by the CLI
            }
            Failure failure = new Failure(spec.logicalId(), event, attempts, error.getClass().getName(),
                    String.valueOf(error.getMessage()), written);
            failures.add(failure);
            for (Listener l : listeners) {
                l.failed(failure);
            }
            log.line("-", "FAILED after " + attempts + " attempts, recorded in " + (written == null ? "memory only" : written));
        }

        void close() throws IOException {
            for (ExecutorService lane : lanes) {
                lane.shutdownNow();
            }
            log.close();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
