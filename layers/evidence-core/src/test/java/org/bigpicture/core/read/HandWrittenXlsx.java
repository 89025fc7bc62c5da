package org.bigpicture.core.read;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes XLSX packages part by part, as the tests need them (no library between the test and the
 * bytes): the sheet XML is given as written, so that hostile or unusual markup can be tested.
 * Styles are given as number format codes: style {@code i} (the {@code s} attribute) uses
 * {@code formats.get(i)} ({@code null} for General).
 */
final class HandWrittenXlsx {

    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private final Map<String, String> sheets = new LinkedHashMap<>();
    private final Map<String, String> states = new LinkedHashMap<>();
    private final List<String> formats = new ArrayList<>();
    private final List<String> shared = new ArrayList<>();
    private final Map<String, String> extraParts = new LinkedHashMap<>();
    private boolean date1904;
    private String prefix = "";
    /** Writes the shared-strings part itself (huge hostile tables), instead of {@link #shared}. */
    private PartWriter sharedWriter;

    interface PartWriter {
        void write(OutputStream out) throws IOException;
    }

    /** A sheet whose {@code sheetData} holds {@code rowsXml}; {@code before} goes before sheetData (e.g. a dimension). */
    HandWrittenXlsx sheet(String name, String before, String rowsXml) {
        sheets.put(name, before + "<" + prefix + "sheetData>" + rowsXml + "</" + prefix + "sheetData>");
        return this;
    }

    HandWrittenXlsx sheet(String name, String rowsXml) {
        return sheet(name, "", rowsXml);
    }

    HandWrittenXlsx hidden(String name, String state) {
        states.put(name, state);
        return this;
    }

    /**
     * Adds a cell style showing numbers with {@code code} ({@code builtin:14} for one of Excel's
     * built-in formats by id); returns its index for {@code s="…"}.
     */
    int style(String code) {
        formats.add(code);
        return formats.size() - 1;
    }

    /** Adds a shared string; returns its index for {@code t="s"} cells. */
    int shared(String text) {
        shared.add(text);
        return shared.size() - 1;
    }

    HandWrittenXlsx sharedWriter(PartWriter w) {
        this.sharedWriter = w;
        return this;
    }

    HandWrittenXlsx date1904() {
        this.date1904 = true;
        return this;
    }

    /** Writes every element with this namespace prefix (the OpenXML SDK writes {@code x:}). */
    HandWrittenXlsx prefixed(String p) {
        this.prefix = p + ":";
        return this;
    }

    HandWrittenXlsx part(String name, String xml) {
        extraParts.put(name, xml);
        return this;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    Path write(Path file) throws IOException {
        String p = prefix;
        String ns = p.isEmpty() ? "xmlns=\"" + MAIN + "\"" : "xmlns:" + p.substring(0, p.length() - 1) + "=\"" + MAIN + "\"";
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            StringBuilder types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                    + ".spreadsheetml.sheet.main+xml\"/></Types>");
            put(zip, "[Content_Types].xml", types.toString());
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"" + REL
                    + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            StringBuilder wb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + p + "workbook " + ns
                    + " xmlns:r=\"" + REL + "\">");
            if (date1904) {
                wb.append("<").append(p).append("workbookPr date1904=\"1\"/>");
            }
            wb.append("<").append(p).append("sheets>");
            StringBuilder rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/relationships\">");
            int i = 1;
            for (String name : sheets.keySet()) {
                String state = states.get(name);
                wb.append("<").append(p).append("sheet name=\"").append(esc(name)).append("\" sheetId=\"").append(i)
                        .append("\"").append(state == null ? "" : " state=\"" + state + "\"").append(" r:id=\"rId")
                        .append(i).append("\"/>");
                rels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(REL)
                        .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
                i++;
            }
            wb.append("</").append(p).append("sheets></").append(p).append("workbook>");
            rels.append("<Relationship Id=\"rIdS\" Type=\"").append(REL).append("/styles\" Target=\"styles.xml\"/>");
            rels.append("<Relationship Id=\"rIdT\" Type=\"").append(REL)
                    .append("/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>");
            rels.append("</Relationships>");
            put(zip, "xl/workbook.xml", wb.toString());
            put(zip, "xl/_rels/workbook.xml.rels", rels.toString());
            StringBuilder st = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + p + "styleSheet " + ns + ">");
            st.append("<").append(p).append("numFmts count=\"").append(formats.size()).append("\">");
            for (int k = 0; k < formats.size(); k++) {
                if (formats.get(k) != null && !formats.get(k).startsWith("builtin:")) {
                    st.append("<").append(p).append("numFmt numFmtId=\"").append(164 + k).append("\" formatCode=\"")
                            .append(esc(formats.get(k))).append("\"/>");
                }
            }
            st.append("</").append(p).append("numFmts>");
            // cellStyleXfs first: its xf elements are not cell styles and must not be counted as such
            st.append("<").append(p).append("cellStyleXfs count=\"1\"><").append(p).append("xf numFmtId=\"10\"/></")
                    .append(p).append("cellStyleXfs>");
            st.append("<").append(p).append("cellXfs count=\"").append(formats.size()).append("\">");
            for (int k = 0; k < formats.size(); k++) {
                String f = formats.get(k);
                int id = f == null ? 0 : f.startsWith("builtin:") ? Integer.parseInt(f.substring(8)) : 164 + k;
                st.append("<").append(p).append("xf numFmtId=\"").append(id).append("\" applyNumberFormat=\"1\"/>");
            }
            st.append("</").append(p).append("cellXfs></").append(p).append("styleSheet>");
            put(zip, "xl/styles.xml", st.toString());
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            if (sharedWriter != null) {
                sharedWriter.write(zip);
            } else {
                StringBuilder sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + p + "sst " + ns
                        + " count=\"" + shared.size() + "\" uniqueCount=\"" + shared.size() + "\">");
                for (String s : shared) {
                    sst.append(s.startsWith("<") ? s : "<" + p + "si><" + p + "t>" + esc(s) + "</" + p + "t></" + p + "si>");
                }
                sst.append("</").append(p).append("sst>");
                zip.write(sst.toString().getBytes(StandardCharsets.UTF_8));
            }
            zip.closeEntry();
            i = 1;
            for (String body : sheets.values()) {
                put(zip, "xl/worksheets/sheet" + i++ + ".xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + p
                        + "worksheet " + ns + ">" + body + "</" + p + "worksheet>");
            }
            for (var e : extraParts.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
        }
        return file;
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** Cell XML helpers: a number, a shared string, an inline string. */
    static String n(String ref, String v, int style) {
        return "<c r=\"" + ref + "\"" + (style >= 0 ? " s=\"" + style + "\"" : "") + "><v>" + v + "</v></c>";
    }

    static String s(String ref, int index) {
        return "<c r=\"" + ref + "\" t=\"s\"><v>" + index + "</v></c>";
    }

    static String row(int r, String... cells) {
        return "<row r=\"" + r + "\">" + String.join("", cells) + "</row>";
    }
}
