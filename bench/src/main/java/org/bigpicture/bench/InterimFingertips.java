package org.bigpicture.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.dataset.Observations;

/**
 * Stand-in for the Fingertips format until {@code org.bigpicture.core.formats} lands: FastCSV
 * records mapped to the observations schema through the real {@link DatasetWriter}. The
 * benchmark reports which path ran.
 */
final class InterimFingertips {

    private InterimFingertips() {
    }

    static long convert(Path csv, Path dir) throws IOException {
        try (DatasetWriter out = DatasetWriter.open(dir, Observations.COLUMNS);
             CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            boolean header = true;
            for (CsvRecord r : reader) {
                if (header) {
                    header = false;
                    continue;
                }
                out.setString(Observations.INDICATOR_ID, r.getField(0));
                out.setString(Observations.INDICATOR_NAME, r.getField(1));
                text(out, Observations.PARENT_AREA_CODE, r.getField(2));
                out.setString(Observations.AREA_CODE, r.getField(4));
                out.setString(Observations.AREA_NAME, r.getField(5));
                out.setString(Observations.AREA_TYPE, r.getField(6));
                out.setString(Observations.SEX, r.getField(7));
                out.setString(Observations.AGE, r.getField(8));
                text(out, Observations.CATEGORY_TYPE, r.getField(9));
                text(out, Observations.CATEGORY, r.getField(10));
                out.setString(Observations.PERIOD, r.getField(11));
                number(out, Observations.VALUE, r.getField(12));
                number(out, Observations.LOWER_CI95, r.getField(13));
                number(out, Observations.UPPER_CI95, r.getField(14));
                number(out, Observations.COUNT, r.getField(17));
                number(out, Observations.DENOMINATOR, r.getField(18));
                text(out, Observations.VALUE_NOTE, r.getField(19));
                out.setString(Observations.SOURCE, "OHID Fingertips");
                out.endRow();
            }
            return out.finish().rows();
        }
    }

    private static void text(DatasetWriter out, int column, String value) {
        if (!value.isEmpty()) {
            out.setString(column, value);
        }
    }

    private static void number(DatasetWriter out, int column, String value) {
        if (!value.isEmpty()) {
            out.setDouble(column, Double.parseDouble(value));
        }
    }
}
