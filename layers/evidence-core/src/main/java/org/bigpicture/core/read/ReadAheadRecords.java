package org.bigpicture.core.read;

import org.bigpicture.core.util.Numbers;
import org.bigpicture.core.convert.Records;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bigpicture.core.util.ThreadFailures;

/**
 * Reads another {@link Records} on a background thread, a batch of records ahead, so that parsing
 * (decoding, splitting, making the cell strings) overlaps with what the caller does with each
 * record (a format's conversion, the dataset writer). On two cores a large upload converts in
 * about the time of the slower half instead of the sum.
 *
 * <p>Behaves as the wrapped records do: the same cells (the same {@code String} instances), lines,
 * and a {@link org.bigpicture.core.convert.BadInputException} thrown by {@link #next()} when the
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
    /** Columns the caller reads as numbers ({@link #expectNumbers}); read by the reading thread per batch. */
    private volatile int[] numericColumns = new int[0];

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
                b.numericColumns(source instanceof CsvRecords ? numericColumns : null);
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
        return ThreadFailures.rethrow(t);
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
        String s = current.cells[index][i];
        return s != null ? s : current.text(index, i);
    }

    @Override
    public boolean isEmpty(int i) {
        requireRecord();
        if (i < 0 || i >= current.sizes[index]) {
            return true;
        }
        String s = current.cells[index][i];
        return s != null && s.isEmpty(); // null: a number whose text is made only when asked for
    }

    @Override
    public double number(int i) {
        requireRecord();
        int slot = current.numericSlot(i);
        if (slot < 0 || i >= current.sizes[index]) {
            return Numbers.parse(get(i));
        }
        return current.numberAt(index, i);
    }

    @Override
    public void expectNumbers(int... columns) {
        int[] valid = new int[columns.length];
        int n = 0;
        for (int c : columns) {
            boolean seen = false;
            for (int k = 0; k < n; k++) {
                seen |= valid[k] == c;
            }
            if (c >= 0 && !seen) {
                valid[n++] = c;
            }
        }
        numericColumns = Arrays.copyOf(valid, n);
    }

    @Override
    public long line() {
        requireRecord();
        return current.lines[index];
    }

    @Override
    public int irregularities() {
        requireRecord();
        return current.flags[index];
    }

    @Override
    public boolean cellsAreDelimited() {
        return source.cellsAreDelimited();
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

    /**
     * Up to {@link #BATCH_RECORDS} records' cells; arrays are reused from batch to batch. Cells of
     * the numeric columns (UTF-8 sources only) are kept as bytes, which the caller reads as a
     * number; their text becomes a string only if the caller asks.
     */
    private static final class Batch {
        final String[][] cells = new String[BATCH_RECORDS][];
        final int[] sizes = new int[BATCH_RECORDS];
        final long[] lines = new long[BATCH_RECORDS];
        final int[] flags = new int[BATCH_RECORDS];
        int count;
        boolean end;
        Throwable failure;

        /** Numeric columns of this batch, and each column's slot among them (-1: not numeric). */
        int[] numeric = new int[0];
        int numericCount;
        int[] slotOf = new int[0];
        int[] textStart = new int[0];
        int[] textLength = new int[0];
        byte[] arena = new byte[1 << 12];
        int arenaSize;

        void numericColumns(int[] columns) {
            numeric = columns == null ? new int[0] : columns;
            numericCount = numeric.length;
            int width = 0;
            for (int c : numeric) {
                width = Math.max(width, c + 1);
            }
            if (slotOf.length < width) {
                slotOf = new int[width];
            }
            Arrays.fill(slotOf, -1);
            for (int k = 0; k < numericCount; k++) {
                slotOf[numeric[k]] = k;
            }
            int cellsNeeded = BATCH_RECORDS * numericCount;
            if (textStart.length < cellsNeeded) {
                textStart = new int[cellsNeeded];
                textLength = new int[cellsNeeded];
            }
            arenaSize = 0;
        }

        int numericSlot(int column) {
            return column >= 0 && column < slotOf.length ? slotOf[column] : -1;
        }

        void add(Records r) {
            int n = r.size();
            String[] row = cells[count];
            if (row == null || row.length < n) {
                row = new String[Math.max(n, 8)];
                cells[count] = row;
            }
            for (int i = 0; i < n; i++) {
                row[i] = numericSlot(i) < 0 ? r.get(i) : number(r, i, count * numericCount + numericSlot(i));
            }
            if (n < row.length) {
                Arrays.fill(row, n, row.length, null);
            }
            for (int k = 0; k < numericCount; k++) {
                if (numeric[k] >= n) {
                    textLength[count * numericCount + k] = 0; // absent cell
                }
            }
            sizes[count] = n;
            lines[count] = r.line();
            flags[count] = r.irregularities();
            count++;
        }

        /**
         * Keeps a numeric cell's bytes for the caller's thread to read as a number (the reading
         * thread is the busier of the two); returns "" for an empty cell, else null (text made
         * only when asked).
         */
        private String number(Records r, int column, int at) {
            CsvRecords u = (CsvRecords) r;
            int length = u.cellBytes(column);
            textLength[at] = length;
            if (length == 0) {
                return "";
            }
            if (arenaSize + length > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
            }
            textStart[at] = arenaSize;
            arenaSize += u.copyCell(column, arena, arenaSize);
            return null;
        }

        /** A numeric cell read from its bytes (NaN for an empty or absent one). */
        double numberAt(int record, int column) {
            int at = record * numericCount + numericSlot(column);
            int length = textLength[at];
            return length == 0 ? Double.NaN : Numbers.parse(arena, textStart[at], textStart[at] + length);
        }

        /** The text of a numeric cell kept as bytes, made into a string once. */
        String text(int record, int column) {
            int at = record * numericCount + numericSlot(column);
            String s = new String(arena, textStart[at], textLength[at], java.nio.charset.StandardCharsets.UTF_8);
            cells[record][column] = s;
            return s;
        }
    }
}
