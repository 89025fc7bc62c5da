package org.bigpicture.core.dataset;

import org.bigpicture.core.util.Numbers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link DatasetReader} behind {@link DatasetReader#open}: reads the flat Parquet files our
 * writer produces (V1 pages; PLAIN and dictionary encodings; ZSTD): {@link ThriftReader} for the
 * footer and page headers, {@link ColumnCursor} for values. No Hadoop and no parquet-java:
 * parquet-java's file reader cannot be configured without Hadoop classes. One row group's
 * compressed column chunks are held in memory at a time.
 */
final class ParquetDatasetReader implements DatasetReader {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final FileChannel channel;
    private final ThriftReader.Footer footer;
    private final List<Column> columns;
    private final int[] physical;
    private final boolean[] optional;
    private final long rowCount;

    private int nextGroup;
    private long rowsInGroup;
    private long rowInGroup;
    private ColumnCursor[] cursors;

    private ParquetDatasetReader(Path path, FileChannel channel, ThriftReader.Footer footer) throws IOException {
        this.path = path;
        this.channel = channel;
        this.footer = footer;
        List<ThriftReader.SchemaElement> schema = footer.schema();
        int n = schema.get(0).numChildren();
        if (schema.size() != n + 1) {
            throw new IOException(path + ": only flat Parquet schemas are supported");
        }
        List<Column> cols = new ArrayList<>(n);
        physical = new int[n];
        optional = new boolean[n];
        for (int i = 0; i < n; i++) {
            ThriftReader.SchemaElement e = schema.get(i + 1);
            if (!e.hasType() || e.numChildren() > 0 || e.repetition() == 2) {
                throw new IOException(path + ": column " + e.name() + " is nested or repeated; not supported");
            }
            physical[i] = e.type();
            optional[i] = e.repetition() != 0;
            cols.add(Column.of(e.name(), columnType(e)));
        }
        this.columns = List.copyOf(cols);
        this.rowCount = footer.rows();
    }

    static DatasetReader open(Path parquet) throws IOException {
        FileChannel channel = FileChannel.open(parquet, StandardOpenOption.READ);
        try {
            return PrefetchingDatasetReader.wrap(new ParquetDatasetReader(parquet, channel, readFooter(parquet, channel)));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static ThriftReader.Footer readFooter(Path path, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 12) {
            throw new IOException(path + " is not a Parquet file (" + size + " bytes)");
        }
        ByteBuffer tail = ByteBuffer.allocate(8);
        readFully(channel, tail, size - 8);
        byte[] t = tail.array();
        if (t[4] != MAGIC[0] || t[5] != MAGIC[1] || t[6] != MAGIC[2] || t[7] != MAGIC[3]) {
            throw new IOException(path + " is not a Parquet file (no PAR1 at the end)");
        }
        int footerLength = (t[0] & 0xff) | (t[1] & 0xff) << 8 | (t[2] & 0xff) << 16 | (t[3] & 0xff) << 24;
        if (footerLength <= 0 || footerLength > size - 12) {
            throw new IOException(path + ": corrupt Parquet footer length " + footerLength);
        }
        ByteBuffer footer = ByteBuffer.allocate(footerLength);
        readFully(channel, footer, size - 8 - footerLength);
        return new ThriftReader(footer.array(), 0, footerLength).footer();
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + at);
            }
            at += n;
        }
    }

    private ColumnType columnType(ThriftReader.SchemaElement e) throws IOException {
        boolean date = e.convertedType() == 6 || e.logicalDate();
        return switch (e.type()) {
            case ColumnCursor.BYTE_ARRAY -> ColumnType.STRING;
            case ColumnCursor.INT64 -> ColumnType.INTEGER;
            case ColumnCursor.INT32 -> date ? ColumnType.DATE : ColumnType.INTEGER;
            case ColumnCursor.DOUBLE -> ColumnType.NUMBER;
            case ColumnCursor.BOOLEAN -> ColumnType.BOOLEAN;
            default -> throw new IOException(path + ": column " + e.name() + " has unsupported physical type " + e.type());
        };
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public boolean next() throws IOException {
        if (cursors != null && ++rowInGroup < rowsInGroup) {
            for (ColumnCursor c : cursors) {
                c.advance();
            }
            return true;
        }
        cursors = null;
        List<ThriftReader.RowGroup> groups = footer.rowGroups();
        while (nextGroup < groups.size()) {
            ThriftReader.RowGroup group = groups.get(nextGroup++);
            if (group.rows() > 0) {
                load(group);
                return true;
            }
        }
        return false;
    }

    private void load(ThriftReader.RowGroup group) throws IOException {
        List<ThriftReader.Chunk> chunks = group.chunks();
        if (chunks.size() != physical.length) {
            throw new IOException(path + ": row group has " + chunks.size() + " columns, schema " + physical.length);
        }
        ColumnCursor[] loaded = new ColumnCursor[physical.length];
        for (int c = 0; c < physical.length; c++) {
            ThriftReader.Chunk meta = chunks.get(c);
            long start = meta.dataPageOffset();
            if (meta.dictionaryPageOffset() > 0) {
                start = Math.min(start, meta.dictionaryPageOffset());
            }
            long length = meta.compressedBytes();
            if (length < 0 || length > Integer.MAX_VALUE - 16 || start < 4 || start + length > channel.size()) {
                throw new IOException(path + ": corrupt column chunk for " + columns.get(c).name());
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) length);
            readFully(channel, bytes, start);
            loaded[c] = new ColumnCursor(columns.get(c).name(), physical[c], optional[c], bytes.array(), meta.codec(),
                    meta.values());
            loaded[c].advance();
        }
        cursors = loaded;
        rowsInGroup = group.rows();
        rowInGroup = 0;
    }

    private ColumnCursor cursor(int column) {
        if (cursors == null) {
            throw new IllegalStateException("no current row: call next() first");
        }
        return cursors[column];
    }

    private ColumnCursor value(int column, ColumnType expected, String getter) {
        ColumnCursor c = cursor(column);
        if (c.isNull()) {
            throw new IllegalStateException("cell " + columns.get(column).name() + " is null");
        }
        ColumnType actual = columns.get(column).type();
        boolean ok = actual == expected || (expected == ColumnType.NUMBER && actual == ColumnType.INTEGER);
        if (!ok) {
            throw new IllegalStateException(getter + " on column " + columns.get(column).name() + " of type " + actual);
        }
        return c;
    }

    @Override
    public boolean isNull(int column) {
        return cursor(column).isNull();
    }

    /** Strings as they are; other types as text (dates ISO, numbers as Java prints them). */
    @Override
    public String getString(int column) {
        ColumnCursor c = cursor(column);
        if (c.isNull()) {
            return null;
        }
        return switch (columns.get(column).type()) {
            case STRING -> c.getString();
            case INTEGER -> Long.toString(c.getLong());
            case NUMBER -> Numbers.text(c.getDouble());
            case BOOLEAN -> Boolean.toString(c.getBoolean());
            case DATE -> LocalDate.ofEpochDay(c.getInt()).toString();
        };
    }

    @Override
    public long getLong(int column) {
        return value(column, ColumnType.INTEGER, "getLong").getLong();
    }

    @Override
    public double getDouble(int column) {
        return value(column, ColumnType.NUMBER, "getDouble").getDouble();
    }

    @Override
    public boolean getBoolean(int column) {
        return value(column, ColumnType.BOOLEAN, "getBoolean").getBoolean();
    }

    @Override
    public int getDate(int column) {
        return value(column, ColumnType.DATE, "getDate").getInt();
    }

    @Override
    public void close() throws IOException {
        cursors = null;
        channel.close();
    }
}
