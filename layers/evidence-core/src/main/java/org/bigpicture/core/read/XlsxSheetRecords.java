package org.bigpicture.core.read;

import org.bigpicture.core.util.Numbers;
import org.bigpicture.core.convert.CellKind;
import org.bigpicture.core.convert.Records;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.ZipFile;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;

/**
 * Streams one XLSX worksheet's rows. Nothing is sized from what the file declares: the
 * {@code <dimension>} is ignored, a cell reference is checked before it is used (beyond Excel's
 * last column XFD, or a value beyond {@link Limits#maxColumns()}, fails at once; an empty styled
 * cell far to the right costs nothing), rows past Excel's last row fail, and the cell arrays grow
 * only to the last column holding a value. Rows with no value are not returned until a later row
 * has one (so the sheet's trailing formatted-but-empty rows, often up to row 1,048,576, cost nothing);
 * rows missing between two rows with values come back as blank records, so {@link #line()} is the
 * spreadsheet's row number.
 */
final class XlsxSheetRecords implements Records {

    /** Excel's grid: 16,384 columns (A to XFD) and 1,048,576 rows. */
    static final int EXCEL_COLUMNS = 16_384;
    static final int EXCEL_ROWS = 1_048_576;

    private final String key;
    private final String sheet;
    private final XmlReader xml;
    private final ZipFile zip;
    private final XlsxWorkbook workbook;
    private final int maxColumns;
    private final int maxCellChars;
    private final long maxRows;

    private String[] text = new String[16];
    private CellKind[] kinds = new CellKind[16];
    private double[] stored = new double[16];
    private int[] styles = new int[16];
    private int size;
    /** Cells of the current record: {@code size}, or 0 for a blank record returned before the row read ahead. */
    private int visible;
    private boolean rowReady;
    /** Row number of the row read (with values) and of the last record returned. */
    private long readRow;
    private long returned;
    private long lastRowSeen;
    private boolean ended;
    private final StringBuilder sb = new StringBuilder();

