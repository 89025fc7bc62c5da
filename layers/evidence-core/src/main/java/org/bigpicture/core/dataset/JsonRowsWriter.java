package org.bigpicture.core.dataset;

import org.bigpicture.core.util.Decimals;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Streams rows as a JSON array of records, one record per line: numbers stay numbers, dates are
 * {@code "YYYY-MM-DD"}, nulls are {@code null}. Non-finite numbers (NaN, infinities), which JSON
 * cannot hold, are written as null.
 */
final class JsonRowsWriter implements AutoCloseable {

    private final JsonGenerator json;
    private final SerializableString[] names;

    JsonRowsWriter(Path file, List<Column> columns) throws IOException {
        json = new JsonFactory().createGenerator(
                new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), JsonEncoding.UTF8);
        json.setPrettyPrinter(new OneRecordPerLine());
        names = new SerializableString[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = new SerializedString(columns.get(i).name());
        }
        json.writeStartArray();
    }

    void startRecord() throws IOException {
        json.writeStartObject();
    }

    void endRecord() throws IOException {
        json.writeEndObject();
    }

    void writeNull(int column) throws IOException {
        json.writeFieldName(names[column]);
        json.writeNull();
    }

    void writeString(int column, String value) throws IOException {
        json.writeFieldName(names[column]);
        json.writeString(value);
    }

    void writeLong(int column, long value) throws IOException {
        json.writeFieldName(names[column]);
        json.writeNumber(value);
    }

    void writeDouble(int column, double value) throws IOException {
        json.writeFieldName(names[column]);
        if (Double.isFinite(value)) {
            json.writeNumber(Decimals.shortest(value)); // the one number text (util.Decimals), on every JDK
        } else {
            json.writeNull();
        }
    }

    void writeBoolean(int column, boolean value) throws IOException {
        json.writeFieldName(names[column]);
        json.writeBoolean(value);
    }

    void writeDate(int column, int epochDay) throws IOException {
        json.writeFieldName(names[column]);
        json.writeString(LocalDate.ofEpochDay(epochDay).toString());
    }

    /** Ends the array and closes the file. */
    @Override
    public void close() throws IOException {
        if (!json.isClosed()) {
            json.writeEndArray();
            json.writeRaw('\n');
            json.close();
        }
    }

    /** {@code [} newline, records separated by comma-newline, newline {@code ]}; compact inside records. */
    private static final class OneRecordPerLine extends MinimalPrettyPrinter {
        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw("[\n");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            g.writeRaw(nrOfValues == 0 ? "]" : "\n]");
        }
    }
}
