package org.bigpicture.core.publish;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bigpicture.core.util.ThreadFailures;
import org.bigpicture.core.lake.Sha256;

/**
 * Writes a file from chunks of bytes while computing its SHA-256 and length. In the background
 * form, a second thread hashes and writes each chunk while the caller fills the next one, so that
 * SHA-256 and the write system calls of a 600 MB CSV overlap with formatting its rows; the bytes
 * and the hash are the same either way.
 *
 * <p>Use: fill the buffer from {@link #buffer()}, hand it over with {@link #write(byte[], int)}
 * and continue in the buffer it returns (the one handed over belongs to the writer until it
 * comes back); {@link #finish()} at the end; {@link #close()} always.
 */
final class HashingFileWriter implements Closeable {

    /** Chunk size the caller aims at: large enough that the hand-over costs nothing. */
    static final int CHUNK = 1 << 20;
    private static final int BUFFERS = 3;

    private record Chunk(byte[] bytes, int length) {
    }

    private static final Chunk END = new Chunk(new byte[0], -1);

    private final FileChannel channel;
    private final MessageDigest md = Sha256.digest();
    private final BlockingQueue<Chunk> full;
    private final BlockingQueue<byte[]> free;
    private final Thread thread;
    private volatile Throwable failure;
    private long bytes;
    private String hex;
    private boolean finished;

    private HashingFileWriter(Path file, boolean background) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        if (background) {
            full = new ArrayBlockingQueue<>(BUFFERS + 1);
            free = new ArrayBlockingQueue<>(BUFFERS + 1);
            for (int i = 0; i < BUFFERS; i++) {
                free.add(new byte[CHUNK + (CHUNK >> 2)]);
            }
            thread = new Thread(this::drain, "csv-hash-write");
            thread.setDaemon(true);
            thread.start();
        } else {
            full = null;
            free = null;
            thread = null;
        }
    }

    /** Hashes and writes on the caller's thread. */
    static HashingFileWriter direct(Path file) throws IOException {
        return new HashingFileWriter(file, false);
    }

    /** Hashes and writes on a thread of its own. */
    static HashingFileWriter background(Path file) throws IOException {
        return new HashingFileWriter(file, true);
    }

    /** A buffer to fill first. */
    byte[] buffer() throws IOException {
        return thread == null ? new byte[CHUNK + (CHUNK >> 2)] : take(free);
    }

    /**
     * Hands over {@code length} bytes of {@code chunk}.
     *
     * @return the buffer to continue in
     */
    byte[] write(byte[] chunk, int length) throws IOException {
        if (finished) {
            throw new IllegalStateException("already finished");
        }
        bytes += length;
        if (thread == null) {
            hashAndWrite(chunk, length);
            return chunk;
        }
        checkFailure();
        put(new Chunk(chunk, length));
        return take(free);
    }

    /** Waits for every chunk to be written; the file is complete (not yet closed) on return. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (thread != null) {
            put(END);
            join();
            checkFailure();
        }
        hex = HexFormat.of().formatHex(md.digest());
    }

    long bytes() {
        return bytes;
    }

    /** The SHA-256 of everything written, after {@link #finish()}. */
    String hex() {
        if (hex == null) {
            throw new IllegalStateException("not finished");
        }
        return hex;
    }

    @Override
    public void close() throws IOException {
        try {
            if (thread != null && thread.isAlive()) {
                // Abandoned part-way (the caller failed): stop the thread before closing the file.
                thread.interrupt();
                join();
            }
        } finally {
            channel.close();
        }
    }

    private void drain() {
        try {
            while (true) {
                Chunk c = full.take();
                if (c == END) {
                    return;
                }
                if (failure == null) {
                    try {
                        hashAndWrite(c.bytes(), c.length());
                    } catch (Throwable t) {
                        failure = t; // reported to the caller at its next hand-over
                    }
                }
                free.put(c.bytes()); // always handed back, so that the caller never waits forever
            }
        } catch (InterruptedException e) {
            // closed part-way
        }
    }

    private void hashAndWrite(byte[] chunk, int length) throws IOException {
        md.update(chunk, 0, length);
        ByteBuffer b = ByteBuffer.wrap(chunk, 0, length);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void checkFailure() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        ThreadFailures.rethrow(t);
    }

    private void put(Chunk c) throws IOException {
        try {
            full.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a CSV");
        }
    }

    private static byte[] take(BlockingQueue<byte[]> queue) throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a CSV");
        }
    }

    private void join() throws IOException {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing a CSV");
        }
    }
}
