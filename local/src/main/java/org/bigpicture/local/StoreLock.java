package org.bigpicture.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive use of a store folder by one local stack. {@code serve} holds it for as long as it
 * runs, so a {@code run} on the same store (which would start a second S3 server writing the same
 * files and assigning clashing sequencers) refuses instead. The lock is the operating system's
 * ({@link FileChannel#tryLock()}), so it goes away with the process even after a crash; the file
 * keeps a line saying who held it, for the message.
 */
public final class StoreLock implements AutoCloseable {

    /** The store is held by another local stack. */
    public static final class StoreBusyException extends IOException {
        StoreBusyException(String message) {
            super(message);
        }
    }

    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param holder what to tell a second user, e.g. "serve on http://127.0.0.1:4566 (pid 1234)"
     */
    public static StoreLock acquire(Path storeDir, String holder) throws IOException {
        Files.createDirectories(storeDir);
        Path file = storeDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            String who = readHolder(channel);
            channel.close();
            throw new StoreBusyException("the store " + storeDir.toAbsolutePath() + " is in use by "
                    + (who.isBlank() ? "another bigpicture process" : who)
                    + ". Stop it first, or upload to it (aws --endpoint-url … s3 cp), or use another store with --data DIR.");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new StoreLock(channel, lock);
    }

    /** Tells, without taking it, whether some process holds the store (and who). Empty when free. */
    public static String holder(Path storeDir) throws IOException {
        Path file = storeDir.resolve(FILE);
        if (!Files.exists(file)) {
            return "";
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                probe = null;
            }
            if (probe != null) {
                probe.release();
                return "";
            }
            String who = readHolder(channel);
            return who.isBlank() ? "another bigpicture process" : who;
        }
    }

    /** Rewrites the line saying who holds the store (once the port is known, say). */
    public void describe(String holder) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        channel.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
