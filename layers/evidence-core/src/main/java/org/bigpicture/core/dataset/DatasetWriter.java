package org.bigpicture.core.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streams rows into a dataset folder: {@code data.parquet} (ZSTD), {@code data.json} (while rows
 * stay within {@link #JSON_ROW_LIMIT}) and {@code schema.json}. Output is deterministic: the same
 * rows give byte-identical files (no times, no random ids inside).
 *
 * <p>{@link #finish()} completes the files; {@link #close()} without {@code finish()} abandons the
 * dataset and deletes what was written.
 */
public interface DatasetWriter extends RowSink {

    /** Datasets up to this many rows also get {@code data.json}. */
    long JSON_ROW_LIMIT = 100_000;

    /** Closes every file and says what was written. */
    DatasetFiles finish() throws IOException;

    /** Opens a writer that creates {@code dir} and writes {@code data.parquet}, {@code data.json}, {@code schema.json}. */
    static DatasetWriter open(Path dir, List<Column> columns) throws IOException {
        return ParquetDatasetWriter.open(dir, columns, Options.defaults());
    }

    /** As {@link #open(Path, List)}, with explicit options. */
    static DatasetWriter open(Path dir, List<Column> columns, Options options) throws IOException {
        return ParquetDatasetWriter.open(dir, columns, options);
    }

    /**
     * Writer settings. The defaults suit a Lambda with a few hundred MB of heap.
     *
     * @param jsonRowLimit   write {@code data.json} only while rows stay within this (0: never)
     * @param rowGroupBytes  target size of a Parquet row group as buffered in memory (ZSTD pages)
     * @param metadata       key-value metadata for the Parquet footer (kept sorted, so deterministic)
     * @param background     encode on a second thread while the caller produces rows (two cores
     *                       overlap parsing and encoding); false encodes on the caller's thread
     */
    record Options(long jsonRowLimit, long rowGroupBytes, Map<String, String> metadata, boolean background) {

        public Options {
            if (jsonRowLimit < 0 || rowGroupBytes <= 0) {
                throw new IllegalArgumentException("jsonRowLimit must be >= 0 and rowGroupBytes > 0");
            }
            metadata = Map.copyOf(metadata);
        }

        public static Options defaults() {
            return new Options(JSON_ROW_LIMIT, 64L * 1024 * 1024, Map.of(), true);
        }

        public Options withJsonRowLimit(long limit) {
            return new Options(limit, rowGroupBytes, metadata, background);
        }

        public Options withRowGroupBytes(long bytes) {
            return new Options(jsonRowLimit, bytes, metadata, background);
        }

        public Options withMetadata(Map<String, String> keyValues) {
            return new Options(jsonRowLimit, rowGroupBytes, keyValues, background);
        }

        public Options withBackground(boolean encodeInBackground) {
            return new Options(jsonRowLimit, rowGroupBytes, metadata, encodeInBackground);
        }

        /** The metadata in key order. */
        Map<String, String> sortedMetadata() {
            return new TreeMap<>(metadata);
        }
    }
}
