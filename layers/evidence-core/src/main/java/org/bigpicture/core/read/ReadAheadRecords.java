package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads another {@link Records} on a background thread, a batch of records ahead, so that parsing
 * (decoding, splitting, making the cell strings) overlaps with what the caller does with each
 * record (a format's conversion, the dataset writer). On two cores a large upload converts in
 * about the time of the slower half instead of the sum.
 *
 * <p>Behaves as the wrapped records do: the same cells (the same {@code String} instances), lines,
 * and a {@link org.bigpicture.core.ingest.BadInputException} thrown by {@link #next()} when the
 * caller reaches the record where the source failed, not before.
 */
public final class ReadAheadRecords implements Records {

    /** Below this many bytes a file is read on the caller's thread: a thread would cost more than it saves. */
    public static final long MIN_BYTES = 4L << 20;

    private static final int BATCH_RECORDS = 1024;
    private static final int BATCHES = 3;

    private final Records source;
    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES + 1);
    private final Thread thread;
    private volatile boolean stopped;

    private Batch current;
    private int index = -1;
    private boolean finished;

    private ReadAheadRecords(Records source) {
        this.source = source;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        thread = new Thread(this::readLoop, "records-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads {@code source} ahead on a background thread when the input is large enough to gain from it. */
    public static Records wrap(Records source, long inputBytes) {
        return inputBytes >= MIN_BYTES ? new ReadAheadRecords(source) : source;
    }

    private void readLoop() {
        try {
            while (!stopped) {
                Batch b = free.take();
                b.count = 0;
                try {
                    while (b.count < BATCH_RECORDS) {
                        if (!source.next()) {
                            b.end = true;
                            break;
                        }
                        b.add(source);
                    }
                } catch (Throwable t) {
                    b.failure = t;
                    b.end = true;
                }
                full.put(b);
                if (b.end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public boolean next() throws IOException {
        if (finished) {
            return false;
        }
        if (current != null && index + 1 < current.count) {
            index++;
            return true;
        }
        if (current != null) {
            if (current.end) {
                return end(current);
            }
            free.add(current);
            current = null;
        }
        try {
            current = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading records");
        }
        if (current.count == 0) {
            return end(current);
        }
        index = 0;
        return true;
    }

    private boolean end(Batch last) throws IOException {
        finished = true;
        Throwable t = last.failure;
        if (t == null) {
            return false;
        }
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new IOException(t));
    }

    private void requireRecord() {
        if (current == null || index < 0 || index >= current.count) {
            throw new IllegalStateException("no current record");
        }
    }

    @Override
    public int size() {
        requireRecord();
        return current.sizes[index];
    }

    @Override
    public String get(int i) {
        requireRecord();
        if (i < 0 || i >= current.sizes[index]) {
            return "";
        }
        return current.cells[index][i];
    }

    @Override
    public boolean isEmpty(int i) {
        return get(i).isEmpty();
    }

    @Override
    public long line() {
        requireRecord();
        return current.lines[index];
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
        }
    }

    /** Up to {@link #BATCH_RECORDS} records' cells; arrays are reused from batch to batch. */
    private static final class Batch {
        final String[][] cells = new String[BATCH_RECORDS][];
        final int[] sizes = new int[BATCH_RECORDS];
        final long[] lines = new long[BATCH_RECORDS];
        int count;
        boolean end;
        Throwable failure;

        void add(Records r) {
            int n = r.size();
            String[] row = cells[count];
            if (row == null || row.length < n) {
                row = new String[Math.max(n, 8)];
                cells[count] = row;
            }
            for (int i = 0; i < n; i++) {
                row[i] = r.get(i);
            }
            if (n < row.length) {
                Arrays.fill(row, n, row.length, null);
            }
            sizes[count] = n;
            lines[count] = r.line();
            count++;
        }
    }
}
