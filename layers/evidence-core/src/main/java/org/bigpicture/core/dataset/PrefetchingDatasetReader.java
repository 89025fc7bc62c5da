package org.bigpicture.core.dataset;

import org.bigpicture.core.util.Numbers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bigpicture.core.util.ThreadFailures;

/**
 * Decodes another {@link DatasetReader} a batch of rows ahead on a background thread, so that
 * decompressing and decoding Parquet overlaps with what the caller does with each row (publish
 * writes CSV). Used for large files only; behaves as the wrapped reader does, errors included.
 */
final class PrefetchingDatasetReader implements DatasetReader {

    /** Files with fewer rows are read on the caller's thread: a thread would cost more than it saves. */
    static final long MIN_ROWS = 65_536;
    private static final int BATCH_ROWS = 4096;
    private static final int BATCHES = 3;

    private final DatasetReader source;
    private final List<Column> columns;
    private final ColumnType[] types;
    private final BlockingQueue<ParquetDatasetWriter.RowBatch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<ParquetDatasetWriter.RowBatch> free = new ArrayBlockingQueue<>(BATCHES + 1);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;

    private ParquetDatasetWriter.RowBatch current;
    private int index = -1;
    private boolean finished;

    private PrefetchingDatasetReader(DatasetReader source) {
        this.source = source;
        this.columns = source.columns();
        this.types = new ColumnType[columns.size()];
        for (int c = 0; c < types.length; c++) {
            types[c] = columns.get(c).type();
        }
        for (int i = 0; i < BATCHES; i++) {
            free.add(new ParquetDatasetWriter.RowBatch(columns, BATCH_ROWS));
        }
        thread = new Thread(this::decodeLoop, "dataset-read-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wraps {@code source} when it is large enough to gain from a second thread. */
    static DatasetReader wrap(DatasetReader source) {
        return source.rowCount() >= MIN_ROWS ? new PrefetchingDatasetReader(source) : source;
    }

    private void decodeLoop() {
        try {
            while (!stopped) {
                ParquetDatasetWriter.RowBatch b = free.take();
                b.size = 0;
                boolean end = false;
                try {
                    while (b.size < BATCH_ROWS) {
                        if (!source.next()) {
                            end = true;
                            break;
                        }
                        copyRow(b);
                    }
                } catch (Throwable t) {
                    failure = t;
                    end = true;
                }
                b.endOfData = end;
                full.put(b);
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void copyRow(ParquetDatasetWriter.RowBatch b) {
        int r = b.size;
        for (int c = 0; c < types.length; c++) {
            if (source.isNull(c)) {
                b.present[c][r] = false;
                continue;
            }
            b.present[c][r] = true;
            switch (types[c]) {
                case STRING -> b.strings[c][r] = source.getString(c);
                case INTEGER -> b.longs[c][r] = source.getLong(c);
                case NUMBER -> b.doubles[c][r] = source.getDouble(c);
                case BOOLEAN -> b.booleans[c][r] = source.getBoolean(c);
                case DATE -> b.dates[c][r] = source.getDate(c);
            }
        }
        b.size++;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public long rowCount() {
        return source.rowCount();
    }

    @Override
    public boolean next() throws IOException {
        if (finished) {
            return false;
        }
        if (current != null && index + 1 < current.size) {
            index++;
            return true;
        }
        if (current != null) {
            if (current.endOfData) {
                return end();
            }
            free.add(current);
            current = null;
        }
        try {
            current = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + columns);
        }
        if (current.size == 0) {
            return end();
        }
        index = 0;
        return true;
    }

    private boolean end() throws IOException {
        finished = true;
        current = null; // no current row after the end, as in the wrapped reader
        index = -1;
        Throwable t = failure;
        if (t == null) {
            return false;
        }
        return ThreadFailures.rethrow(t);
    }

    private void requireRow() {
        if (current == null || index < 0 || index >= current.size) {
            throw new IllegalStateException("no current row: call next() first");
        }
    }

    @Override
    public boolean isNull(int column) {
        requireRow();
        return !current.present[column][index];
    }

    private void requireValue(int column, ColumnType expected, String getter) {
        requireRow();
        if (!current.present[column][index]) {
            throw new IllegalStateException("cell " + columns.get(column).name() + " is null");
        }
        ColumnType actual = types[column];
        if (actual != expected && !(expected == ColumnType.NUMBER && actual == ColumnType.INTEGER)) {
            throw new IllegalStateException(getter + " on column " + columns.get(column).name() + " of type " + actual);
        }
    }

    @Override
    public String getString(int column) {
        requireRow();
        if (!current.present[column][index]) {
            return null;
        }
        return switch (types[column]) {
            case STRING -> current.strings[column][index];
            case INTEGER -> Long.toString(current.longs[column][index]);
            case NUMBER -> Numbers.text(current.doubles[column][index]);
            case BOOLEAN -> Boolean.toString(current.booleans[column][index]);
            case DATE -> LocalDate.ofEpochDay(current.dates[column][index]).toString();
        };
    }

    @Override
    public long getLong(int column) {
        requireValue(column, ColumnType.INTEGER, "getLong");
        return current.longs[column][index];
    }

    @Override
    public double getDouble(int column) {
        requireValue(column, ColumnType.NUMBER, "getDouble");
        return types[column] == ColumnType.INTEGER ? current.longs[column][index] : current.doubles[column][index];
    }

    @Override
    public boolean getBoolean(int column) {
        requireValue(column, ColumnType.BOOLEAN, "getBoolean");
        return current.booleans[column][index];
    }

    @Override
    public int getDate(int column) {
        requireValue(column, ColumnType.DATE, "getDate");
        return current.dates[column][index];
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
}
