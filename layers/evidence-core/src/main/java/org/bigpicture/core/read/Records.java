package org.bigpicture.core.read;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of table records (CSV rows or XLSX sheet rows), already decoded. Cells of the current
 * record are read by index; implementations may reuse their buffers between records.
 */
public interface Records extends Closeable {

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
