package org.bigpicture.core.formats;

import java.util.List;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Records;
import org.bigpicture.core.read.RowShape;

/**
 * One table's rules for its data rows, the same in every format (issue 13, "never silently
 * wrong"): empty rows are counted and skipped; a ragged row, invalid quoting or a repeat of the
 * header is rejected with its line; a file cut off part-way through its last row is quarantined;
 * a table whose rows are mostly ragged is quarantined (it is not the table its header says).
 *
 * <pre>{@code
 * RowGate gate = new RowGate(table, headerIndex, header, width, tally);
 * while (r.next()) {
 *     if (gate.skipBlank(r)) continue;
 *     tally.read++;
 *     ... the format's own total and footnote rows ...
 *     if (!gate.wellFormed(r)) continue;
 *     ... write the row ...
 * }
 * }</pre>
 */
final class RowGate {

    /** The rejection reason of a record that repeats the header row. */
    static final String REPEATED_HEADER = "repeated header row";

    /** Ragged rows tolerated before their share is judged. */
    private static final int RAGGED_FLOOR = 10;

    private final TableInput table;
    private final List<String> header;
    /** The header's first cell, stripped: a record opening with anything else is not a repeat (the usual case). */
    private final String firstHeaderCell;
    private final int headerWidth;
    private int minCells;
    private final Tally tally;
    private long rows;
    private long ragged;

    /**
     * @param headerIndex the header's index in {@code table.head()}
     * @param header      the header's cells, to find repeats of it; null not to look
     * @param width       the header's width: a value right of it is ragged
     */
    RowGate(TableInput table, int headerIndex, List<String> header, int width, Tally tally) {
        this.table = table;
        this.header = header;
        this.firstHeaderCell = header == null || header.isEmpty() || header.get(0).isBlank() ? null : header.get(0).strip();
        this.headerWidth = width;
        this.minCells = RowShape.minCells(table.head(), headerIndex, width);
        this.tally = tally;
    }

    /**
     * Lowers the cells a row must have to those the format reads ({@code columns}, -1 for a column
     * the table lacks): trailing columns it does not read may be absent (Fingertips exports omit an
     * empty "Compared to goal" cell at the end of a row). A row missing a cell that is read stays ragged.
     */
    RowGate reads(int... columns) {
        int needed = 0;
        for (int c : columns) {
            needed = Math.max(needed, c + 1);
        }
        minCells = Math.min(minCells, needed);
        return this;
    }

    /**
     * True when the record is to be skipped: an empty record (counted) or one with invalid quoting
     * (read and rejected with its line: its cells are not what the publisher meant, so the format
     * must not even classify it). Notes a byte-order mark opening a record (files joined together).
     * Call it first for every record after the header; a cut-off last row is quarantined here,
     * before the format can take it for a footnote ({@link RowShape#cutShort}).
     */
    boolean skipBlank(Records r) {
        int flags = r.irregularities();
        if (flags != 0) {
            if ((flags & Records.BOM_AT_START) != 0) {
                tally.byteOrderMarkAt(r.line());
            }
            if (RowShape.cutShort(r, minCells)) {
                throw new BadInputException(table.key(), r.line(), RowShape.TRUNCATED.describe(r, minCells, headerWidth));
            }
            if ((flags & Records.TEXT_AFTER_QUOTE) != 0) {
                tally.read++;
                tally.rejectAt(RowShape.INVALID_QUOTING.reason(), r.line());
                return true;
            }
        }
        if (r.isBlank()) {
            tally.blank(r.line());
            return true;
        }
        return false;
    }

    /** Whether a data record is a well-formed row; if not it is rejected with its line (or the file quarantined). */
    boolean wellFormed(Records r) {
        rows++;
        RowShape shape = RowShape.of(r, minCells, headerWidth);
        if (shape == RowShape.TRUNCATED) {
            throw new BadInputException(table.key(), r.line(), shape.describe(r, minCells, headerWidth));
        }
        if (shape != RowShape.WELL_FORMED) {
            if ((shape == RowShape.SHORT || shape == RowShape.LONG) && ++ragged >= RAGGED_FLOOR && ragged * 2 > rows) {
                throw new BadInputException(table.key(), r.line(), "most rows are ragged (" + ragged + " of the first "
                        + rows + "; " + shape.describe(r, minCells, headerWidth) + "): the file is not the table its"
                        + " header describes (a wrong delimiter, or a damaged export?)");
            }
            tally.rejectAt(shape.reason(), r.line());
            return false;
        }
        if (repeatsHeader(r)) {
            tally.rejectAt(REPEATED_HEADER, r.line());
            return false;
        }
        return true;
    }

    /** Whether pass two of a two-pass format keeps the record pass one kept (no counting). */
    boolean keeps(Records r) {
        return !r.isBlank() && RowShape.of(r, minCells, headerWidth) == RowShape.WELL_FORMED
                && !repeatsHeader(r);
    }

    private boolean repeatsHeader(Records r) {
        return firstHeaderCell != null && !r.isEmpty(0) && r.get(0).strip().equals(firstHeaderCell)
                && RowShape.repeatsHeader(r, header);
    }
}
