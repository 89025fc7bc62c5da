package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each statistical format on a small fixture written to the real layout. */
class StatisticalFormatsTest {

    @TempDir
    Path dir;

    private static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    @Test
    void fingertipsTrimsNamesKeepsCategoriesAndDropsTheDuplicateUnderAnotherAreaType() throws Exception {
        Conversions c = new Conversions(dir);
        List<ConvertedDataset> out = c.runResource("fingertips/indicators-93356.data.csv", "jsna/Campylobacter.csv");

        assertThat(c.families).containsExactly("fingertips");
        ConvertedDataset d = out.get(0);
        assertThat(d.datasetId()).isEqualTo("jsna-campylobacter");
        assertThat(d.kind()).isEqualTo("observations");
        assertThat(d.rowsRead()).isEqualTo(19);
        assertThat(d.rowsRejected()).isEqualTo(1);
        assertThat(d.rejected()).containsEntry("duplicate under another geography type", 1L);
        assertThat(d.rowsWritten()).isEqualTo(18);
        assertThat(d.notes()).anyMatch(n -> n.contains("trimmed line breaks"));
        assertThat(d.layout()).contains("Fingertips").contains("93356").contains("2015 to 2017");

        RecordingOutput.Recorded rec = c.output.only();
        List<Object[]> stockport2017 = rec.where("area_code", "E08000007", "period", "2017", "age", "All ages");
        assertThat(stockport2017).hasSize(1);
        Object[] row = stockport2017.get(0);
        assertThat(rec.get(row, "value")).isEqualTo(132.85);
        assertThat(rec.get(row, "indicator_name")).isEqualTo("Campylobacter incidence rate/100,000");
        assertThat(rec.get(row, "indicator_id")).isEqualTo("93356");
        assertThat(rec.get(row, "area_type")).isEqualTo("upper-tier local authority");
        assertThat(rec.get(row, "parent_area_code")).isEqualTo("E12000002");
        assertThat(rec.get(row, "sex")).isEqualTo("Persons");
        assertThat(rec.get(row, "period_start")).isEqualTo(day("2017-01-01"));
        assertThat(rec.get(row, "period_end")).isEqualTo(day("2017-12-31"));
        assertThat(rec.get(row, "denominator")).isEqualTo(290557.0);
        assertThat(rec.where("area_code", "E92000001", "category", "Most deprived decile (IMD2015)")).hasSize(1);
        assertThat(rec.where("area_code", "E12000002").get(0)[rec.index("area_type")]).isEqualTo("region");
        Object[] suppressed = rec.where("area_code", "E06000009").get(0);
        assertThat(rec.get(suppressed, "value")).isNull();
        assertThat(rec.get(suppressed, "value_note")).isEqualTo("Value suppressed for disclosure control");
        assertThat(rec.finished).isTrue();
    }

    @Test
    void nomisApiKeepsAnAreaListedUnderTwoGeographyTypesOnce() throws Exception {
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runResource("nomis/NM_2002_1.data.csv", "nomis/lad.csv").get(0);

        assertThat(c.families).containsExactly("nomis-api");
        assertThat(d.rowsRead()).isEqualTo(10);
        assertThat(d.rejected()).containsEntry("duplicate under another geography type", 3L);
        assertThat(d.rowsWritten()).isEqualTo(7);
        RecordingOutput.Recorded rec = c.output.only();
        List<Object[]> stockport = rec.where("area_code", "E08000007");
        assertThat(stockport).hasSize(1);
        Object[] s = stockport.get(0);
        assertThat(rec.get(s, "value")).isEqualTo(295243.0);
        assertThat(rec.get(s, "area_type")).isEqualTo("local authority district");
        assertThat(rec.get(s, "period")).isEqualTo("2021");
        assertThat(rec.get(s, "period_start")).isEqualTo(day("2021-06-30"));
        assertThat(rec.get(s, "sex")).isEqualTo("Persons");
        assertThat(rec.get(s, "age")).isEqualTo("All ages");
        assertThat(rec.get(s, "indicator_id")).isEqualTo("NM_2002_1");
        assertThat(rec.get(s, "observation_status")).isEqualTo("A");
        assertThat(rec.where("area_code", "E47000001").get(0)[rec.index("area_type")]).isEqualTo("combined authority");
        assertThat(rec.where("area_code", "E11000001").get(0)[rec.index("area_type")]).isEqualTo("metropolitan county");
    }

