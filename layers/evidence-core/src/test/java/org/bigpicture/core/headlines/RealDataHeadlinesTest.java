package org.bigpicture.core.headlines;

import org.bigpicture.core.NeedsSharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default spec over the shared real files (SOURCES.md; skipped when absent), each uploaded to a
 * raw bucket and converted by the core ingest with the standard formats, as in production.
 */
@NeedsSharedData
class RealDataHeadlinesTest {

    @TempDir
    static Path dir;
    static Path real;
    static RealLake lake;
    static HeadlineEngine.Outcome outcome;
    static Map<String, HeadlineResult> h;

    @BeforeAll
    static void ingestTheRealFiles() throws Exception {
        real = RealLake.dir().orElse(null);
        if (real == null) {
            return; // @NeedsSharedData skips each test, by name
        }
        lake = new RealLake(dir, real);
        lake.upload("imd2019/IMD2019.csv", "deprivation/IMD2019.csv");
        lake.upload("ons_mye/ukmidyearestimates20192020ladcodes.csv", "population/ukmidyearestimates20192020ladcodes.csv");
        lake.upload("ons_mye/ukpopestimatesmid2020on2021geography.csv", "population/ukpopestimatesmid2020on2021geography.csv");
        lake.upload("nomis/lad.csv", "population/lad.csv");
        lake.upload("nomis/ucjsa.csv", "labour/ucjsa.csv");
        lake.upload("nomis/Census 2021 - Population.csv", "census/Census 2021 - Population.csv");
        lake.upload("fingertips/indicators-CountyUA.data.csv", "jsna/indicators-CountyUA.data.csv");
        lake.upload("survey/public_survey_data.csv", "surveys/public_survey_data.csv");
        outcome = lake.lake.engine().run();
        h = outcome.headlines().stream().collect(Collectors.toMap(HeadlineResult::id, r -> r));
    }

    private static BigDecimal comparator(HeadlineResult r, String code) {
        return r.comparators().stream().filter(c -> c.areaCode().equals(code)).findFirst().orElseThrow().value();
    }

    @Test
    void polarisationSharesOfLsoasInTheExtremeDeciles() {
        HeadlineResult d1 = h.get("imd-most-deprived-decile");
        assertThat(d1.status()).isEqualTo(HeadlineResult.Status.OK);
        assertThat(d1.details()).containsEntry("count", 17L).containsEntry("base", 190);
        assertThat(d1.value()).isEqualByComparingTo("8.9");
        assertThat(comparator(d1, "E92000001")).isEqualByComparingTo("10.0"); // deciles: 10% of England by definition
        assertThat(d1.statement()).startsWith("17 of Stockport's 190 neighbourhoods (LSOAs), 8.9%, are among the most deprived 10%");
        assertThat(d1.sources()).singleElement().satisfies(s -> {
            assertThat(s.dataset()).isEqualTo("deprivation-imd2019");
            assertThat(s.sha256()).isEqualTo("7e460d13a39a841cbef47dad3a9ffaf27d51a39e8dec2084fb797e846d1cc12c");
        });

        HeadlineResult d10 = h.get("imd-least-deprived-decile");
        assertThat(d10.details()).containsEntry("count", 26L).containsEntry("base", 190);
        assertThat(d10.value()).isEqualByComparingTo("13.7");
    }

