package org.bigpicture.core.screen;

import java.io.IOException;
import java.util.List;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetFiles;
import org.bigpicture.core.dataset.DatasetWriter;

/**
 * A {@link DatasetWriter} that screens every cell on its way to another: string cells are profiled
 * (and identifiers in them redacted), ten-digit integers checked as NHS numbers, dates under a
 * header asking for birth counted. {@link #result()} gives the table's verdict once rows are written.
 *
 * <p>Hot path: a repeated string cell costs an identity comparison with the column's last value or
 * one slot of a small cache; a number a comparison with 10⁹; other cells nothing (they are counted
 * in bulk, rows less nulls, when the verdict is asked for). Nothing is allocated per row.
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
    private final boolean restricted;
    private final ColumnScreen[] columns;
    private final ColumnType[] types;
    /** Date columns whose every cell is looked at (a header asking for birth); other dates are counted in bulk. */
    private final boolean[] watchDates;
    private final long[] nulls;
    private final long[] bulkCounted;

    public ScreeningWriter(DatasetWriter inner, List<Column> columns, Policy policy) {
        this.inner = inner;
        this.policy = policy;
        this.restricted = policy == Policy.RESTRICTED;
        this.screen = new TableScreen(columns, policy != Policy.OBSERVE, restricted);
        int n = screen.width();
        this.columns = new ColumnScreen[n];
        this.types = new ColumnType[n];
        this.watchDates = new boolean[n];
        this.nulls = new long[n];
        this.bulkCounted = new long[n];
        for (int i = 0; i < n; i++) {
            this.columns[i] = screen.column(i);
            this.types[i] = columns.get(i).type();
            this.watchDates[i] = types[i] == ColumnType.DATE && this.columns[i].exact();
        }
    }

    /** The verdict on what was written so far. */
    public ScreenResult result() {
        // Numbers, booleans and unwatched dates are counted in bulk: rows written less the nulls.
        long rows = inner.rows();
        for (int c = 0; c < columns.length; c++) {
            if (types[c] == ColumnType.STRING || watchDates[c]) {
                continue;
            }
            long cells = rows - nulls[c];
            if (cells > bulkCounted[c]) {
                columns[c].addBulk(cells - bulkCounted[c], types[c] == ColumnType.INTEGER || types[c] == ColumnType.NUMBER);
                bulkCounted[c] = cells;
            }
        }
        return screen.result(restricted ? ColumnScreen.Scope.SURVEY : ColumnScreen.Scope.TABLE);
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
        // Only ten digits and more can be an identifier: one comparison for every other number.
        if (value >= 1_000_000_000L && columns[column].identifierLong(value) && restricted) {
            inner.setNull(column);
            return;
        }
        inner.setLong(column, value);
    }

    @Override
    public void setDouble(int column, double value) {
        if (value >= 1e9 && value < 1e10 && columns[column].identifierDouble(value) && restricted) {
            inner.setNull(column);
            return;
        }
        inner.setDouble(column, value);
    }

    @Override
    public void setBoolean(int column, boolean value) {
        inner.setBoolean(column, value);
    }

    @Override
    public void setDate(int column, int epochDay) {
        if (watchDates[column]) {
            columns[column].seeDate(epochDay);
        }
        inner.setDate(column, epochDay);
    }

    @Override
    public void setNull(int column) {
        nulls[column]++;
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
