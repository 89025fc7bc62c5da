package org.bigpicture.core.publish;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetReader;

/**
 * Streams a dataset (Parquet, read row by row) into its published text forms in one pass:
 *
 * <ul>
 *   <li>the canonical CSV: RFC 4180, UTF-8 without BOM, CRLF line ends, a header row, nulls as
 *       empty cells, text neutralised ({@link CsvCells});</li>
 *   <li>for small tables, JSON: an array of row objects (column name → value, null for empty),
 *       one row per line; abandoned (file deleted) once rows pass the limit.</li>
 * </ul>
 * Memory stays flat whatever the row count: a few chunks of CSV bytes are held at a time.
 *
 * <p>Disclosure control: where a table has a boolean {@code suppressed} column (survey summary and
 * themes tables), a row with {@code suppressed = true} writes its empty numeric cells as
 * {@code [c]} in CSV, so a reader can tell "suppressed" from "not applicable".
 */
public final class TableExport {

    static final String EOL = "\r\n";

    /**
     * Changes whenever the bytes this class writes for the same rows change (quoting, number
     * spelling, JSON layout): recorded on each resource, so a later edition copies a previous
     * edition's CSV and JSON only when they were written the same way.
     */
    public static final String VERSION = "1";

    /** Tables with at least this many rows hash and write their CSV on a second thread. */
    static final long BACKGROUND_ROWS = 65_536;

    /**
     * What was written.
     *
     * @param json true when the JSON file was kept (rows within the limit)
     */
    public record Written(long rows, long csvBytes, String csvSha256, boolean json) {
    }

    private TableExport() {
    }

    /** CSV only. */
    public static Written write(DatasetReader reader, Path csv) throws IOException {
        return write(reader, csv, null, 0);
    }

    /**
     * @param json         where to write JSON, or null for none
     * @param jsonRowLimit JSON is kept only when the table has at most this many rows
     */
    public static Written write(DatasetReader reader, Path csv, Path json, long jsonRowLimit) throws IOException {
        List<Column> columns = reader.columns();
        int n = columns.size();
        ColumnType[] types = new ColumnType[n];
        String[] names = new String[n];
        int suppressedColumn = -1;
        for (int i = 0; i < n; i++) {
            types[i] = columns.get(i).type();
            names[i] = columns.get(i).name();
            if (types[i] == ColumnType.BOOLEAN && names[i].equals("suppressed")) {
                suppressedColumn = i;
            }
        }
        Written written;
        long rows = 0;
        JsonGenerator g = null;
        OutputStream jsonOut = null;
        boolean jsonKept = json != null;
        // Large tables hash and write on a second thread while this one spells the rows.
        try (HashingFileWriter file = reader.rowCount() >= BACKGROUND_ROWS
                ? HashingFileWriter.background(csv) : HashingFileWriter.direct(csv)) {
            if (json != null) {
                jsonOut = new BufferedOutputStream(Files.newOutputStream(json), 1 << 16);
                g = Json.MAPPER.getFactory().createGenerator(jsonOut, JsonEncoding.UTF8);
                // Rows are root values joined by our own ",\n" inside a raw "[ … ]", so each row is one line.
                g.setRootValueSeparator(null);
                g.writeRaw('[');
            }
            CsvBytes row = new CsvBytes(file.buffer());
            writeHeader(row, columns);
            CsvBytes.TextCells[] texts = new CsvBytes.TextCells[n];
            CsvBytes.DateCells[] dates = new CsvBytes.DateCells[n];
            for (int i = 0; i < n; i++) {
                texts[i] = types[i] == ColumnType.STRING ? new CsvBytes.TextCells() : null;
                dates[i] = types[i] == ColumnType.DATE ? new CsvBytes.DateCells() : null;
            }
            while (reader.next()) {
                boolean suppressed = suppressedColumn >= 0 && !reader.isNull(suppressedColumn)
                        && reader.getBoolean(suppressedColumn);
                if (g != null && rows >= jsonRowLimit) {
                    // Too big for a JSON twin: partners take the CSV or Parquet.
                    g.close();
                    g = null;
                    jsonKept = false;
                }
                if (g != null) {
                    g.writeRaw(rows == 0 ? "\n" : ",\n");
                    g.writeStartObject();
                }
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        row.comma();
                    }
                    if (g != null) {
                        g.writeFieldName(names[i]);
                    }
                    if (reader.isNull(i)) {
                        if (suppressed && (types[i] == ColumnType.NUMBER || types[i] == ColumnType.INTEGER)) {
                            row.suppressed();
                        }
                        if (g != null) {
                            g.writeNull();
                        }
                        continue;
                    }
                    switch (types[i]) {
                        case STRING -> {
                            String s = reader.getString(i);
                            row.put(texts[i].of(s));
                            if (g != null) {
                                g.writeString(s);
                            }
                        }
                        case INTEGER -> {
                            long v = reader.getLong(i);
                            row.integer(v);
                            if (g != null) {
                                g.writeNumber(v);
                            }
                        }
                        case NUMBER -> {
                            double d = reader.getDouble(i);
                            row.number(d);
                            if (g != null) {
                                if (Double.isNaN(d) || Double.isInfinite(d)) {
                                    g.writeNull();
                                } else {
                                    g.writeNumber(CsvCells.number(d));
                                }
                            }
                        }
                        case BOOLEAN -> {
                            boolean b = reader.getBoolean(i);
                            row.bool(b);
                            if (g != null) {
                                g.writeBoolean(b);
                            }
                        }
                        case DATE -> {
                            int day = reader.getDate(i);
                            row.put(dates[i].of(day));
                            if (g != null) {
                                g.writeString(CsvCells.date(day));
                            }
                        }
                        default -> throw new IllegalStateException("unknown column type " + types[i]);
                    }
                }
                row.endRow();
                if (row.size() >= HashingFileWriter.CHUNK) {
                    row.reset(file.write(row.buffer(), row.size()));
                }
                if (g != null) {
                    g.writeEndObject();
                }
                rows++;
            }
            file.write(row.buffer(), row.size());
            file.finish();
            if (g != null) {
                g.writeRaw(rows == 0 ? "]\n" : "\n]\n");
                g.close();
                g = null;
            }
            written = new Written(rows, file.bytes(), file.hex(), jsonKept);
        } finally {
            if (g != null) {
                g.close();
            }
            if (jsonOut != null) {
                jsonOut.close();
            }
        }
        if (json != null && !jsonKept) {
            Files.deleteIfExists(json);
        }
        return written;
    }

    static void writeHeader(CsvBytes row, List<Column> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                row.comma();
            }
            row.put(CsvCells.text(columns.get(i).name()).getBytes(StandardCharsets.UTF_8));
        }
        row.endRow();
    }
}
