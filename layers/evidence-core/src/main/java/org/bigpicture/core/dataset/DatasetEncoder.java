package org.bigpicture.core.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Encodes batches of rows into {@code data.parquet} (and {@code data.json} while small), then
 * writes {@code schema.json}. Runs on one thread at a time (the writer's encoder thread, or the
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
    private final ParquetFileEncoder parquet;
    private long rows;

    private final Path jsonPath;
    private final Path jsonTemp;
    private JsonRowsWriter json;
    private boolean jsonAbandoned;

    DatasetEncoder(Path dir, List<Column> columns, DatasetWriter.Options options) throws IOException {
        this.dir = dir;
        this.columns = columns;
        this.options = options;
        this.parquetPath = dir.resolve(PARQUET);
        this.jsonPath = dir.resolve(JSON);
        this.jsonTemp = dir.resolve(JSON + ".part");
        Files.deleteIfExists(jsonPath);
        if (options.jsonRowLimit() > 0) {
            json = new JsonRowsWriter(jsonTemp, columns);
        } else {
            jsonAbandoned = true;
        }
        this.parquet = new ParquetFileEncoder(parquetPath, columns, options.rowGroupBytes(), options.sortedMetadata());
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
        parquet.add(batch);
        rows += n;
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

    DatasetFiles finish() throws IOException {
        parquet.finish();
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
            parquet.close();
        } finally {
            Files.deleteIfExists(jsonTemp);
            Files.deleteIfExists(jsonPath);
            Files.deleteIfExists(parquetPath);
        }
    }
}
