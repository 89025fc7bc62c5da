package org.bigpicture.core.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** Placeholder until the Parquet reader lands (helper "parquet"). */
final class ParquetDatasetReader {
    private ParquetDatasetReader() {
    }

    static DatasetReader open(Path parquet) throws IOException {
        throw new UnsupportedOperationException("ParquetDatasetReader not written yet");
    }
}
