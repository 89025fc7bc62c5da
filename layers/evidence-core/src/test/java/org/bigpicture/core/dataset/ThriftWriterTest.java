package org.bigpicture.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our hand-written Thrift is exactly what parquet-format's generated classes read and write. */
class ThriftWriterTest {

    @TempDir
    Path tmp;

    @Test
    void footerAndPageHeadersRoundTripThroughParquetFormatByteForByte() throws Exception {
        List<Column> columns = List.of(Column.of("s", ColumnType.STRING), Column.of("i", ColumnType.INTEGER),
                Column.of("d", ColumnType.NUMBER), Column.of("b", ColumnType.BOOLEAN),
                Column.of("t", ColumnType.DATE), Column.of("u", ColumnType.STRING));
        DatasetFiles files;
        try (DatasetWriter w = DatasetWriter.open(tmp.resolve("x"), columns, DatasetWriter.Options.defaults()
                .withRowGroupBytes(256 * 1024).withMetadata(Map.of("b.key", "two", "a.key", "one")))) {
            for (int r = 0; r < 50_000; r++) {
                w.setString(0, "v" + (r % 300));
                if (r % 3 != 0) {
                    w.setLong(1, r * 7L - 1000);
                }
                w.setDouble(2, r / 8.0 - 3);
                w.setBoolean(3, r % 5 == 0);
                w.setDate(4, r % 4000);
                w.setString(5, "unique and long enough to overflow the dictionary " + r);
                w.endRow();
            }
            files = w.finish();
        }
        byte[] file = Files.readAllBytes(files.parquet());
        int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] footer = Arrays.copyOfRange(file, file.length - 8 - footerLength, file.length - 8);

        FileMetaData parsed = Util.readFileMetaData(new ByteArrayInputStream(footer));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        Util.writeFileMetaData(parsed, again);
        assertThat(again.toByteArray()).isEqualTo(footer);

        assertThat(parsed.getNum_rows()).isEqualTo(50_000);
        assertThat(parsed.getRow_groups()).hasSizeGreaterThan(1);
        assertThat(parsed.getKey_value_metadata()).extracting(kv -> kv.getKey()).containsExactly("a.key", "b.key");
        assertThat(parsed.getCreated_by()).isEqualTo(ParquetFileEncoder.CREATED_BY);
        assertThat(parsed.getSchema().get(1).getLogicalType().isSetSTRING()).isTrue();
        assertThat(parsed.getSchema().get(5).getLogicalType().isSetDATE()).isTrue();

        int pages = 0;
        for (RowGroup g : parsed.getRow_groups()) {
            for (ColumnChunk c : g.getColumns()) {
                long at = c.getMeta_data().isSetDictionary_page_offset()
                        ? c.getMeta_data().getDictionary_page_offset() : c.getMeta_data().getData_page_offset();
                long end = at + c.getMeta_data().getTotal_compressed_size();
                while (at < end) {
                    ByteArrayInputStream in = new ByteArrayInputStream(file, (int) at, (int) (end - at));
                    PageHeader header = Util.readPageHeader(in);
                    int headerLength = (int) (end - at) - in.available();
                    ByteArrayOutputStream h = new ByteArrayOutputStream();
                    Util.writePageHeader(header, h);
                    assertThat(h.toByteArray()).isEqualTo(Arrays.copyOfRange(file, (int) at, (int) at + headerLength));
                    at += headerLength + header.getCompressed_page_size();
                    pages++;
                }
                assertThat(at).isEqualTo(end);
            }
        }
        assertThat(pages).isGreaterThan(parsed.getRow_groups().size() * columns.size());

        // Our reader's view of the footer agrees with parquet-format's.
        ThriftReader.Footer ours = new ThriftReader(footer, 0, footer.length).footer();
        assertThat(ours.rows()).isEqualTo(parsed.getNum_rows());
        assertThat(ours.createdBy()).isEqualTo(parsed.getCreated_by());
        assertThat(ours.schema()).hasSize(parsed.getSchema().size());
        for (int i = 0; i < ours.schema().size(); i++) {
            ThriftReader.SchemaElement e = ours.schema().get(i);
            org.apache.parquet.format.SchemaElement p = parsed.getSchema().get(i);
            assertThat(e.name()).isEqualTo(p.getName());
            assertThat(e.hasType()).isEqualTo(p.isSetType());
            if (p.isSetType()) {
                assertThat(e.type()).isEqualTo(p.getType().getValue());
                assertThat(e.repetition()).isEqualTo(p.getRepetition_type().getValue());
            }
            assertThat(e.logicalDate()).isEqualTo(p.isSetLogicalType() && p.getLogicalType().isSetDATE());
        }
        assertThat(ours.rowGroups()).hasSize(parsed.getRow_groups().size());
        for (int g = 0; g < ours.rowGroups().size(); g++) {
            RowGroup p = parsed.getRow_groups().get(g);
            assertThat(ours.rowGroups().get(g).rows()).isEqualTo(p.getNum_rows());
            for (int c = 0; c < p.getColumns().size(); c++) {
                ThriftReader.Chunk chunk = ours.rowGroups().get(g).chunks().get(c);
                org.apache.parquet.format.ColumnMetaData m = p.getColumns().get(c).getMeta_data();
                assertThat(chunk.values()).isEqualTo(m.getNum_values());
                assertThat(chunk.compressedBytes()).isEqualTo(m.getTotal_compressed_size());
                assertThat(chunk.dataPageOffset()).isEqualTo(m.getData_page_offset());
                assertThat(chunk.dictionaryPageOffset())
                        .isEqualTo(m.isSetDictionary_page_offset() ? m.getDictionary_page_offset() : -1);
                assertThat(chunk.codec()).isEqualTo(m.getCodec().getValue());
            }
        }
    }
}