    @Test
    void nomisWebDownloadSkipsPreambleTotalsAndFootnotesAndSplitsMeasureColumns() throws Exception {
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runResource("nomis/ucjsa.csv", "nomis/ucjsa.csv").get(0);

        assertThat(c.families).containsExactly("nomis-web");
        assertThat(d.rejected()).containsEntry("total row (not data)", 1L);
        assertThat(d.rejected()).containsEntry("footnote or note row", 3L);
        assertThat(d.rowsRead()).isEqualTo(6 + 1 + 3);
        assertThat(d.rowsWritten()).isEqualTo(6 * 3);
        assertThat(d.layout()).contains("Nomis web download").contains("LSOA").contains("mnemonic");
        RecordingOutput.Recorded rec = c.output.only();
        Object[] row = rec.where("area_code", "E01005787", "indicator_name", "Total").get(0);
        assertThat(rec.get(row, "value")).isEqualTo(20.0);
        assertThat(rec.get(row, "area_name")).isEqualTo("Stockport 001C");
        assertThat(rec.get(row, "area_type")).isEqualTo("LSOA");
        assertThat(rec.get(row, "period")).isEqualTo("September 2017");
        assertThat(rec.get(row, "period_start")).isEqualTo(day("2017-09-01"));
        assertThat(rec.get(row, "period_end")).isEqualTo(day("2017-09-30"));
        assertThat(rec.get(row, "source")).isEqualTo("Nomis: Claimant count by sex and age");
        assertThat(rec.where("area_code", "E01005787", "indicator_name", "Male").get(0)[rec.index("value")]).isEqualTo(15.0);
        assertThat(rec.where("area_code", "Column Total")).isEmpty();
    }

    @Test
    void nomisWebDownloadSplitsCodeAndNameSharingOneCell() throws Exception {
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runResource("nomis/census-2021-population.csv", "nomis/Census 2021 - Population.csv").get(0);

        assertThat(c.families).containsExactly("nomis-web");
        assertThat(d.rowsWritten()).isEqualTo(5 * 7);
        assertThat(d.rejected()).containsEntry("footnote or note row", 3L);
        RecordingOutput.Recorded rec = c.output.only();
        Object[] hartlepool = rec.where("area_code", "E01011954", "indicator_name", "Total").get(0);
        assertThat(rec.get(hartlepool, "area_name")).isEqualTo("Hartlepool 001A");
        assertThat(rec.get(hartlepool, "period")).isEqualTo("2021");
        assertThat(rec.get(hartlepool, "sex")).isEqualTo("Persons");
        assertThat(rec.get(hartlepool, "unit")).isEqualTo("persons");
        assertThat(rec.get(hartlepool, "area_type")).isEqualTo("LSOA");
        assertThat(rec.where("area_code", "W01001898")).hasSize(7);
    }

