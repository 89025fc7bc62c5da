package org.bigpicture.core.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Streams rows into a dataset folder: {@code data.parquet} (ZSTD), {@code data.json} (while rows
 * stay within {@link #JSON_ROW_LIMIT}) and {@code schema.json}. Output is deterministic: the same
 * rows give byte-identical files (no times, no random ids inside).
 */
public interface DatasetWriter extends RowSink {

    /** Datasets up to this many rows also get {@code data.json}. */
    long JSON_ROW_LIMIT = 100_000;

    /** Closes every file and says what was written. */
    DatasetFiles finish() throws IOException;

    /** Opens a writer that creates {@code dir} and writes {@code data.parquet}, {@code data.json}, {@code schema.json}. */
    static DatasetWriter open(Path dir, List<Column> columns) throws IOException {
        return ParquetDatasetWriter.open(dir, columns);
    }
}
