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
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnOrder;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DateType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.TypeDefinedOrder;
import org.apache.parquet.format.Util;

/**
 * Writes one Parquet file: {@code PAR1}, row groups of column chunks from
 * {@link ColumnChunkEncoder}s, then the Thrift footer (schema, row groups, statistics, sorted
 * key-value metadata, a fixed {@code created_by}). Only parquet-format's Thrift classes are used,
 * so neither parquet-hadoop nor its shaded Jackson is loaded (a lighter cold start).
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
        List<ColumnChunk> chunks = new ArrayList<>(encoders.length);
        PositionCounter counter = new PositionCounter();
        for (ColumnChunkEncoder e : encoders) {
            counter.count = 0;
            ColumnChunk chunk = e.writeChunk(counter, position);
            position += counter.count;
            uncompressed += chunk.getMeta_data().getTotal_uncompressed_size();
            chunks.add(chunk);
        }
        RowGroup group = new RowGroup(chunks, uncompressed, rowsInGroup);
        group.setFile_offset(start);
        group.setTotal_compressed_size(position - start);
        rowGroups.add(group);
        rowsInGroup = 0;
    }

    /** Completes the file: the last row group, then the footer. */
    void finish() throws IOException {
        flushRowGroup();
        FileMetaData footer = new FileMetaData(1, schema(columns), rows, rowGroups);
        footer.setCreated_by(CREATED_BY);
        if (!metadata.isEmpty()) {
            List<KeyValue> keyValues = new ArrayList<>();
            metadata.forEach((k, v) -> keyValues.add(new KeyValue(k).setValue(v)));
            footer.setKey_value_metadata(keyValues);
        }
        List<ColumnOrder> orders = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            orders.add(ColumnOrder.TYPE_ORDER(new TypeDefinedOrder()));
        }
        footer.setColumn_orders(orders);
        ByteSink bytes = new ByteSink(4096);
        Util.writeFileMetaData(footer, bytes);
        write(bytes.array(), bytes.size());
        ByteSink tail = new ByteSink(8);
        tail.putInt(bytes.size());
        tail.write(MAGIC, 0, MAGIC.length);
        write(tail.array(), tail.size());
        close();
    }

    /** The Parquet schema: one optional primitive per column, as {@link ColumnType} documents. */
    static List<SchemaElement> schema(List<Column> columns) {
        List<SchemaElement> schema = new ArrayList<>(columns.size() + 1);
        schema.add(new SchemaElement("schema").setNum_children(columns.size()));
        for (Column column : columns) {
            SchemaElement e = new SchemaElement(column.name())
                    .setType(ColumnChunkEncoder.physicalType(column.type()))
                    .setRepetition_type(FieldRepetitionType.OPTIONAL);
            if (column.type() == ColumnType.STRING) {
                e.setConverted_type(ConvertedType.UTF8).setLogicalType(LogicalType.STRING(new StringType()));
            } else if (column.type() == ColumnType.DATE) {
                e.setConverted_type(ConvertedType.DATE).setLogicalType(LogicalType.DATE(new DateType()));
            }
            schema.add(e);
        }
        return schema;
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
