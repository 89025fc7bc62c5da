package org.bigpicture.core.formats;

import org.bigpicture.core.convert.DatasetOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetFiles;
import org.bigpicture.core.dataset.DatasetWriter;

/** Records every row each format writes, keyed by dataset folder name; checks cell types as the real writer would. */
final class RecordingOutput implements DatasetOutput {

    final Map<String, Recorded> datasets = new HashMap<>();

    /** One dataset's columns and rows (cells as String, Long, Double, Boolean, Integer epoch day, or null). */
    static final class Recorded {
        final List<Column> columns;
        final List<Object[]> rows = new ArrayList<>();
        boolean finished;
        boolean closed;

        Recorded(List<Column> columns) {
            this.columns = columns;
        }

        int index(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no column " + column);
        }

        Object get(Object[] row, String column) {
            return row[index(column)];
        }

        /** Rows where every given column=value pair matches (values compared with equals). */
        List<Object[]> where(Object... pairs) {
            List<Object[]> out = new ArrayList<>();
            for (Object[] row : rows) {
                boolean ok = true;
                for (int i = 0; i < pairs.length; i += 2) {
                    Object want = pairs[i + 1];
                    Object have = row[index((String) pairs[i])];
                    if (want == null ? have != null : !want.equals(have)) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    out.add(row);
                }
            }
            return out;
        }
    }

    Recorded only() {
        if (datasets.size() != 1) {
            throw new IllegalStateException("expected one dataset, got " + datasets.keySet());
        }
        return datasets.values().iterator().next();
    }

    @Override
    public DatasetWriter open(Path dir, List<Column> columns) {
        Recorded rec = new Recorded(List.copyOf(columns));
        datasets.put(dir.getFileName().toString(), rec);
        return new DatasetWriter() {
            Object[] current = new Object[columns.size()];

            private void set(int c, Object v, ColumnType type) {
                if (columns.get(c).type() != type) {
                    throw new IllegalStateException("column " + columns.get(c).name() + " is " + columns.get(c).type()
                            + ", set as " + type);
                }
                current[c] = v;
            }

            @Override
            public void setString(int column, String value) {
                set(column, value, ColumnType.STRING);
            }

            @Override
            public void setLong(int column, long value) {
                set(column, value, ColumnType.INTEGER);
            }

            @Override
            public void setDouble(int column, double value) {
                set(column, value, ColumnType.NUMBER);
            }

            @Override
            public void setBoolean(int column, boolean value) {
                set(column, value, ColumnType.BOOLEAN);
            }

            @Override
            public void setDate(int column, int epochDay) {
                set(column, epochDay, ColumnType.DATE);
            }

            @Override
            public void setNull(int column) {
                current[column] = null;
            }

            @Override
            public void endRow() {
                rec.rows.add(current);
                current = new Object[columns.size()];
            }

            @Override
            public long rows() {
                return rec.rows.size();
            }

            @Override
            public DatasetFiles finish() throws IOException {
                rec.finished = true;
                return new DatasetFiles(dir.resolve("data.parquet"), null, dir.resolve("schema.json"), columns,
                        rec.rows.size());
            }

            @Override
            public void close() {
                rec.closed = true;
            }
        };
    }
}
