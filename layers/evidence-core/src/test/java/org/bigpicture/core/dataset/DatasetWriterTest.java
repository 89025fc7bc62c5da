package org.bigpicture.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {

    static final List<Column> COLUMNS = SampleRows.COLUMNS;

    @TempDir
    Path tmp;

    static DatasetFiles writeSample(Path dir, int rows, DatasetWriter.Options options) throws IOException {
        return SampleRows.write(dir, COLUMNS, rows, options);
    }

    static void writeSampleRow(RowSink sink, int i) throws IOException {
        SampleRows.writeRow(sink, i);
    }

    @Test
    void duckDbReadsTypesValuesNullsDatesAndUnicode() throws Exception {
        int rows = 10_000; // more than two batches, so the encoder thread runs
        DatasetFiles files = writeSample(tmp.resolve("ds"), rows, DatasetWriter.Options.defaults());
        assertThat(files.rows()).isEqualTo(rows);
        assertThat(files.parquet()).exists().hasFileName("data.parquet");
        assertThat(files.columns()).isEqualTo(COLUMNS);

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            String from = " FROM read_parquet('" + files.parquet() + "')";
            try (ResultSet rs = st.executeQuery("SELECT typeof(\"area code\"), typeof(count), typeof(value),"
                    + " typeof(flag), typeof(period_start)" + from + " LIMIT 1")) {
                rs.next();
                assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                        .containsExactly("VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "DATE");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(\"area code\"), count(count), count(value),"
                    + " count(flag), count(period_start)" + from)) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(rows);
                assertThat(rs.getLong(2)).isEqualTo(countWhere(rows, i -> i % 7 != 3));
                assertThat(rs.getLong(3)).isEqualTo(countWhere(rows, i -> i % 6 != 1));
                assertThat(rs.getLong(4)).isEqualTo(countWhere(rows, i -> i % 9 != 2));
                assertThat(rs.getLong(5)).isEqualTo(countWhere(rows, i -> i % 4 != 0));
                assertThat(rs.getLong(6)).isEqualTo(countWhere(rows, i -> i % 8 != 5));
            }
            // Row order is kept: compare every cell with what was written.
            try (ResultSet rs = st.executeQuery("SELECT *" + from)) {
                int i = 0;
                while (rs.next()) {
                    assertRow(rs, i++);
                }
                assertThat(i).isEqualTo(rows);
            }
        }
    }

    private static void assertRow(ResultSet rs, int i) throws SQLException {
        String expectedName = i % 7 == 3 ? null
                : i % 5 == 0 ? "Stockport – Ħeaton Mersey “north” ✓ " + (i % 11) : "E0" + (i % 13);
        assertThat(rs.getString(1)).as("row %d area", i).isEqualTo(expectedName);
        Object count = rs.getObject(2);
        assertThat(count).as("row %d count", i).isEqualTo(i % 6 == 1 ? null : (long) i * 1_000_003L - 5_000_000_000L);
        Object value = rs.getObject(3);
        assertThat(value).as("row %d value", i).isEqualTo(i % 9 == 2 ? null : i * 0.25 - 17.5);
        Object flag = rs.getObject(4);
        assertThat(flag).as("row %d flag", i).isEqualTo(i % 4 == 0 ? null : i % 3 == 0);
        Object date = rs.getObject(5, LocalDate.class);
        assertThat(date).as("row %d date", i).isEqualTo(i % 8 == 5 ? null : LocalDate.of(2001, 1, 1).plusDays(i % 9000));
    }

    private static long countWhere(int rows, java.util.function.IntPredicate p) {
        long n = 0;
        for (int i = 0; i < rows; i++) {
            if (p.test(i)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void sameRowsGiveByteIdenticalFilesWithOrWithoutTheEncoderThread() throws IOException {
        DatasetFiles a = writeSample(tmp.resolve("a"), 20_000, DatasetWriter.Options.defaults());
        DatasetFiles b = writeSample(tmp.resolve("b"), 20_000, DatasetWriter.Options.defaults());
        DatasetFiles c = writeSample(tmp.resolve("c"), 20_000, DatasetWriter.Options.defaults().withBackground(false));
        for (DatasetFiles other : List.of(b, c)) {
            assertThat(Files.readAllBytes(other.parquet())).isEqualTo(Files.readAllBytes(a.parquet()));
            assertThat(Files.readAllBytes(other.json())).isEqualTo(Files.readAllBytes(a.json()));
            assertThat(Files.readAllBytes(other.schema())).isEqualTo(Files.readAllBytes(a.schema()));
        }
        String footer = new String(Files.readAllBytes(a.parquet()), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(footer).contains("bigpicture evidence-core");
    }

    @Test
    void jsonHoldsRecordsWithNumbersDatesAndNulls() throws IOException {
        DatasetFiles files = writeSample(tmp.resolve("j"), 100, DatasetWriter.Options.defaults());
        JsonNode json = new ObjectMapper().readTree(files.json().toFile());
        assertThat(json.isArray()).isTrue();
        assertThat(json.size()).isEqualTo(100);
        JsonNode row0 = json.get(0); // i = 0: name unicode, count, value, flag null, date
        assertThat(row0.get("area code").asText()).isEqualTo("Stockport – Ħeaton Mersey “north” ✓ 0");
        assertThat(row0.get("count").isIntegralNumber()).isTrue();
        assertThat(row0.get("count").asLong()).isEqualTo(-5_000_000_000L);
        assertThat(row0.get("value").isNumber()).isTrue();
        assertThat(row0.get("value").asDouble()).isEqualTo(-17.5);
        assertThat(row0.get("flag").isNull()).isTrue();
        assertThat(row0.get("period_start").asText()).isEqualTo("2001-01-01");
        assertThat(json.get(3).get("area code").isNull()).isTrue();
        assertThat(json.get(2).get("value").isNull()).isTrue();
        assertThat(Files.readString(files.json())).startsWith("[\n{\"area code\":").endsWith("}\n]\n");
    }

    @Test
    void jsonFromTheInMemoryBatchEqualsJsonReadBackFromParquet() throws IOException {
        int one = ParquetDatasetWriter.BATCH_ROWS - 1; // stays in memory: JSON straight from the batch
        String inMemory = Files.readString(writeSample(tmp.resolve("mem"), one, DatasetWriter.Options.defaults()).json());
        String readBack = Files.readString(writeSample(tmp.resolve("back"), one + 1, DatasetWriter.Options.defaults())
                .json()); // a full batch goes to the encoder thread: JSON is read back from the Parquet
        String withoutEnd = inMemory.substring(0, inMemory.length() - "\n]\n".length());
        assertThat(readBack).startsWith(withoutEnd + ",\n{");
        assertThat(readBack.length()).isGreaterThan(inMemory.length());
    }

    @Test
    void jsonIsDroppedBeyondTheRowLimit() throws IOException {
        Path dir = tmp.resolve("big");
        DatasetFiles files = writeSample(dir, 9_000, DatasetWriter.Options.defaults().withJsonRowLimit(8_999));
        assertThat(files.json()).isNull();
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("data.parquet", "schema.json");
        }
        DatasetFiles exact = writeSample(tmp.resolve("exact"), 9_000,
                DatasetWriter.Options.defaults().withJsonRowLimit(9_000));
        assertThat(exact.json()).exists();
        assertThat(new ObjectMapper().readTree(exact.json().toFile()).size()).isEqualTo(9_000);
    }

    @Test
    void schemaIsAFrictionlessTableSchema() throws IOException {
        DatasetFiles files = writeSample(tmp.resolve("s"), 3, DatasetWriter.Options.defaults());
        JsonNode schema = new ObjectMapper().readTree(files.schema().toFile());
        assertThat(schema.get("fields").size()).isEqualTo(5);
        assertThat(schema.get("fields").get(0).get("name").asText()).isEqualTo("area code");
        assertThat(schema.get("fields").get(0).get("type").asText()).isEqualTo("string");
        assertThat(schema.get("fields").get(0).get("description").asText()).isEqualTo("GSS code");
        assertThat(schema.get("fields").get(1).get("type").asText()).isEqualTo("integer");
        assertThat(schema.get("fields").get(2).get("type").asText()).isEqualTo("number");
        assertThat(schema.get("fields").get(3).get("type").asText()).isEqualTo("boolean");
        assertThat(schema.get("fields").get(4).get("type").asText()).isEqualTo("date");
        assertThat(schema.get("missingValues").get(0).asText()).isEmpty();
    }

    @Test
    void emptyDatasetIsValidParquet() throws Exception {
        DatasetFiles files = writeSample(tmp.resolve("empty"), 0, DatasetWriter.Options.defaults());
        assertThat(files.rows()).isZero();
        assertThat(Files.readString(files.json()).trim()).isEqualTo("[\n]");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + files.parquet() + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        try (DatasetReader reader = DatasetReader.open(files.parquet())) {
            assertThat(reader.columns()).extracting(Column::name).containsExactly("area code", "count", "value", "flag",
                    "period_start");
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void settingACellWithTheWrongTypeIsRefused() throws IOException {
        try (DatasetWriter writer = DatasetWriter.open(tmp.resolve("w"), COLUMNS)) {
            assertThatThrownBy(() -> writer.setDouble(0, 1.0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("area code");
            assertThatThrownBy(() -> writer.setString(1, "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closingWithoutFinishDeletesTheFiles() throws IOException {
        Path dir = tmp.resolve("abandoned");
        try (DatasetWriter writer = DatasetWriter.open(dir, COLUMNS)) {
            for (int i = 0; i < 10_000; i++) {
                writeSampleRow(writer, i);
            }
        }
        try (var list = Files.list(dir)) {
            assertThat(list.toList()).isEmpty();
        }
    }

    @Test
    void coreReaderReadsBackEveryCellAcrossRowGroupsAndDictionaryFallback() throws Exception {
        List<Column> columns = new ArrayList<>(COLUMNS);
        columns.add(Column.of("unique", ColumnType.STRING)); // too many distinct values for one dictionary
        int rows = 70_000; // over PrefetchingDatasetReader.MIN_ROWS: decoded a batch ahead on a second thread
        DatasetWriter.Options small = DatasetWriter.Options.defaults().withRowGroupBytes(512 * 1024);
        DatasetFiles files;
        try (DatasetWriter writer = DatasetWriter.open(tmp.resolve("r"), columns, small)) {
            for (int i = 0; i < rows; i++) {
                writer.setString(5, "unique value number " + i + " with some padding to fill the dictionary");
                writeSampleRow(writer, i);
            }
            files = writer.finish();
        }
        try (DatasetReader reader = DatasetReader.open(files.parquet())) {
            assertThat(reader.columns()).extracting(Column::type).containsExactly(ColumnType.STRING,
                    ColumnType.INTEGER, ColumnType.NUMBER, ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.STRING);
            assertThat(reader.rowCount()).isEqualTo(rows);
            assertThat(reader).isInstanceOf(PrefetchingDatasetReader.class);
            int i = 0;
            while (reader.next()) {
                String name = i % 7 == 3 ? null
                        : i % 5 == 0 ? "Stockport – Ħeaton Mersey “north” ✓ " + (i % 11) : "E0" + (i % 13);
                assertThat(reader.getString(0)).as("row %d", i).isEqualTo(name);
                assertThat(reader.isNull(0)).isEqualTo(name == null);
                assertThat(reader.isNull(1)).isEqualTo(i % 6 == 1);
                if (i % 6 != 1) {
                    assertThat(reader.getLong(1)).isEqualTo((long) i * 1_000_003L - 5_000_000_000L);
                }
                assertThat(reader.isNull(2)).isEqualTo(i % 9 == 2);
                if (i % 9 != 2) {
                    assertThat(reader.getDouble(2)).isEqualTo(i * 0.25 - 17.5);
                }
                assertThat(reader.isNull(3)).isEqualTo(i % 4 == 0);
                if (i % 4 != 0) {
                    assertThat(reader.getBoolean(3)).isEqualTo(i % 3 == 0);
                }
                assertThat(reader.isNull(4)).isEqualTo(i % 8 == 5);
                if (i % 8 != 5) {
                    assertThat(reader.getDate(4)).isEqualTo((int) LocalDate.of(2001, 1, 1).toEpochDay() + i % 9000);
                }
                assertThat(reader.getString(5)).isEqualTo("unique value number " + i + " with some padding to fill the dictionary");
                i++;
            }
            assertThat(i).isEqualTo(rows);
            assertThatThrownBy(() -> reader.getLong(1)).isInstanceOf(IllegalStateException.class);
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('"
                     + files.parquet() + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).as("row groups").isGreaterThan(1);
        }
    }

    @Test
    void dictionaryWidthsRunsFallbackAndAllNullColumnsReadBackInDuckDbAndCore() throws Exception {
        List<Column> columns = List.of(Column.of("wide", ColumnType.STRING), Column.of("single", ColumnType.STRING),
                Column.of("nothing", ColumnType.STRING), Column.of("big", ColumnType.STRING),
                Column.of("n", ColumnType.INTEGER));
        int rows = 70_000;
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        String[] wide = new String[rows];
        for (int i = 0; i < rows; i++) {
            // runs of repeats mixed with scattered values over 3,000 distinct strings (12-bit ids)
            wide[i] = i > 0 && random.nextInt(3) == 0 ? wide[i - 1] : "w" + random.nextInt(3_000);
        }
        DatasetFiles files;
        try (DatasetWriter writer = DatasetWriter.open(tmp.resolve("enc"), columns)) {
            for (int i = 0; i < rows; i++) {
                writer.setString(0, wide[i]);
                writer.setString(1, "only");
                writer.setString(3, "a long and unique value that overflows the dictionary " + i);
                writer.setLong(4, i);
                writer.endRow();
            }
            files = writer.finish();
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT wide, single, nothing, big, n FROM read_parquet('"
                    + files.parquet() + "') ORDER BY n")) {
                int i = 0;
                while (rs.next()) {
                    assertThat(rs.getString(1)).as("row %d", i).isEqualTo(wide[i]);
                    assertThat(rs.getString(2)).isEqualTo("only");
                    assertThat(rs.getString(3)).isNull();
                    assertThat(rs.getString(4)).isEqualTo("a long and unique value that overflows the dictionary " + i);
                    i++;
                }
                assertThat(i).isEqualTo(rows);
            }
            try (ResultSet rs = st.executeQuery("SELECT encodings, stats_min_value, stats_max_value, stats_null_count"
                    + " FROM parquet_metadata('" + files.parquet() + "') WHERE path_in_schema = 'big'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("RLE_DICTIONARY").contains("PLAIN");
                assertThat(rs.getString(2)).isEqualTo("a long and unique value that overflows the dictionary 0");
                assertThat(rs.getString(3)).isEqualTo("a long and unique value that overflows the dictionary 9999");
                assertThat(rs.getLong(4)).isZero();
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + files.parquet()
                    + "') WHERE n BETWEEN 100 AND 199 AND single = 'only' AND wide >= 'w'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(100);
            }
        }
        try (DatasetReader reader = DatasetReader.open(files.parquet())) {
            int i = 0;
            while (reader.next()) {
                assertThat(reader.getString(0)).isEqualTo(wide[i]);
                assertThat(reader.getString(1)).isEqualTo("only");
                assertThat(reader.isNull(2)).isTrue();
                assertThat(reader.getString(3)).isEqualTo("a long and unique value that overflows the dictionary " + i);
                assertThat(reader.getLong(4)).isEqualTo(i);
                i++;
            }
            assertThat(i).isEqualTo(rows);
        }
    }
}
