package org.bigpicture.core.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Encodes batches of rows into {@code data.parquet} (and {@code data.json} while small), then
 * writes {@code schema.json}. Runs on one thread at a time (the writer's encoder thread, or the
 * caller's); everything here is single-threaded.
 */
final class DatasetEncoder {

    static final String PARQUET = "data.parquet";
    static final String JSON = "data.json";
    static final String SCHEMA = "schema.json";
    private static final int PAGE_BYTES = 1 << 20;
    /** Distinct strings remembered per column with their UTF-8 bytes; reset when full. */
    private static final int STRING_CACHE_ENTRIES = 4096;

    private final Path dir;
    private final List<Column> columns;
    private final DatasetWriter.Options options;
    private final MessageType schema;
    private final ColumnDescriptor[] descriptors;
    private final ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final ParquetFileWriter file;
    private final Path parquetPath;
    @SuppressWarnings("unchecked")
    private final HashMap<String, Binary>[] utf8;

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private long rowsInGroup;
    private long rows;

    private final Path jsonPath;
    private final Path jsonTemp;
    private JsonRowsWriter json;
    private boolean jsonAbandoned;

    @SuppressWarnings("unchecked")
    DatasetEncoder(Path dir, List<Column> columns, DatasetWriter.Options options) throws IOException {
        this.dir = dir;
        this.columns = columns;
        this.options = options;
        this.schema = schemaOf(columns);
        this.descriptors = schema.getColumns().toArray(new ColumnDescriptor[0]);
        this.properties = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withPageSize(PAGE_BYTES)
                .withDictionaryPageSize(PAGE_BYTES)
                .withDictionaryEncoding(true)
                .withPageWriteChecksumEnabled(false)
                .withSizeStatisticsEnabled(false)
                .withAllocator(HeapByteBufferAllocator.getInstance())
                .build();
        this.compressor = Codecs.compressor(CompressionCodecName.ZSTD, Codecs.ZSTD_LEVEL);
        this.parquetPath = dir.resolve(PARQUET);
        this.utf8 = new HashMap[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).type() == ColumnType.STRING) {
                utf8[c] = new HashMap<>();
            }
        }
        this.jsonPath = dir.resolve(JSON);
        this.jsonTemp = dir.resolve(JSON + ".part");
        Files.deleteIfExists(jsonPath);
        if (options.jsonRowLimit() > 0) {
            json = new JsonRowsWriter(jsonTemp, columns);
        } else {
            jsonAbandoned = true;
        }
        this.file = new ParquetFileWriter(new FileOutput(parquetPath), schema, ParquetFileWriter.Mode.OVERWRITE,
                options.rowGroupBytes(), 0, null, properties);
        file.start();
    }

    /** The Parquet schema: one optional primitive per column, mapped as {@link ColumnType} says. */
    static MessageType schemaOf(List<Column> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Column column : columns) {
            Type field = switch (column.type()) {
                case STRING -> Types.optional(PrimitiveTypeName.BINARY)
                        .as(LogicalTypeAnnotation.stringType()).named(column.name());
                case INTEGER -> Types.optional(PrimitiveTypeName.INT64).named(column.name());
                case NUMBER -> Types.optional(PrimitiveTypeName.DOUBLE).named(column.name());
                case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(column.name());
                case DATE -> Types.optional(PrimitiveTypeName.INT32)
                        .as(LogicalTypeAnnotation.dateType()).named(column.name());
            };
            message.addField(field);
        }
        return message.named("schema");
    }

    void encode(ParquetDatasetWriter.RowBatch batch) throws IOException {
        int n = batch.size;
        if (n == 0) {
            return;
        }
        if (!jsonAbandoned) {
            if (rows + n > options.jsonRowLimit()) {
                json.abandon();
                json = null;
                jsonAbandoned = true;
                Files.deleteIfExists(jsonTemp);
            } else {
                writeJson(batch);
            }
        }
        if (store == null) {
            startRowGroup();
        }
        for (int c = 0; c < writers.length; c++) {
            writeColumn(c, batch, n);
        }
        for (int r = 0; r < n; r++) {
            store.endRecord();
        }
        rows += n;
        rowsInGroup += n;
        if (store.getBufferedSize() >= options.rowGroupBytes()) {
            flushRowGroup();
        }
    }

    private void writeColumn(int c, ParquetDatasetWriter.RowBatch batch, int n) {
        ColumnWriter w = writers[c];
        boolean[] present = batch.present[c];
        switch (columns.get(c).type()) {
            case STRING -> {
                String[] cells = batch.strings[c];
                HashMap<String, Binary> cache = utf8[c];
                for (int r = 0; r < n; r++) {
                    if (present[r]) {
                        w.write(binary(cache, cells[r]), 0, 1);
                    } else {
                        w.writeNull(0, 0);
                    }
                }
            }
            case INTEGER -> {
                long[] cells = batch.longs[c];
                for (int r = 0; r < n; r++) {
                    if (present[r]) {
                        w.write(cells[r], 0, 1);
                    } else {
                        w.writeNull(0, 0);
                    }
                }
            }
            case NUMBER -> {
                double[] cells = batch.doubles[c];
                for (int r = 0; r < n; r++) {
                    if (present[r]) {
                        w.write(cells[r], 0, 1);
                    } else {
                        w.writeNull(0, 0);
                    }
                }
            }
            case BOOLEAN -> {
                boolean[] cells = batch.booleans[c];
                for (int r = 0; r < n; r++) {
                    if (present[r]) {
                        w.write(cells[r], 0, 1);
                    } else {
                        w.writeNull(0, 0);
                    }
                }
            }
            case DATE -> {
                int[] cells = batch.dates[c];
                for (int r = 0; r < n; r++) {
                    if (present[r]) {
                        w.write(cells[r], 0, 1);
                    } else {
                        w.writeNull(0, 0);
                    }
                }
            }
        }
    }

    /** The UTF-8 bytes of a string, from the column's cache when it repeats (most do). */
    private static Binary binary(HashMap<String, Binary> cache, String s) {
        Binary b = cache.get(s);
        if (b == null) {
            if (cache.size() >= STRING_CACHE_ENTRIES) {
                cache.clear();
            }
            b = Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
            cache.put(s, b);
        }
        return b;
    }

    private void writeJson(ParquetDatasetWriter.RowBatch batch) throws IOException {
        int n = batch.size;
        for (int r = 0; r < n; r++) {
            json.startRecord();
            for (int c = 0; c < columns.size(); c++) {
                if (!batch.present[c][r]) {
                    json.writeNull(c);
                    continue;
                }
                switch (columns.get(c).type()) {
                    case STRING -> json.writeString(c, batch.strings[c][r]);
                    case INTEGER -> json.writeLong(c, batch.longs[c][r]);
                    case NUMBER -> json.writeDouble(c, batch.doubles[c][r]);
                    case BOOLEAN -> json.writeBoolean(c, batch.booleans[c][r]);
                    case DATE -> json.writeDate(c, batch.dates[c][r]);
                }
            }
            json.endRecord();
        }
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withCompressorProvider(descriptor -> compressor)
                .withSchema(schema)
                .withAllocator(properties.getAllocator())
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(false)
                .build();
        store = properties.newColumnWriteStore(schema, pages, pages);
        writers = new ColumnWriter[descriptors.length];
        for (int c = 0; c < descriptors.length; c++) {
            writers[c] = store.getColumnWriter(descriptors[c]);
        }
        rowsInGroup = 0;
    }

    private void flushRowGroup() throws IOException {
        if (store == null || rowsInGroup == 0) {
            return;
        }
        file.startBlock(rowsInGroup);
        store.flush();
        pages.flushToFileWriter(file);
        file.endBlock();
        store.close();
        pages.close();
        store = null;
        pages = null;
        writers = null;
        rowsInGroup = 0;
    }

    DatasetFiles finish() throws IOException {
        flushRowGroup();
        file.end(options.sortedMetadata());
        compressor.release();
        Path jsonResult = null;
        if (!jsonAbandoned) {
            json.close();
            json = null;
            Files.move(jsonTemp, jsonPath, StandardCopyOption.REPLACE_EXISTING);
            jsonResult = jsonPath;
        }
        Path schemaPath = dir.resolve(SCHEMA);
        TableSchemaJson.write(schemaPath, columns);
        return new DatasetFiles(parquetPath, jsonResult, schemaPath, columns, rows);
    }

    /** Closes and deletes everything written so far. */
    void abandon() throws IOException {
        try {
            if (json != null) {
                json.abandon();
                json = null;
            }
            if (store != null) {
                store.close();
                pages.close();
                store = null;
            }
            try {
                file.close(); // the file is deleted below
            } catch (IOException | RuntimeException ignored) {
                // the file is being thrown away
            }
        } finally {
            compressor.release();
            Files.deleteIfExists(jsonTemp);
            Files.deleteIfExists(jsonPath);
            Files.deleteIfExists(parquetPath);
        }
    }

    /** A local file for parquet-java, with no Hadoop file system behind it. */
    private static final class FileOutput implements OutputFile {
        private final Path path;

        FileOutput(Path path) {
            this.path = path;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return open(StandardOpenOption.CREATE_NEW);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return open(StandardOpenOption.CREATE);
        }

        private PositionOutputStream open(StandardOpenOption mode) throws IOException {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, mode,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16);
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }
    }
}