    XlsxSheetRecords(String key, String sheet, XmlReader xml, ZipFile zip, XlsxWorkbook workbook, Limits limits) {
        this.key = key;
        this.sheet = sheet;
        this.xml = xml;
        this.zip = zip;
        this.workbook = workbook;
        this.maxColumns = limits.maxColumns();
        this.maxCellChars = limits.maxCellChars();
        this.maxRows = limits.maxRows();
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
            visible = 0; // a row absent from the sheet between two with values: blank
            return true;
        }
        rowReady = false;
        visible = size;
        return true;
    }

    /** Reads rows until one holds a value (true), or the sheet ends (false). */
    private boolean readRowWithValues() throws IOException {
        if (ended) {
            return false;
        }
        size = 0;
        for (int t; (t = xml.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.START && xml.is("row")) {
                long r = xml.attrLong("r", -1);
                if (r == -2 || r == 0) {
                    throw new BadInputException(key, 0, "sheet \"" + sheet + "\" has a row whose number is not a"
                            + " number: the workbook is damaged");
                }
                if (r < 0) {
                    r = lastRowSeen + 1;
                }
                if (r > EXCEL_ROWS) {
                    throw new BadInputException(key, r, "sheet \"" + sheet + "\" has row " + r + ", beyond Excel's last"
                            + " row (1,048,576): the workbook is damaged or hostile");
                }
                if (r <= lastRowSeen) {
                    throw new BadInputException(key, r, "sheet \"" + sheet + "\" lists row " + r + " after row "
                            + lastRowSeen + ": the workbook is damaged");
                }
                lastRowSeen = r;
                if (xml.selfClosing()) {
                    xml.next();
                    continue;
                }
                readCells(r);
                if (size > 0) {
                    readRow = r;
                    rowReady = true;
                    return true;
                }
            } else if (t == XmlReader.END && xml.is("sheetData")) {
                break;
            }
        }
        ended = true;
        return false;
    }

    /** Reads the cells of row {@code row} up to its end tag. */
    private void readCells(long row) throws IOException {
        int column = -1;
        for (int t; (t = xml.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.END && xml.is("row")) {
                return;
            }
            if (t != XmlReader.START || !xml.is("c")) {
                continue;
            }
            int c = xml.attrCellRef("r", EXCEL_COLUMNS - 1);
            if (c == -3) {
                throw new BadInputException(key, row, "sheet \"" + sheet + "\" has a cell " + xml.attr("r")
                        + " beyond Excel's last column (XFD): the workbook is damaged or hostile");
            }
            if (c == -2) {
                throw new BadInputException(key, row, "sheet \"" + sheet + "\" has a cell whose reference \""
                        + xml.attr("r") + "\" is not a cell reference: the workbook is damaged");
            }
            if (c >= 0 && xml.refRow != row) {
                throw new BadInputException(key, row, "sheet \"" + sheet + "\" has cell " + xml.attr("r")
                        + " inside row " + row + ": the workbook is damaged");
            }
            column = c >= 0 ? c : column + 1;
            if (column >= EXCEL_COLUMNS) {
                throw new BadInputException(key, row, "sheet \"" + sheet + "\" row " + row + " has cells beyond"
                        + " Excel's last column (XFD)");
            }
            String type = xml.attr("t");
            long style = xml.attrLong("s", 0);
            if (xml.selfClosing()) {
                xml.next();
                continue; // a styled empty cell
            }
            readCell(row, column, type, style < 0 || style > Integer.MAX_VALUE ? 0 : (int) style);
        }
        throw new BadInputException(key, row, "sheet \"" + sheet + "\" ends inside row " + row
                + ": the workbook is truncated or damaged");
    }

    /** Reads one cell's value (after its start tag) and stores it when it has one. */
    private void readCell(long row, int column, String type, int style) throws IOException {
        String value = null;
        boolean inline = false;
        int phonetic = 0;
        sb.setLength(0);
        for (int t; (t = xml.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.START) {
                if (xml.is("v") && !xml.selfClosing()) {
                    sb.setLength(0);
                    if (!xml.text(sb, maxCellChars)) {
                        throw tooLong(row, column);
                    }
                    value = sb.toString();
                } else if (xml.is("is")) {
                    inline = true;
                    sb.setLength(0);
                } else if (xml.is("rPh")) {
                    phonetic++;
                } else if (inline && phonetic == 0 && xml.is("t") && !xml.selfClosing()) {
                    if (!xml.text(sb, maxCellChars)) {
                        throw tooLong(row, column);
                    }
                } else if (xml.is("f") && !xml.selfClosing()) {
                    skipTo("f");
                }
            } else if (t == XmlReader.END) {
                if (xml.is("c")) {
                    break;
                }
                if (xml.is("rPh")) {
                    phonetic--;
                } else if (xml.is("is")) {
                    inline = false;
                    value = XlsxWorkbook.unescape(sb);
                }
            }
        }
        if (value == null || value.isEmpty()) {
            return;
        }
        String shown;
        CellKind kind;
        double number = Double.NaN;
        if (type == null || type.equals("n")) {
            number = parseNumber(value, row, column);
            CellFormat.Shown s = workbook.format(style).show(value, number, workbook.date1904());
            shown = s.text();
            kind = s.kind();
        } else {
            switch (type) {
                case "s" -> {
                    long index = parseIndex(value, row, column);
                    shown = workbook.sharedString(index, row);
                    kind = CellKind.TEXT;
                }
                case "inlineStr", "str" -> {
                    shown = type.equals("str") ? XlsxWorkbook.unescape(value) : value;
                    kind = CellKind.TEXT;
                }
                case "b" -> {
                    shown = "1".equals(value) || "true".equalsIgnoreCase(value) ? "TRUE" : "FALSE";
                    kind = CellKind.BOOLEAN;
                }
                case "e" -> {
                    shown = value;
                    kind = CellKind.ERROR;
                }
                case "d" -> {
                    shown = value.endsWith("T00:00:00") ? value.substring(0, value.length() - 9)
                            : value.endsWith("Z") ? value.substring(0, value.length() - 1) : value;
                    kind = CellKind.DATE;
                }
                default -> throw new BadInputException(key, row, "sheet \"" + sheet + "\" has a cell of unknown type \""
                        + type + "\" on row " + row + ": the workbook is damaged");
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        if (column >= maxColumns) {
            throw new BadInputException(key, row, "row " + row + " of sheet \"" + sheet + "\" has a value in column "
                    + (column + 1) + ", beyond the limit of " + maxColumns + " columns for one table");
        }
        if (column >= text.length) {
            int n = Math.min(Math.max(column + 1, text.length * 2), maxColumns);
            text = Arrays.copyOf(text, n);
            kinds = Arrays.copyOf(kinds, n);
            stored = Arrays.copyOf(stored, n);
            styles = Arrays.copyOf(styles, n);
        }
        if (column >= size) {
            for (int i = size; i < column; i++) {
                text[i] = "";
                kinds[i] = CellKind.EMPTY;
                stored[i] = Double.NaN;
                styles[i] = 0;
            }
            size = column + 1;
        }
        text[column] = shown;
        kinds[column] = kind;
        stored[column] = number;
        styles[column] = style;
    }

    private void skipTo(String end) throws IOException {
        for (int t; (t = xml.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.END && xml.is(end)) {
                return;
            }
        }
    }

    private double parseNumber(String v, long row, int column) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadInputException(key, row, "sheet \"" + sheet + "\" cell " + reference(row, column)
                    + " holds \"" + abbreviate(v) + "\" where a number is stored: the workbook is damaged");
        }
    }

    private long parseIndex(String v, long row, int column) {
        long n = 0;
        if (v.isEmpty() || v.length() > 12) {
            n = -1;
        }
        for (int i = 0; i < v.length() && n >= 0; i++) {
            char c = v.charAt(i);
            n = c >= '0' && c <= '9' ? n * 10 + (c - '0') : -1;
        }
        if (n < 0) {
            throw new BadInputException(key, row, "sheet \"" + sheet + "\" cell " + reference(row, column)
                    + " names shared string \"" + abbreviate(v) + "\": the workbook is damaged");
        }
        return n;
    }

    private BadInputException tooLong(long row, int column) {
        return new BadInputException(key, row, "cell " + reference(row, column) + " of sheet \"" + sheet
                + "\" is longer than " + maxCellChars + " characters (the limit for one cell)");
    }

    /** "B12" for column 1, row 12. */
    static String reference(long row, int column) {
        StringBuilder b = new StringBuilder();
        int c = column + 1;
        while (c > 0) {
            int r = (c - 1) % 26;
            b.insert(0, (char) ('A' + r));
            c = (c - 1) / 26;
        }
        return b.append(row).toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
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
        if (kinds[index] == CellKind.NUMBER) {
            return Numbers.parse(text[index].endsWith("%") ? text[index].substring(0, text[index].length() - 1)
                    : text[index]);
        }
        return Numbers.parse(text[index]);
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
        return workbook.format(styles[index]).code;
    }

    @Override
    public long line() {
        return returned;
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } finally {
            zip.close();
        }
    }
}
