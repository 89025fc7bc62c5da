package org.bigpicture.core.survey;

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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads what a survey conversion left for the lake: Parquet decoded with DuckDB, JSON parsed. */
final class LakeOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LakeOutputs() {
    }

    /** Every text value (and JSON field name) in every file of the folder, one entry per value. */
    static List<String> allText(Path dir) throws IOException, SQLException {
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(".parquet")) {
                for (List<Object> row : rows(f, "SELECT * FROM read_parquet(?)")) {
                    for (Object v : row) {
                        if (v != null) {
                            out.add(v.toString());
                        }
                    }
                }
            } else if (name.endsWith(".json")) {
                collect(JSON.readTree(f.toFile()), out);
            } else {
                throw new AssertionError("unexpected file in the dataset folder: " + name);
            }
        }
        return out;
    }

    /** Rows of a query over one Parquet file (the single {@code ?} is the file's path). */
    static List<List<Object>> rows(Path parquet, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql.replace("?", "'" + parquet.toString().replace("'", "''") + "'"))) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(e.getKey());
                collect(e.getValue(), out);
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                collect(c, out);
            }
        } else if (!n.isNull()) {
            out.add(n.asText());
        }
    }
}
