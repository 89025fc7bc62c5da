package org.bigpicture.core.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a Frictionless Table Schema ({@code schema.json}) for a list of columns: fields in
 * column order with name, type and description, dates as ISO {@code YYYY-MM-DD}, and the empty
 * string as the missing value (how our CSV writes nulls). Same columns, same bytes.
 */
public final class TableSchemaJson {

    /** The Table Schema v2 profile, matching the Data Package v2 bundles. */
    public static final String PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json";

    private TableSchemaJson() {
    }

    /** Writes the schema for {@code columns} to {@code file}. */
    public static void write(Path file, List<Column> columns) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, columns);
        }
    }

    /** Writes the schema for {@code columns} to {@code out} (left open). */
    public static void write(OutputStream out, List<Column> columns) throws IOException {
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setPrettyPrinter(pretty);
            json.writeStartObject();
            json.writeStringField("$schema", PROFILE);
            json.writeArrayFieldStart("fields");
            for (Column column : columns) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                json.writeStringField("type", column.type().tableSchemaName());
                if (column.type() == ColumnType.DATE) {
                    json.writeStringField("format", "default");
                }
                if (column.description() != null) {
                    json.writeStringField("description", column.description());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("missingValues");
            json.writeString("");
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }
}
