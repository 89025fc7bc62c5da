package org.bigpicture.core.headlines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.dataset.Observations;

/** Writes observations rows (column name → value) as a real dataset folder through {@link DatasetWriter}. */
final class ObservationFiles {

    private ObservationFiles() {
    }

    static void write(Path dir, List<Map<String, Object>> rows) throws IOException {
        try (DatasetWriter w = DatasetWriter.open(dir, Observations.COLUMNS)) {
            for (Map<String, Object> row : rows) {
                for (int i = 0; i < Observations.COLUMNS.size(); i++) {
                    Column c = Observations.COLUMNS.get(i);
                    Object v = row.get(c.name());
                    if (v == null) {
                        w.setNull(i);
                    } else if (c.type() == ColumnType.NUMBER) {
                        w.setDouble(i, ((Number) v).doubleValue());
                    } else if (c.type() == ColumnType.DATE) {
                        w.setDate(i, ((Number) v).intValue());
                    } else {
                        w.setString(i, v.toString());
                    }
                }
                w.endRow();
            }
            w.finish();
        }
    }
}