    @Test
    void onsMye2TakesThePeriodFromTheFileNameAndReadsThousandsSeparators() throws Exception {
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runResource("ons/ukmidyearestimates20192020ladcodes.csv",
                "ons_mye/ukmidyearestimates20192020ladcodes.csv").get(0);

        assertThat(c.families).containsExactly("ons-wide");
        assertThat(d.rowsRead()).isEqualTo(11);
        assertThat(d.rejected()).containsEntry("footnote or note row", 1L);
        assertThat(d.rowsWritten()).isEqualTo(10 * 92);
        assertThat(d.notes()).anyMatch(n -> n.contains("mid-2019 taken from the file name"));
        assertThat(d.layout()).contains("Geography1").contains("161 empty trailing header cells").contains("92 age columns");
        RecordingOutput.Recorded rec = c.output.only();
        Object[] all = rec.where("area_code", "E08000007", "age", "All ages").get(0);
        assertThat(rec.get(all, "value")).isEqualTo(293423.0);
        assertThat(rec.get(all, "period")).isEqualTo("mid-2019");
        assertThat(rec.get(all, "period_start")).isEqualTo(day("2019-06-30"));
        assertThat(rec.get(all, "area_type")).isEqualTo("local authority district");
        assertThat(rec.get(all, "indicator_id")).isEqualTo("population");
        double sumOfAges = rec.where("area_code", "E08000007").stream()
                .filter(r -> !"All ages".equals(r[rec.index("age")]))
                .mapToDouble(r -> (Double) r[rec.index("value")]).sum();
        assertThat(sumOfAges).isEqualTo(293423.0);
        assertThat(rec.where("area_code", "E08000007", "age", "90+")).hasSize(1);
        assertThat(rec.where("area_code", "E11000001").get(0)[rec.index("area_type")]).isEqualTo("metropolitan county");
    }

    @Test
    void onsMye2WithGeographyHeaderTakesTheYearAfterMid() throws Exception {
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runResource("ons/ukpopestimatesmid2020on2021geography.csv",
                "ons_mye/ukpopestimatesmid2020on2021geography.csv").get(0);

        assertThat(c.families).containsExactly("ons-wide");
        assertThat(d.rowsRejected()).isZero();
        assertThat(d.notes()).anyMatch(n -> n.contains("mid-2020 taken from the file name"));
        RecordingOutput.Recorded rec = c.output.only();
        Object[] all = rec.where("area_code", "E08000007", "age", "All ages").get(0);
        assertThat(rec.get(all, "value")).isEqualTo(294197.0);
        assertThat(rec.get(all, "period")).isEqualTo("mid-2020");
    }

    @Test
    void onsV4MapsDimensionPairs() throws Exception {
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runResource("ons/mid-year-pop-v4.csv", "ons/mid-year-pop-v4.csv").get(0);

        assertThat(c.families).containsExactly("ons-v4");
        assertThat(d.rowsWritten()).isEqualTo(2 * 3 * 3 * 2);
        RecordingOutput.Recorded rec = c.output.only();
        List<Object[]> rows = rec.where("area_code", "E08000007", "period", "2020", "sex", "Male", "age", "40");
        assertThat(rows).hasSize(1);
        assertThat(rec.get(rows.get(0), "area_name")).isEqualTo("Stockport");
        assertThat(rec.get(rows.get(0), "area_type")).isEqualTo("local authority district");
        assertThat(rec.where("area_code", "E08000007", "period", "2020", "sex", "Persons", "age", "All ages")).hasSize(1);
    }

    @Test
    void onsV4WithADataMarkingColumn() throws Exception {
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runResource("ons/cpih-v4.csv", "ons/cpih.csv").get(0);

        assertThat(c.families).containsExactly("ons-v4");
        assertThat(d.rowsWritten()).isEqualTo(3);
        RecordingOutput.Recorded rec = c.output.only();
        Object[] marked = rec.where("period", "Mar-20").get(0);
        assertThat(rec.get(marked, "value")).isNull();
        assertThat(rec.get(marked, "observation_status")).isEqualTo("x");
        assertThat(rec.get(marked, "category")).isEqualTo("Food and non-alcoholic beverages");
        assertThat(rec.get(marked, "category_type")).isEqualTo("Aggregate");
        assertThat(rec.get(marked, "period_start")).isEqualTo(day("2020-03-01"));
    }