    @Test
    void polarisationRankMatchesAnIndependentComputationOverTheRawFile() throws Exception {
        int expectedRank;
        int districts;
        double expectedSd;
        // DuckDB reads the raw IMD2019.csv itself (thousands separators in quoted ranks and all)
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement()) {
            String csv = real.resolve("imd2019/IMD2019.csv").toString().replace("'", "''");
            ResultSet rs = s.executeQuery("""
                    WITH lsoa AS (
                      SELECT "Local Authority District code (2019)" AS lad,
                             CAST(replace(CAST("Index of Multiple Deprivation (IMD) Rank" AS VARCHAR), ',', '') AS DOUBLE) AS imd_rank
                      FROM read_csv('%s', header = true, all_varchar = true)),
                    spread AS (SELECT lad, stddev_pop(imd_rank) AS sd FROM lsoa GROUP BY lad)
                    SELECT (SELECT count(*) FROM spread WHERE sd > s.sd) + 1, (SELECT count(*) FROM spread), s.sd
                    FROM spread s WHERE lad = 'E08000007'
                    """.formatted(csv));
            assertThat(rs.next()).isTrue();
            expectedRank = rs.getInt(1);
            districts = rs.getInt(2);
            expectedSd = rs.getDouble(3);
        }
        HeadlineResult rank = h.get("polarisation-rank");
        assertThat(districts).isEqualTo(317);
        assertThat(rank.status()).isEqualTo(HeadlineResult.Status.OK);
        assertThat(rank.value()).isEqualByComparingTo(BigDecimal.valueOf(expectedRank));
        assertThat(rank.details()).containsEntry("of", 317).containsEntry("measure", "stddev");
        assertThat(((BigDecimal) rank.details().get("measure_value")).doubleValue())
                .isCloseTo(expectedSd, org.assertj.core.data.Offset.offset(0.01));
        assertThat(rank.statement()).startsWith("Stockport is the " + Fmt.ordinal(expectedRank)
                + " most polarised of England's 317 districts");
    }

    @Test
    void populationChangeStatesThePeriodsTheDataHoldsAndWhereEachNumberCameFrom() {
        HeadlineResult pop = h.get("population-change");
        assertThat(pop.status()).isEqualTo(HeadlineResult.Status.OK);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) pop.details().get("series");
        assertThat(series).extracting(m -> m.get("period") + " " + m.get("value") + " " + m.get("dataset"))
                .containsExactly(
                        "mid-2019 293423 population-ukmidyearestimates20192020ladcodes",
                        "mid-2020 294197 population-ukpopestimatesmid2020on2021geography",
                        "2021 295243 population-lad");
        assertThat(pop.period()).isEqualTo("mid-2019 to 2021");
        assertThat(pop.value()).isEqualByComparingTo("0.6"); // (295,243 − 293,423) / 293,423 = 0.62%
        assertThat(pop.details()).containsEntry("change", new BigDecimal("1820"));
        // North West is in both sources; England only in the ONS tables, so over mid-2019 to mid-2020
        assertThat(pop.comparators()).extracting(c -> c.areaCode() + " " + c.value() + " " + c.period()).containsExactly(
                "E12000002 1.1 mid-2019 to 2021",          // 7,341,196 → 7,422,295
                "E92000001 0.5 mid-2019 to mid-2020",      // 56,286,961 → 56,550,138
                "E47000001 1.2 mid-2019 to 2021");         // 2,835,686 (Met County) → 2,868,387 (CA)
        assertThat(pop.statement()).contains("293,423 in mid-2019 (population-ukmidyearestimates20192020ladcodes)")
                .contains("295,243 in 2021 (population-lad)")
                .contains("over mid-2019 to mid-2020 England by 0.5%");
        assertThat(pop.sources()).extracting(HeadlineResult.Source::dataset).containsExactlyInAnyOrder(
                "population-ukmidyearestimates20192020ladcodes", "population-ukpopestimatesmid2020on2021geography",
                "population-lad");
    }

    @Test
    void shareAgedSixtyFiveAndOverFromCensus2021() {
        HeadlineResult old = h.get("aged-65-and-over");
        assertThat(old.status()).isEqualTo(HeadlineResult.Status.OK);
        assertThat(old.period()).isEqualTo("2021");
        assertThat(old.details()).containsEntry("numerator", new BigDecimal("59221"))    // 191 LSOAs, ages 65+
                .containsEntry("denominator", new BigDecimal("294790"));
        assertThat(old.value()).isEqualByComparingTo("20.1");
        assertThat(comparator(old, "E92000001")).isEqualByComparingTo("18.4");             // 10,400,668 / 56,490,044
        assertThat(old.sources()).extracting(HeadlineResult.Source::dataset).contains("census-census-2021-population");
    }

    @Test
    void claimantRateFromLsoaCountsOverMidYearResidentsAged16To64() {
        HeadlineResult claim = h.get("claimant-rate");
        assertThat(claim.status()).isEqualTo(HeadlineResult.Status.OK);
        assertThat(claim.details()).containsEntry("numerator", new BigDecimal("3415"))     // 190 Stockport LSOAs
                .containsEntry("denominator", new BigDecimal("177458"))                    // MYE2 mid-2019, ages 16-64
                .containsEntry("numerator_period", "September 2017")
                .containsEntry("denominator_period", "mid-2019");
        assertThat(claim.value()).isEqualByComparingTo("1.9");
        assertThat(comparator(claim, "E47000001")).isEqualByComparingTo("2.6");           // 46,705 / 1,803,177
        assertThat(comparator(claim, "E12000002")).isNull();                              // the extract is GM only
        assertThat(comparator(claim, "E92000001")).isNull();
    }

    @Test
    void headlinesWithoutDataSayWhatToUpload() {
        for (String id : List.of("life-expectancy-female", "life-expectancy-male")) {
            assertThat(h.get(id).status()).isEqualTo(HeadlineResult.Status.MISSING_DATA);
            assertThat(h.get(id).needs()).contains("Fingertips").contains("90366").contains("Life expectancy at birth");
        }
        // the real survey (OHBM's community survey) asks none of the borough's questions
        for (String id : List.of("survey-more-connected", "survey-support-local-business", "survey-best-things")) {
            assertThat(h.get(id).status()).isEqualTo(HeadlineResult.Status.MISSING_DATA);
            assertThat(h.get(id).reason()).startsWith("no survey question matches");
            assertThat(h.get(id).needs()).contains("survey");
        }
    }

    @Test
    void fingertipsLatestValueWithInterval() throws Exception {
        String spec = """
                subject: {code: E08000007, name: Stockport}
                comparators: [{code: E92000001, name: England}, {code: E12000002, name: North West}]
                headlines:
                  - id: campylobacter
                    title: Campylobacter
                    computation: latest
                    trend: true
                    data: {family: [fingertips], indicator: campylobacter}
                    statement: "{value} per 100,000 in {period} ({lower} to {upper}); England {england}"
                """;
        TestLake copy = new TestLake(dir.resolve("fingertips"));
        copy.store.put(TestLake.LAKE, "x", new byte[0], org.bigpicture.core.store.PutOptions.of("text/plain"));
        for (String key : List.of("datasets/jsna-indicators-countyua-data/data.parquet",
                "datasets/jsna-indicators-countyua-data/provenance.json")) {
            Files.createDirectories(copy.store.pathOf(TestLake.LAKE, key).getParent());
            Files.copy(lake.lake.store.pathOf(TestLake.LAKE, key), copy.store.pathOf(TestLake.LAKE, key));
        }
        copy.config(spec);
        HeadlineResult r = copy.engine().run().headlines().get(0);
        assertThat(r.status()).isEqualTo(HeadlineResult.Status.OK);
        assertThat(r.period()).isEqualTo("2017");
        assertThat(r.value()).isEqualByComparingTo("132.8"); // 132.848…, All ages, no deprivation category
        assertThat(r.ciLow()).isNotNull();
        assertThat(r.comparators()).allSatisfy(c -> assertThat(c.value()).isNotNull());
    }

    @Test
    void surveyHeadlinesOnTheRealSurveyExport() throws Exception {
        // counted independently from public_survey_data.csv: 254 of 310 answered "Yes"; of 306 who ticked a
        // platform, 272 the website, 213 the e-mails, 134 Twitter
        TestLake copy = new TestLake(dir.resolve("survey"));
        for (var o : lake.lake.store.list(TestLake.LAKE, "datasets/surveys-public-survey-data/")) {
            Path target = copy.store.pathOf(TestLake.LAKE, o.key());
            Files.createDirectories(target.getParent());
            Files.copy(lake.lake.store.pathOf(TestLake.LAKE, o.key()), target);
        }
        copy.config("""
                subject: {code: E08000007, name: Stockport}
                synonyms: {member: [member, membership]}
                headlines:
                  - id: members
                    title: Members
                    computation: survey_share
                    question: {keywords: [member, ohbm]}
                    answer: {options: ["yes"]}
                    statement: "{value}% ({count} of {base})"
                  - id: platforms
                    title: Platforms
                    computation: top_answers
                    question: {keywords: [platforms, access]}
                    statement: "{answers}"
                """);
        Map<String, HeadlineResult> r = copy.engine().run().headlines().stream()
                .collect(Collectors.toMap(HeadlineResult::id, x -> x));
        assertThat(r.get("members").status()).isEqualTo(HeadlineResult.Status.OK);
        // The survey's counts are published perturbed by the cell key method (each within 2 of the truth):
        // the headline is computed from the published count and base, so it agrees with the survey table.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+\\.\\d)% \\((\\d+) of (\\d+)\\)")
                .matcher(r.get("members").statement());
        assertThat(m.matches()).as(r.get("members").statement()).isTrue();
        long count = Long.parseLong(m.group(2));
        long base = Long.parseLong(m.group(3));
        assertThat(count).isBetween(252L, 256L);   // true 254
        assertThat(base).isBetween(308L, 312L);    // true 310: 81.9%, Wilson 77.29–85.80
        assertThat(Double.parseDouble(m.group(1))).isEqualTo(org.bigpicture.core.util.Wilson.pct(count, base));
        double[] ci = org.bigpicture.core.util.Wilson.interval(count, base);
        assertThat(r.get("members").ciLow()).isEqualByComparingTo(String.valueOf(ci[0]));
        assertThat(r.get("members").ciHigh()).isEqualByComparingTo(String.valueOf(ci[1]));
        // true: 88.9%, 69.6% and 43.8% of 306; published counts move each share by well under a point
        java.util.regex.Matcher p = java.util.regex.Pattern.compile("OHBM website \\(https://www.humanbrainmapping.org\\) "
                + "\\((\\d+\\.\\d)%\\), Official OHBM Emails \\(\\*@humanbrainmapping.org emails\\) \\((\\d+\\.\\d)%\\) "
                + "and Twitter \\(https://twitter.com/OHBM\\) \\((\\d+\\.\\d)%\\)").matcher(r.get("platforms").statement());
        assertThat(p.matches()).as(r.get("platforms").statement()).isTrue();
        assertThat(Double.parseDouble(p.group(1))).isCloseTo(88.9, org.assertj.core.data.Offset.offset(1.0));
        assertThat(Double.parseDouble(p.group(2))).isCloseTo(69.6, org.assertj.core.data.Offset.offset(1.0));
        assertThat(Double.parseDouble(p.group(3))).isCloseTo(43.8, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void runIsDeterministic() throws Exception {
        byte[] first = lake.lake.bytes(HeadlineEngine.JSON_KEY);
        // Without the state record the engine cannot skip: it recomputes from the lake.
        lake.lake.store.delete(TestLake.LAKE, HeadlineEngine.STATE_KEY);
        HeadlineEngine.Outcome again = lake.lake.engine().run();
        assertThat(again.note()).isEqualTo("headlines unchanged");
        assertThat(lake.lake.bytes(HeadlineEngine.JSON_KEY)).isEqualTo(first);
        System.out.println(HeadlinesTable.format(outcome.headlines()));
    }
}
