package org.bigpicture.core.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Encodes batches of rows into {@code data.parquet}; at the end writes {@code data.json} (small
 * datasets) and {@code schema.json}. Runs on one thread at a time (the writer's encoder thread, or the
 * caller's); nothing here is shared.
 */
final class DatasetEncoder {

    static final String PARQUET = "data.parquet";
    static final String JSON = "data.json";
    static final String SCHEMA = "schema.json";

    private final Path dir;
    private final List<Column> columns;
    private final DatasetWriter.Options options;
    private final Path parquetPath;
    private final Path jsonPath;
    private final ParquetFileEncoder parquet;
    private long rows;

    DatasetEncoder(Path dir, List<Column> columns, DatasetWriter.Options options) throws IOException {
        this.dir = dir;
        this.columns = columns;
        this.options = options;
        this.parquetPath = dir.resolve(PARQUET);
        this.jsonPath = dir.resolve(JSON);
        Files.deleteIfExists(jsonPath);
        this.parquet = new ParquetFileEncoder(parquetPath, columns, options.rowGroupBytes(), options.sortedMetadata());
    }

    void encode(ParquetDatasetWriter.RowBatch batch) throws IOException {
        if (batch.size == 0) {
            return;
        }
        parquet.add(batch);
        rows += batch.size;
    }

    /**
     * Completes {@code data.parquet}, then writes {@code data.json} from it when the dataset is
     * within the JSON row limit (only then is the row count known: JSON is not written, nor its
     * code compiled, for the large files that would abandon it), then {@code schema.json}.
     */
    DatasetFiles finish(ParquetDatasetWriter.RowBatch allRows) throws IOException {
        parquet.finish();
        Path jsonResult = null;
        if (options.jsonRowLimit() > 0 && rows <= options.jsonRowLimit()) {
            if (allRows != null && allRows.size == rows) {
                writeJson(allRows);
            } else {
                writeJson();
            }
            jsonResult = jsonPath;
        }
        Path schemaPath = dir.resolve(SCHEMA);
        TableSchemaJson.write(schemaPath, columns);
        return new DatasetFiles(parquetPath, jsonResult, schemaPath, columns, rows);
    }

    /** JSON from the one batch that holds every row (small datasets: nothing to read back). */
    private void writeJson(ParquetDatasetWriter.RowBatch batch) throws IOException {
        Path part = dir.resolve(JSON + ".part");
        try (JsonRowsWriter json = new JsonRowsWriter(part, columns)) {
            for (int r = 0; r < batch.size; r++) {
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
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, jsonPath, StandardCopyOption.REPLACE_EXISTING);
    }

    /** JSON read back from the finished Parquet. */
    private void writeJson() throws IOException {
        Path part = dir.resolve(JSON + ".part");
        try (DatasetReader reader = DatasetReader.open(parquetPath); JsonRowsWriter json = new JsonRowsWriter(part, columns)) {
            int n = columns.size();
            ColumnType[] types = new ColumnType[n];
            for (int c = 0; c < n; c++) {
                types[c] = columns.get(c).type();
            }
            while (reader.next()) {
                json.startRecord();
                for (int c = 0; c < n; c++) {
                    if (reader.isNull(c)) {
                        json.writeNull(c);
                        continue;
                    }
                    switch (types[c]) {
                        case STRING -> json.writeString(c, reader.getString(c));
                        case INTEGER -> json.writeLong(c, reader.getLong(c));
                        case NUMBER -> json.writeDouble(c, reader.getDouble(c));
                        case BOOLEAN -> json.writeBoolean(c, reader.getBoolean(c));
                        case DATE -> json.writeDate(c, reader.getDate(c));
                    }
                }
                json.endRecord();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, jsonPath, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes and deletes everything written so far. */
    void abandon() throws IOException {
        try {
            parquet.close();
        } finally {
            Files.deleteIfExists(dir.resolve(JSON + ".part"));
            Files.deleteIfExists(jsonPath);
            Files.deleteIfExists(parquetPath);
        }
    }
}