    @Test
    void imdFile1GivesRankAndDecilePerLsoaWithTheDistrictAsParent() throws Exception {
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runResource("imd/IMD2019.csv", "imd2019/IMD2019.csv").get(0);

        assertThat(c.families).containsExactly("imd2019");
        assertThat(d.rowsRead()).isEqualTo(18);
        assertThat(d.rowsWritten()).isEqualTo(36);
        RecordingOutput.Recorded rec = c.output.only();
        List<Object[]> deciles = rec.where("parent_area_code", "E08000007", "indicator_id", "imd_decile");
        assertThat(deciles).hasSize(12);
        assertThat(deciles.stream().filter(r -> r[rec.index("value")].equals(1.0))).hasSize(2);
        assertThat(deciles.stream().filter(r -> r[rec.index("value")].equals(10.0))).hasSize(3);
        Object[] rank = rec.where("area_code", "E01005785", "indicator_id", "imd_rank").get(0);
        assertThat((Double) rec.get(rank, "value")).isBetween(1.0, 3284.0);
        assertThat(rec.get(rank, "area_type")).isEqualTo("LSOA");
        assertThat(rec.get(rank, "unit")).isEqualTo("rank");
        assertThat(rec.where("indicator_id", "imd_rank").stream().mapToDouble(r -> (Double) r[rec.index("value")]).max()
                .getAsDouble()).isGreaterThan(1000);
    }

    @Test
    void imdFile7GivesEveryDomainAndUsesPopulationsAsDenominators() throws Exception {
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runResource("imd/File_7_IoD2019_Scores_Ranks_Deciles_Population_Denominators.csv",
                "imd2019/File_7.csv").get(0);

        assertThat(c.families).containsExactly("imd2019");
        assertThat(d.rowsRead()).isEqualTo(8);
        assertThat(d.rowsWritten()).isEqualTo(8 * (16 * 3 + 5));
        RecordingOutput.Recorded rec = c.output.only();
        Object[] income = rec.where("area_code", "E01005785", "indicator_id", "income_score").get(0);
        Object[] population = rec.where("area_code", "E01005785", "indicator_id", "population_total").get(0);
        assertThat(rec.get(income, "unit")).isEqualTo("rate");
        assertThat(rec.get(income, "denominator")).isEqualTo(rec.get(population, "value"));
        assertThat(rec.get(population, "period")).isEqualTo("mid-2015");
        Object[] idaci = rec.where("area_code", "E01005785", "indicator_id", "idaci_score").get(0);
        Object[] children = rec.where("area_code", "E01005785", "indicator_id", "population_0_15").get(0);
        assertThat(rec.get(idaci, "denominator")).isEqualTo(rec.get(children, "value"));
        assertThat(rec.where("indicator_id", "education_skills_and_training_decile")).hasSize(8);
        assertThat(rec.where("indicator_id", "outdoors_sub_domain_rank")).hasSize(8);
        assertThat(rec.where("indicator_id", "imd_score")).hasSize(8);
        assertThat(rec.where("area_code", "E01005785", "indicator_id", "imd_decile").get(0)[rec.index("value")]).isEqualTo(1.0);
    }

    @Test
    void conversionsAreRepeatableAndRejectionsKeepTheirOrder() throws Exception {
        Conversions first = new Conversions(dir.resolve("a"));
        Conversions second = new Conversions(dir.resolve("b"));
        ConvertedDataset a = first.runResource("nomis/ucjsa.csv", "nomis/ucjsa.csv").get(0);
        ConvertedDataset b = second.runResource("nomis/ucjsa.csv", "nomis/ucjsa.csv").get(0);

        assertThat(a.layout()).isEqualTo(b.layout());
        assertThat(a.notes()).isEqualTo(b.notes());
        assertThat(List.copyOf(a.rejected().keySet())).containsExactly("total row (not data)", "footnote or note row");
        assertThat(first.output.only().rows).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(second.output.only().rows);
    }
}
