package org.bigpicture.core.read;

import org.bigpicture.core.convert.Records;
import java.util.List;

/**
 * Whether a record is a well-formed row of a table whose header has {@code width} cells: one
 * verdict, with one wording, for every format (issue 13: ragged rows are rejected with their line
 * in every family, a truncated file is quarantined, invalid quoting is a rejected row).
 *
 * <p>How a format uses it, per record it has decided is data (after its own blank, total and
 * footnote rows):
 * <pre>{@code
 * int min = RowShape.minCells(table.head(), headerIndex, header.size());   // once per table
 * RowShape shape = RowShape.of(r, min, header.size());
 * if (shape == RowShape.TRUNCATED) throw new BadInputException(key, r.line(), shape.describe(r, min));
 * if (shape != RowShape.WELL_FORMED) { tally.rejectAt(shape.reason(), r.line()); continue; }
 * }</pre>
 * Cell counts only mean something in delimited text ({@link Records#cellsAreDelimited()}): a
 * spreadsheet row simply lacks its trailing empty cells, so it is never {@link #SHORT} or
 * {@link #TRUNCATED}; values right of the header are {@link #LONG} in both.
 */
public enum RowShape {
    /** As many cells as the header (or fewer, in a spreadsheet), quoted correctly. */
    WELL_FORMED("well-formed row"),
    /** Fewer cells than the header, with a line end after it. */
    SHORT("ragged row (fewer cells than the header)"),
    /** A value beyond the header's last column (empty extra cells, as Excel writes them, are fine). */
    LONG("ragged row (more cells than the header)"),
    /** Text after a closing quote ({@code a,"b"c,d}): what the cell should hold is unknown. */
    INVALID_QUOTING("invalid quoting (text after a closing quote)"),
    /** Fewer cells than the header and the file ends there without a line end: cut short. */
    TRUNCATED("truncated file (the last row is cut short)");

    private final String reason;

    RowShape(String reason) {
        this.reason = reason;
    }

    /** The rejection reason, the same words in every format's report (a key of the rejected counts). */
    public String reason() {
        return reason;
    }

    /**
     * The verdict on the current record of {@code r}: in delimited text fewer than {@code minCells}
     * cells is ragged (or truncated, at the end of the file); anywhere, a value beyond
     * {@code headerWidth} is ragged.
     */
    public static RowShape of(Records r, int minCells, int headerWidth) {
        int n = r.size();
        int flags = r.irregularities();
        if (n < minCells && r.cellsAreDelimited()) {
            return (flags & Records.NO_LINE_END) != 0 ? TRUNCATED : SHORT;
        }
        for (int i = n - 1; i >= headerWidth; i--) {
            if (!r.isEmpty(i) && !r.get(i).isBlank()) {
                return LONG;
            }
        }
        if ((flags & Records.TEXT_AFTER_QUOTE) != 0) {
            return INVALID_QUOTING;
        }
        return WELL_FORMED;
    }

    /** {@link #of(Records, int, int)} when every row must have as many cells as the header. */
    public static RowShape of(Records r, int width) {
        return of(r, width, width);
    }

    /**
     * The fewest cells a data row of this table must have: the header's count, or fewer when the
     * publisher's own rows are consistently shorter (Fingertips API CSVs name 26 columns and write
     * 25 cells a row): the most common count among the data rows of the head, if smaller. A row
     * with fewer cells than that is ragged.
     *
     * @param head        the table's first records
     * @param headerIndex the header's index in {@code head}
     * @param headerWidth the header's cell count
     */
    public static int minCells(List<List<String>> head, int headerIndex, int headerWidth) {
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        int best = headerWidth;
        int bestCount = 0;
        for (int i = headerIndex + 1; i < head.size(); i++) {
            List<String> row = head.get(i);
            boolean blank = true;
            for (String c : row) {
                blank &= c.isBlank();
            }
            if (blank) {
                continue;
            }
            int n = counts.merge(row.size(), 1, Integer::sum);
            if (n > bestCount || n == bestCount && row.size() > best) {
                bestCount = n;
                best = row.size();
            }
        }
        return Math.min(best, headerWidth);
    }

    /**
     * True when the file ends inside this record, which has at least two cells but fewer than
     * {@code minCells}: a download cut short. For formats that classify rows (footnotes, totals)
     * before checking their shape, to call first: a cut-off data row must not pass for a footnote.
     * (A lone last cell without a line end is left to the format: it cannot be told from a footnote.)
     */
    public static boolean cutShort(Records r, int minCells) {
        if ((r.irregularities() & Records.NO_LINE_END) == 0 || !r.cellsAreDelimited()) {
            return false;
        }
        int n = r.size();
        return n > 1 && n < minCells;
    }

    /** A sentence naming the line, e.g. "ragged row: line 12 has 4 cells, but the header has 6". */
    public String describe(Records r, int minCells, int headerWidth) {
        long line = r.line();
        String expected = minCells == headerWidth ? "the header has " + headerWidth
                : "the table's rows have " + minCells + " (its header " + headerWidth + ")";
        return switch (this) {
            case WELL_FORMED -> "line " + line + " is a well-formed row";
            case SHORT -> "ragged row: line " + line + " has " + r.size() + " cells, but " + expected;
            case LONG -> "ragged row: line " + line + " has a value in column " + lastValue(r) + ", but the header has "
                    + headerWidth + " columns";
            case INVALID_QUOTING -> "invalid quoting on line " + line + ": text follows a closing quote inside a cell"
                    + " (write \"\" for a quote inside a quoted cell)";
            case TRUNCATED -> "the file is truncated: it ends part-way through the row on line " + line + " ("
                    + r.size() + " cells, no line end, but " + expected + "); upload the whole file";
        };
    }

    /** {@link #describe(Records, int, int)} when every row must have as many cells as the header. */
    public String describe(Records r, int width) {
        return describe(r, width, width);
    }

    private static int lastValue(Records r) {
        for (int i = r.size() - 1; i >= 0; i--) {
            if (!r.isEmpty(i) && !r.get(i).isBlank()) {
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * True when the record repeats the header (cell by cell, ignoring surrounding spaces): files
     * joined together, or a header printed on every page. Cheap: most records differ in the first cell.
     */
    public static boolean repeatsHeader(Records r, List<String> header) {
        int n = header.size();
        while (n > 0 && header.get(n - 1).isBlank()) {
            n--;
        }
        if (n == 0 || r.size() < n || r.isEmpty(0)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!r.get(i).strip().equals(header.get(i).strip())) {
                return false;
            }
        }
        for (int i = n; i < r.size(); i++) {
            if (!r.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }
}
