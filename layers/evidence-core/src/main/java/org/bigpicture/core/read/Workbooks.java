package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;

/**
 * Opens a spreadsheet by its content, never its name: a ZIP holding {@code [Content_Types].xml}
 * is an XLSX, a ZIP whose {@code mimetype} entry says
 * {@code application/vnd.oasis.opendocument.spreadsheet} is an ODS, and a compound file
 * (signature {@code D0 CF 11 E0 A1 B1 1A E1}) with a {@code Workbook} stream is a legacy Excel
 * (BIFF8) .xls. Anything else in those containers is refused with what it is (a Word document, an
 * OpenDocument text, an encrypted workbook, an Excel 5.0 workbook…).
 */
public final class Workbooks {

    static final String ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

    private Workbooks() {
    }

    /** The workbook in {@code file}, its shared parts read under {@code limits}; throws {@link BadInputException}. */
    public static Workbook open(String key, Path file, Limits limits) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 8);
        }
        if (n == 8 && CompoundFile.isCompoundFile(head)) {
            return XlsWorkbook.open(key, file, limits);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K') {
            String kind = zipKind(key, file);
            if (kind.equals("ODS")) {
                return OdsWorkbook.open(key, file, limits);
            }
            return XlsxWorkbook.open(key, file, limits);
        }
        throw new BadInputException(key, 0, "the file is not a spreadsheet (XLSX, ODS or XLS)");
    }

    /** "XLSX" or "ODS"; refuses other ZIPs, naming what they are where it can. */
    private static String zipKind(String key, Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new BadInputException(key, 0, "the workbook is truncated or damaged: its ZIP directory cannot be read ("
                    + e.getMessage() + ")");
        }
        try (zip) {
            ZipEntry mime = zip.getEntry("mimetype");
            if (mime != null && mime.getSize() <= 200) {
                String type;
                try (InputStream in = zip.getInputStream(mime)) {
                    type = new String(in.readNBytes(200), StandardCharsets.US_ASCII).trim();
                }
                if (type.equals(ODS_MIMETYPE) || type.equals(ODS_MIMETYPE + "-template")) {
                    return "ODS";
                }
                if (type.startsWith("application/vnd.oasis.opendocument.")) {
                    String what = type.substring("application/vnd.oasis.opendocument.".length());
                    throw new BadInputException(key, 0, "the file is an OpenDocument " + what + ", not a spreadsheet:"
                            + " save the table as .ods, .xlsx or CSV");
                }
            }
            if (zip.getEntry("[Content_Types].xml") != null) {
                if (zip.getEntry("word/document.xml") != null) {
                    throw new BadInputException(key, 0, "the file is a Word document (.docx), not a spreadsheet:"
                            + " save the table as .xlsx or CSV");
                }
                if (zip.getEntry("ppt/presentation.xml") != null) {
                    throw new BadInputException(key, 0, "the file is a PowerPoint presentation (.pptx), not a"
                            + " spreadsheet: save the table as .xlsx or CSV");
                }
                return "XLSX";
            }
            if (zip.getEntry("content.xml") != null && zip.getEntry("META-INF/manifest.xml") != null) {
                return "ODS"; // an OpenDocument package without its mimetype entry: OdsWorkbook checks the content
            }
            throw new BadInputException(key, 0, "the file is a ZIP archive but not a spreadsheet (.xlsx or .ods):"
                    + " it has neither [Content_Types].xml nor an OpenDocument mimetype; upload the table inside it");
        }
    }
}
