package org.bigpicture.local;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * Makes the embedded S3 fail a share of requests the way S3 sometimes does, to prove that nothing
 * is lost and nothing half-made: {@code 500 InternalError}, {@code 503 SlowDown}, and connections cut
 * mid-body (an upload's connection is closed after part of its body has been read; a request
 * without a body has its connection closed before any answer). Each fault happens before the
 * request reaches the store, so a failed request has changed nothing, as with S3.
 *
 * <p>The decisions come from one {@link Random} seeded with the fault seed: the same seed gives
 * the same sequence of decisions (which request gets which one depends on the order concurrent
 * requests arrive in).
 *
 * <p>It sits in front of S3Proxy's own handler in its (shaded) Jetty server, which S3Proxy does
 * not expose: it is reached by reflection, and S3Proxy is pinned to the exact version this was
 * written against.
 */
public final class FaultInjector extends Handler.Wrapper {

    /** The kinds of injected failure. */
    public enum Kind { INTERNAL_ERROR, SLOW_DOWN, CONNECTION_CUT }

    private final double rate;
    private final Random random;
    private final AtomicLong requests = new AtomicLong();
    private final Map<Kind, AtomicLong> injected = new ConcurrentHashMap<>();

    FaultInjector(Handler wrapped, double rate, long seed) {
        super(wrapped);
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("--fault-rate must be at least 0 and below 1, not " + rate);
        }
        this.rate = rate;
        this.random = new Random(seed);
        for (Kind k : Kind.values()) {
            injected.put(k, new AtomicLong());
        }
    }

    /** Puts a fault injector in front of S3Proxy's handler; call before {@code start()}. */
    static FaultInjector install(S3Proxy proxy, double rate, long seed) {
        try {
            Field f = S3Proxy.class.getDeclaredField("server");
            f.setAccessible(true);
            Server server = (Server) f.get(proxy);
            FaultInjector injector = new FaultInjector(server.getHandler(), rate, seed);
            server.setHandler(injector);
            return injector;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install fault injection in this S3Proxy version", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        requests.incrementAndGet();
        Kind fault = decide();
        if (fault == null) {
            return super.handle(request, response, callback);
        }
        injected.get(fault).incrementAndGet();
        switch (fault) {
            case INTERNAL_ERROR -> error(response, callback, 500, "InternalError",
                    "We encountered an internal error. Please try again.");
            case SLOW_DOWN -> error(response, callback, 503, "SlowDown", "Please reduce your request rate.");
            default -> cut(request, callback);
        }
        return true;
    }

    private synchronized Kind decide() {
        if (random.nextDouble() >= rate) {
            return null;
        }
        double d = random.nextDouble();
        return d < 0.4 ? Kind.INTERNAL_ERROR : d < 0.8 ? Kind.SLOW_DOWN : Kind.CONNECTION_CUT;
    }

    private void error(Response response, Callback callback, int status, String code, String message) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message><RequestId>fault-" + requests.get() + "</RequestId></Error>";
        response.setStatus(status);
        response.getHeaders().put("Content-Type", "application/xml");
        response.write(true, ByteBuffer.wrap(xml.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private void cut(Request request, Callback callback) {
        long length = request.getLength();
        if (length > 0) {
            // Read part of the body, so the client is mid-upload when the connection drops.
            try (InputStream body = Request.asInputStream(request)) {
                body.readNBytes((int) Math.min(length / 2, 1 << 20));
            } catch (Exception alreadyGone) {
                // the client went first; the cut below is then a no-op
            }
        }
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new java.io.IOException("fault injected: connection cut"));
    }

    /** Requests seen so far. */
    public long requests() {
        return requests.get();
    }

    /** How many of each fault were injected. */
    public Map<Kind, Long> injected() {
        Map<Kind, Long> out = new java.util.EnumMap<>(Kind.class);
        injected.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
