package org.bigpicture.core.headlines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetReader;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.dataset.Observations;
import org.bigpicture.core.dataset.RowSink;

/**
 * Writes observations as real Parquet through {@link DatasetWriter} once helper "parquet" has
 * landed, and until then as a JSON stand-in that {@link #OPENER} reads back (so the engine's logic is
 * tested either way; the opener uses the real reader for real Parquet files).
 */
final class FakeParquet {

    private static final byte[] MAGIC = "FAKEPARQUET\n".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final DatasetOpener OPENER = path -> {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(head, MAGIC)) {
                return DatasetReader.open(path);
            }
        }
        return read(path);
    };

    private FakeParquet() {
    }

    /** Writes {@code rows} (column name → value) as {@code dir/data.parquet}. */
    static void write(Path dir, List<Map<String, Object>> rows) throws IOException {
        Files.createDirectories(dir);
        try {
            DatasetWriter w = DatasetWriter.open(dir, Observations.COLUMNS);
            for (Map<String, Object> row : rows) {
                set(w, row);
                w.endRow();
            }
            w.finish();
            return;
        } catch (UnsupportedOperationException notYet) {
            // the Parquet writer has not landed: fall through to the stand-in
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("rows");
        for (Map<String, Object> row : rows) {
            ObjectNode o = data.addObject();
            row.forEach((k, v) -> o.set(k, JSON.valueToTree(v)));
        }
        byte[] body = JSON.writeValueAsBytes(root);
        byte[] all = new byte[MAGIC.length + body.length];
        System.arraycopy(MAGIC, 0, all, 0, MAGIC.length);
        System.arraycopy(body, 0, all, MAGIC.length, body.length);
        Files.write(dir.resolve("data.parquet"), all);
    }

    private static void set(RowSink w, Map<String, Object> row) {
        for (int i = 0; i < Observations.COLUMNS.size(); i++) {
            Column c = Observations.COLUMNS.get(i);
            Object v = row.get(c.name());
            if (v == null) {
                w.setNull(i);
            } else if (c.type() == ColumnType.NUMBER) {
                w.setDouble(i, ((Number) v).doubleValue());
            } else if (c.type() == ColumnType.DATE) {
                w.setDate(i, ((Number) v).intValue());
            } else {
                w.setString(i, v.toString());
            }
        }
    }

    private static DatasetReader read(Path path) throws IOException {
        byte[] all = Files.readAllBytes(path);
        JsonNode rows = JSON.readTree(new String(all, MAGIC.length, all.length - MAGIC.length, StandardCharsets.UTF_8))
                .path("rows");
        return new DatasetReader() {
            int i = -1;

            @Override
            public List<Column> columns() {
                return Observations.COLUMNS;
            }

            @Override
            public boolean next() {
                return ++i < rows.size();
            }

            private JsonNode cell(int column) {
                return rows.get(i).path(Observations.COLUMNS.get(column).name());
            }

            @Override
            public boolean isNull(int column) {
                return cell(column).isMissingNode() || cell(column).isNull();
            }

            @Override
            public String getString(int column) {
                return cell(column).asText();
            }

            @Override
            public long getLong(int column) {
                return cell(column).asLong();
            }

            @Override
            public double getDouble(int column) {
                return cell(column).asDouble();
            }

            @Override
            public boolean getBoolean(int column) {
                return cell(column).asBoolean();
            }

            @Override
            public int getDate(int column) {
                return cell(column).asInt();
            }

            @Override
            public void close() {
            }
        };
    }
}
