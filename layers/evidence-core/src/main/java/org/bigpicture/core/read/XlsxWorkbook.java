package org.bigpicture.core.read;

import org.bigpicture.core.convert.Records;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;

/**
 * An XLSX workbook (Office Open XML SpreadsheetML, ECMA-376; transitional and strict) read with
 * our own bounded {@link XmlReader}: {@link XlsxGuard} first (ZIP whole, no zip bomb, no DTD), then
 * the package relationships, {@code workbook.xml} (sheets, their state, the 1904 date system), the
 * styles (number formats per cell style) and the shared strings, every one within
 * {@link Limits}: sheets, styles, and shared strings by count and in total characters. The sheets
 * themselves are streamed by {@link XlsxSheetRecords}.
 */
final class XlsxWorkbook implements Workbook {

    private final String key;
    private final Path file;
    private final Limits limits;
    private final List<Sheet> sheets;
    private final List<String> parts;
    private final boolean date1904;
    private final String[] sharedStrings;
    private final int sharedCount;
    /** Number format id per cell style (cellXfs index). */
    private final int[] styleFormats;
    private final Map<Integer, String> formatCodes;
    private final CellFormat[] formatsByStyle;

    private XlsxWorkbook(String key, Path file, Limits limits, List<Sheet> sheets, List<String> parts, boolean date1904,
                         String[] sharedStrings, int sharedCount, int[] styleFormats, Map<Integer, String> formatCodes) {
        this.key = key;
        this.file = file;
        this.limits = limits;
        this.sheets = List.copyOf(sheets);
        this.parts = List.copyOf(parts);
        this.date1904 = date1904;
        this.sharedStrings = sharedStrings;
        this.sharedCount = sharedCount;
        this.styleFormats = styleFormats;
        this.formatCodes = formatCodes;
        this.formatsByStyle = new CellFormat[styleFormats.length];
    }

