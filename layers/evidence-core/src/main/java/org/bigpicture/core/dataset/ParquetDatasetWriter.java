package org.bigpicture.core.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Placeholder until the Parquet writer lands (helper "parquet"). */
final class ParquetDatasetWriter {
    private ParquetDatasetWriter() {
    }

    static DatasetWriter open(Path dir, List<Column> columns) throws IOException {
        throw new UnsupportedOperationException("ParquetDatasetWriter not written yet");
    }
}
