package org.bigpicture.core.formats;

import org.bigpicture.core.convert.DatasetOutput;
import org.bigpicture.core.util.Numbers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Workspace;
import org.bigpicture.core.convert.Records;

/**
 * Any other well-formed table: its header (after any title rows) names the columns, kept as
 * written but de-duplicated and with blank names filled; each column's type (integer, number,
 * boolean, ISO or UK date, else string) is inferred in a first streaming pass and the rows are
 * written in a second. Codes with leading zeros stay strings. In a CSV every row must have as many
 * cells as the header (a ragged row is rejected with its line; a cut-off last row quarantines the file).
 */
public final class GenericTableFormat implements Format {

    private final DatasetOutput output;

    public GenericTableFormat() {
        this(DatasetOutput.PARQUET);
    }

    public GenericTableFormat(DatasetOutput output) {
        this.output = output;
    }

    @Override
    public String family() {
        return "table";
    }

    @Override
    public boolean claims(TableInput table) {
        return Heads.firstNonBlank(table.head()) >= 0;
    }

    /** The header row of the head: the first row about as wide as the table (titles above are skipped). */
    static int headerIndex(List<List<String>> head) {
        int widest = 0;
        for (List<String> row : head) {
            widest = Math.max(widest, Heads.nonBlank(row));
        }
        for (int i = 0; i < head.size(); i++) {
            int n = Heads.nonBlank(head.get(i));
            if (n > 0 && n >= Math.max(1, (widest + 1) / 2)) {
                return i;
            }
        }
        return Heads.firstNonBlank(head);
    }

    /** What pass one learns about a column. */
    private static final class Profile {
        boolean canBool = true;
        boolean canInt = true;
        boolean canNum = true;
        boolean canIsoDate = true;
        boolean canUkDate = true;
        long values;
        /** NaN and infinities: a number column keeps its type, and they are written as null. */
        long nonFinite;
        /** Numbers with more digits than a double holds: a column of them stays text. */
        boolean lossy;

        void see(String raw) {
            String v = raw.trim();
            if (v.isEmpty()) {
                return;
            }
            values++;
            if (canBool && !isBool(v)) {
                canBool = false;
            }
            if (canInt || canNum) {
                if (nonFiniteWord(v)) {
                    nonFinite++;
                    canInt = false;
                    canBool = false;
                    canIsoDate = false;
                    canUkDate = false;
                    return;
                }
                double d = Numbers.parse(v);
                boolean numeric = !Double.isNaN(d) && !Double.isInfinite(d) && !leadingZero(v);
                if (!numeric) {
                    canInt = false;
                    canNum = false;
                } else {
                    int digits = digits(v);
                    // Whole by its text: past 2^53 the double is only near it (Numbers.isWhole asks the double).
                    boolean whole = v.indexOf('.') < 0 && v.indexOf('e') < 0 && v.indexOf('E') < 0
                            && (digits > 15 || Numbers.isWhole(d));
                    if (canInt && !whole) {
                        canInt = false;
                    }
                    if (whole && digits > 15 && beyondSafe(v)) {
                        // 9007199254740993 is no double, and no JavaScript reader holds it: a column of such
                        // numbers is text, the same in every twin and every reader. (A decimal with more
                        // digits than a double holds, 37.770000000000003, is read to the nearest double,
                        // 37.77, as every reader of it would.)
                        lossy = true;
                    }
                }
            }
            if (canIsoDate && isoDate(v) == null) {
                canIsoDate = false;
            }
            if (canUkDate && ukDate(v) == null) {
                canUkDate = false;
            }
        }

        ColumnType type() {
            if (values == 0) {
                return ColumnType.STRING;
            }
            if (canBool) {
                return ColumnType.BOOLEAN;
            }
            if (canInt && !lossy) {
                return ColumnType.INTEGER;
            }
            if (canNum && !lossy) {
                return ColumnType.NUMBER;
            }
            if (canIsoDate || canUkDate) {
                return ColumnType.DATE;
            }
            return ColumnType.STRING;
        }
    }

