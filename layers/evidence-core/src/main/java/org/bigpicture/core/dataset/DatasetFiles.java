package org.bigpicture.core.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished {@link DatasetWriter} left in its folder.
 *
 * @param parquet    {@code data.parquet}
 * @param json       {@code data.json} (the rows as JSON records), or null when rows exceed the limit
 * @param schema     {@code schema.json} (Frictionless Table Schema)
 * @param columns    the columns written
 * @param rows       rows written
 */
public record DatasetFiles(Path parquet, Path json, Path schema, List<Column> columns, long rows) {
}
