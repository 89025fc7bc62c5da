package org.bigpicture.core.headlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bigpicture.core.headlines.TestLake.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlineEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, HeadlineResult> byId(List<HeadlineResult> results) {
        return results.stream().collect(Collectors.toMap(HeadlineResult::id, r -> r));
    }

    private TestLake syntheticLake(String name) throws Exception {
        TestLake lake = new TestLake(dir.resolve(name));
        SyntheticLake.fill(lake);
        lake.config(SyntheticLake.SPEC);
        return lake;
    }

    @Test
    void computesEveryKindOfHeadlineWithComparators() throws Exception {
        TestLake lake = syntheticLake("a");
        Map<String, HeadlineResult> h = byId(lake.engine().run().headlines());

        HeadlineResult pop = h.get("population-change");
        assertThat(pop.status()).isEqualTo(HeadlineResult.Status.OK);
        assertThat(pop.value()).isEqualByComparingTo("3.0"); // 1000 (mid-2019) → 1030 (2021)
        assertThat(pop.period()).isEqualTo("mid-2019 to 2021");
        assertThat(pop.statement()).isEqualTo("Stockport rose by 30 (+3.0%) from mid-2019 (mye-2019) to 2021 "
                + "(nomis-population); England 1.0% over mid-2019 to mid-2020.");
        assertThat(pop.comparators()).extracting(c -> c.areaCode() + "=" + c.value() + "@" + c.period()).containsExactly(
                "E12000002=2.0@mid-2019 to 2021",            // both ends in the data
                "E92000001=1.0@mid-2019 to mid-2020",        // the Nomis extract has no England row
                "E47000001=3.0@mid-2019 to 2021");           // 2019: Met County row (same footprint); 2021: CA row
        assertThat(pop.comparators().get(1).note()).contains("only for mid-2019 to mid-2020");
        assertThat(pop.inputs()).anySatisfy(i -> {
            assertThat(i.role()).isEqualTo("from");
            assertThat(i.dataset()).isEqualTo("mye-2019");
            assertThat(i.value()).isEqualByComparingTo("1000");
        });
        assertThat(pop.sources()).extracting(HeadlineResult.Source::dataset)
                .containsExactlyInAnyOrder("mye-2019", "mye-2020", "nomis-population");

        assertThat(h.get("population-change-absolute").value()).isEqualByComparingTo("30");
        assertThat(h.get("population-change-absolute").statement()).isEqualTo("+30 people");
        // (1030/1000)^(1/2) - 1 = 1.489%: mid-2019 to mid-2021 (the rows' period_end) is 2 years
        assertThat(h.get("population-annualised").value()).isEqualByComparingTo("1.5");
        assertThat(h.get("population-annualised").statement()).isEqualTo("1.5% a year over 2 years");

        HeadlineResult old = h.get("aged-65-and-over");
        assertThat(old.value()).isEqualByComparingTo("40.0"); // 404 / 1010 in mid-2020
        assertThat(old.period()).isEqualTo("mid-2020");
        assertThat(comparator(old, "E92000001")).isEqualByComparingTo("30.0");
        assertThat(comparator(old, "E47000001")).isEqualByComparingTo("40.0");

        HeadlineResult claim = h.get("claimant-rate");
        assertThat(claim.value()).isEqualByComparingTo("16.7"); // 100 / 600, the nearest denominator (mid-2019)
        assertThat(claim.statement()).isEqualTo(
                "16.7%: 100 claimants (September 2017) of 600 (mid-2019); GM 17.8%"); // (100+60)/(600+300)
        assertThat(claim.period()).isEqualTo("September 2017 (denominator mid-2019)");
        assertThat(comparator(claim, "E92000001")).isNull(); // 6 of England's 8 LSOAs: a partial sum is refused
        assertThat(claim.sources()).extracting(HeadlineResult.Source::dataset).contains("claimants", "mye-2019", "imd");

        HeadlineResult d1 = h.get("decile-1");
        assertThat(d1.value()).isEqualByComparingTo("50.0");
        assertThat(d1.statement()).isEqualTo("2 of 4 (50.0%)");
        assertThat(comparator(d1, "E92000001")).isEqualByComparingTo("37.5"); // 3 of 8
        assertThat(comparator(d1, "E47000001")).isEqualByComparingTo("50.0"); // 3 of 6
        assertThat(comparator(d1, "E12000002")).isNull();

        HeadlineResult pol = h.get("polarisation");
        assertThat(pol.value()).isEqualByComparingTo("1");
        assertThat(pol.statement()).isEqualTo("1st of 3");
        // statistics.pstdev([100, 200, 15000, 32000])
        assertThat((BigDecimal) pol.details().get("measure_value")).isEqualByComparingTo("13131.33");

        HeadlineResult le = h.get("life-expectancy-female");
        assertThat(le.value()).isEqualByComparingTo("82.3");
        assertThat(le.ciLow()).isEqualByComparingTo("81.2");
        assertThat(le.statement()).isEqualTo("82.3 years (81.2 to 83.4) in 2016 - 18, +0.3 since 2015 - 17");
        assertThat(comparator(le, "E12000002")).isEqualByComparingTo("81.9");

        HeadlineResult wb = h.get("wellbeing");
        assertThat(wb.status()).isEqualTo(HeadlineResult.Status.MISSING_DATA);
        assertThat(wb.needs()).isEqualTo("a Fingertips wellbeing export");
        assertThat(wb.statement()).isNull();
    }

    private static BigDecimal comparator(HeadlineResult r, String code) {
        return r.comparators().stream().filter(c -> c.areaCode().equals(code)).findFirst().orElseThrow().value();
    }

    @Test
    void emptyLakeGivesMissingDataNamingWhatToUpload() throws Exception {
        TestLake lake = new TestLake(dir.resolve("empty"));
        HeadlineEngine.Outcome out = lake.engine().run();

        assertThat(out.written()).isTrue();
        assertThat(out.specSource()).isEqualTo("default");
        assertThat(out.headlines()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(HeadlineResult.Status.MISSING_DATA);
            assertThat(r.needs()).isNotBlank();
            assertThat(r.reason()).isNotBlank();
        });
        JsonNode json = JSON.readTree(lake.bytes(HeadlineEngine.JSON_KEY));
        assertThat(json.path("subject").path("area_code").asText()).isEqualTo("E08000007");
        JsonNode le = json.path("headlines").get(6);
        assertThat(le.path("id").asText()).isEqualTo("life-expectancy-female");
        assertThat(le.path("status").asText()).isEqualTo("missing_data");
        assertThat(le.path("needs").asText()).contains("Fingertips").contains("90366");
        assertThat(lake.text(HeadlineEngine.CSV_KEY)).startsWith(String.join(",", HeadlinesFiles.CSV_COLUMNS) + "\r\n");
    }

    @Test
    void sameInputsGiveByteIdenticalFilesWithoutWallClockTime() throws Exception {
        TestLake a = syntheticLake("a");
        TestLake b = syntheticLake("b");
        a.engine().run();
        b.engine(new HeadlineEngine.Hooks() { }, java.time.Clock.systemUTC()).run();

        assertThat(a.bytes(HeadlineEngine.JSON_KEY)).isEqualTo(b.bytes(HeadlineEngine.JSON_KEY));
        assertThat(a.bytes(HeadlineEngine.CSV_KEY)).isEqualTo(b.bytes(HeadlineEngine.CSV_KEY));
        String json = a.text(HeadlineEngine.JSON_KEY);
        assertThat(json).doesNotContain("2026-11-02").doesNotContain("E+").doesNotContain("\r");

        HeadlineEngine.Outcome again = a.engine().run();
        assertThat(again.written()).isFalse();
        assertThat(again.note()).isEqualTo("headlines already reflect this lake state");
        assertThat(a.bytes(HeadlineEngine.JSON_KEY)).isEqualTo(b.bytes(HeadlineEngine.JSON_KEY));
    }

    @Test
    void aBrokenHeadlineDoesNotFailTheOthers() throws Exception {
        TestLake lake = syntheticLake("a");
        // two non-total breakdowns of the same area and period: ambiguous for a single-value headline
        lake.observations("zz-fingertips-deciles", "fingertips", List.of(
                row("area_code", "E08000007", "indicator_name", "Life expectancy at birth", "period", "2017 - 19",
                        "sex", "Female", "category", "Most deprived decile", "value", 79.0),
                row("area_code", "E08000007", "indicator_name", "Life expectancy at birth", "period", "2017 - 19",
                        "sex", "Female", "category", "Least deprived decile", "value", 86.0)));
        Map<String, HeadlineResult> h = byId(lake.engine().run().headlines());

        assertThat(h.get("life-expectancy-female").status()).isEqualTo(HeadlineResult.Status.ERROR);
        assertThat(h.get("life-expectancy-female").reason()).contains("2 rows of dataset zz-fingertips-deciles")
                .contains("narrow the headline's filters");
        assertThat(h.get("population-change").status()).isEqualTo(HeadlineResult.Status.OK);
        assertThat(h.get("decile-1").status()).isEqualTo(HeadlineResult.Status.OK);
    }

    @Test
    void changedConfigRegeneratesAndInvalidConfigKeepsLastGoodHeadlines() throws Exception {
        TestLake lake = syntheticLake("a");
        lake.engine().run();
        byte[] before = lake.bytes(HeadlineEngine.JSON_KEY);

        lake.config(SyntheticLake.SPEC.replace("title: Most deprived decile", "title: In decile 1"));
        HeadlineEngine.Outcome changed = lake.engine().run();
        assertThat(changed.note()).isEqualTo("headlines written");
        assertThat(lake.text(HeadlineEngine.JSON_KEY)).contains("\"title\" : \"In decile 1\"");
        byte[] good = lake.bytes(HeadlineEngine.JSON_KEY);
        assertThat(good).isNotEqualTo(before);

        lake.config("subject: {code: E08000007\n");
        assertThatThrownBy(() -> lake.engine().run()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("config/headlines.yaml").hasMessageContaining("line");
        assertThat(lake.bytes(HeadlineEngine.JSON_KEY)).isEqualTo(good);
    }

    @Test
    void retiredDatasetTurnsItsHeadlineToMissingData() throws Exception {
        TestLake lake = syntheticLake("a");
        assertThat(byId(lake.engine().run().headlines()).get("decile-1").status()).isEqualTo(HeadlineResult.Status.OK);
        lake.remove("imd");
        Map<String, HeadlineResult> h = byId(lake.engine().run().headlines());
        assertThat(h.get("decile-1").status()).isEqualTo(HeadlineResult.Status.MISSING_DATA);
        assertThat(h.get("population-change").status()).isEqualTo(HeadlineResult.Status.OK);
    }

    @Test
    void tableForTheCliReadsTheSameFromResultsAndFromJson() throws Exception {
        TestLake lake = syntheticLake("a");
        List<HeadlineResult> results = lake.engine().run().headlines();
        String table = HeadlinesTable.format(results);
        assertThat(HeadlinesTable.format(lake.bytes(HeadlineEngine.JSON_KEY))).isEqualTo(table);
        assertThat(table.lines().toList()).hasSize(results.size() + 1);
        assertThat(table).contains("decile-1").contains("50.0%").contains("2 of 4 (50.0%)")
                .contains("Upload: a Fingertips wellbeing export");
    }

    @Test
    void csvHasOneRowPerHeadlineAndComparatorAndNeutralisesFormulas() throws Exception {
        TestLake lake = syntheticLake("a");
        lake.config(SyntheticLake.SPEC.replace("title: Most deprived decile", "title: \"=HYPERLINK(1)\""));
        List<HeadlineResult> results = lake.engine().run().headlines();
        String[] lines = lake.text(HeadlineEngine.CSV_KEY).split("\r\n");
        long expected = 1 + results.stream().mapToLong(r -> 1 + r.comparators().size()).sum();
        assertThat(lines).hasSize((int) expected);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("decile-1,'=HYPERLINK(1),ok,subject,E08000007,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("population-change-absolute,")
                .contains(",subject,E08000007,Stockport,30,"));
    }
}
