package org.bigpicture.core.headlines;

import static org.bigpicture.core.headlines.TestLake.row;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small hand-made lake with every kind of observation a headline reads, and a spec that uses each
 * computation on it. The expected numbers in the tests are worked out by hand from these rows.
 */
final class SyntheticLake {

    static final String SPEC = """
            version: 1
            subject: {code: E08000007, name: Stockport}
            comparators:
              - {code: E12000002, name: North West}
              - {code: E92000001, name: England}
              - {code: E47000001, name: Greater Manchester, key: gm}
            areas:
              E92000001: {name: England, small_area_prefix: E01, small_areas: 8}
              E47000001:
                name: Greater Manchester
                same_as: [E11000001]
                members: {E08000007: Stockport, E08000006: Salford}
            headlines:
              - id: population-change
                title: Population change
                computation: change
                measure: percent
                data: {family: [mye, nomis], indicator: population, filters: {age: total}, aggregate: sum}
                statement: "{subject} {direction} by {change} ({signed_change_pct}%) from {from_period} ({from_dataset}) to {to_period} ({to_dataset}); England {england}% over {england_period}."
              - id: population-change-absolute
                title: Population change (people)
                computation: change
                measure: absolute
                data: {family: [mye, nomis], indicator: population, filters: {age: total}, aggregate: sum}
                statement: "{signed_change} people"
              - id: population-annualised
                title: Population growth a year
                computation: change
                measure: annualised
                data: {family: [mye, nomis], indicator: population, filters: {age: total}, aggregate: sum}
                statement: "{value}% a year over {years} years"
              - id: aged-65-and-over
                title: Aged 65 and over
                computation: share
                data: {family: [mye, nomis], indicator: population, aggregate: sum}
                numerator: {age: {from: 65}}
                denominator: {filters: {age: total}}
                statement: "{value}% aged 65+ in {period}"
              - id: claimant-rate
                title: Claimant rate
                computation: share
                numerator: {data: {family: [nomis], indicator: claimant, aggregate: sum}}
                denominator: {data: {family: [mye], indicator: population}, age: {from: 16, to: 64}}
                statement: "{value}%: {numerator} claimants ({numerator_period}) of {denominator} ({denominator_period}); GM {gm}%"
              - id: decile-1
                title: Most deprived decile
                computation: small_area_share
                values: [1]
                data: {family: [imd], indicator: decile}
                statement: "{count} of {base} ({value}%)"
              - id: polarisation
                title: Polarisation
                computation: rank
                measure: stddev
                data: {family: [imd], indicator: "\\\\brank\\\\b"}
                statement: "{ordinal} of {of}"
              - id: life-expectancy-female
                title: Life expectancy, females
                computation: latest
                trend: true
                unit: years
                data: {family: [fingertips], indicator: life expectancy, filters: {sex: female}}
                statement: "{value} years ({lower} to {upper}) in {period}, {signed_change} since {from_period}"
              - id: wellbeing
                title: Wellbeing
                computation: latest
                data: {family: [fingertips], indicator: wellbeing}
                statement: "{value}"
                needs: a Fingertips wellbeing export
            """;

    private SyntheticLake() {
    }

    static void fill(TestLake lake) throws IOException {
        lake.observations("mye-2019", "ons-mye", mye("mid-2019", 0));
        lake.observations("mye-2020", "ons-mye", mye("mid-2020", 1));
        List<Map<String, Object>> nomis = new ArrayList<>();
        for (String type : List.of("districts", "counties")) {
            nomis.add(pop("E08000007", "Stockport", type, "2021", "All Ages", 1030));
        }
        nomis.add(pop("E12000002", "North West", "regions", "2021", "All Ages", 3060));
        nomis.add(pop("E47000001", "Greater Manchester", "combined authorities", "2021", "All Ages", 1545));
        lake.observations("nomis-population", "nomis-api", nomis);
        lake.observations("imd", "imd2019", imd());
        lake.observations("claimants", "nomis-web", claimants());
        lake.observations("life-expectancy", "fingertips", lifeExpectancy());
    }

