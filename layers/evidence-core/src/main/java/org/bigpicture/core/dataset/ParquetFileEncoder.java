package org.bigpicture.core.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one Parquet file: {@code PAR1}, row groups of column chunks from
 * {@link ColumnChunkEncoder}s, then the Thrift footer (schema, row groups, statistics, sorted
 * key-value metadata, a fixed {@code created_by}), written with {@link ThriftWriter}: no
 * parquet-hadoop, no Hadoop, not even parquet-format's generated classes are loaded (a lighter cold
 * start).
 */
final class ParquetFileEncoder implements AutoCloseable {

    /** Fixed, so equal rows give equal bytes; names the writer for readers' bug workarounds. */
    static final String CREATED_BY = "bigpicture evidence-core (parquet-format 2.x, V1 pages)";
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final List<Column> columns;
    private final long rowGroupBytes;
    private final Map<String, String> metadata;
    private final OutputStream out;
    private final PageCompressor compressor;
    private final ColumnChunkEncoder[] encoders;
    private final List<RowGroup> rowGroups = new ArrayList<>();

    /** A written row group, for the footer. */
    private record RowGroup(List<ColumnChunkEncoder.ChunkMeta> chunks, long uncompressedBytes, long rows, long start,
                            long compressedBytes) {
    }
    private long position;
    private long rowsInGroup;
    private long rows;
    private boolean closed;

    ParquetFileEncoder(Path file, List<Column> columns, long rowGroupBytes, Map<String, String> sortedMetadata)
            throws IOException {
        this.columns = columns;
        this.rowGroupBytes = rowGroupBytes;
        this.metadata = sortedMetadata;
        this.compressor = new PageCompressor(PageCompressor.ZSTD_LEVEL);
        this.encoders = new ColumnChunkEncoder[columns.size()];
        for (int c = 0; c < encoders.length; c++) {
            encoders[c] = new ColumnChunkEncoder(columns.get(c), compressor);
        }
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        write(MAGIC, MAGIC.length);
    }

    private void write(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        position += length;
    }

    void add(ParquetDatasetWriter.RowBatch batch) throws IOException {
        for (int c = 0; c < encoders.length; c++) {
            encoders[c].add(batch, c);
        }
        rowsInGroup += batch.size;
        rows += batch.size;
        long buffered = 0;
        for (ColumnChunkEncoder e : encoders) {
            buffered += e.bufferedBytes();
        }
        if (buffered >= rowGroupBytes) {
            flushRowGroup();
        }
    }

    private void flushRowGroup() throws IOException {
        if (rowsInGroup == 0) {
            return;
        }
        long start = position;
        long uncompressed = 0;
        List<ColumnChunkEncoder.ChunkMeta> chunks = new ArrayList<>(encoders.length);
        PositionCounter counter = new PositionCounter();
        for (ColumnChunkEncoder e : encoders) {
            counter.count = 0;
            ColumnChunkEncoder.ChunkMeta chunk = e.writeChunk(counter, position);
            position += counter.count;
            uncompressed += chunk.uncompressedBytes();
            chunks.add(chunk);
        }
        rowGroups.add(new RowGroup(chunks, uncompressed, rowsInGroup, start, position - start));
        rowsInGroup = 0;
    }

    /** Completes the file: the last row group, then the footer. */
    void finish() throws IOException {
        flushRowGroup();
        ByteSink bytes = new ByteSink(4096);
        writeFooter(new ThriftWriter(bytes));
        write(bytes.array(), bytes.size());
        ByteSink tail = new ByteSink(8);
        tail.putInt(bytes.size());
        tail.write(MAGIC, 0, MAGIC.length);
        write(tail.array(), tail.size());
        close();
    }

    /** FileMetaData (parquet.thrift), fields in id order. */
    private void writeFooter(ThriftWriter t) {
        t.i32(1, 1); // version
        t.list(2, ThriftWriter.STRUCT, columns.size() + 1);
        t.beginStruct().string(4, "schema").i32(5, columns.size()).endStruct();
        for (Column column : columns) {
            t.beginStruct().i32(1, ColumnChunkEncoder.physicalType(column.type())).i32(3, 1 /* OPTIONAL */)
                    .string(4, column.name());
            if (column.type() == ColumnType.STRING) {
                t.i32(6, 0 /* UTF8 */).struct(10).struct(1).endStruct().endStruct(); // LogicalType STRING
            } else if (column.type() == ColumnType.DATE) {
                t.i32(6, 6 /* DATE */).struct(10).struct(6).endStruct().endStruct(); // LogicalType DATE
            }
            t.endStruct();
        }
        t.i64(3, rows);
        t.list(4, ThriftWriter.STRUCT, rowGroups.size());
        for (RowGroup g : rowGroups) {
            t.beginStruct().list(1, ThriftWriter.STRUCT, g.chunks().size());
            for (ColumnChunkEncoder.ChunkMeta chunk : g.chunks()) {
                chunk.write(t);
            }
            t.i64(2, g.uncompressedBytes()).i64(3, g.rows()).i64(5, g.start()).i64(6, g.compressedBytes()).endStruct();
        }
        if (!metadata.isEmpty()) {
            t.list(5, ThriftWriter.STRUCT, metadata.size());
            for (Map.Entry<String, String> kv : metadata.entrySet()) {
                t.beginStruct().string(1, kv.getKey()).string(2, kv.getValue()).endStruct();
            }
        }
        t.string(6, CREATED_BY);
        t.list(7, ThriftWriter.STRUCT, columns.size());
        for (int c = 0; c < columns.size(); c++) {
            t.beginStruct().struct(1).endStruct().endStruct(); // ColumnOrder TYPE_ORDER (TypeDefinedOrder)
        }
        t.end();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            try {
                out.close();
            } finally {
                compressor.close();
            }
        }
    }

    /** Passes bytes to the file, counting them. */
    private final class PositionCounter extends OutputStream {
        long count;

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
