package org.bigpicture.core.convert;

import java.io.IOException;
import java.util.List;

/**
 * One table of an upload, ready to read: a whole CSV (decoded, delimiter found) or one XLSX
 * sheet. {@link #open()} may be called more than once (formats read a head, then stream).
 */
public interface TableInput {

    /** The raw object key, e.g. {@code jsna/Life Expectancy.csv}. */
    String key();

    /** The sheet name for XLSX, null for CSV. */
    String sheet();

    /** The dataset id this table becomes ({@code <slug>} or {@code <slug>-<sheet>}). */
    String datasetId();

    /** Human description of the physical layout, e.g. "CSV, UTF-8 with BOM, comma, CRLF". */
    String physicalLayout();

    /** The first records (up to 60), for recognition; never null. */
    List<List<String>> head();

    /** A fresh stream over every record from the first. */
    Records open() throws IOException;

    /**
     * What reading the file found that the report should say, whatever the format: mixed
     * encodings in a text file, a workbook's 1904 date system, cached copies of linked workbooks
     * left out. Empty by default.
     */
    default List<String> readingNotes() {
        return List.of();
    }
}
