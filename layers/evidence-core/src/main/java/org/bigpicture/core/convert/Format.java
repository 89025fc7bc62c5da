package org.bigpicture.core.convert;

import java.io.IOException;
import java.util.List;

/**
 * A recognised source family (DESIGN.md, "Recognised sources"). Formats are tried in order; the
 * first that claims a table converts it. Recognition is by content; the key only helps where
 * DESIGN.md says so ({@code surveys/}, a period in the file name).
 */
public interface Format {

    /** Family name written to reports and provenance, e.g. "fingertips", "nomis-api", "survey", "table". */
    String family();

    /** True when this format recognises the table. */
    boolean claims(TableInput table);

    /**
     * Converts the table into one dataset (rarely more) under {@code workspace}. Throws
     * {@link BadInputException} for input at fault, naming the line.
     */
    List<ConvertedDataset> convert(TableInput table, Workspace workspace) throws IOException;
}
