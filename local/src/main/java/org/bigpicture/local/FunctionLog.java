package org.bigpicture.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * A function's log, as its CloudWatch log group would hold it: {@code <store>/logs/<function>.log}.
 * Kept out of the console so that {@code run} prints a summary, not every handler's chatter.
 */
final class FunctionLog implements AutoCloseable {

    private final BufferedWriter out;
    private final Clock clock;

    FunctionLog(Path file, Clock clock) throws IOException {
        Files.createDirectories(file.getParent());
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.clock = clock;
    }

    synchronized void line(String requestId, String message) {
        try {
            out.write(clock.instant() + " " + requestId + " " + message.stripTrailing());
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // A full disk must not turn a handler's success into a failure; the store itself will fail loudly.
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
