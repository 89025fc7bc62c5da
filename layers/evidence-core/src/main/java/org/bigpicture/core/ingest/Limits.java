package org.bigpicture.core.ingest;

/**
 * Guards against hostile or runaway input. Defaults are documented in README ("Limits"); an
 * officer may override them in {@code config/limits.yaml}.
 *
 * @param maxFileBytes        largest upload accepted
 * @param maxColumns          most columns in one table
 * @param maxCellChars        longest cell (and so longest line without a newline)
 * @param maxRows             most rows in one table
 * @param maxXlsxUncompressed largest total uncompressed size of an XLSX's parts
 * @param maxXlsxRatio        largest compression ratio of any XLSX part (zip bombs)
 */
public record Limits(long maxFileBytes, int maxColumns, int maxCellChars, long maxRows,
                     long maxXlsxUncompressed, int maxXlsxRatio) {

    public static Limits defaults() {
        return new Limits(10L * 1024 * 1024 * 1024, 5_000, 1_000_000, 100_000_000L,
                2L * 1024 * 1024 * 1024, 200);
    }
}
