package org.bigpicture.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark end to end at a tiny size (the real run is {@code bench/run}, outside {@code mvn verify}). */
class BenchSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void tinyRunChecksCorrectnessAndWritesTheTable() throws Exception {
        Bench bench = Bench.inRepository(Bench.repositoryRoot(), tmp);

        String report = bench.run(3_000, 1, 1, 0, 0, "--rows 3000");

        assertThat(report).contains("| DuckDB JDBC `SET threads=1` |", "## Cold start", "## Artifact sizes",
                "| ours: whole Ingest.onObjectCreated (local store) |", "## Publish");
        assertThat(report).contains("3,000 rows (CSV 3,000) ✓").containsPattern("sum of value [0-9.]+ \\(CSV [0-9.]+\\) ✓");
    }

    @Test
    void generatorIsDeterministicAndHasTheFingertipsHeader() throws Exception {
        FingertipsCsv.Generated a = FingertipsCsv.write(tmp.resolve("a.csv"), 500, 6);
        FingertipsCsv.Generated b = FingertipsCsv.write(tmp.resolve("b.csv"), 500, 6);
        assertThat(Files.readAllBytes(a.file())).isEqualTo(Files.readAllBytes(b.file()));
        String first = Files.readAllLines(a.file()).get(0);
        assertThat(first).isEqualTo(FingertipsCsv.HEADER);
        assertThat(first.split(",")).hasSize(26);
        assertThat(a.valueCount()).isBetween(450L, 500L);
    }
}
