package org.bigpicture.core.read;

import org.bigpicture.core.convert.Records;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;

/**
 * An OpenDocument spreadsheet (.ods; OpenDocument 1.2 part 1, "table:table"), read with our own
 * bounded {@link XmlReader}: {@link XlsxGuard} first (ZIP whole, no zip bomb, no DTD), an encrypted
 * package refused, then the styles (which number style each cell style shows numbers with, which
 * tables are hidden) and an index of the tables in {@code content.xml} (each table's name and where
 * it starts), all within {@link Limits}. Each table is then streamed by {@link OdsSheetRecords},
 * which bounds the repeat attributes ({@code table:number-columns-repeated},
 * {@code table:number-rows-repeated}): they are how an ODS says "16,384 empty columns" in a few
 * bytes, and how a hostile one would ask for billions of cells.
 */
final class OdsWorkbook implements Workbook {

    private final String key;
    private final Path file;
    private final Limits limits;
    private final List<Sheet> sheets;
    private final long[] offsets;
    private final OdsStyles styles;
    private final List<String> notes;

    private OdsWorkbook(String key, Path file, Limits limits, List<Sheet> sheets, long[] offsets, OdsStyles styles,
                        List<String> notes) {
        this.key = key;
        this.file = file;
        this.limits = limits;
        this.sheets = List.copyOf(sheets);
        this.offsets = offsets;
        this.styles = styles;
        this.notes = notes;
    }

