package org.bigpicture.core.convert;

import org.bigpicture.core.util.Numbers;
import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of table records (CSV rows or XLSX sheet rows), already decoded. Cells of the current
 * record are read by index; implementations may reuse their buffers between records.
 */
public interface Records extends Closeable {

    /**
     * {@link #irregularities()} bit: text follows a closing quote before the delimiter
     * ({@code a,"b"c,d}: the cell reads {@code bc}). Invalid quoting: a format rejects the row.
     */
    int TEXT_AFTER_QUOTE = 1;

    /**
     * {@link #irregularities()} bit: the file ends inside this record, without a line break. Normal
     * for a last record with every cell; with fewer cells than the header, the file was cut short.
     */
    int NO_LINE_END = 2;

    /** {@link #irregularities()} bit: a byte-order mark opened this record (not the file's first): files joined together. */
    int BOM_AT_START = 4;

    /** Advances to the next record; false at the end. Throws {@code BadInputException} on malformed input. */
    boolean next() throws IOException;

    /** Cells in the current record. */
    int size();

    /** Text of a cell of the current record; "" for an empty or absent cell. */
    String get(int index);

    /** Physical line (CSV) or row number (XLSX), 1-based, where the current record starts. */
    long line();

    /** True when the cell is empty or absent (cheaper than {@code get(index).isEmpty()}). */
    default boolean isEmpty(int index) {
        return get(index).isEmpty();
    }

    /** The cell read as a number ({@link Numbers#parse(String)}), NaN when it is not one. */
    default double number(int index) {
        return Numbers.parse(get(index));
    }

    /**
     * A hint: these columns will be read with {@link #number(int)} (their text stays available
     * through {@link #get(int)}). A reader that parses ahead on another thread reads them as
     * numbers there, without making a string of each.
     */
    default void expectNumbers(int... columns) {
    }

    /**
     * What the reader forgave in the current record: a sum of {@link #TEXT_AFTER_QUOTE},
     * {@link #NO_LINE_END} and {@link #BOM_AT_START}; 0 for a regular record (and for readers of
     * formats where none of these can happen).
     */
    default int irregularities() {
        return 0;
    }

    /**
     * True when {@link #size()} is the number of cells the file wrote (delimited text: every
     * delimiter counts, so a record with fewer cells than its header is ragged); false for
     * spreadsheets, where trailing empty cells are simply absent.
     */
    default boolean cellsAreDelimited() {
        return false;
    }

    /**
     * What the cell held: spreadsheets say (a number, a date, an error value such as
     * {@code #DIV/0!}); in delimited text a cell is {@link CellKind#TEXT} or {@link CellKind#EMPTY}.
     */
    default CellKind cellKind(int index) {
        return isEmpty(index) ? CellKind.EMPTY : CellKind.TEXT;
    }

    /**
     * The number a spreadsheet stored in the cell, before its format rounded it for display
     * ({@code 127.935} shown as {@code 128}); for a date, its serial number. NaN when the cell
     * holds no number. Delimited text has nothing beyond its text: {@link #number(int)}.
     */
    default double storedNumber(int index) {
        return number(index);
    }

    /** The cell's number format code as the spreadsheet wrote it ({@code 0.0%}, {@code #,##0}); null when none. */
    default String numberFormat(int index) {
        return null;
    }

    /** True when every cell of the current record is empty (a blank line or a row of bare delimiters). */
    default boolean isBlank() {
        for (int i = 0, n = size(); i < n; i++) {
            if (!isEmpty(i) && !get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }
}
