package org.bigpicture.core.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.bigpicture.core.ingest.BadInputException;
import org.bigpicture.core.ingest.Limits;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Streams one worksheet's rows as text records (fastexcel-reader: SAX-like, never the whole
 * workbook in memory). Numbers come as plain decimal text, dates (numbers with a date format) as
 * ISO dates, booleans as TRUE/FALSE, formulas as their cached value. Rows missing from the sheet
 * come back as blank records, so {@link #line()} is the spreadsheet's row number.
 *
 * <p>Call {@link XlsxGuard#check} on the file first.
 */
public final class XlsxRecords implements Records {

    private final String key;
    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final Limits limits;
    private String[] cells = new String[16];
    private int size;
    private long rowNumber;
    private Row pending;

    /** The sheets of a workbook, in order. */
    public static List<SheetInfo> sheets(String key, Path file) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(file.toFile())) {
            return wb.getSheets().map(s -> new SheetInfo(s.getIndex(), s.getName(), s.getVisibility().name()))
                    .toList();
        } catch (RuntimeException e) {
            throw damaged(key, e);
        }
    }

    /** A sheet's position, name and visibility ("VISIBLE", "HIDDEN", "VERY_HIDDEN"). */
    public record SheetInfo(int index, String name, String visibility) {
    }

    /** Opens sheet {@code index} of the workbook. */
    public static XlsxRecords open(String key, Path file, int index, Limits limits) throws IOException {
        ReadableWorkbook wb = null;
        try {
            wb = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
            Sheet sheet = wb.getSheet(index).orElseThrow(() -> new BadInputException(key, 0, "sheet " + index + " is missing"));
            return new XlsxRecords(key, wb, sheet.openStream(), limits);
        } catch (IOException | RuntimeException e) {
            if (wb != null) {
                try {
                    wb.close();
                } catch (IOException ignored) {
                    // the original failure matters more
                }
            }
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw damaged(key, e);
        }
    }

    private XlsxRecords(String key, ReadableWorkbook workbook, Stream<Row> stream, Limits limits) {
        this.key = key;
        this.workbook = workbook;
        this.stream = stream;
        this.rows = stream.iterator();
        this.limits = limits;
    }

    static BadInputException damaged(String key, Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new BadInputException(key, 0, "the XLSX workbook cannot be read (damaged or not a workbook): " + detail);
    }

    @Override
    public boolean next() throws IOException {
        Row row;
        try {
            if (pending == null) {
                if (!rows.hasNext()) {
                    return false;
                }
                pending = rows.next();
            }
            row = pending;
        } catch (UncheckedIOException e) {
            throw damaged(key, e);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw damaged(key, e);
        }
        rowNumber++;
        if (rowNumber > limits.maxRows()) {
            throw new BadInputException(key, rowNumber, "the sheet has more than " + limits.maxRows() + " rows, the limit");
        }
        if (row.getRowNum() > rowNumber) {
            size = 0; // a row absent from the sheet: blank
            return true;
        }
        pending = null;
        int count = row.getCellCount();
        int last = -1;
        for (int i = count - 1; i >= 0; i--) {
            Cell c = row.getCell(i);
            if (c != null && c.getRawValue() != null && !c.getRawValue().isEmpty()) {
                last = i;
                break;
            }
        }
        size = last + 1;
        if (size > limits.maxColumns()) {
            throw new BadInputException(key, rowNumber, "row " + rowNumber + " has more than " + limits.maxColumns()
                    + " columns, the limit for one table");
        }
        if (size > cells.length) {
            cells = Arrays.copyOf(cells, Math.max(size, cells.length * 2));
        }
        for (int i = 0; i < size; i++) {
            String text = text(row.getCell(i));
            if (text.length() > limits.maxCellChars()) {
                throw new BadInputException(key, rowNumber, "a cell in row " + rowNumber + " is longer than "
                        + limits.maxCellChars() + " characters (the limit for one cell)");
            }
            cells[i] = text;
        }
        return true;
    }

    private static String text(Cell c) {
        if (c == null) {
            return "";
        }
        String raw = c.getRawValue();
        if (raw == null) {
            return "";
        }
        switch (c.getType()) {
            case NUMBER:
                return isDateFormat(c.getDataFormatId(), c.getDataFormatString()) ? date(c) : number(raw);
            case BOOLEAN:
                return "1".equals(raw) || "true".equalsIgnoreCase(raw) ? "TRUE" : "FALSE";
            case STRING:
                Object v = c.getValue();
                return v == null ? raw : v.toString();
            case FORMULA:
                Object fv = c.getValue();
                String s = fv == null ? raw : fv.toString();
                if (fv instanceof BigDecimal) {
                    return isDateFormat(c.getDataFormatId(), c.getDataFormatString()) ? date(c) : number(s);
                }
                return s;
            case ERROR:
                return raw;
            default:
                return "";
        }
    }

    private static String number(String raw) {
        if (raw.indexOf('E') >= 0 || raw.indexOf('e') >= 0) {
            try {
                return new BigDecimal(raw).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        return raw;
    }

    private static String date(Cell c) {
        try {
            LocalDateTime t = c.asDate();
            if (t == null) {
                return c.getRawValue();
            }
            if (t.toLocalTime().toSecondOfDay() == 0) {
                return t.toLocalDate().toString();
            }
            return t.withNano(0).toString();
        } catch (RuntimeException e) {
            return c.getRawValue();
        }
    }

    /** Excel's built-in date formats (14–22, 45–47) and custom formats with day, month or year codes. */
    static boolean isDateFormat(Integer id, String format) {
        if (id != null && ((id >= 14 && id <= 22) || (id >= 45 && id <= 47))) {
            return true;
        }
        if (format == null) {
            return false;
        }
        StringBuilder plain = new StringBuilder();
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < format.length(); i++) {
            char ch = format.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && ch == '[') {
                bracket = true;
            } else if (!quoted && ch == ']') {
                bracket = false;
            } else if (!quoted && !bracket && ch == '\\') {
                i++;
            } else if (!quoted && !bracket) {
                plain.append(Character.toLowerCase(ch));
            }
        }
        String p = plain.toString();
        if (p.equals("general")) {
            return false;
        }
        return p.indexOf('d') >= 0 || p.indexOf('y') >= 0 || (p.indexOf('h') >= 0 && p.indexOf(':') >= 0);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String get(int index) {
        return index >= 0 && index < size ? cells[index] : "";
    }

    @Override
    public long line() {
        return rowNumber;
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}
