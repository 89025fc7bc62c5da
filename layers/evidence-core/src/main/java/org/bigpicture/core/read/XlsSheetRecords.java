package org.bigpicture.core.read;

import org.bigpicture.core.util.Numbers;
import org.bigpicture.core.convert.CellKind;
import org.bigpicture.core.convert.Records;
import java.io.IOException;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;

/**
 * Streams one BIFF8 worksheet's rows from its substream: NUMBER, RK, MULRK, LABELSST, LABEL,
 * RSTRING, FORMULA (its cached result; a text result from the STRING record after it), BOOLERR.
 * BIFF8 bounds the grid itself (256 columns, 65,536 rows); DIMENSIONS is ignored; cells arrive row
 * by row ([MS-XLS] 2.1.7.20.5), and a row going backwards is damage. Rows with no value between
 * two that have one come back as blank records, so {@link #line()} is the spreadsheet's row number.
 */
final class XlsSheetRecords implements Records {

    private static final int NUMBER = 0x0203;
    private static final int RK = 0x027E;
    private static final int MULRK = 0x00BD;
    private static final int LABELSST = 0x00FD;
    private static final int LABEL = 0x0204;
    private static final int RSTRING = 0x00D6;
    private static final int FORMULA = 0x0006;
    private static final int STRING = 0x0207;
    private static final int BOOLERR = 0x0205;
    private static final int COLUMNS = 256;

    private final String key;
    private final String sheet;
    private final BiffInput biff;
    private final CompoundFile file;
    private final XlsWorkbook workbook;
    private final int maxColumns;
    private final int maxCellChars;
    private final long maxRows;

    private final String[] text = new String[COLUMNS];
    private final CellKind[] kinds = new CellKind[COLUMNS];
    private final double[] stored = new double[COLUMNS];
    private final int[] xfs = new int[COLUMNS];
    private int size;
    private int visible;
    /** 1-based row number of the row being filled (0: none yet). */
    private long row;
    /** A record of the next row, read before the current row was returned: applied first next time. */
    private boolean pendingRecord;
    private long readRow;
    private long returned;
    private boolean rowReady;
    private boolean ended;
    /** A formula cell whose text result is in the STRING record that follows it. */
    private int stringColumn = -1;
    private int stringXf;

    XlsSheetRecords(String key, String sheet, BiffInput biff, CompoundFile file, XlsWorkbook workbook, Limits limits)
            throws IOException {
        this.key = key;
        this.sheet = sheet;
        this.biff = biff;
        this.file = file;
        this.workbook = workbook;
        this.maxColumns = limits.maxColumns();
        this.maxCellChars = limits.maxCellChars();
        this.maxRows = limits.maxRows();
        if (!biff.next() || biff.type() != XlsWorkbook.BOF) {
            throw biff.damaged("sheet \"" + sheet + "\" does not start with a BOF record");
        }
    }

    @Override
    public boolean next() throws IOException {
        if (!rowReady && !readRowWithValues()) {
            return false;
        }
        returned++;
        if (returned > maxRows) {
            throw new BadInputException(key, returned, "the sheet has more than " + maxRows + " rows, the limit");
        }
        if (returned < readRow) {
            visible = 0;
            return true;
        }
        rowReady = false;
        visible = size;
        return true;
    }

    private boolean readRowWithValues() throws IOException {
        if (ended) {
            return false;
        }
        size = 0;
        row = 0;
        int depth = 0; // substreams inside the sheet (an embedded chart) have their own BOF and EOF
        for (;;) {
            if (pendingRecord) {
                pendingRecord = false;
            } else if (!biff.next()) {
                throw biff.damaged("sheet \"" + sheet + "\" ends without its EOF record");
            }
            int type = biff.type();
            if (type == XlsWorkbook.BOF) {
                depth++;
                continue;
            }
            if (type == XlsWorkbook.EOF) {
                if (depth-- == 0) {
                    ended = true;
                    return finishRow();
                }
                continue;
            }
            if (depth > 0) {
                continue;
            }
            if (type == STRING) {
                if (stringColumn >= 0) {
                    biff.seekBody(0);
                    put(row, stringColumn, biff.string(false, maxCellChars), CellKind.TEXT, Double.NaN, stringXf);
                    stringColumn = -1;
                }
                continue;
            }
            if (!isCell(type)) {
                continue;
            }
            long r = biff.u16(0) + 1L;
            if (row != 0 && r != row) {
                if (r < row) {
                    throw new BadInputException(key, r, "sheet \"" + sheet + "\" lists row " + r + " after row " + row
                            + ": the workbook is damaged");
                }
                if (size > 0) {
                    pendingRecord = true; // this cell starts the next row
                    return finishRow();
                }
            }
            if (r <= readRow) {
                throw new BadInputException(key, r, "sheet \"" + sheet + "\" lists row " + r + " after row " + readRow
                        + ": the workbook is damaged");
            }
            row = r;
            stringColumn = -1;
            cell(type);
        }
    }

    private boolean finishRow() {
        if (size == 0) {
            return false;
        }
        readRow = row;
        rowReady = true;
        return true;
    }

    private static boolean isCell(int type) {
        return type == NUMBER || type == RK || type == MULRK || type == LABELSST || type == LABEL || type == RSTRING
                || type == FORMULA || type == BOOLERR;
    }

