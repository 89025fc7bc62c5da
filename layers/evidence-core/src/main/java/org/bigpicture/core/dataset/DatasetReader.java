package org.bigpicture.core.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a dataset's {@code data.parquet} back row by row in the core (no Hadoop at run time).
 * Used by headlines (observations) and publish (Parquet → CSV/JSON).
 *
 * <p>Call {@link #next()} before reading the first row. Check {@link #isNull(int)} before a
 * primitive getter: {@code getLong}, {@code getDouble}, {@code getBoolean} and {@code getDate}
 * throw {@link IllegalStateException} on a null cell; {@code getString} returns null.
 */
public interface DatasetReader extends Closeable {

    List<Column> columns();

    /** Rows in the file, from its footer. */
    long rowCount();

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