    /** Table Schema's and spreadsheets' spellings of NaN and the infinities. */
    static boolean nonFiniteWord(String v) {
        String w = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        return w.equalsIgnoreCase("NaN") || w.equalsIgnoreCase("INF") || w.equalsIgnoreCase("Infinity");
    }

    private static final java.math.BigInteger SAFE = java.math.BigInteger.valueOf(9007199254740992L); // 2^53

    /** True when a whole number's text is beyond 2^53, where doubles (and JavaScript) stop being exact. */
    static boolean beyondSafe(String v) {
        try {
            return new java.math.BigInteger(v.trim().replace(",", "").replace("+", "")).abs().compareTo(SAFE) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A whole number cell exactly (not through a double). */
    static long wholeNumber(String v) {
        String t = v.trim().replace(",", "");
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return (long) Numbers.parse(v);
        }
    }

    static boolean isBool(String v) {
        return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }

    static boolean leadingZero(String v) {
        int i = v.startsWith("-") || v.startsWith("+") ? 1 : 0;
        return v.length() > i + 1 && v.charAt(i) == '0' && Character.isDigit(v.charAt(i + 1));
    }

    private static int digits(String v) {
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            if (Character.isDigit(v.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    static LocalDate isoDate(String v) {
        if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** dd/mm/yyyy or d/m/yyyy, as UK spreadsheets write dates. */
    static LocalDate ukDate(String v) {
        int a = v.indexOf('/');
        int b = a < 0 ? -1 : v.indexOf('/', a + 1);
        if (a < 1 || a > 2 || b - a < 2 || b - a > 3 || v.length() - b != 5) {
            return null;
        }
        try {
            int day = Integer.parseInt(v.substring(0, a));
            int month = Integer.parseInt(v.substring(a + 1, b));
            int year = Integer.parseInt(v.substring(b + 1));
            return LocalDate.of(year, month, day);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public List<ConvertedDataset> convert(TableInput table, Workspace workspace) throws IOException {
        List<List<String>> head = table.head();
        int h = headerIndex(head);
        if (h < 0) {
            throw new BadInputException(table.key(), 0, "the table is blank: no header and no data");
        }
        List<String> header = head.get(h);
        boolean csv = table.sheet() == null;
        int width = header.size();
        while (width > 0 && header.get(width - 1).isBlank() && !csv) {
            width--;
        }
        // Pass one: profile every column.
        Profile[] profiles = new Profile[Math.max(width, 1)];
        for (int i = 0; i < profiles.length; i++) {
            profiles[i] = new Profile();
        }
        long headerLine;
        long dataRows = 0;
        int extraWidth = width;
        Tally tally = new Tally();
        RowGate gate = new RowGate(table, h, header, width, tally);
        try (Records r = table.open()) {
            skipTo(r, h);
            headerLine = r.line();
            while (r.next()) {
                if (gate.skipBlank(r)) {
                    continue;
                }
                dataRows++;
                if (csv && !gate.wellFormed(r)) {
                    continue; // rejected with its line; pass two skips it too
                }
                if (!csv) {
                    for (int i = r.size() - 1; i >= width; i--) {
                        if (!r.get(i).isBlank()) {
                            extraWidth = Math.max(extraWidth, i + 1);
                            break;
                        }
                    }
                }
                int n = Math.min(r.size(), width);
                for (int i = 0; i < n; i++) {
                    if (!r.isEmpty(i)) {
                        profiles[i].see(r.get(i));
                    }
                }
            }
        }
        if (dataRows == 0) {
            throw new BadInputException(table.key(), headerLine, "the table has a header row but no data rows");
        }
        if (extraWidth > width) {
            throw new BadInputException(table.key(), headerLine, "the sheet has values in " + (extraWidth - width)
                    + " columns right of the header's last named column: the header row is incomplete");
        }
        // Columns: keep named ones and unnamed ones holding values; fill and de-duplicate names.
        List<Integer> kept = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        Map<String, Integer> used = new HashMap<>();
        int dropped = 0;
        for (int i = 0; i < width; i++) {
            String name = header.get(i).strip();
            if (name.isEmpty() && profiles[i].values == 0) {
                dropped++;
                continue;
            }
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            String unique = name;
            int k = 2;
            while (used.containsKey(unique.toLowerCase(Locale.ROOT))) {
                unique = name + "_" + k++;
            }
            used.put(unique.toLowerCase(Locale.ROOT), i);
            kept.add(i);
            columns.add(Column.of(unique, profiles[i].type()));
        }
        Path dir = workspace.datasetDir(table.datasetId());
        DatasetWriter writer = output.open(dir, columns);
        boolean finished = false;
        long written;
        try {
            try (Records r = table.open()) {
                skipTo(r, h);
                int[] index = kept.stream().mapToInt(Integer::intValue).toArray();
                ColumnType[] types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
                boolean[] ukDates = new boolean[index.length];
                for (int c = 0; c < index.length; c++) {
                    ukDates[c] = types[c] == ColumnType.DATE && !profiles[index[c]].canIsoDate;
                }
                while (r.next()) {
                    if (r.isBlank() || csv && !gate.keeps(r)) {
                        continue;
                    }
                    for (int c = 0; c < index.length; c++) {
                        String v = r.get(index[c]);
                        if (v.isBlank()) {
                            writer.setNull(c);
                            continue;
                        }
                        switch (types[c]) {
                            case INTEGER -> writer.setLong(c, wholeNumber(v));
                            case NUMBER -> writer.setDouble(c, Numbers.parse(v));
                            case BOOLEAN -> writer.setBoolean(c, v.trim().equalsIgnoreCase("true"));
                            case DATE -> writer.setDate(c, (int) (ukDates[c] ? ukDate(v.trim()) : isoDate(v.trim())).toEpochDay());
                            default -> writer.setString(c, v);
                        }
                    }
                    writer.endRow();
                }
            }
            written = writer.rows();
            writer.finish();
            finished = true;
        } finally {
            if (!finished) {
                try {
                    writer.close();
                } catch (IOException | RuntimeException ignored) {
                    // the conversion's own failure is the one to report
                }
            }
        }
        tally.read = dataRows;
        for (String note : table.readingNotes()) {
            tally.note(note);
        }
        if (h > 0) {
            tally.note("header found on line " + headerLine + " after " + h + " title rows");
        }
        if (dropped > 0) {
            tally.note(dropped + " unnamed empty columns dropped");
        }
        for (int c = 0; c < kept.size(); c++) {
            Profile p = profiles[kept.get(c)];
            if (p.nonFinite > 0 && columns.get(c).type() == ColumnType.NUMBER) {
                tally.note("column " + columns.get(c).name() + ": " + p.nonFinite
                        + " NaN or infinite values written as empty (JSON has no such numbers; every twin agrees)");
            }
            if (p.lossy && columns.get(c).type() == ColumnType.STRING) {
                tally.note("column " + columns.get(c).name() + " kept as text: it holds whole numbers past 2^53"
                        + " (9,007,199,254,740,992), which no double and no JavaScript reader holds exactly");
            }
        }
        Map<ColumnType, Integer> byType = new java.util.EnumMap<>(ColumnType.class);
        for (Column c : columns) {
            byType.merge(c.type(), 1, Integer::sum);
        }
        StringBuilder types = new StringBuilder();
        for (var e : byType.entrySet()) {
            if (types.length() > 0) {
                types.append(", ");
            }
            types.append(e.getValue()).append(' ').append(e.getKey().tableSchemaName());
        }
        String layout = "table (" + table.physicalLayout() + "): " + columns.size() + " columns (" + types
                + "), header on line " + headerLine;
        return List.of(tally.result(table.datasetId(), family(), layout, "table", dir, written));
    }

    private static void skipTo(Records r, int headerIndex) throws IOException {
        int index = 0;
        while (index <= headerIndex && r.next()) {
            index++;
        }
    }
}