    static OdsWorkbook open(String key, Path file, Limits limits) throws IOException {
        XlsxGuard.check(key, file, limits, "ODS");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry manifest = zip.getEntry("META-INF/manifest.xml");
            if (manifest != null) {
                try (XmlReader xml = new XmlReader(key, "META-INF/manifest.xml", zip.getInputStream(manifest))) {
                    for (int t; (t = xml.next()) != XmlReader.EOF; ) {
                        if (t == XmlReader.START && xml.is("encryption-data")) {
                            throw new BadInputException(key, 0, "the ODS workbook is password-protected (encrypted):"
                                    + " save it without a password and upload it again");
                        }
                    }
                }
            }
            ZipEntry content = zip.getEntry("content.xml");
            if (content == null) {
                throw new BadInputException(key, 0, "the ODS workbook is damaged: it has no content.xml");
            }
            OdsStyles styles = new OdsStyles(key, limits);
            ZipEntry stylesPart = zip.getEntry("styles.xml");
            if (stylesPart != null) {
                try (XmlReader xml = new XmlReader(key, "styles.xml", zip.getInputStream(stylesPart))) {
                    styles.read(xml, false);
                }
            }
            List<Sheet> sheets = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            int external = 0;
            try (XmlReader xml = new XmlReader(key, "content.xml", zip.getInputStream(content))) {
                styles.read(xml, true); // the automatic styles, up to the body
                int depth = 0; // tables inside tables (not written by spreadsheets) are not sheets
                Sheet pending = null; // a table whose first child may show it is a linked workbook's cache
                long pendingAt = 0;
                for (int t = XmlReader.START; t != XmlReader.EOF; t = xml.next()) {
                    if (t == XmlReader.START && pending != null) {
                        if (xml.is("table-source")) {
                            external++; // a cached copy of another workbook's sheet (an external link), not a sheet
                        } else {
                            sheets.add(pending);
                            offsets.add(pendingAt);
                        }
                        pending = null;
                    }
                    if (t == XmlReader.START && xml.is("table") && isTableNamespace(xml)) {
                        if (depth++ == 0) {
                            if (sheets.size() == limits.maxSheets()) {
                                throw new BadInputException(key, 0, "the ODS workbook has more than " + limits.maxSheets()
                                        + " sheets, the limit");
                            }
                            String name = xml.attr("name");
                            String style = xml.attr("style-name");
                            boolean hidden = style != null && styles.hiddenTable(style);
                            pending = new Sheet(sheets.size(), name == null ? "Sheet" + (sheets.size() + 1) : name,
                                    hidden ? "HIDDEN" : "VISIBLE", "worksheet");
                            pendingAt = xml.tagOffset();
                            if (xml.selfClosing()) {
                                sheets.add(pending);
                                offsets.add(pendingAt);
                                pending = null;
                            }
                        }
                    } else if (t == XmlReader.END && xml.is("table") && isTableNamespace(xml)) {
                        depth--;
                        if (pending != null) {
                            sheets.add(pending);
                            offsets.add(pendingAt);
                            pending = null;
                        }
                    }
                }
            }
            long[] at = new long[offsets.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = offsets.get(i);
            }
            List<String> notes = external == 0 ? List.of() : List.of(external + " cached copies of linked workbooks'"
                    + " sheets (external links, table:table-source) are not sheets of this workbook: left out");
            return new OdsWorkbook(key, file, limits, sheets, at, styles, notes);
        }
    }

    /** {@code table:table}, not another namespace's {@code table} (an HTML-ish one in a text box, say). */
    private static boolean isTableNamespace(XmlReader xml) {
        String q = xml.qualifiedName();
        return q.equals("table") || q.endsWith(":table") && (q.startsWith("table:") || !q.startsWith("text:"));
    }

    @Override
    public String format() {
        return "ODS";
    }

    @Override
    public List<Sheet> sheets() {
        return sheets;
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public Records open(int index) throws IOException {
        Sheet sheet = sheets.get(index);
        ZipFile zip = new ZipFile(file.toFile());
        try {
            InputStream in = zip.getInputStream(zip.getEntry("content.xml"));
            in.skipNBytes(offsets[index]);
            return new OdsSheetRecords(key, sheet.name(), new XmlReader(key, "content.xml", in), zip, styles, limits);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /**
     * The styles that matter to a reader: which number style each cell style uses (and so how many
     * decimals a number shows), and which table styles hide their table. Counted against
     * {@link Limits#maxStyles()}.
     */
    static final class OdsStyles {
        private final String key;
        private final Limits limits;
        private final Map<String, CellFormat> numberStyles = new HashMap<>();
        /** Cell style → {data style, parent style}. */
        private final Map<String, String[]> cellStyles = new HashMap<>();
        private final Map<String, Boolean> tableDisplay = new HashMap<>();
        /** Data style → the style it shows positive numbers with (style:map, as Excel's sections export). */
        private final Map<String, String> positiveMaps = new HashMap<>();
        private final Map<String, CellFormat> resolved = new HashMap<>();

        OdsStyles(String key, Limits limits) {
            this.key = key;
            this.limits = limits;
        }

        /**
         * Reads style definitions from {@code xml}; with {@code untilBody}, stops at the start of
         * {@code office:body} (content.xml: what follows is the tables).
         */
        void read(XmlReader xml, boolean untilBody) throws IOException {
            String dataStyle = null;
            int decimals = -1;
            boolean percent = false;
            boolean general = false;
            boolean numeric = false;
            String styleName = null;
            String family = null;
            for (int t; (t = xml.next()) != XmlReader.EOF; ) {
                if (t == XmlReader.START) {
                    if (untilBody && xml.is("body")) {
                        return;
                    }
                    if (dataStyle == null && isDataStyle(xml)) {
                        dataStyle = xml.attr("name");
                        percent = xml.is("percentage-style");
                        numeric = percent || xml.is("number-style") || xml.is("currency-style");
                        decimals = -1;
                        general = false;
                    } else if (dataStyle != null && xml.is("map")) {
                        String condition = xml.attr("condition");
                        String target = xml.attr("apply-style-name");
                        if (condition != null && target != null && acceptsPositive(condition)
                                && !positiveMaps.containsKey(dataStyle)) {
                            positiveMaps.put(dataStyle, target);
                        }
                    } else if (dataStyle != null && (xml.is("number") || xml.is("scientific-number")
                            || xml.is("fraction"))) {
                        long d = xml.attrLong("decimal-places", -1);
                        String factor = xml.attr("display-factor");
                        if (xml.is("scientific-number") || xml.is("fraction") || factor != null && !factor.equals("1")) {
                            general = true; // shown scaled or as a fraction: the value itself is what counts
                        } else if (d >= 0 && d <= 30) {
                            decimals = (int) d;
                        }
                    } else if (xml.is("style")) {
                        styleName = xml.attr("name");
                        family = xml.attr("family");
                        if (styleName != null && "table-cell".equals(family)) {
                            count();
                            cellStyles.put(styleName, new String[] {xml.attr("data-style-name"),
                                    xml.attr("parent-style-name")});
                        }
                    } else if (styleName != null && "table".equals(family) && xml.is("table-properties")) {
                        tableDisplay.put(styleName, !"false".equals(xml.attr("display")));
                    }
                } else if (t == XmlReader.END) {
                    if (dataStyle != null && isDataStyle(xml)) {
                        count();
                        CellFormat f = !numeric || general || decimals < 0 && !percent ? CellFormat.general(dataStyle)
                                : percent ? CellFormat.percent(decimals, dataStyle) : CellFormat.fixed(decimals, dataStyle);
                        numberStyles.put(dataStyle, f);
                        dataStyle = null;
                    } else if (xml.is("style")) {
                        styleName = null;
                        family = null;
                    }
                }
            }
        }

        /** number:number-style, percentage-style, currency-style, text-style, date-style, time-style, boolean-style. */
        private static boolean isDataStyle(XmlReader xml) {
            return xml.is("number-style") || xml.is("percentage-style") || xml.is("currency-style")
                    || xml.is("text-style") || xml.is("date-style") || xml.is("time-style") || xml.is("boolean-style");
        }

        /** Whether a style:map condition ({@code value()>0}, {@code value()>=0}, …) holds for positive numbers. */
        static boolean acceptsPositive(String condition) {
            String c = condition.replace(" ", "");
            return c.startsWith("value()>") || c.startsWith("value()!=0") || c.startsWith("value()<>0");
        }

        private void count() {
            if (numberStyles.size() + cellStyles.size() >= limits.maxStyles()) {
                throw new BadInputException(key, 0, "the ODS workbook defines more than " + limits.maxStyles()
                        + " styles, the limit");
            }
        }

        boolean hiddenTable(String style) {
            return Boolean.FALSE.equals(tableDisplay.get(style));
        }

        /** How a cell of {@code cellStyle} shows numbers (following parent styles; cached). */
        CellFormat format(String cellStyle, boolean percentage) {
            if (cellStyle == null) {
                return percentage ? CellFormat.percent(-1, "percentage") : CellFormat.GENERAL;
            }
            String cacheKey = percentage ? "%" + cellStyle : cellStyle;
            CellFormat f = resolved.get(cacheKey);
            if (f != null) {
                return f;
            }
            String name = cellStyle;
            CellFormat found = null;
            for (int hops = 0; name != null && hops < 16 && found == null; hops++) {
                String[] s = cellStyles.get(name);
                if (s == null) {
                    break;
                }
                if (s[0] != null) {
                    String data = s[0];
                    for (int m = 0; m < 4 && positiveMaps.containsKey(data); m++) {
                        data = positiveMaps.get(data);
                    }
                    found = numberStyles.get(data);
                    break;
                }
                name = s[1];
            }
            if (found == null) {
                found = percentage ? CellFormat.percent(-1, "percentage") : CellFormat.GENERAL;
            } else if (percentage && found.kind != CellFormat.Kind.PERCENT) {
                found = CellFormat.percent(found.kind == CellFormat.Kind.FIXED ? found.decimals : -1, found.code);
            }
            resolved.put(cacheKey, found);
            return found;
        }
    }
}
