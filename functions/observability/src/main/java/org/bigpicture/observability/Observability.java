package org.bigpicture.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.LogRecord;

/**
 * One function's logs and metrics: JSON log lines (one object per line: {@code timestamp},
 * {@code level}, {@code service}, {@code message}, {@code key}, {@code outcome}, {@code rows},
 * {@code duration_ms}, {@code function_name}, {@code function_request_id}, {@code cold_start}) and
 * CloudWatch metrics in Embedded Metric Format, in the shapes Powertools for AWS Lambda (Java) writes,
 * without its cold-start cost (README, "Operations"). The handlers make one and open an
 * {@link Invocation} per request; the core stays free of it (it logs through
 * {@code java.util.logging}, which {@link JulBridge} turns into the same JSON lines).
 */
public final class Observability {

    /** Powertools' variable for the metrics namespace, so a later switch to Powertools needs no template change. */
    public static final String NAMESPACE_VARIABLE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String DEFAULT_NAMESPACE = "BigPicture";

    private final Service service;
    private final String namespace;
    private final LineSink sink;
    private final Clock clock;
    private final AtomicBoolean cold = new AtomicBoolean(true);
    private volatile Invocation current;

    /**
     * @param namespace the CloudWatch namespace of the metrics
     * @param sink      where the lines go
     * @param clock     the lines' timestamps
     */
    public Observability(Service service, String namespace, LineSink sink, Clock clock) {
        this.service = service;
        this.namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.strip();
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * For the Lambda runtime: lines to standard output, the namespace from the environment, and the
     * core's {@code java.util.logging} records (and the AWS SDK's, through slf4j-jdk14) as JSON lines too.
     */
    public static Observability forLambda(Service service) {
        Observability o = new Observability(service, System.getenv(NAMESPACE_VARIABLE), LineSink.STDOUT,
                Clock.systemUTC());
        JulBridge.install(o);
        return o;
    }

    /**
     * For the local stack and tests that build a handler themselves: lines to the invocation's
     * logger (the local stack's function log), {@code java.util.logging} left as the caller set it.
     */
    public static Observability forLocal(Service service, Map<String, String> environment) {
        return new Observability(service, environment == null ? null : environment.get(NAMESPACE_VARIABLE),
                LineSink.CONTEXT_LOGGER, Clock.systemUTC());
    }

    /** Opens one request's scope: its request id and key go on every line written until it closes. */
    public Invocation begin(Context context) {
        Invocation i = new Invocation(this, context, cold.getAndSet(false));
        current = i;
        return i;
    }

    void ended(Invocation i) {
        if (current == i) {
            current = null;
        }
    }

    public Service service() {
        return service;
    }

    public String namespace() {
        return namespace;
    }

    Clock clock() {
        return clock;
    }

    void write(String json, Context context) {
        sink.line(json, context);
    }

    /** A {@code java.util.logging} record as a JSON line, with the current request's fields when one is open. */
    void julRecord(LogRecord record) {
        Invocation i = current;
        write(JsonLines.julLine(this, i, record), i == null ? null : i.context());
    }
}