    /** All ages = age 20 + age 70 for each area; the second year is 1% larger. */
    private static List<Map<String, Object>> mye(String period, int year) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Object[][] areas = {
                {"E08000007", "Stockport", 600, 400},
                {"E08000006", "Salford", 300, 200},
                {"E92000001", "England", 7000, 3000},
                {"E12000002", "North West", 1800, 1200},
                {"E11000001", "Greater Manchester (Met County)", 900, 600},
        };
        double f = year == 0 ? 1.0 : 1.01;
        for (Object[] a : areas) {
            int young = (int) Math.round((int) a[2] * f);
            int old = (int) Math.round((int) a[3] * f);
            rows.add(pop((String) a[0], (String) a[1], "la", period, "All ages", young + old));
            rows.add(pop((String) a[0], (String) a[1], "la", period, "20", young));
            rows.add(pop((String) a[0], (String) a[1], "la", period, "70", old));
        }
        return rows;
    }

    private static Map<String, Object> pop(String code, String name, String type, String period, String age, double v) {
        // Population estimates are at 30 June, as the formats date them (a bare "2021" alone would be a calendar year).
        int year = Integer.parseInt(period.replaceAll("\\D", ""));
        int midYear = (int) java.time.LocalDate.of(year, 6, 30).toEpochDay();
        return row("area_code", code, "area_name", name, "area_type", type, "indicator_name", "Population estimate",
                "period", period, "period_start", midYear, "period_end", midYear, "sex", "Persons", "age", age,
                "value", v, "unit", "count", "source", "ONS");
    }

    private static List<Map<String, Object>> imd() {
        List<Map<String, Object>> rows = new ArrayList<>();
        Object[][] lsoas = {
                {"E01000001", "Stockport 001A", "E08000007", 100, 1},
                {"E01000002", "Stockport 001B", "E08000007", 200, 1},
                {"E01000003", "Stockport 002A", "E08000007", 15000, 5},
                {"E01000004", "Stockport 002B", "E08000007", 32000, 10},
                {"E01000005", "Salford 001A", "E08000006", 50, 1},
                {"E01000006", "Salford 001B", "E08000006", 4000, 2},
                {"E01000007", "Hartlepool 001A", "E06000001", 29000, 9},
                {"E01000008", "Hartlepool 001B", "E06000001", 31000, 10},
        };
        for (Object[] l : lsoas) {
            rows.add(row("area_code", l[0], "area_name", l[1], "area_type", "LSOA", "parent_area_code", l[2],
                    "indicator_name", "Index of Multiple Deprivation (IMD) Rank", "period", "2019",
                    "value", ((Integer) l[3]).doubleValue(), "unit", "rank"));
            rows.add(row("area_code", l[0], "area_name", l[1], "area_type", "LSOA", "parent_area_code", l[2],
                    "indicator_name", "Index of Multiple Deprivation (IMD) Decile", "period", "2019",
                    "value", ((Integer) l[4]).doubleValue(), "unit", "decile"));
        }
        return rows;
    }

    /** Stockport 100 claimants in 4 LSOAs; Salford 60 in 2 (one placed by the IMD lookup, one by its name). */
    private static List<Map<String, Object>> claimants() {
        List<Map<String, Object>> rows = new ArrayList<>();
        Object[][] lsoas = {
                {"E01000001", "Stockport 001A", 10}, {"E01000002", "Stockport 001B", 20},
                {"E01000003", "Stockport 002A", 30}, {"E01000004", "Stockport 002B", 40},
                {"E01000005", "Salford 001A", 25}, {"E01000099", "Salford 009Z", 35},
        };
        for (Object[] l : lsoas) {
            for (String sex : List.of("Total", "Male")) {
                double v = sex.equals("Total") ? (Integer) l[2] : (Integer) l[2] / 2.0;
                rows.add(row("area_code", l[0], "area_name", l[1], "area_type", "2011 super output area - lower layer",
                        "indicator_name", "Claimant count", "period", "September 2017", "sex", sex, "value", v,
                        "unit", "count", "source", "Nomis"));
            }
        }
        return rows;
    }

    private static List<Map<String, Object>> lifeExpectancy() {
        List<Map<String, Object>> rows = new ArrayList<>();
        Object[][] values = {
                {"E08000007", "Stockport", "2015 - 17", 82.0, 80.9, 83.1},
                {"E08000007", "Stockport", "2016 - 18", 82.3, 81.2, 83.4},
                {"E92000001", "England", "2015 - 17", 83.1, 83.0, 83.2},
                {"E92000001", "England", "2016 - 18", 83.2, 83.1, 83.3},
                {"E12000002", "North West", "2016 - 18", 81.9, 81.8, 82.0},
        };
        for (Object[] v : values) {
            for (String sex : List.of("Female", "Male")) {
                double shift = sex.equals("Male") ? -3.5 : 0;
                rows.add(row("area_code", v[0], "area_name", v[1], "area_type", "County & UA",
                        "indicator_id", "90366", "indicator_name", "Life expectancy at birth", "period", v[2],
                        "sex", sex, "age", "All ages", "value", (Double) v[3] + shift,
                        "lower_ci95", (Double) v[4] + shift, "upper_ci95", (Double) v[5] + shift, "unit", "years",
                        "source", "OHID Fingertips"));
            }
        }
        return rows;
    }
}
