package org.bigpicture.core.dataset;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@link DatasetWriter} behind {@link DatasetWriter#open}: our own Parquet encoder
 * ({@link ParquetFileEncoder}; no parquet-java, no Hadoop), ZSTD, every column optional.
 *
 * <p>Rows are collected column-wise into batches of {@value #BATCH_ROWS}. Once the first batch
 * is full, a second thread encodes batches (dictionaries, pages, ZSTD) while the caller produces
 * the next one, so producing and encoding overlap on two cores; small datasets never start the
 * thread. Batches are recycled, so producing a row makes no garbage here.
 */
final class ParquetDatasetWriter implements DatasetWriter {

    static final int BATCH_ROWS = 4096;
    /** Batches in flight: one being filled, one queued, one being encoded. */
    private static final int BATCHES = 3;

    private final Path dir;
    private final List<Column> columns;
    private final DatasetWriter.Options options;
    private final DatasetEncoder encoder;

    private RowBatch current;
    private long rows;
    private boolean finished;
    private boolean closed;

    // Background encoding, started with the first full batch.
    private Thread thread;
    private BlockingQueue<RowBatch> full;
    private BlockingQueue<RowBatch> free;
    private int allocated;
    private volatile Throwable failure;

    private ParquetDatasetWriter(Path dir, List<Column> columns, DatasetWriter.Options options,
                                 DatasetEncoder encoder) {
        this.dir = dir;
        this.columns = columns;
        this.options = options;
        this.encoder = encoder;
        this.current = new RowBatch(columns, BATCH_ROWS);
        this.allocated = 1;
    }

    static DatasetWriter open(Path dir, List<Column> columns, DatasetWriter.Options options) throws IOException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one column");
        }
        List<Column> copy = List.copyOf(columns);
        long distinct = copy.stream().map(Column::name).distinct().count();
        if (distinct != copy.size()) {
            throw new IllegalArgumentException("column names must be unique: " + copy.stream().map(Column::name).toList());
        }
        Files.createDirectories(dir);
        return new ParquetDatasetWriter(dir, copy, options, new DatasetEncoder(dir, copy, options));
    }

    @Override
    public void setString(int column, String value) {
        RowBatch b = current;
        String[] cells = b.strings[column];
        if (cells == null) {
            throw wrongType(column, ColumnType.STRING);
        }
        if (value == null) {
            b.present[column][b.size] = false;
            return;
        }
        cells[b.size] = value;
        b.present[column][b.size] = true;
    }

    @Override
    public void setLong(int column, long value) {
        RowBatch b = current;
        long[] cells = b.longs[column];
        if (cells == null) {
            throw wrongType(column, ColumnType.INTEGER);
        }
        cells[b.size] = value;
        b.present[column][b.size] = true;
    }

    @Override
    public void setDouble(int column, double value) {
        RowBatch b = current;
        double[] cells = b.doubles[column];
        if (cells == null) {
            throw wrongType(column, ColumnType.NUMBER);
        }
        // One stated way for every twin (issue 12): JSON has no NaN or infinity, so no file has
        // them (null); zero has one sign.
        if (value - value != 0) { // NaN or an infinity
            b.present[column][b.size] = false;
            return;
        }
        cells[b.size] = value == 0 ? 0.0 : value;
        b.present[column][b.size] = true;
    }

    @Override
    public void setBoolean(int column, boolean value) {
        RowBatch b = current;
        boolean[] cells = b.booleans[column];
        if (cells == null) {
            throw wrongType(column, ColumnType.BOOLEAN);
        }
        cells[b.size] = value;
        b.present[column][b.size] = true;
    }

    @Override
    public void setDate(int column, int epochDay) {
        RowBatch b = current;
        int[] cells = b.dates[column];
        if (cells == null) {
            throw wrongType(column, ColumnType.DATE);
        }
        cells[b.size] = epochDay;
        b.present[column][b.size] = true;
    }

    @Override
    public void setNull(int column) {
        current.present[column][current.size] = false;
    }

    private IllegalArgumentException wrongType(int column, ColumnType given) {
        Column c = columns.get(column);
        return new IllegalArgumentException("column " + column + " (" + c.name() + ") is " + c.type()
                + ", not " + given);
    }

    @Override
    public void endRow() throws IOException {
        if (finished || closed) {
            throw new IllegalStateException("the writer is finished");
        }
        rows++;
        if (++current.size == current.capacity) {
            dispatch();
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    /** Hands the full batch to the encoder and takes an empty one. */
    private void dispatch() throws IOException {
        if (!options.background()) {
            encoder.encode(current);
            current.clear();
            return;
        }
        if (thread == null) {
            startThread();
        }
        throwIfFailed();
        try {
            full.put(current);
            current = nextFreeBatch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + dir);
        }
    }

    private RowBatch nextFreeBatch() throws InterruptedException, IOException {
        RowBatch b = free.poll();
        if (b != null) {
            return b;
        }
        if (allocated < BATCHES) {
            allocated++;
            return new RowBatch(columns, BATCH_ROWS);
        }
        while ((b = free.poll(100, TimeUnit.MILLISECONDS)) == null) {
            throwIfFailed();
        }
        return b;
    }

    private void startThread() {
        full = new ArrayBlockingQueue<>(BATCHES + 1);
        free = new ArrayBlockingQueue<>(BATCHES + 1);
        thread = new Thread(this::encodeLoop, "dataset-encoder");
        thread.setDaemon(true);
        thread.start();
    }

    private void encodeLoop() {
        try {
            while (true) {
                RowBatch b = full.take();
                if (b.size < 0) {
                    return; // end marker
                }
                if (failure == null) {
                    try {
                        encoder.encode(b);
                    } catch (Throwable t) {
                        failure = t; // keep draining so the producer never blocks
                    }
                }
                b.clear();
                free.put(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void throwIfFailed() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException io) {
            throw new IOException("writing " + dir + " failed: " + io.getMessage(), io);
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    /** Waits for the encoder thread to drain its queue and stop. */
    private void stopThread() throws IOException {
        if (thread == null) {
            return;
        }
        try {
            RowBatch end = new RowBatch(List.of(), 0);
            end.size = -1;
            full.put(end);
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing " + dir);
        } finally {
            thread = null;
        }
    }

    @Override
    public DatasetFiles finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("finish() was already called");
        }
        if (closed) {
            throw new IllegalStateException("the writer is closed");
        }
        finished = true;
        boolean done = false;
        try {
            if (thread != null) {
                if (current.size > 0) {
                    throwIfFailed();
                    try {
                        full.put(current);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while finishing " + dir);
                    }
                }
                stopThread();
                throwIfFailed();
            } else if (current.size > 0) {
                encoder.encode(current);
            }
            // A dataset that fits in one batch is still all here: its JSON needs no reading back.
            RowBatch allRows = thread == null && current != null && current.size == rows ? current : null;
            current = null;
            DatasetFiles files = encoder.finish(allRows);
            done = true;
            return files;
        } finally {
            if (!done) {
                abandon();
            }
        }
    }

    /** Without {@link #finish()}, abandons the dataset: stops encoding and deletes its files. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            abandon();
        }
    }

    private void abandon() throws IOException {
        closed = true;
        try {
            if (thread != null) {
                failure = failure == null ? new IOException("abandoned") : failure;
                stopThread();
            }
        } finally {
            encoder.abandon();
        }
    }

    /** Column-wise cells for up to {@code capacity} rows; arrays exist only for the column's type. */
    static final class RowBatch {
        final int capacity;
        int size;
        final String[][] strings;
        final long[][] longs;
        final double[][] doubles;
        final boolean[][] booleans;
        final int[][] dates;
        final boolean[][] present;
        /** Set by {@link PrefetchingDatasetReader} on the last batch of a file. */
        boolean endOfData;

        RowBatch(List<Column> columns, int capacity) {
            this.capacity = capacity;
            int n = columns.size();
            strings = new String[n][];
            longs = new long[n][];
            doubles = new double[n][];
            booleans = new boolean[n][];
            dates = new int[n][];
            present = new boolean[n][];
            for (int c = 0; c < n; c++) {
                present[c] = new boolean[capacity];
                switch (columns.get(c).type()) {
                    case STRING -> strings[c] = new String[capacity];
                    case INTEGER -> longs[c] = new long[capacity];
                    case NUMBER -> doubles[c] = new double[capacity];
                    case BOOLEAN -> booleans[c] = new boolean[capacity];
                    case DATE -> dates[c] = new int[capacity];
                    default -> throw new IllegalArgumentException("unknown type " + columns.get(c).type());
                }
            }
        }

        /** Empties the batch; cells left unset in a row read as null. */
        void clear() {
            for (int c = 0; c < present.length; c++) {
                Arrays.fill(present[c], 0, Math.max(size, 0), false);
                if (strings[c] != null) {
                    Arrays.fill(strings[c], 0, Math.max(size, 0), null); // let the strings be collected
                }
            }
            size = 0;
        }
    }
}
