package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;

/**
 * Checks an XLSX before any XML parser sees it: the ZIP must be whole, look like a workbook, stay
 * within the uncompressed-size and compression-ratio limits (zip bombs) and carry no DTD or entity
 * declaration (Excel never writes one; they are how XML external-entity and "billion laughs"
 * attacks start). Every part is inflated once, counting the bytes actually produced, so a ZIP
 * whose headers lie about sizes is caught too. The XML parser behind fastexcel refuses DTDs as
 * well (a second wall; see the tests).
 */
public final class XlsxGuard {

    /** Parts smaller than this may compress at any ratio without harm (tiny repetitive XML does). */
    static final long RATIO_FLOOR_BYTES = 1L << 20;
    static final int MAX_ENTRIES = 10_000;

    private static final byte[] DOCTYPE = "<!DOCTYPE".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ENTITY = "<!ENTITY".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private XlsxGuard() {
    }

    /** Throws {@link BadInputException} when the workbook is damaged, not a workbook, or hostile. */
    public static void check(String key, Path file, Limits limits) throws IOException {
        check(key, file, limits, "XLSX");
    }

    /**
     * The same checks for any workbook in a ZIP ({@code format} "XLSX" or "ODS", for the messages):
     * whole, within the size and ratio limits, no DTD in any XML part. An XLSX must also have its
     * {@code [Content_Types].xml}.
     */
    public static void check(String key, Path file, Limits limits, String format) throws IOException {
        String what = "the " + format + " workbook";
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new BadInputException(key, 0, what + " is truncated or damaged: its ZIP directory cannot be read ("
                    + e.getMessage() + ")");
        }
        try (zip) {
            if (zip.size() > MAX_ENTRIES) {
                throw new BadInputException(key, 0, what + " has " + zip.size() + " parts, more than "
                        + MAX_ENTRIES + ": refused");
            }
            if (format.equals("XLSX") && zip.getEntry("[Content_Types].xml") == null) {
                throw new BadInputException(key, 0, "the file is a ZIP archive but not an Excel workbook (.xlsx):"
                        + " it has no [Content_Types].xml");
            }
            long declaredTotal = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                long size = e.getSize();
                long compressed = e.getCompressedSize();
                if (size > 0) {
                    declaredTotal += size;
                    if (declaredTotal > limits.maxXlsxUncompressed()) {
                        throw tooBig(key, what, declaredTotal, limits);
                    }
                    if (size >= RATIO_FLOOR_BYTES && compressed > 0 && size / compressed > limits.maxXlsxRatio()) {
                        throw bomb(key, format, e.getName(), size / compressed, limits);
                    }
                }
            }
            long actualTotal = 0;
            byte[] buf = new byte[1 << 16];
            entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                boolean xml = e.getName().endsWith(".xml") || e.getName().endsWith(".rels")
                        || e.getName().endsWith(".rdf");
                int doctype = 0;
                int entity = 0;
                long actual = 0;
                long compressed = Math.max(1, e.getCompressedSize());
                try (InputStream in = zip.getInputStream(e)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        actual += n;
                        actualTotal += n;
                        if (actualTotal > limits.maxXlsxUncompressed()) {
                            throw tooBig(key, what, actualTotal, limits);
                        }
                        if (actual >= RATIO_FLOOR_BYTES && actual / compressed > limits.maxXlsxRatio()) {
                            throw bomb(key, format, e.getName(), actual / compressed, limits);
                        }
                        if (xml) {
                            for (int i = 0; i < n; i++) {
                                byte b = buf[i];
                                doctype = advance(doctype, b, DOCTYPE);
                                entity = advance(entity, b, ENTITY);
                                if (doctype == DOCTYPE.length || entity == ENTITY.length) {
                                    throw new BadInputException(key, 0, "the " + format + " part " + e.getName()
                                            + " declares a DTD or entities, which Excel never writes"
                                            + " (an XML external-entity or entity-expansion attack?): refused");
                                }
                            }
                        }
                    }
                } catch (ZipException | java.io.EOFException ex) {
                    throw new BadInputException(key, 0, what + " is truncated or damaged: part "
                            + e.getName() + " cannot be read (" + ex.getMessage() + ")");
                }
            }
        }
    }

    private static int advance(int matched, byte b, byte[] pattern) {
        if (b == pattern[matched]) {
            return matched + 1;
        }
        return b == pattern[0] ? 1 : 0;
    }

    private static BadInputException tooBig(String key, String what, long bytes, Limits limits) {
        return new BadInputException(key, 0, what + " unpacks to more than " + limits.maxXlsxUncompressed()
                + " bytes (at least " + bytes + "), over the limit: a zip bomb or a workbook too large to read");
    }

    private static BadInputException bomb(String key, String format, String part, long ratio, Limits limits) {
        return new BadInputException(key, 0, "the " + format + " part " + part + " is compressed " + ratio
                + " to 1, over the limit of " + limits.maxXlsxRatio() + " to 1: refused as a zip bomb");
    }
}
