package org.bigpicture.core.publish;

import org.bigpicture.core.util.ShortestDecimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetReader;
import org.bigpicture.core.lake.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte path of the CSV export spells every cell as {@link CsvCells} spells it as text, and the
 * background writer writes the same bytes and hash as the direct one: the published CSV must not
 * change by a byte ({@link TableExport#VERSION}).
 */
class CsvBytesTest {

    @TempDir
    Path dir;

    private static final String[] TEXTS = {"", "plain", "Stockport", "comma, inside", "quote \" inside", "\"",
        "line\nbreak", "cr\rinside", "tab\tinside", "=SUM(A1:A2)", "+44 161", "-minus", "@handle", "\tlead tab",
        "\rlead cr", "Ysbyty Gwynedd – Bangor", "naïve café", "日本語", "emoji 😀", "'already", "=\"quoted,formula\""};

    @Test
    void numbersAreSpeltAsCsvCellsSpellsThem() {
        SplittableRandom random = new SplittableRandom(6);
        List<Double> values = new ArrayList<>(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                0.0, -0.0, 1.0, -1.0, 0.1, -0.1, 1e-3, 9.999e-4, 1e7, 1e7 - 0.5, 1e15, 1e15 - 1, -1e15 + 1, 1e15 + 2,
                Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1e300,
                1e-300, 123456789012.125, -9.223372036854776E18, 446.867406993564, 2482.0, 555313.0));
        for (int i = 0; i < 300_000; i++) {
            values.add(switch (i % 6) {
                case 0 -> random.nextDouble() * 1000;
                case 1 -> -Math.round(random.nextDouble() * 1e6) / 100.0;
                case 2 -> (double) random.nextLong(-2_000_000_000_000_000L, 2_000_000_000_000_000L);
                case 3 -> Double.longBitsToDouble(random.nextLong()); // any double, NaN payloads included
                case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 25));
                default -> Math.rint(random.nextDouble() * 1e6);
            });
        }
        CsvBytes out = new CsvBytes(new byte[16]); // small: growth is exercised too
        StringBuilder expected = new StringBuilder();
        for (double d : values) {
            out.number(d);
            out.comma();
            expected.append(CsvCells.number(d)).append(',');
        }
        assertThat(new String(out.buffer(), 0, out.size(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    }

    @Test
    void shortestDecimalBytesAgreeWithItsText() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] buf = new byte[ShortestDecimal.MAX_LENGTH + 3];
        int compared = 0;
        for (int i = 0; i < 200_000; i++) {
            double d = (random.nextBoolean() ? -1 : 1) * random.nextDouble() * Math.pow(10, random.nextInt(-4, 8));
            int end = ShortestDecimal.format(d, buf, 3);
            String text = ShortestDecimal.format(d);
            if (end < 0) {
                assertThat(text).isNull();
                continue;
            }
            assertThat(new String(buf, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(text)
                    .isEqualTo(Double.toString(d));
            // The fewest fraction digits that read back, found by trying each count in turn.
            int fewest = 1;
            while ((double) Math.round(Math.abs(d) * Math.pow(10, fewest)) / Math.pow(10, fewest) != Math.abs(d)) {
                fewest++;
            }
            assertThat(text.length() - text.indexOf('.') - 1).as("%s", d).isEqualTo(fewest);
            compared++;
        }
        assertThat(compared).isGreaterThan(80_000);
    }

    @Test
    void integersAreSpeltAsLongToString() {
        SplittableRandom random = new SplittableRandom(8);
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, 99L, 100L, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1, (long) Integer.MAX_VALUE, (long) Integer.MAX_VALUE + 1, (long) Integer.MIN_VALUE,
                999_999_999_999_999_999L, 1_000_000_000_000_000_000L));
        for (int i = 0; i < 100_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        CsvBytes out = new CsvBytes(new byte[8]);
        StringBuilder expected = new StringBuilder();
        for (long v : values) {
            out.integer(v);
            out.comma();
            expected.append(v).append(',');
        }
        assertThat(new String(out.buffer(), 0, out.size(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
    }

    @Test
    void textAndDateCellsComeFromTheirCachesUnchanged() {
        SplittableRandom random = new SplittableRandom(9);
        CsvBytes.TextCells texts = new CsvBytes.TextCells();
        CsvBytes.DateCells dates = new CsvBytes.DateCells();
        for (int i = 0; i < 50_000; i++) {
            // Equal strings that are not the same object, and distinct strings that share cache slots.
            String s = random.nextInt(4) == 0 ? TEXTS[random.nextInt(TEXTS.length)]
                    : new String(TEXTS[random.nextInt(TEXTS.length)] + random.nextInt(600));
            assertThat(new String(texts.of(s), StandardCharsets.UTF_8)).isEqualTo(CsvCells.text(s));
            int day = random.nextInt(3) == 0 ? random.nextInt(Integer.MIN_VALUE / 1000, Integer.MAX_VALUE / 1000)
                    : random.nextInt(-2000, 30_000);
            assertThat(new String(dates.of(day), StandardCharsets.US_ASCII)).isEqualTo(CsvCells.date(day));
        }
    }

    @Test
    void backgroundWriterWritesTheBytesAndHashOfTheDirectOne() throws IOException {
        SplittableRandom random = new SplittableRandom(10);
        byte[] all = new byte[5 * HashingFileWriter.CHUNK + 12_345];
        random.nextBytes(all);
        for (boolean background : new boolean[] {false, true}) {
            Path file = dir.resolve("out-" + background);
            String hex;
            long bytes;
            try (HashingFileWriter w = background ? HashingFileWriter.background(file) : HashingFileWriter.direct(file)) {
                byte[] buf = w.buffer();
                int at = 0;
                while (at < all.length) {
                    int n = Math.min(all.length - at, random.nextInt(1, HashingFileWriter.CHUNK + 1));
                    if (buf.length < n) {
                        buf = Arrays.copyOf(buf, n); // a buffer grown by the caller is taken too
                    }
                    System.arraycopy(all, at, buf, 0, n);
                    buf = w.write(buf, n);
                    at += n;
                }
                w.finish();
                hex = w.hex();
                bytes = w.bytes();
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(all);
            assertThat(bytes).isEqualTo(all.length);
            assertThat(hex).isEqualTo(Sha256.hex(all));
        }
    }

    @Test
    void aWriterAbandonedPartWayStopsItsThread() throws IOException {
        Path file = dir.resolve("abandoned");
        HashingFileWriter w = HashingFileWriter.background(file);
        byte[] buf = w.buffer();
        buf = w.write(buf, 100);
        w.close(); // no finish: the caller failed
        assertThatThrownBy(w::hex).isInstanceOf(IllegalStateException.class);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("csv-hash-write") && t.isAlive());
    }

    @Test
    void exportWritesTheBytesOfTheTextPathSmallOrLarge() throws IOException {
        List<Column> columns = List.of(Column.of("name, \"quoted\"", ColumnType.STRING), Column.of("n", ColumnType.INTEGER),
                Column.of("value", ColumnType.NUMBER), Column.of("suppressed", ColumnType.BOOLEAN),
                Column.of("day", ColumnType.DATE), Column.of("=note", ColumnType.STRING), Column.of("count", ColumnType.NUMBER));
        SplittableRandom random = new SplittableRandom(11);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 120_000; r++) {
            rows.add(new Object[] {
                random.nextInt(10) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)],
                random.nextInt(10) == 0 ? null : random.nextLong() >> random.nextInt(64),
                random.nextInt(8) == 0 ? null : random.nextInt(50) == 0 ? Double.NaN : random.nextDouble() * 1000,
                random.nextInt(10) == 0 ? null : random.nextBoolean(),
                random.nextInt(10) == 0 ? null : 14_000 + random.nextInt(40),
                random.nextInt(3) == 0 ? null : "note " + random.nextInt(1000),
                random.nextInt(8) == 0 ? null : Math.rint(random.nextDouble() * 1e6),
            });
        }
        byte[] expected = textPath(columns, rows);
        assertThat(expected.length).isGreaterThan(3 * HashingFileWriter.CHUNK);
        // Below and above the row count at which hashing and writing move to a second thread.
        for (int count : new int[] {0, 1, 1000, rows.size()}) {
            Path csv = dir.resolve("t" + count + ".csv");
            TableExport.Written w = TableExport.write(new ListReader(columns, rows.subList(0, count)), csv);
            byte[] want = count == rows.size() ? expected : textPath(columns, rows.subList(0, count));
            assertThat(Files.readAllBytes(csv)).isEqualTo(want);
            assertThat(w.rows()).isEqualTo(count);
            assertThat(w.csvBytes()).isEqualTo(want.length);
            assertThat(w.csvSha256()).isEqualTo(Sha256.hex(want));
        }
    }

    /** The CSV as the String-per-row exporter (TableExport version 1 before the byte path) wrote it. */
    private static byte[] textPath(List<Column> columns, List<Object[]> rows) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i > 0 ? "," : "").append(CsvCells.text(columns.get(i).name()));
        }
        sb.append("\r\n");
        for (Object[] row : rows) {
            boolean suppressed = Boolean.TRUE.equals(row[3]);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Object v = row[i];
                ColumnType type = columns.get(i).type();
                if (v == null) {
                    if (suppressed && (type == ColumnType.NUMBER || type == ColumnType.INTEGER)) {
                        sb.append("[c]");
                    }
                    continue;
                }
                sb.append(switch (type) {
                    case STRING -> CsvCells.text((String) v);
                    case INTEGER -> Long.toString((Long) v);
                    case NUMBER -> CsvCells.number((Double) v);
                    case BOOLEAN -> v.toString();
                    case DATE -> CsvCells.date((Integer) v);
                });
            }
            sb.append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Rows from a list; its row count is what decides the writer, as a Parquet footer's would. */
    private static final class ListReader implements DatasetReader {
        private final List<Column> columns;
        private final List<Object[]> rows;
        private int index = -1;

        ListReader(List<Column> columns, List<Object[]> rows) {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public long rowCount() {
            return rows.size();
        }

        @Override
        public boolean next() {
            return ++index < rows.size();
        }

        @Override
        public boolean isNull(int column) {
            return rows.get(index)[column] == null;
        }

        @Override
        public String getString(int column) {
            // A new String each time, as a reader of plain (not dictionary) pages gives.
            return new String((String) rows.get(index)[column]);
        }

        @Override
        public long getLong(int column) {
            return (Long) rows.get(index)[column];
        }

        @Override
        public double getDouble(int column) {
            return (Double) rows.get(index)[column];
        }

        @Override
        public boolean getBoolean(int column) {
            return (Boolean) rows.get(index)[column];
        }

        @Override
        public int getDate(int column) {
            return (Integer) rows.get(index)[column];
        }

        @Override
        public void close() {
        }
    }
}
