package org.bigpicture.core.dataset;

/**
 * One column of a dataset.
 *
 * @param name        the column name as written to Parquet, CSV and Table Schema
 * @param type        its type
 * @param description a sentence for the Table Schema, or null
 */
public record Column(String name, ColumnType type, String description) {

    public static Column of(String name, ColumnType type) {
        return new Column(name, type, null);
    }
}
