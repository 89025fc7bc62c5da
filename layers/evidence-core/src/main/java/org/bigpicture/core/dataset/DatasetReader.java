package org.bigpicture.core.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a dataset's {@code data.parquet} back row by row in the core (no Hadoop at run time).
 * Used by headlines (observations) and publish (Parquet → CSV/JSON).
 */
public interface DatasetReader extends Closeable {

    List<Column> columns();

    /** Advances to the next row; false at the end. */
    boolean next() throws IOException;

    boolean isNull(int column);

    String getString(int column);

    long getLong(int column);

    double getDouble(int column);

    boolean getBoolean(int column);

    /** DATE cells as days since 1970-01-01. */
    int getDate(int column);

    static DatasetReader open(Path parquet) throws IOException {
        return ParquetDatasetReader.open(parquet);
    }
}
