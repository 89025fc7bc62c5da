package org.bigpicture.local.testing;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for the headlines handler: counts events and the most it ever ran at once. */
public final class CountHandler {

    public static final AtomicInteger EVENTS = new AtomicInteger();
    public static final AtomicInteger RUNNING = new AtomicInteger();
    public static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    public CountHandler() {
    }

    public static void reset() {
        EVENTS.set(0);
        RUNNING.set(0);
        MOST_AT_ONCE.set(0);
    }

    public void handleRequest(S3Event event) throws InterruptedException {
        int now = RUNNING.incrementAndGet();
        MOST_AT_ONCE.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(5);
            EVENTS.incrementAndGet();
        } finally {
            RUNNING.decrementAndGet();
        }
    }
}
