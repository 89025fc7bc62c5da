package org.bigpicture.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The Fingertips CSV as an XLSX workbook (numbers as numbers), for the memory run: sheets of at most
 * {@link #SHEET_ROWS} rows (Excel's limit is 1,048,576) until the file passes the target size.
 */
final class FingertipsXlsx {

    static final int SHEET_ROWS = 1_000_000;

    private FingertipsXlsx() {
    }

    /** Writes sheets from {@code csv} (cycling over it) until {@code targetBytes}; returns data rows written. */
    static long write(Path csv, Path xlsx, long targetBytes) throws IOException {
        long rows = 0;
        int sheet = 0;
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            Workbook wb = new Workbook(out, "bigpicture-bench", "1.0");
            long estimated = 0;
            while (estimated < targetBytes) {
                Worksheet ws = wb.newWorksheet("Data " + (++sheet));
                String[] header = FingertipsCsv.HEADER.split(",");
                for (int c = 0; c < header.length; c++) {
                    ws.value(0, c, header[c]);
                }
                int r = 1;
                try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    in.readLine();
                    String line;
                    while (r <= SHEET_ROWS && (line = in.readLine()) != null) {
                        String[] cells = splitCsv(line);
                        for (int c = 0; c < cells.length; c++) {
                            String v = cells[c];
                            if (v.isEmpty()) {
                                continue;
                            }
                            if (c >= 12 && c <= 18 || c == 0 || c == 23) {
                                ws.value(r, c, Double.parseDouble(v));
                            } else {
                                ws.value(r, c, v);
                            }
                        }
                        if (r % 10_000 == 0) {
                            ws.flush();
                        }
                        r++;
                        rows++;
                    }
                }
                ws.finish();
                estimated = Files.size(xlsx);
            }
            wb.finish();
        }
        return rows;
    }

    /** Splits one line of our generated CSV (quotes only around cells with commas, no newlines). */
    private static String[] splitCsv(String line) {
        java.util.List<String> cells = new java.util.ArrayList<>(26);
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }
}
