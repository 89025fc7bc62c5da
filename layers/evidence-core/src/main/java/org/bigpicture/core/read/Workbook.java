package org.bigpicture.core.read;

import org.bigpicture.core.convert.Records;
import java.io.IOException;
import java.util.List;

/**
 * A spreadsheet file read under {@link org.bigpicture.core.convert.Limits}: XLSX, OpenDocument
 * (.ods) or legacy Excel (.xls, BIFF8). Opening it reads only what every sheet shares (the sheet
 * list, styles, shared strings, the date system), each part bounded before anything is allocated;
 * each {@link #open} then streams one sheet's rows from the file, so that no workbook is ever held
 * whole. Holds no open file between calls: nothing to close.
 *
 * <p>What a sheet's {@link Records} give: one record per spreadsheet row, {@link Records#line()}
 * the row number (rows absent from the sheet come back as blank records, except after its last
 * row with a value); cells as the publisher saw them ({@link CellFormat}); and per cell
 * {@link Records#cellKind}, {@link Records#storedNumber} and {@link Records#numberFormat}.
 *
 * @see Workbooks#open
 */
public interface Workbook {

    /** "XLSX", "ODS" or "XLS". */
    String format();

    /** The sheets in workbook order. */
    List<Sheet> sheets();

    /** A fresh stream over sheet {@code index}'s rows, from the first. */
    Records open(int index) throws IOException;

    /** Facts about the workbook a report should carry (e.g. "dates in the 1904 date system"). */
    List<String> notes();
}
