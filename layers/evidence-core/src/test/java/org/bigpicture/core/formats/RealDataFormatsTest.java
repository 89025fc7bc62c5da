package org.bigpicture.core.formats;

import org.bigpicture.core.NeedsSharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared real files (SOURCES.md), when present: each is claimed by its intended format and
 * gives the numbers for Stockport. Rows are recorded, not written (see RealDataParquetTest
 * for the same numbers through Parquet and DuckDB).
 */
@NeedsSharedData
class RealDataFormatsTest {

    @TempDir
    Path dir;
    Path real;

    @BeforeEach
    void locate() {
        real = RealData.dir().orElse(null);
        assumeTrue(real != null, "shared/realdata not found");
    }

    private Conversions convert(String relative) throws Exception {
        Conversions c = new Conversions(dir);
        c.run(relative, real.resolve(relative));
        return c;
    }

    @Test
    void everyRealFileIsClaimedByItsIntendedFormat() throws Exception {
        Map<String, String> intended = Map.of(
                "imd2019/IMD2019.csv", "imd2019",
                "fingertips/indicators-CountyUA.data.csv", "fingertips",
                "nomis/lad.csv", "nomis-api",
                "nomis/ucjsa.csv", "nomis-web",
                "nomis/Census 2021 - Population.csv", "nomis-web",
                "ons_mye/ukmidyearestimates20192020ladcodes.csv", "ons-wide",
                "ons_mye/ukpopestimatesmid2020on2021geography.csv", "ons-wide");
        for (var e : intended.entrySet()) {
            Conversions c = new Conversions(dir.resolve(e.getValue() + "-" + Math.abs(e.getKey().hashCode())));
            List<ConvertedDataset> out = c.run(e.getKey(), real.resolve(e.getKey()));
            assertThat(c.families).as(e.getKey()).containsExactly(e.getValue());
            assertThat(out.get(0).rowsWritten()).as(e.getKey()).isPositive();
        }
        for (String survey : List.of("survey/public_survey_data.csv",
                "survey/Autistica_Turing Citizen Science Platform (Responses) - Form Responses 1(3).csv")) {
            Conversions c = new Conversions(dir.resolve("s" + Math.abs(survey.hashCode())));
            List<ConvertedDataset> out = c.run(survey, real.resolve(survey));
            assertThat(c.families).as(survey).hasSize(1).first().isIn("survey", "table");
            assertThat(out.get(0).rowsWritten()).as(survey).isPositive();
        }
    }

    @Test
    void imd2019StockportHas190LsoasWith17InDecile1And26InDecile10() throws Exception {
        Conversions c = convert("imd2019/IMD2019.csv");
        RecordingOutput.Recorded rec = c.output.only();
        List<Object[]> deciles = rec.where("parent_area_code", "E08000007", "indicator_id", "imd_decile");
        assertThat(deciles).hasSize(190);
        assertThat(deciles.stream().filter(r -> r[rec.index("value")].equals(1.0))).hasSize(17);
        assertThat(deciles.stream().filter(r -> r[rec.index("value")].equals(10.0))).hasSize(26);
        assertThat(rec.where("area_code", "E01000001", "indicator_id", "imd_rank").get(0)[rec.index("value")])
                .isEqualTo(29199.0);
    }

    @Test
    void fingertipsStockport2017AllAgesIs132Point85() throws Exception {
        Conversions c = convert("fingertips/indicators-CountyUA.data.csv");
        RecordingOutput.Recorded rec = c.output.only();
        List<Object[]> rows = rec.where("indicator_id", "93356", "area_code", "E08000007", "period", "2017", "age", "All ages");
        assertThat(rows).hasSize(1);
        assertThat((Double) rows.get(0)[rec.index("value")]).isCloseTo(132.85, org.assertj.core.data.Offset.offset(0.005));
        assertThat(rows.get(0)[rec.index("indicator_name")]).isEqualTo("Campylobacter incidence rate/100,000");
        assertThat(rec.rows).hasSize(852);
    }

    @Test
    void nomisLadStockportMid2021Is295243CountedOnce() throws Exception {
        Conversions c = convert("nomis/lad.csv");
        RecordingOutput.Recorded rec = c.output.only();
        List<Object[]> rows = rec.where("area_code", "E08000007");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)[rec.index("value")]).isEqualTo(295243.0);
        assertThat(rows.get(0)[rec.index("period")]).isEqualTo("2021");
    }

    @Test
    void mye2StockportAllAges2019And2020() throws Exception {
        Conversions c2019 = convert("ons_mye/ukmidyearestimates20192020ladcodes.csv");
        RecordingOutput.Recorded r19 = c2019.output.only();
        Object[] s19 = r19.where("area_code", "E08000007", "age", "All ages").get(0);
        assertThat(s19[r19.index("value")]).isEqualTo(293423.0);
        assertThat(s19[r19.index("period")]).isEqualTo("mid-2019");

        Conversions c2020 = new Conversions(dir.resolve("2020"));
        c2020.run("ons_mye/ukpopestimatesmid2020on2021geography.csv",
                real.resolve("ons_mye/ukpopestimatesmid2020on2021geography.csv"));
        RecordingOutput.Recorded r20 = c2020.output.only();
        Object[] s20 = r20.where("area_code", "E08000007", "age", "All ages").get(0);
        assertThat(s20[r20.index("value")]).isEqualTo(294197.0);
        assertThat(s20[r20.index("period")]).isEqualTo("mid-2020");
        assertThat(r20.where("area_code", "E08000007")).hasSize(92);
    }

    @Test
    void nomisWebDownloadsKeepEveryLsoa() throws Exception {
        Conversions ucjsa = convert("nomis/ucjsa.csv");
        RecordingOutput.Recorded rec = ucjsa.output.only();
        assertThat(rec.where("indicator_name", "Total")).hasSize(1673);
        assertThat(rec.rows.stream().filter(r -> ((String) r[rec.index("area_name")]).startsWith("Stockport ")
                && "Total".equals(r[rec.index("indicator_name")]))).hasSize(190);

        Conversions census = new Conversions(dir.resolve("census"));
        List<ConvertedDataset> out = census.run("nomis/Census 2021 - Population.csv",
                real.resolve("nomis/Census 2021 - Population.csv"));
        RecordingOutput.Recorded c = census.output.only();
        assertThat(c.where("indicator_name", "Total")).hasSize(35672);
        assertThat(c.rows.stream().filter(r -> ((String) r[c.index("area_name")]).startsWith("Stockport ")
                && "Total".equals(r[c.index("indicator_name")]))).hasSize(191);
        assertThat(out.get(0).rowsRejected()).isEqualTo(4);
    }
}
