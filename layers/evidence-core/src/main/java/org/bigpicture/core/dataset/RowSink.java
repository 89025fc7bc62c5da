package org.bigpicture.core.dataset;

import java.io.Closeable;
import java.io.IOException;

/**
 * Receives rows column by column, without a row object per row (so no per-row garbage on the
 * hot path). Set the cells of the current row by column index, then call {@link #endRow()}; a
 * cell not set in a row is null. Setting a cell with a type other than its column's is a
 * programming error.
 */
public interface RowSink extends Closeable {

    void setString(int column, String value);

    void setLong(int column, long value);

    void setDouble(int column, double value);

    void setBoolean(int column, boolean value);

    /** A DATE cell as days since 1970-01-01. */
    void setDate(int column, int epochDay);

    void setNull(int column);

    /** Completes the current row; the next set starts a new one. */
    void endRow() throws IOException;

    /** Rows completed so far. */
    long rows();
}