    /** Applies the current cell record to the row. */
    private void cell(int type) throws IOException {
        int col = biff.u16(2);
        switch (type) {
            case NUMBER -> number(col, biff.u16(4), biff.f64(6));
            case RK -> number(col, biff.u16(4), rk(biff.u32(6)));
            case MULRK -> {
                int last = biff.u16(biff.length() - 2);
                int n = (biff.length() - 6) / 6;
                if (last - col + 1 != n) {
                    throw biff.damaged("a MULRK record's columns do not match its values");
                }
                for (int i = 0; i < n; i++) {
                    number(col + i, biff.u16(4 + 6 * i), rk(biff.u32(6 + 6 * i)));
                }
            }
            case LABELSST -> put(row, col, workbook.sharedString(biff.u32(6), row), CellKind.TEXT, Double.NaN,
                    biff.u16(4));
            case LABEL, RSTRING -> {
                biff.seekBody(6);
                put(row, col, biff.string(false, maxCellChars), CellKind.TEXT, Double.NaN, biff.u16(4));
            }
            case BOOLERR -> {
                int v = biff.u8(6);
                boolean error = biff.u8(7) != 0;
                put(row, col, error ? error(v) : v != 0 ? "TRUE" : "FALSE", error ? CellKind.ERROR : CellKind.BOOLEAN,
                        Double.NaN, biff.u16(4));
            }
            case FORMULA -> {
                int xf = biff.u16(4);
                if (biff.u8(12) == 0xFF && biff.u8(13) == 0xFF) {
                    int kind = biff.u8(6);
                    switch (kind) {
                        case 0 -> {
                            stringColumn = col; // the text follows in a STRING record
                            stringXf = xf;
                        }
                        case 1 -> put(row, col, biff.u8(8) != 0 ? "TRUE" : "FALSE", CellKind.BOOLEAN, Double.NaN, xf);
                        case 2 -> put(row, col, error(biff.u8(8)), CellKind.ERROR, Double.NaN, xf);
                        default -> {
                            // 3: an empty string
                        }
                    }
                } else {
                    number(col, xf, biff.f64(6));
                }
            }
            default -> {
            }
        }
    }

    /** An RK number ([MS-XLS] 2.5.218): a 30-bit integer or the high bits of a double, optionally divided by 100. */
    static double rk(long rk) {
        int v = (int) rk;
        double d = (v & 0x02) != 0 ? (double) (v >> 2) : Double.longBitsToDouble(((long) (v & 0xFFFFFFFC)) << 32);
        return (v & 0x01) != 0 ? d / 100 : d;
    }

    private static String error(int code) {
        return switch (code) {
            case 0x00 -> "#NULL!";
            case 0x07 -> "#DIV/0!";
            case 0x0F -> "#VALUE!";
            case 0x17 -> "#REF!";
            case 0x1D -> "#NAME?";
            case 0x24 -> "#NUM!";
            case 0x2A -> "#N/A";
            default -> "#ERROR!";
        };
    }

    private void number(int col, int xf, double v) {
        CellFormat.Shown s = workbook.format(xf).show(v, workbook.date1904());
        put(row, col, s.text(), s.kind(), v, xf);
    }

    private void put(long r, int col, String value, CellKind kind, double number, int xf) {
        if (col >= COLUMNS) {
            throw biff.damaged("a cell on row " + r + " is in column " + (col + 1) + ", beyond the 256 of BIFF8");
        }
        if (value.isEmpty()) {
            return;
        }
        if (col >= maxColumns) {
            throw new BadInputException(key, r, "row " + r + " of sheet \"" + sheet + "\" has a value in column "
                    + (col + 1) + ", beyond the limit of " + maxColumns + " columns for one table");
        }
        for (int i = size; i < col; i++) {
            text[i] = "";
            kinds[i] = CellKind.EMPTY;
            stored[i] = Double.NaN;
            xfs[i] = 0;
        }
        text[col] = value;
        kinds[col] = kind;
        stored[col] = number;
        xfs[col] = xf;
        size = Math.max(size, col + 1);
    }

    @Override
    public int size() {
        return visible;
    }

    @Override
    public String get(int index) {
        return index >= 0 && index < visible ? text[index] : "";
    }

    @Override
    public boolean isEmpty(int index) {
        return index < 0 || index >= visible || text[index].isEmpty();
    }

    @Override
    public double number(int index) {
        if (index < 0 || index >= visible) {
            return Double.NaN;
        }
        String s = text[index];
        return Numbers.parse(kinds[index] == CellKind.NUMBER && s.endsWith("%") ? s.substring(0, s.length() - 1) : s);
    }

    @Override
    public CellKind cellKind(int index) {
        return index < 0 || index >= visible ? CellKind.EMPTY : kinds[index];
    }

    @Override
    public double storedNumber(int index) {
        return index < 0 || index >= visible ? Double.NaN : stored[index];
    }

    @Override
    public String numberFormat(int index) {
        if (index < 0 || index >= visible || kinds[index] != CellKind.NUMBER && kinds[index] != CellKind.DATE) {
            return null;
        }
        return workbook.format(xfs[index]).code;
    }

    @Override
    public long line() {
        return returned;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
