package org.bigpicture.core.convert;

import java.util.List;

/**
 * The tables found in one upload.
 *
 * @param tables  tables to convert, in file order
 * @param skipped sheets (or parts) not converted, each with the reason, e.g. "Notes: notes sheet"
 */
public record UploadTables(List<TableInput> tables, List<String> skipped) {
}
