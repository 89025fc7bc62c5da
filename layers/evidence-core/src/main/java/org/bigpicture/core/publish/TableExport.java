package org.bigpicture.core.publish;

import org.bigpicture.core.lake.Sha256;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
 * Memory stays flat whatever the row count: one row is held at a time.
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
        long rows = 0;
        Sha256.CountingStream counting = new Sha256.CountingStream(
                new BufferedOutputStream(Files.newOutputStream(csv), 1 << 16));
        JsonGenerator g = null;
        OutputStream jsonOut = null;
        boolean jsonKept = json != null;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(counting, StandardCharsets.UTF_8), 1 << 16)) {
            if (json != null) {
                jsonOut = new BufferedOutputStream(Files.newOutputStream(json), 1 << 16);
                g = Json.MAPPER.getFactory().createGenerator(jsonOut, JsonEncoding.UTF8);
                // Rows are root values joined by our own ",\n" inside a raw "[ … ]", so each row is one line.
                g.setRootValueSeparator(null);
                g.writeRaw('[');
            }
            writeHeader(w, columns);
            // Each row is built here and handed to the writer at once (its methods lock on every
            // call); text and date cells repeat, so each column remembers its last conversion.
            StringBuilder row = new StringBuilder(512);
            char[] chars = new char[1024];
            String[] textIn = new String[n];
            String[] textOut = new String[n];
            int[] dateIn = new int[n];
            String[] dateOut = new String[n];
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
                row.setLength(0);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        row.append(',');
                    }
                    if (g != null) {
                        g.writeFieldName(names[i]);
                    }
                    if (reader.isNull(i)) {
                        if (suppressed && (types[i] == ColumnType.NUMBER || types[i] == ColumnType.INTEGER)) {
                            row.append(CsvCells.SUPPRESSED);
                        }
                        if (g != null) {
                            g.writeNull();
                        }
                        continue;
                    }
                    switch (types[i]) {
                        case STRING -> {
                            String s = reader.getString(i);
                            if (s != textIn[i]) {
                                textIn[i] = s;
                                textOut[i] = CsvCells.text(s);
                            }
                            row.append(textOut[i]);
                            if (g != null) {
                                g.writeString(s);
                            }
                        }
                        case INTEGER -> {
                            long v = reader.getLong(i);
                            row.append(v);
                            if (g != null) {
                                g.writeNumber(v);
                            }
                        }
                        case NUMBER -> {
                            double d = reader.getDouble(i);
                            String s = CsvCells.number(d);
                            row.append(s);
                            if (g != null) {
                                if (Double.isNaN(d) || Double.isInfinite(d)) {
                                    g.writeNull();
                                } else {
                                    g.writeNumber(s);
                                }
                            }
                        }
                        case BOOLEAN -> {
                            boolean b = reader.getBoolean(i);
                            row.append(b ? "true" : "false");
                            if (g != null) {
                                g.writeBoolean(b);
                            }
                        }
                        case DATE -> {
                            int day = reader.getDate(i);
                            if (dateOut[i] == null || dateIn[i] != day) {
                                dateIn[i] = day;
                                dateOut[i] = CsvCells.date(day);
                            }
                            String s = dateOut[i];
                            row.append(s);
                            if (g != null) {
                                g.writeString(s);
                            }
                        }
                        default -> throw new IllegalStateException("unknown column type " + types[i]);
                    }
                }
                row.append(EOL);
                int length = row.length();
                if (chars.length < length) {
                    chars = new char[length * 2];
                }
                row.getChars(0, length, chars, 0);
                w.write(chars, 0, length);
                if (g != null) {
                    g.writeEndObject();
                }
                rows++;
            }
            if (g != null) {
                g.writeRaw(rows == 0 ? "]\n" : "\n]\n");
                g.close();
                g = null;
            }
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
        return new Written(rows, counting.bytes(), counting.hex(), jsonKept);
    }

    static void writeHeader(Writer w, List<Column> columns) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(CsvCells.text(columns.get(i).name()));
        }
        w.write(EOL);
    }
}
