package org.bigpicture.core.convert;

/**
 * Guards against hostile or runaway input. Defaults are documented in README ("Limits"); an
 * officer may override them in {@code config/limits.yaml}.
 *
 * @param maxFileBytes         largest upload accepted
 * @param maxColumns           most columns in one table
 * @param maxCellChars         longest cell (and so longest line without a newline)
 * @param maxRows              most rows in one table
 * @param maxXlsxUncompressed  largest total uncompressed size of a workbook's (XLSX, ODS) parts
 * @param maxXlsxRatio         largest compression ratio of any workbook part (zip bombs)
 * @param maxSheets            most sheets in one workbook
 * @param maxSharedStrings     most strings in a workbook's shared-strings table (XLSX, XLS)
 * @param maxSharedStringChars most characters in a workbook's shared strings in total
 * @param maxStyles            most cell styles (and number formats) in one workbook
 */
public record Limits(long maxFileBytes, int maxColumns, int maxCellChars, long maxRows,
                     long maxXlsxUncompressed, int maxXlsxRatio, int maxSheets, int maxSharedStrings,
                     long maxSharedStringChars, int maxStyles) {

    /** Default sheets, shared strings (count and characters) and styles: see {@link #defaults()}. */
    public static final int DEFAULT_MAX_SHEETS = 1_000;
    public static final int DEFAULT_MAX_SHARED_STRINGS = 2_000_000;
    public static final long DEFAULT_MAX_SHARED_STRING_CHARS = 50_000_000L;
    public static final int DEFAULT_MAX_STYLES = 100_000;

    /** The first six limits, the workbook ones at their defaults. */
    public Limits(long maxFileBytes, int maxColumns, int maxCellChars, long maxRows, long maxXlsxUncompressed,
                  int maxXlsxRatio) {
        this(maxFileBytes, maxColumns, maxCellChars, maxRows, maxXlsxUncompressed, maxXlsxRatio, DEFAULT_MAX_SHEETS,
                DEFAULT_MAX_SHARED_STRINGS, DEFAULT_MAX_SHARED_STRING_CHARS, DEFAULT_MAX_STYLES);
    }

    /**
     * 10 GB files, 5,000 columns, a million characters a cell, 100 million rows; workbooks up to 2 GB
     * unpacked at no more than 200:1, 1,000 sheets, 2 million shared strings of 50 million characters
     * in all (about 100 MB of heap at most: a 17 MB XLSX that unpacks to 1.5 GB of strings is refused
     * when it passes that, never held), 100,000 styles (Excel allows 64,000).
     */
    public static Limits defaults() {
        return new Limits(10L * 1024 * 1024 * 1024, 5_000, 1_000_000, 100_000_000L,
                2L * 1024 * 1024 * 1024, 200);
    }

    /** These limits with other workbook limits (tests, and officers' overrides). */
    public Limits withWorkbookLimits(int sheets, int sharedStrings, long sharedStringChars, int styles) {
        return new Limits(maxFileBytes, maxColumns, maxCellChars, maxRows, maxXlsxUncompressed, maxXlsxRatio, sheets,
                sharedStrings, sharedStringChars, styles);
    }
}
