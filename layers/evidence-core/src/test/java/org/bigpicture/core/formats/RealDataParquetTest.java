package org.bigpicture.core.formats;

import org.bigpicture.core.NeedsSharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.TableInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers for Stockport, read with DuckDB from the data.parquet files the standard
 * recogniser writes for the shared real files (skipped when they are absent).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@NeedsSharedData
class RealDataParquetTest {

    Path lake;

    @BeforeAll
    void convertEverything(@TempDir Path dir) throws Exception {
        Path real = RealData.dir().orElse(null);
        if (real == null) {
            return; // @NeedsSharedData skips each test, by name
        }
        lake = dir.resolve("lake");
        Recognizer recognizer = Recognizer.standard(Limits.defaults());
        TestWorkspace workspace = new TestWorkspace(lake, Limits.defaults());
        List<Path> files;
        try (var walk = Files.walk(real)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        for (Path f : files) {
            String key = real.relativize(f).toString().replace('\\', '/');
            for (TableInput t : recognizer.open(key, f).tables()) {
                Format format = recognizer.formatFor(t);
                for (ConvertedDataset d : format.convert(t, workspace)) {
                    // a survey's main table is responses.parquet (with respondents.parquet), not data.parquet
                    assertThat(d.dir().resolve("survey".equals(d.kind()) ? "responses.parquet" : "data.parquet")).exists();
                }
            }
        }
    }

    private double number(String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            double v = rs.getDouble(1);
            assertThat(rs.next()).as("one row from " + sql).isFalse();
            return v;
        }
    }

    private String dataset(String id) {
        return "read_parquet('" + lake.resolve("datasets").resolve(id).resolve("data.parquet") + "')";
    }

    @Test
    void imd2019() throws Exception {
        String from = " FROM " + dataset("imd2019-imd2019")
                + " WHERE parent_area_code = 'E08000007' AND indicator_id = 'imd_decile'";
        assertThat(number("SELECT count(DISTINCT area_code)" + from)).isEqualTo(190);
        assertThat(number("SELECT count(*)" + from + " AND value = 1")).isEqualTo(17);
        assertThat(number("SELECT count(*)" + from + " AND value = 10")).isEqualTo(26);
    }

    @Test
    void fingertips() throws Exception {
        assertThat(number("SELECT round(value, 2) FROM " + dataset("fingertips-indicators-countyua-data")
                + " WHERE indicator_id = '93356' AND area_code = 'E08000007' AND period = '2017' AND age = 'All ages'"))
                .isEqualTo(132.85);
    }

    @Test
    void nomisPopulationCountedOnce() throws Exception {
        assertThat(number("SELECT count(*) FROM " + dataset("nomis-lad") + " WHERE area_code = 'E08000007'")).isEqualTo(1);
        assertThat(number("SELECT sum(value) FROM " + dataset("nomis-lad")
                + " WHERE area_code = 'E08000007' AND period = '2021'")).isEqualTo(295243);
    }

    @Test
    void mye2AllAges() throws Exception {
        assertThat(number("SELECT value FROM " + dataset("ons-mye-ukmidyearestimates20192020ladcodes")
                + " WHERE area_code = 'E08000007' AND age = 'All ages' AND period = 'mid-2019'")).isEqualTo(293423);
        assertThat(number("SELECT value FROM " + dataset("ons-mye-ukpopestimatesmid2020on2021geography")
                + " WHERE area_code = 'E08000007' AND age = 'All ages' AND period = 'mid-2020'")).isEqualTo(294197);
    }

    @Test
    void allObservationDatasetsShareOneSchema() throws Exception {
        String glob = lake.resolve("datasets") + "/*/data.parquet";
        assertThat(number("SELECT count(*) FROM read_parquet('" + glob + "', union_by_name = true, filename = true)"
                + " WHERE area_code = 'E08000007' AND filename NOT LIKE '%survey%'")).isGreaterThan(100);
    }
}
