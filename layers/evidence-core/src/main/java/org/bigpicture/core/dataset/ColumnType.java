package org.bigpicture.core.dataset;

/**
 * Column types, named as in Frictionless Table Schema. Parquet mapping: STRING → BINARY (UTF8),
 * INTEGER → INT64, NUMBER → DOUBLE, BOOLEAN → BOOLEAN, DATE → INT32 (DATE).
 */
public enum ColumnType {
    STRING("string"), INTEGER("integer"), NUMBER("number"), BOOLEAN("boolean"), DATE("date");

    private final String tableSchemaName;

    ColumnType(String tableSchemaName) {
        this.tableSchemaName = tableSchemaName;
    }

    /** The Table Schema {@code type} value. */
    public String tableSchemaName() {
        return tableSchemaName;
    }
}
