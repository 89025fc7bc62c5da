package org.bigpicture.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child JVM: DuckDB JDBC converts the CSV to ZSTD Parquet, the comparison issue 6 names.
 * {@code DuckDbConvert CSV OUT.parquet THREADS}. Times the COPY alone (the connection, which
 * unpacks DuckDB's native library, is timed by the cold-start runs instead).
 */
public final class DuckDbConvert {

    private DuckDbConvert() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        Files.deleteIfExists(out);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("SET threads=" + threads);
            long cpu = ChildResult.cpuMs();
            long start = System.nanoTime();
            st.execute("COPY (SELECT * FROM read_csv('" + csv.toAbsolutePath() + "')) TO '" + out.toAbsolutePath()
                    + "' (FORMAT parquet, COMPRESSION zstd)");
            long nanos = System.nanoTime() - start;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ms", nanos / 1_000_000.0);
            result.put("cpu_ms", ChildResult.cpuMs() - cpu);
            result.put("bytes", Files.size(out));
            result.put("rss_kb", ChildResult.peakRssKb());
            ChildResult.print(result);
        }
    }
}