    static XlsxWorkbook open(String key, Path file, Limits limits) throws IOException {
        XlsxGuard.check(key, file, limits);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Map<String, ZipEntry> entries = entries(zip);
            String workbookPart = officeDocument(key, zip, entries);
            ZipEntry workbookEntry = entry(entries, workbookPart);
            if (workbookEntry == null) {
                throw new BadInputException(key, 0, "the XLSX workbook is damaged: its main part " + workbookPart
                        + " is missing");
            }
            Map<String, String[]> rels = relationships(key, zip, entries, workbookPart);
            List<String[]> listed = new ArrayList<>(); // name, state, relationship id
            boolean[] date1904 = {false};
            try (XmlReader xml = new XmlReader(key, workbookPart, zip.getInputStream(workbookEntry))) {
                boolean inSheets = false;
                for (int t; (t = xml.next()) != XmlReader.EOF; ) {
                    if (t == XmlReader.START) {
                        if (xml.is("workbookPr")) {
                            String d = xml.attr("date1904");
                            date1904[0] = "1".equals(d) || "true".equalsIgnoreCase(d);
                        } else if (xml.is("sheets")) {
                            inSheets = true;
                        } else if (inSheets && xml.is("sheet")) {
                            if (listed.size() == limits.maxSheets()) {
                                throw new BadInputException(key, 0, "the XLSX workbook has more than "
                                        + limits.maxSheets() + " sheets, the limit");
                            }
                            listed.add(new String[] {xml.attr("name"), xml.attr("state"), xml.attr("id")});
                        }
                    } else if (t == XmlReader.END && xml.is("sheets")) {
                        inSheets = false;
                    }
                }
            }
            List<Sheet> sheets = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            for (String[] s : listed) {
                String[] rel = s[2] == null ? null : rels.get(s[2]);
                String kind = rel == null ? "missing" : kindOf(rel[1]);
                String state = s[1] == null ? "VISIBLE" : switch (s[1]) {
                    case "hidden" -> "HIDDEN";
                    case "veryHidden" -> "VERY_HIDDEN";
                    default -> "VISIBLE";
                };
                String name = s[0] == null ? "Sheet" + (sheets.size() + 1) : s[0];
                if (rel != null && entry(entries, rel[0]) == null) {
                    kind = "missing";
                }
                sheets.add(new Sheet(sheets.size(), name, state, kind));
                parts.add(rel == null ? null : rel[0]);
            }
            String sharedPart = null;
            String stylesPart = null;
            for (String[] rel : rels.values()) {
                if (rel[1].endsWith("/sharedStrings")) {
                    sharedPart = rel[0];
                } else if (rel[1].endsWith("/styles")) {
                    stylesPart = rel[0];
                }
            }
            Map<Integer, String> codes = new HashMap<>();
            int[] styleFormats = styles(key, zip, entries, stylesPart, limits, codes);
            String[][] shared = new String[1][];
            int count = sharedStrings(key, zip, entries, sharedPart, limits, shared);
            return new XlsxWorkbook(key, file, limits, sheets, parts, date1904[0], shared[0], count, styleFormats, codes);
        }
    }

    private static String kindOf(String relationshipType) {
        if (relationshipType.endsWith("/worksheet")) {
            return "worksheet";
        }
        if (relationshipType.endsWith("/chartsheet")) {
            return "chartsheet";
        }
        if (relationshipType.endsWith("/dialogsheet")) {
            return "dialogsheet";
        }
        if (relationshipType.toLowerCase(Locale.ROOT).endsWith("macrosheet")) {
            return "macrosheet";
        }
        return "other";
    }

    /** Entries by name; a lower-cased copy too, for writers whose relationships differ in case from the parts. */
    private static Map<String, ZipEntry> entries(ZipFile zip) {
        Map<String, ZipEntry> m = new HashMap<>();
        for (var en = zip.entries(); en.hasMoreElements(); ) {
            ZipEntry e = en.nextElement();
            m.put(e.getName(), e);
            m.putIfAbsent("\u0000" + e.getName().toLowerCase(Locale.ROOT), e);
        }
        return m;
    }

    private static ZipEntry entry(Map<String, ZipEntry> entries, String name) {
        if (name == null) {
            return null;
        }
        ZipEntry e = entries.get(name);
        return e != null ? e : entries.get("\u0000" + name.toLowerCase(Locale.ROOT));
    }

    /** The workbook part named by the package's root relationships (xl/workbook.xml when they say nothing). */
    private static String officeDocument(String key, ZipFile zip, Map<String, ZipEntry> entries) throws IOException {
        ZipEntry root = entry(entries, "_rels/.rels");
        if (root != null) {
            try (XmlReader xml = new XmlReader(key, "_rels/.rels", zip.getInputStream(root))) {
                for (int t; (t = xml.next()) != XmlReader.EOF; ) {
                    if (t == XmlReader.START && xml.is("Relationship")) {
                        String type = xml.attr("Type");
                        if (type != null && type.endsWith("/officeDocument") && !"External".equals(xml.attr("TargetMode"))) {
                            return resolve("", xml.attr("Target"));
                        }
                    }
                }
            }
        }
        return "xl/workbook.xml";
    }

    /** The relationships of a part: id → {target part, type}. */
    private static Map<String, String[]> relationships(String key, ZipFile zip, Map<String, ZipEntry> entries, String part)
            throws IOException {
        int slash = part.lastIndexOf('/');
        String dir = slash < 0 ? "" : part.substring(0, slash + 1);
        String relsName = dir + "_rels/" + part.substring(slash + 1) + ".rels";
        Map<String, String[]> rels = new HashMap<>();
        ZipEntry e = entry(entries, relsName);
        if (e == null) {
            return rels;
        }
        try (XmlReader xml = new XmlReader(key, relsName, zip.getInputStream(e))) {
            for (int t; (t = xml.next()) != XmlReader.EOF; ) {
                if (t == XmlReader.START && xml.is("Relationship")) {
                    if (rels.size() > XlsxGuard.MAX_ENTRIES) {
                        throw xml.bad("lists more relationships than the workbook has parts");
                    }
                    String id = xml.attr("Id");
                    String target = xml.attr("Target");
                    String type = xml.attr("Type");
                    if (id != null && target != null && type != null && !"External".equals(xml.attr("TargetMode"))) {
                        rels.put(id, new String[] {resolve(dir, target), type});
                    }
                }
            }
        }
        return rels;
    }

    /** A relationship target as a ZIP entry name: relative to {@code dir}, or absolute from the package root. */
    static String resolve(String dir, String target) {
        String path = target.startsWith("/") ? target.substring(1) : dir + target;
        List<String> out = new ArrayList<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(seg);
        }
        return String.join("/", out);
    }

    /** Reads the number formats and cell styles; returns the format id of each cell style. */
    private static int[] styles(String key, ZipFile zip, Map<String, ZipEntry> entries, String part, Limits limits,
                                Map<Integer, String> codes) throws IOException {
        ZipEntry e = entry(entries, part);
        if (e == null) {
            return new int[0];
        }
        int[] formats = new int[64];
        int n = 0;
        try (XmlReader xml = new XmlReader(key, part, zip.getInputStream(e))) {
            boolean inCellXfs = false;
            for (int t; (t = xml.next()) != XmlReader.EOF; ) {
                if (t == XmlReader.START) {
                    if (xml.is("numFmt")) {
                        if (codes.size() >= limits.maxStyles()) {
                            throw styleLimit(key, limits);
                        }
                        long id = xml.attrLong("numFmtId", -1);
                        String code = xml.attr("formatCode");
                        if (id >= 0 && id < Integer.MAX_VALUE && code != null) {
                            codes.put((int) id, code);
                        }
                    } else if (xml.is("cellXfs")) {
                        inCellXfs = true;
                    } else if (inCellXfs && xml.is("xf")) {
                        if (n >= limits.maxStyles()) {
                            throw styleLimit(key, limits);
                        }
                        if (n == formats.length) {
                            formats = Arrays.copyOf(formats, n * 2);
                        }
                        long id = xml.attrLong("numFmtId", 0);
                        formats[n++] = id < 0 || id > Integer.MAX_VALUE ? 0 : (int) id;
                    }
                } else if (t == XmlReader.END && xml.is("cellXfs")) {
                    inCellXfs = false;
                }
            }
        }
        return Arrays.copyOf(formats, n);
    }

    private static BadInputException styleLimit(String key, Limits limits) {
        return new BadInputException(key, 0, "the XLSX workbook defines more than " + limits.maxStyles()
                + " cell styles or number formats, the limit (Excel allows 64,000)");
    }

    /**
     * Reads the shared strings into {@code out[0]} (returning their count), refusing the workbook as
     * soon as they pass {@link Limits#maxSharedStrings()} or {@link Limits#maxSharedStringChars()}:
     * what is held is never more than the limits.
     */
    private static int sharedStrings(String key, ZipFile zip, Map<String, ZipEntry> entries, String part, Limits limits,
                                     String[][] out) throws IOException {
        ZipEntry e = entry(entries, part);
        out[0] = new String[0];
        if (e == null) {
            return 0;
        }
        String[] strings = new String[256];
        int n = 0;
        long chars = 0;
        StringBuilder sb = new StringBuilder();
        int maxCell = limits.maxCellChars();
        try (XmlReader xml = new XmlReader(key, part, zip.getInputStream(e))) {
            int phonetic = 0;
            boolean inItem = false;
            for (int t; (t = xml.next()) != XmlReader.EOF; ) {
                if (t == XmlReader.START) {
                    if (xml.is("sst")) {
                        long declared = xml.attrLong("uniqueCount", -1);
                        if (declared > limits.maxSharedStrings()) {
                            throw new BadInputException(key, 0, "the XLSX workbook declares " + declared
                                    + " shared strings, more than the limit of " + limits.maxSharedStrings());
                        }
                    } else if (xml.is("si")) {
                        sb.setLength(0);
                        inItem = true;
                    } else if (xml.is("rPh")) {
                        phonetic++; // phonetic guides (furigana) are not the cell's text
                    } else if (inItem && phonetic == 0 && xml.is("t") && !xml.selfClosing()) {
                        if (!xml.text(sb, maxCell)) {
                            throw new BadInputException(key, 0, "shared string " + (n + 1) + " of the XLSX workbook is"
                                    + " longer than " + maxCell + " characters (the limit for one cell)");
                        }
                    }
                } else if (t == XmlReader.END) {
                    if (xml.is("rPh")) {
                        phonetic--;
                    } else if (xml.is("si")) {
                        inItem = false;
                        if (n == limits.maxSharedStrings()) {
                            throw new BadInputException(key, 0, "the XLSX workbook has more than "
                                    + limits.maxSharedStrings() + " shared strings, the limit");
                        }
                        chars += sb.length();
                        if (chars > limits.maxSharedStringChars()) {
                            throw new BadInputException(key, 0, "the XLSX workbook's shared strings hold more than "
                                    + limits.maxSharedStringChars() + " characters in all, the limit (a workbook"
                                    + " this size of text is refused before it is held in memory)");
                        }
                        if (n == strings.length) {
                            strings = Arrays.copyOf(strings, n * 2);
                        }
                        strings[n++] = unescape(sb);
                    }
                }
            }
        }
        out[0] = strings;
        return n;
    }

    /**
     * Decodes OOXML's {@code _xHHHH_} escapes (ECMA-376 ST_Xstring: Excel writes a carriage return
     * in a cell as {@code _x000D_}); {@code _x005F_} escapes a literal underscore.
     */
    static String unescape(CharSequence s) {
        String str = s.toString();
        int i = str.indexOf("_x");
        if (i < 0) {
            return str;
        }
        StringBuilder b = new StringBuilder(str.length());
        int from = 0;
        while (i >= 0) {
            if (i + 7 <= str.length() && str.charAt(i + 6) == '_' && isHex(str, i + 2, i + 6)) {
                b.append(str, from, i).append((char) Integer.parseInt(str.substring(i + 2, i + 6), 16));
                from = i + 7;
                i = str.indexOf("_x", from);
            } else {
                i = str.indexOf("_x", i + 1);
            }
        }
        return b.append(str, from, str.length()).toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String format() {
        return "XLSX";
    }

    @Override
    public List<Sheet> sheets() {
        return sheets;
    }

    @Override
    public List<String> notes() {
        return date1904 ? List.of("dates in the 1904 date system (read as such)") : List.of();
    }

    @Override
    public Records open(int index) throws IOException {
        Sheet sheet = sheets.get(index);
        String part = parts.get(index);
        if (part == null || "missing".equals(sheet.kind())) {
            throw new BadInputException(key, 0, "sheet \"" + sheet.name() + "\" is missing from the XLSX workbook"
                    + " (damaged)");
        }
        ZipFile zip = new ZipFile(file.toFile());
        try {
            ZipEntry e = entry(entries(zip), part);
            InputStream in = zip.getInputStream(e);
            return new XlsxSheetRecords(key, sheet.name(), new XmlReader(key, part, in), zip, this, limits);
        } catch (IOException | RuntimeException ex) {
            zip.close();
            throw ex;
        }
    }

    boolean date1904() {
        return date1904;
    }

    /** Shared string {@code index}; throws when the sheet points past the table. */
    String sharedString(long index, long row) {
        if (index < 0 || index >= sharedCount) {
            throw new BadInputException(key, row, "a cell on row " + row + " points to shared string " + index
                    + ", but the workbook has " + sharedCount + ": the workbook is damaged");
        }
        return sharedStrings[(int) index];
    }

    /** How cell style {@code style} shows numbers (cached per style). */
    CellFormat format(int style) {
        if (style < 0 || style >= styleFormats.length) {
            return CellFormat.GENERAL;
        }
        CellFormat f = formatsByStyle[style];
        if (f == null) {
            int id = styleFormats[style];
            String code = formatCodes.get(id);
            f = CellFormat.of(code != null ? code : CellFormat.builtIn(id));
            formatsByStyle[style] = f;
        }
        return f;
    }
}
