package org.bigpicture.core.survey;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.convert.Records;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Test-scope tables: in-memory rows behind {@link TableInput}, loaded from CSV (any charset, BOM
 * stripped, quoted newlines kept) or the first XLSX sheet (date cells as ISO text). Independent of
 * the production readers so survey tests run on their own.
 */
final class TestTables {

    private TestTables() {
    }

    static TableInput rows(String key, String sheet, List<List<String>> rows) {
        return new MemoryTable(key, sheet, rows);
    }

    static TableInput csv(String key, Path file, Charset charset) throws IOException {
        String text = Files.readString(file, charset);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text)) {
            for (CsvRecord r : reader) {
                rows.add(new ArrayList<>(r.getFields()));
            }
        }
        return new MemoryTable(key, null, rows);
    }

    static TableInput xlsx(String key, Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        String sheetName;
        try (InputStream in = Files.newInputStream(file);
             ReadableWorkbook wb = new ReadableWorkbook(in, new ReadingOptions(true, false))) {
            Sheet sheet = wb.getFirstSheet();
            sheetName = sheet.getName();
            for (Row row : sheet.read()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getCellCount(); i++) {
                    Cell c = row.getCell(i);
                    cells.add(text(c));
                }
                rows.add(cells);
            }
        }
        return new MemoryTable(key, sheetName, rows);
    }

    private static String text(Cell c) {
        if (c == null || c.getType() == CellType.EMPTY) {
            return "";
        }
        if (c.getType() == CellType.NUMBER && c.getDataFormatString() != null
                && c.getDataFormatString().toLowerCase().matches(".*[dy].*")) {
            LocalDateTime t = c.asDate();
            return t.toString();
        }
        return c.getText();
    }

    /** Rows in memory; {@link #open()} can be called any number of times. */
    record MemoryTable(String key, String sheet, List<List<String>> rows) implements TableInput {

        @Override
        public String datasetId() {
            String id = LakeKeys.datasetId(key);
            return sheet == null ? id : id + "-" + LakeKeys.slug(sheet);
        }

        @Override
        public String physicalLayout() {
            return sheet == null ? "CSV (test)" : "XLSX sheet " + sheet + " (test)";
        }

        @Override
        public List<List<String>> head() {
            return rows.subList(0, Math.min(60, rows.size()));
        }

        @Override
        public Records open() {
            return new Records() {
                private int i = -1;

                @Override
                public boolean next() {
                    i++;
                    return i < rows.size();
                }

                @Override
                public int size() {
                    return rows.get(i).size();
                }

                @Override
                public String get(int index) {
                    List<String> r = rows.get(i);
                    return index < r.size() && r.get(index) != null ? r.get(index) : "";
                }

                @Override
                public long line() {
                    return i + 1;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** The real exports folder: system property {@code bigpicture.realdata}, else {@code shared/realdata} above the repo. */
    static Optional<Path> realData() {
        String prop = System.getProperty("bigpicture.realdata");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Optional.of(Path.of(prop));
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve("shared").resolve("realdata");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            p = p.getParent();
        }
        return Optional.empty();
    }

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    static final Charset UTF8 = StandardCharsets.UTF_8;
}
