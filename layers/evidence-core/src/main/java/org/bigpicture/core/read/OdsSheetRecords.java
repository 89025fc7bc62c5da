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
 * Streams one OpenDocument table's rows ({@code table:table-row} / {@code table:table-cell} /
 * {@code table:covered-table-cell}). The repeat attributes are never expanded blindly: empty cells
 * and rows repeated any number of times cost a counter (and empty rows after the last row with a
 * value are never returned); a value repeated across columns fails beyond
 * {@link Limits#maxColumns()}; rows past row 1,048,576 fail; and a row of values repeated may expand
 * to at most {@link #MAX_REPEATED_CELLS} cells in one table. Numbers are shown with the decimals of
 * their cell's number style ({@link CellFormat}); dates come from {@code office:date-value}.
 */
final class OdsSheetRecords implements Records {

    /** Most cells that repeated rows of values may expand to in one table. */
    static final long MAX_REPEATED_CELLS = 10_000_000L;
    static final long MAX_ROWS = XlsxSheetRecords.EXCEL_ROWS;

    private final String key;
    private final String sheet;
    private final XmlReader xml;
    private final ZipFile zip;
    private final OdsWorkbook.OdsStyles styles;
    private final int maxColumns;
    private final int maxCellChars;
    private final long maxRows;

    private String[] text = new String[16];
    private CellKind[] kinds = new CellKind[16];
    private double[] stored = new double[16];
    private String[] formats = new String[16];
    private int size;
    private int visible;
    /** Default cell style of each column (from table:table-column), up to the columns that matter. */
    private String[] columnStyles = new String[16];
    private int columnsKnown;

    /** Row number (1-based) of the next row the XML holds; of the row read with values; of the last record returned. */
    private long nextRow = 1;
    private long readRow;
    private long returned;
    /** Further copies of the row read that its repeat attribute asks for. */
    private long copies;
    private long repeatedCells;
    private boolean rowReady;
    private boolean ended;
    private final StringBuilder sb = new StringBuilder();
    private final StringBuilder paragraph = new StringBuilder();

    OdsSheetRecords(String key, String sheet, XmlReader xml, ZipFile zip, OdsWorkbook.OdsStyles styles, Limits limits)
            throws IOException {
        this.key = key;
        this.sheet = sheet;
        this.xml = xml;
        this.zip = zip;
        this.styles = styles;
        this.maxColumns = limits.maxColumns();
        this.maxCellChars = limits.maxCellChars();
        this.maxRows = limits.maxRows();
        if (xml.next() != XmlReader.START || !xml.is("table")) {
            throw xml.bad("does not hold table \"" + sheet + "\" where its index said: the workbook is damaged");
        }
    }

    @Override
    public boolean next() throws IOException {
        if (!rowReady) {
            if (copies > 0) {
                copies--;
                readRow++;
                repeatedCells += size;
                if (repeatedCells > MAX_REPEATED_CELLS) {
                    throw new BadInputException(key, readRow, "sheet \"" + sheet + "\" repeats rows of values to more"
                            + " than " + MAX_REPEATED_CELLS + " cells (table:number-rows-repeated): refused");
                }
                rowReady = true;
            } else if (!readRowWithValues()) {
                return false;
            }
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
        for (int t; (t = xml.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.START) {
                if (xml.is("table-row")) {
                    long repeat = repeat("number-rows-repeated");
                    long row = nextRow;
                    nextRow = Math.min(nextRow + repeat, 1L << 40); // empty rows may repeat any number of times
                    boolean selfClosing = xml.selfClosing();
                    size = 0;
                    if (selfClosing) {
                        xml.next();
                    } else {
                        readCells(row);
                    }
                    if (size > 0) {
                        if (row + repeat - 1 > MAX_ROWS) {
                            throw new BadInputException(key, row, "sheet \"" + sheet + "\" has values on row "
                                    + (row + repeat - 1) + ", beyond row 1,048,576: refused");
                        }
                        readRow = row;
                        copies = repeat - 1;
                        rowReady = true;
                        return true;
                    }
                } else if (xml.is("table-column")) {
                    column(repeat("number-columns-repeated"), xml.attr("default-cell-style-name"));
                    if (xml.selfClosing()) {
                        xml.next();
                    }
                } else if (xml.is("shapes") || xml.is("named-expressions") || xml.is("forms")
                        || xml.is("table-source") || xml.is("scenario")) {
                    skipElement();
                }
            } else if (t == XmlReader.END && xml.is("table")) {
                break;
            }
        }
        ended = true;
        return false;
    }

    /** A repeat attribute's value: 1 when absent; refused when not a positive number. */
    private long repeat(String attribute) {
        long n = xml.attrLong(attribute, 1);
        if (n <= 0) {
            throw new BadInputException(key, nextRow, "sheet \"" + sheet + "\" has a " + attribute
                    + " that is not a positive number: the workbook is damaged");
        }
        return n;
    }

    /** Records the default cell style of {@code repeat} columns (only as far as a table can reach). */
    private void column(long repeat, String style) {
        long end = Math.min((long) columnsKnown + repeat, maxColumns);
        if (end > columnStyles.length) {
            columnStyles = Arrays.copyOf(columnStyles, (int) Math.min(Math.max(end, columnStyles.length * 2L),
                    maxColumns));
        }
        for (int i = columnsKnown; i < end; i++) {
            columnStyles[i] = style;
        }
        columnsKnown = (int) Math.max(columnsKnown, end);
    }

    private void readCells(long row) throws IOException {
        long column = 0;
        for (int t; (t = xml.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.END && xml.is("table-row")) {
                return;
            }
            if (t != XmlReader.START) {
                continue;
            }
            boolean covered = xml.is("covered-table-cell");
            if (!covered && !xml.is("table-cell")) {
                if (!xml.selfClosing()) {
                    skipElement();
                }
                continue;
            }
            long repeat = repeat("number-columns-repeated");
            String type = covered ? null : xml.attr("value-type");
            String value = type == null ? null : xml.attr(type.equals("date") ? "date-value"
                    : type.equals("time") ? "time-value" : type.equals("boolean") ? "boolean-value"
                    : type.equals("string") ? "string-value" : "value");
            String style = xml.attr("style-name");
            boolean formula = xml.has("formula");
            String shown = null;
            if (!xml.selfClosing()) {
                shown = cellText(row, column);
            } else {
                xml.next();
            }
            if (covered) {
                shown = null; // a merged area's hidden cells hold nothing to read
            }
            store(row, column, repeat, type, value, shown, style, formula);
            column += repeat;
        }
        throw new BadInputException(key, row, "sheet \"" + sheet + "\" ends inside row " + row
                + ": the workbook is truncated or damaged");
    }

    /** The text of the cell's paragraphs (text:p), joined by line breaks; annotations and frames skipped. */
    private String cellText(long row, long column) throws IOException {
        sb.setLength(0);
        boolean first = true;
        for (int t; (t = xml.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.END && (xml.is("table-cell") || xml.is("covered-table-cell"))) {
                return sb.toString();
            }
            if (t == XmlReader.START) {
                if (xml.is("p") || xml.is("h")) {
                    if (!first && !append("\n", row, column)) {
                        continue;
                    }
                    first = false;
                    if (!xml.selfClosing()) {
                        paragraph(row, column);
                    } else {
                        xml.next();
                    }
                } else if (!xml.selfClosing()) {
                    skipElement(); // office:annotation, draw:frame and the like
                } else {
                    xml.next();
                }
            }
        }
        throw xml.bad("ends inside a cell");
    }

    /** One paragraph's text: text nodes, spans, links, text:s (spaces), text:tab, text:line-break. */
    private void paragraph(long row, long column) throws IOException {
        int depth = 1;
        for (int t; (t = xml.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.TEXT) {
                if (!xml.text(sb, maxCellChars)) {
                    throw tooLong(row, column);
                }
            } else if (t == XmlReader.START) {
                if (xml.is("s")) {
                    long n = xml.attrLong("c", 1);
                    if (n < 0 || sb.length() + n > maxCellChars) {
                        throw tooLong(row, column);
                    }
                    for (long i = 0; i < n; i++) {
                        sb.append(' ');
                    }
                } else if (xml.is("tab")) {
                    append("\t", row, column);
                } else if (xml.is("line-break")) {
                    append("\n", row, column);
                } else if (xml.is("note") || xml.is("annotation") || xml.is("frame")) {
                    if (!xml.selfClosing()) {
                        skipElement();
                        continue;
                    }
                }
                if (xml.selfClosing()) {
                    xml.next();
                } else {
                    depth++;
                }
            } else if (t == XmlReader.END) {
                if (--depth == 0) {
                    return;
                }
            }
        }
        throw xml.bad("ends inside a paragraph");
    }

    private boolean append(String s, long row, long column) {
        if (sb.length() + s.length() > maxCellChars) {
            throw tooLong(row, column);
        }
        sb.append(s);
        return true;
    }

    /** Skips the current element (its start tag just read) with everything inside it. */
    private void skipElement() throws IOException {
        int depth = 1;
        for (int t; (t = xml.next()) != XmlReader.EOF; ) {
            if (t == XmlReader.START) {
                depth++;
            } else if (t == XmlReader.END && --depth == 0) {
                return;
            }
        }
    }

    private BadInputException tooLong(long row, long column) {
        return new BadInputException(key, row, "cell " + XlsxSheetRecords.reference(row, (int) Math.min(column,
                Integer.MAX_VALUE - 1)) + " of sheet \"" + sheet + "\" is longer than " + maxCellChars
                + " characters (the limit for one cell)");
    }

    private void store(long row, long column, long repeat, String type, String value, String content, String style,
                       boolean formula) {
        String shown;
        CellKind kind;
        double number = Double.NaN;
        String format = null;
        if (type == null) {
            if (content == null || content.isEmpty()) {
                return;
            }
            shown = content;
            kind = CellKind.TEXT;
        } else {
            switch (type) {
                case "float", "percentage", "currency" -> {
                    try {
                        number = Double.parseDouble(value == null ? content : value);
                    } catch (RuntimeException e) {
                        throw new BadInputException(key, row, "sheet \"" + sheet + "\" cell "
                                + XlsxSheetRecords.reference(row, (int) Math.min(column, Integer.MAX_VALUE - 1))
                                + " is a number that does not read as one: the workbook is damaged");
                    }
                    String cellStyle = style != null ? style : column < columnsKnown ? columnStyles[(int) column] : null;
                    CellFormat f = styles.format(cellStyle, type.equals("percentage"));
                    CellFormat.Shown s = value != null ? f.show(value, number, false) : f.show(number, false);
                    shown = s.text();
                    kind = s.kind();
                    format = f.excelCode();
                }
                case "date" -> {
                    if (value == null) {
                        return;
                    }
                    shown = value.endsWith("T00:00:00") ? value.substring(0, value.length() - 9) : value;
                    kind = CellKind.DATE;
                    format = "date";
                }
                case "time" -> {
                    if (value == null) {
                        return;
                    }
                    shown = duration(value);
                    kind = CellKind.DATE;
                    format = "time";
                }
                case "boolean" -> {
                    shown = "true".equalsIgnoreCase(value) || "1".equals(value) ? "TRUE" : "FALSE";
                    kind = CellKind.BOOLEAN;
                }
                default -> {
                    shown = value != null ? value : content == null ? "" : content;
                    kind = formula && isError(shown) ? CellKind.ERROR : CellKind.TEXT;
                }
            }
        }
        if (shown.isEmpty()) {
            return;
        }
        if (shown.length() > maxCellChars) {
            throw tooLong(row, column);
        }
        long last = column + repeat - 1;
        if (last >= maxColumns) {
            throw new BadInputException(key, row, "row " + row + " of sheet \"" + sheet + "\" has a value in column "
                    + (last + 1) + (repeat > 1 ? " (a value repeated across " + repeat + " columns)" : "")
                    + ", beyond the limit of " + maxColumns + " columns for one table");
        }
        int end = (int) last + 1;
        if (end > text.length) {
            int n = Math.min(Math.max(end, text.length * 2), maxColumns);
            text = Arrays.copyOf(text, n);
            kinds = Arrays.copyOf(kinds, n);
            stored = Arrays.copyOf(stored, n);
            formats = Arrays.copyOf(formats, n);
        }
        for (int i = size; i < column; i++) {
            text[i] = "";
            kinds[i] = CellKind.EMPTY;
            stored[i] = Double.NaN;
            formats[i] = null;
        }
        for (int i = (int) column; i < end; i++) {
            text[i] = shown;
            kinds[i] = kind;
            stored[i] = number;
            formats[i] = format;
        }
        size = Math.max(size, end);
    }

    /** Excel's error values (and LibreOffice's Err:5xx) that a formula cell may show. */
    private static boolean isError(String s) {
        return s.startsWith("#") && (s.equals("#DIV/0!") || s.equals("#N/A") || s.equals("#VALUE!") || s.equals("#REF!")
                || s.equals("#NAME?") || s.equals("#NUM!") || s.equals("#NULL!")) || s.startsWith("Err:");
    }

    /** An ISO 8601 duration (PT10H30M00S) as a time of day, 10:30:00; other text as it is. */
    static String duration(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("-?P(?:\\d+D)?T(\\d+)H(\\d+)M(\\d+)(?:[.,](\\d+))?S").matcher(v);
        if (!m.matches()) {
            return v;
        }
        return two(m.group(1)) + ":" + two(m.group(2)) + ":" + two(m.group(3));
    }

    private static String two(String digits) {
        String n = Long.toString(Long.parseLong(digits));
        return n.length() < 2 ? "0" + n : n;
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
        return index < 0 || index >= visible ? null : formats[index];
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
