package org.bigpicture.core.publish;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lake's {@code headlines.csv} rewritten for publication: same rows and columns, CRLF, text
 * cells neutralised. Column types are inferred (integer, number, else string) so that numbers,
 * negative ones included, stay numbers and are never prefixed.
 */
final class HeadlinesCsv {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /**
     * @param csv   the rewritten bytes
     * @param names header names as in the lake file
     * @param types Table Schema type per column
     */
    record Rewritten(byte[] csv, List<String> names, List<String> types) {
    }

    private HeadlinesCsv() {
    }

    static Rewritten rewrite(byte[] lakeCsv) {
        List<List<String>> records = new ArrayList<>();
        String text = new String(lakeCsv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text)) {
            for (CsvRecord r : reader) {
                records.add(r.getFields());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (records.isEmpty()) {
            return new Rewritten(new byte[0], List.of(), List.of());
        }
        List<String> names = records.get(0);
        int n = names.size();
        List<String> types = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            boolean integer = true;
            boolean number = true;
            boolean any = false;
            for (List<String> r : records.subList(1, records.size())) {
                String v = c < r.size() ? r.get(c).trim() : "";
                if (v.isEmpty()) {
                    continue;
                }
                any = true;
                integer &= INTEGER.matcher(v).matches();
                number &= NUMBER.matcher(v).matches();
            }
            types.add(!any ? "string" : integer ? "integer" : number ? "number" : "string");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < records.size(); i++) {
            List<String> r = records.get(i);
            for (int c = 0; c < n; c++) {
                if (c > 0) {
                    out.append(',');
                }
                String v = c < r.size() ? r.get(c) : "";
                boolean isText = i == 0 || types.get(c).equals("string");
                out.append(isText ? CsvCells.text(v) : CsvCells.quote(v.trim()));
            }
            out.append(TableExport.EOL);
        }
        return new Rewritten(out.toString().getBytes(StandardCharsets.UTF_8), names, types);
    }
}
