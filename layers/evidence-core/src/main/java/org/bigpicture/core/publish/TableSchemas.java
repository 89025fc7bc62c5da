package org.bigpicture.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.dataset.Column;

/** Frictionless Table Schemas for published resources. */
final class TableSchemas {

    /**
     * Empty cells are missing values; {@code [c]} is one too, but only in a table that marks
     * suppressed cells with it (one with a boolean {@code suppressed} column: the survey tables,
     * see {@link TableExport}). Elsewhere {@code [c]} is text like any other: a reader must get it
     * back as the string it is, as the Parquet and JSON twins hold it.
     */
    static final List<String> MISSING_VALUES = List.of("");
    static final List<String> MISSING_OR_SUPPRESSED = List.of("", CsvCells.SUPPRESSED);

    /** True when the table's CSV writes {@code [c]} for suppressed cells. */
    static boolean marksSuppression(List<Column> columns) {
        for (Column c : columns) {
            if (c.type() == org.bigpicture.core.dataset.ColumnType.BOOLEAN && c.name().equals("suppressed")) {
                return true;
            }
        }
        return false;
    }

    private TableSchemas() {
    }

    /**
     * A Table Schema for the columns. Field titles and descriptions come from the lake's
     * {@code schema.json} where it has them (matched by name), else from the column.
     *
     * @param lakeSchema the lake's schema.json, or null
     * @param csvNames   true for a CSV resource: names as the CSV header spells them (neutralised)
     */
    static ObjectNode forColumns(List<Column> columns, JsonNode lakeSchema, boolean csvNames) {
        Map<String, JsonNode> lakeFields = new HashMap<>();
        if (lakeSchema != null && lakeSchema.get("fields") != null && lakeSchema.get("fields").isArray()) {
            for (JsonNode f : lakeSchema.get("fields")) {
                String name = Json.text(f, "name");
                if (name != null) {
                    lakeFields.put(name, f);
                }
            }
        }
        ObjectNode schema = Json.object();
        ArrayNode fields = schema.putArray("fields");
        for (Column c : columns) {
            ObjectNode f = fields.addObject();
            f.put("name", csvNames ? CsvCells.neutralise(c.name()) : c.name());
            f.put("type", c.type().tableSchemaName());
            JsonNode lake = lakeFields.get(c.name());
            String title = Json.text(lake, "title");
            String description = Json.text(lake, "description");
            if (description == null) {
                description = c.description();
            }
            if (title != null) {
                f.put("title", title);
            }
            if (description != null) {
                f.put("description", description);
            }
        }
        ArrayNode missing = schema.putArray("missingValues");
        (marksSuppression(columns) ? MISSING_OR_SUPPRESSED : MISSING_VALUES).forEach(missing::add);
        return schema;
    }

    /** A schema from names and Table Schema type names (headlines.csv, whose columns are inferred). */
    static ObjectNode forInferred(List<String> names, List<String> types) {
        ObjectNode schema = Json.object();
        ArrayNode fields = schema.putArray("fields");
        for (int i = 0; i < names.size(); i++) {
            ObjectNode f = fields.addObject();
            f.put("name", CsvCells.neutralise(names.get(i)));
            f.put("type", types.get(i));
        }
        ArrayNode missing = schema.putArray("missingValues");
        MISSING_VALUES.forEach(missing::add);
        return schema;
    }
}
