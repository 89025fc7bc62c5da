package org.bigpicture.core.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** A deterministic sample with nulls, unicode, negative numbers and dates (no test libraries: the probe uses it). */
final class SampleRows {

    static final List<Column> COLUMNS = List.of(
            new Column("area code", ColumnType.STRING, "GSS code"),
            Column.of("count", ColumnType.INTEGER),
            Column.of("value", ColumnType.NUMBER),
            Column.of("flag", ColumnType.BOOLEAN),
            Column.of("period_start", ColumnType.DATE));

    private SampleRows() {
    }

    /** Row i of the sample, for {@link DatasetWriterTest#COLUMNS}. */
    static void writeRow(RowSink sink, int i) throws IOException {
        if (i % 7 != 3) {
            sink.setString(0, i % 5 == 0 ? "Stockport – Ħeaton Mersey “north” ✓ " + (i % 11) : "E0" + (i % 13));
        }
        if (i % 6 != 1) {
            sink.setLong(1, (long) i * 1_000_003L - 5_000_000_000L);
        }
        if (i % 9 != 2) {
            sink.setDouble(2, i * 0.25 - 17.5);
        } else {
            sink.setNull(2);
        }
        if (i % 4 != 0) {
            sink.setBoolean(3, i % 3 == 0);
        }
        if (i % 8 != 5) {
            sink.setDate(4, (int) LocalDate.of(2001, 1, 1).toEpochDay() + i % 9000);
        }
        sink.endRow();
    }

    static DatasetFiles write(Path dir, List<Column> columns, int rows, DatasetWriter.Options options)
            throws IOException {
        try (DatasetWriter writer = DatasetWriter.open(dir, columns, options)) {
            for (int i = 0; i < rows; i++) {
                writeRow(writer, i);
            }
            if (writer.rows() != rows) {
                throw new AssertionError("rows() says " + writer.rows() + ", wrote " + rows);
            }
            return writer.finish();
        }
    }
}
