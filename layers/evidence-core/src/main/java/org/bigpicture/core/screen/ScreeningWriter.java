package org.bigpicture.core.screen;

import java.io.IOException;
import java.util.List;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.DatasetFiles;
import org.bigpicture.core.dataset.DatasetWriter;

/**
 * A {@link DatasetWriter} that screens every cell on its way to another: string cells are profiled
 * (and identifiers in them redacted), ten-digit integers checked as NHS numbers, dates under a
 * header asking for birth counted. {@link #result()} gives the table's verdict once rows are written.
 *
 * <p>Hot path: a repeated string cell costs an identity comparison with the column's last value or
 * one slot of a small cache; an integer a comparison with 10⁹. Nothing is allocated per row.
 */
public final class ScreeningWriter implements DatasetWriter {

    /** What the writer does besides profiling. */
    public enum Policy {
        /** Redact identifiers in string cells (every upload, by default). */
        REDACT,
        /** Respondent-level files: redact strings, and write identifier-valued numbers as null. */
        RESTRICTED,
        /** Profile only, write as given (an upload released in config/publish.yaml). */
        OBSERVE
    }

    private final DatasetWriter inner;
    private final TableScreen screen;
    private final Policy policy;
    private final ColumnScreen[] columns;

    public ScreeningWriter(DatasetWriter inner, List<Column> columns, Policy policy) {
        this.inner = inner;
        this.policy = policy;
        this.screen = new TableScreen(columns, policy != Policy.OBSERVE, policy == Policy.RESTRICTED);
        this.columns = new ColumnScreen[screen.width()];
        for (int i = 0; i < this.columns.length; i++) {
            this.columns[i] = screen.column(i);
        }
    }

    /** The verdict on what was written so far. */
    public ScreenResult result() {
        return screen.result(policy == Policy.RESTRICTED ? ColumnScreen.Scope.SURVEY : ColumnScreen.Scope.TABLE);
    }

    public Policy policy() {
        return policy;
    }

    @Override
    public void setString(int column, String value) {
        inner.setString(column, columns[column].see(value));
    }

    @Override
    public void setLong(int column, long value) {
        if (columns[column].seeLong(value) && policy == Policy.RESTRICTED) {
            inner.setNull(column);
            return;
        }
        inner.setLong(column, value);
    }

    @Override
    public void setDouble(int column, double value) {
        if (columns[column].seeDouble(value) && policy == Policy.RESTRICTED) {
            inner.setNull(column);
            return;
        }
        inner.setDouble(column, value);
    }

    @Override
    public void setBoolean(int column, boolean value) {
        columns[column].seeOther();
        inner.setBoolean(column, value);
    }

    @Override
    public void setDate(int column, int epochDay) {
        columns[column].seeDate(epochDay);
        inner.setDate(column, epochDay);
    }

    @Override
    public void setNull(int column) {
        inner.setNull(column);
    }

    @Override
    public void endRow() throws IOException {
        inner.endRow();
    }

    @Override
    public long rows() {
        return inner.rows();
    }

    @Override
    public DatasetFiles finish() throws IOException {
        return inner.finish();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
