package org.bigpicture.local;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.io.Content;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * Reads a small request body whole before S3Proxy sees it, so that every upload is written once.
 *
 * <p>Why: over plain HTTP the SDK sends uploads as signed chunks ending with an empty chunk. S3Proxy
 * answers as soon as it has the declared number of bytes, before that last chunk has arrived;
 * Jetty then closes the connection (the request was not read to its end), the client's socket is
 * reset with the answer unread, and Java's HttpURLConnection silently sends the PUT again on a new
 * connection: the object is written twice and two events go out. Measured before this handler: 3
 * to 10 duplicate writes per 1,000 small PUTs. Large bodies take long enough to store that their
 * last chunk is always in by then, so only bodies up to {@link #MAX_BUFFERED} are buffered.
 */
final class WholeBodyHandler extends Handler.Wrapper {

    static final long MAX_BUFFERED = 16L * 1024 * 1024;

    WholeBodyHandler(Handler wrapped) {
        super(wrapped);
    }

    /** Puts this handler in front of S3Proxy's; call before {@code start()}. Returns the server. */
    static Server install(S3Proxy proxy) {
        try {
            Field f = S3Proxy.class.getDeclaredField("server");
            f.setAccessible(true);
            Server server = (Server) f.get(proxy);
            server.setHandler(new WholeBodyHandler(server.getHandler()));
            return server;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the Jetty server of this S3Proxy version", e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        if (length <= 0 || length > MAX_BUFFERED) {
            return super.handle(request, response, callback);
        }
        ByteBuffer body = Content.Source.asByteBuffer(request);
        return super.handle(new Buffered(request, body), response, callback);
    }

    /** The request with its body already in memory. */
    private static final class Buffered extends Request.Wrapper {
        private final ByteBuffer body;
        private boolean served;

        Buffered(Request request, ByteBuffer body) {
            super(request);
            this.body = body;
        }

        @Override
        public synchronized Content.Chunk read() {
            if (served) {
                return Content.Chunk.EOF;
            }
            served = true;
            return Content.Chunk.from(body, true);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // the whole body is here: always ready
        }
    }
}
