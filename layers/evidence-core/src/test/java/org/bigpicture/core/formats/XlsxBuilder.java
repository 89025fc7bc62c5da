package org.bigpicture.core.formats;

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
 * Writes minimal but valid XLSX workbooks for tests (inline strings, numbers, dates with the
 * built-in date format), plus hooks to inject hostile parts.
 */
final class XlsxBuilder {

    private final Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    private final Map<String, String> sheetPrologue = new LinkedHashMap<>();
    private final Map<String, byte[]> extraParts = new LinkedHashMap<>();

    XlsxBuilder sheet(String name, List<List<Object>> rows) {
        sheets.put(name, rows);
        return this;
    }

    /** Text placed before the worksheet's root element (e.g. a DOCTYPE). */
    XlsxBuilder prologue(String sheet, String text) {
        sheetPrologue.put(sheet, text);
        return this;
    }

    XlsxBuilder part(String name, byte[] content) {
        extraParts.put(name, content);
        return this;
    }

    Path write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            StringBuilder types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
            for (int i = 1; i <= sheets.size(); i++) {
                types.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
                        .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            }
            types.append("</Types>");
            put(zip, "[Content_Types].xml", types.toString());
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            StringBuilder wb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                    + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
            StringBuilder rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            int i = 1;
            for (String name : sheets.keySet()) {
                wb.append("<sheet name=\"").append(esc(name)).append("\" sheetId=\"").append(i).append("\" r:id=\"rId")
                        .append(i).append("\"/>");
                rels.append("<Relationship Id=\"rId").append(i)
                        .append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet")
                        .append(i).append(".xml\"/>");
                i++;
            }
            rels.append("<Relationship Id=\"rId").append(i)
                    .append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
            wb.append("</sheets></workbook>");
            rels.append("</Relationships>");
            put(zip, "xl/workbook.xml", wb.toString());
            put(zip, "xl/_rels/workbook.xml.rels", rels.toString());
            put(zip, "xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill/></fills><borders count=\"1\"><border/></borders>"
                    + "<cellStyleXfs count=\"1\"><xf/></cellStyleXfs>"
                    + "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs>"
                    + "</styleSheet>");
            i = 1;
            for (var e : sheets.entrySet()) {
                put(zip, "xl/worksheets/sheet" + i + ".xml", sheetXml(e.getValue(), sheetPrologue.get(e.getKey())));
                i++;
            }
            for (var e : extraParts.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private static String sheetXml(List<List<Object>> rows, String prologue) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        if (prologue != null) {
            b.append(prologue);
        }
        b.append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        int r = 1;
        for (List<Object> row : rows) {
            if (row != null) {
                b.append("<row r=\"").append(r).append("\">");
                for (int c = 0; c < row.size(); c++) {
                    Object v = row.get(c);
                    if (v == null) {
                        continue;
                    }
                    String ref = column(c) + r;
                    if (v instanceof Number n) {
                        b.append("<c r=\"").append(ref).append("\"><v>").append(n).append("</v></c>");
                    } else if (v instanceof java.time.LocalDate d) {
                        long serial = d.toEpochDay() - java.time.LocalDate.of(1899, 12, 30).toEpochDay();
                        b.append("<c r=\"").append(ref).append("\" s=\"1\"><v>").append(serial).append("</v></c>");
                    } else if (v instanceof Raw raw) {
                        b.append(raw.xml.replace("{ref}", ref));
                    } else {
                        b.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(esc(v.toString()))
                                .append("</t></is></c>");
                    }
                }
                b.append("</row>");
            }
            r++;
        }
        b.append("</sheetData></worksheet>");
        return b.toString();
    }

    /** A cell written as given ({@code {ref}} is replaced by the cell reference). */
    record Raw(String xml) {
    }

    static String column(int c) {
        StringBuilder s = new StringBuilder();
        c++;
        while (c > 0) {
            int rem = (c - 1) % 26;
            s.insert(0, (char) ('A' + rem));
            c = (c - 1) / 26;
        }
        return s.toString();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static List<Object> row(Object... cells) {
        return new ArrayList<>(java.util.Arrays.asList(cells));
    }
}
