package org.bigpicture.core.areas;

import org.bigpicture.core.NeedsSharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.read.CsvDialect;
import org.bigpicture.core.read.CsvRecords;
import org.bigpicture.core.convert.Records;
import org.bigpicture.core.read.Sheet;
import org.bigpicture.core.read.TextEncoding;
import org.bigpicture.core.read.Workbook;
import org.bigpicture.core.read.Workbooks;
import org.junit.jupiter.api.Test;

/**
 * The area lookup against the real publisher files (skipped when {@code shared/} is absent): every
 * area the ONS mid-year estimates list resolves by its name to its code, and the lookup holds every
 * code those lists hold (current in the 2023 list, former otherwise); the Nomis name forms, ITL
 * names and DfE numbers of the real files resolve.
 */
@NeedsSharedData("realdata2")
class RealAreasTest {

    private final AreaLookup lookup = AreaLookup.standard();

    private static Optional<Path> find(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path file(String relative) {
        Optional<Path> p = find(relative);
        assumeTrue(p.isPresent(), "shared/" + relative + " is absent");
        return p.get();
    }

    /** Code → {name, geography} of an MYE table, from its Code/Name/Geography header on. */
    private static Map<String, String[]> myeAreas(Records r) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        boolean on = false;
        while (r.next()) {
            if (r.get(0).equals("Code")) {
                on = true;
            } else if (on && r.get(0).matches("[EWSNK]\\d{8}")) {
                out.put(r.get(0), new String[] {r.get(1), r.get(2)});
            }
        }
        return out;
    }

    private Map<String, String[]> workbookAreas(String relative) throws IOException {
        Workbook wb = Workbooks.open(relative, file(relative), Limits.defaults());
        Sheet persons = wb.sheets().stream().filter(s -> s.name().equals("MYE2 - Persons")).findFirst().orElseThrow();
        try (Records r = wb.open(persons.index())) {
            return myeAreas(r);
        }
    }

    private void everyAreaResolvesByName(Map<String, String[]> areas, LocalDate asOf, boolean current) {
        List<String> wrong = new ArrayList<>();
        for (var e : areas.entrySet()) {
            String name = e.getValue()[0];
            AreaKind kind = switch (e.getValue()[1]) {
                case "Country" -> AreaKind.COUNTRY;
                case "Region" -> AreaKind.REGION;
                case "County", "Metropolitan County" -> AreaKind.COUNTY;
                default -> AreaKind.DISTRICT;
            };
            AreaResolution byName = lookup.resolve(name, kind, asOf);
            if (!e.getKey().equals(byName.code())) {
                wrong.add(name + " → " + byName.code() + " (" + byName.status() + ", " + byName.note() + "), not " + e.getKey());
            }
            Area byCode = lookup.byCode(e.getKey());
            if (byCode == null || current && !byCode.current()) {
                wrong.add(e.getKey() + " is " + (byCode == null ? "missing" : "not current"));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyAreaOfTheMidYear2022EstimatesResolvesByItsNameToItsCode() throws IOException {
        Map<String, String[]> areas = workbookAreas("realdata2/ons/mye22final.xlsx");
        assertThat(areas).hasSize(404);
        assertThat(areas.values().stream().filter(a -> !List.of("Country", "Region", "County", "Metropolitan County")
                .contains(a[1])).count()).isEqualTo(361);
        everyAreaResolvesByName(areas, null, true);
        // without a kind, every district's name is enough too (a region or county may share its name)
        for (var e : areas.entrySet()) {
            if (!List.of("Country", "Region", "County", "Metropolitan County").contains(e.getValue()[1])) {
                assertThat(lookup.resolve(e.getValue()[0]).code()).as(e.getValue()[0]).isEqualTo(e.getKey());
            }
        }
    }

    @Test
    void everyAreaOfTheMidYear2020EstimatesOn2021BoundariesResolvesOnItsDate() throws IOException {
        Map<String, String[]> areas = workbookAreas("realdata2/ons/ukpopestimatesmid2020on2021geography.xls");
        assertThat(areas).hasSize(420);
        everyAreaResolvesByName(areas, LocalDate.of(2021, 6, 30), false);
    }

    @Test
    void everyDistrictOfCensus2011On2015BoundariesIsInTheLookup() throws IOException {
        Path csv = file("realdata2/nomis/census_2011_localdistrictauthorities2015.csv");
        TextEncoding.Detected enc = TextEncoding.detect("c", csv, Long.MAX_VALUE);
        Map<String, String[]> areas = new LinkedHashMap<>();
        try (Records r = CsvRecords.open("c", csv, CsvDialect.detect(csv, enc), Limits.defaults())) {
            r.next();
            while (r.next()) {
                areas.put(r.get(2), new String[] {r.get(1), "District"});
            }
        }
        assertThat(areas).hasSize(348);
        everyAreaResolvesByName(areas, LocalDate.of(2015, 6, 30), false);
    }

    @Test
    void nomisNameFormsOfTheRealDownloadsResolve() throws IOException {
        Path pop = file("realdata2/nomis/northamptonshire_pop_nomis.csv");
        TextEncoding.Detected enc = TextEncoding.detect("n", pop, Long.MAX_VALUE);
        int resolved = 0;
        try (Records r = CsvRecords.open("n", pop, CsvDialect.detect(pop, enc), Limits.defaults())) {
            while (r.next()) {
                String area = r.get(0);
                if (area.startsWith("ladu:") || area.startsWith("lacu:")) {
                    AreaResolution a = lookup.resolve(area);
                    assertThat(a.status()).as(area + ": " + a.note()).isEqualTo(AreaResolution.Status.RESOLVED);
                    resolved++;
                    if (area.equals("ladu:Stockport")) {
                        assertThat(a.code()).isEqualTo("E08000007");
                        assertThat(r.get(1)).isEqualTo("293423");
                    }
                }
            }
        }
        assertThat(resolved).isEqualTo(376);
        Path bres = file("realdata2/nomis/nomis-city-employment-2017.csv");
        enc = TextEncoding.detect("b", bres, Long.MAX_VALUE);
        int combined = 0;
        int towns = 0;
        try (Records r = CsvRecords.open("b", bres, CsvDialect.detect(bres, enc), Limits.defaults())) {
            while (r.next()) {
                AreaResolution a = lookup.resolve(r.get(0));
                if (r.get(0).startsWith("combauth:")) {
                    assertThat(a.status()).as(r.get(0)).isEqualTo(AreaResolution.Status.RESOLVED);
                    assertThat(a.area().type()).isEqualTo("combined authority");
                    combined++;
                } else if (r.get(0).startsWith("towncity:")) {
                    assertThat(a.status()).isEqualTo(AreaResolution.Status.BUILT_UP_AREA);
                    towns++;
                }
            }
        }
        assertThat(combined).isEqualTo(10);
        assertThat(towns).isEqualTo(109);
    }

    @Test
    void theItlNamesOfTheProductivityTablesAndTheNutsLabelsOfNomisResolve() throws IOException {
        Workbook itl = Workbooks.open("itl", file("realdata2/ons/itlproductivity.xlsx"), Limits.defaults());
        int n = 0;
        try (Records r = itl.open(3)) {
            while (r.next()) {
                if (r.get(0).matches("ITL\\d")) {
                    AreaResolution byCode = lookup.resolve(r.get(1));
                    assertThat(byCode.status()).as(r.get(1) + ": " + byCode.note()).isEqualTo(AreaResolution.Status.RESOLVED);
                    assertThat(byCode.area().name()).isEqualTo(r.get(2).strip());
                    assertThat(lookup.resolve(r.get(2), AreaKind.ITL).status()).as(r.get(2)).isIn(
                            AreaResolution.Status.RESOLVED, AreaResolution.Status.AMBIGUOUS);
                    n++;
                }
            }
        }
        assertThat(n).isGreaterThan(200);
        Workbook nomis = Workbooks.open("nomis", file("realdata2/nomis/nomis_2023_07_20_211328.xlsx"), Limits.defaults());
        int nuts = 0;
        try (Records r = nomis.open(0)) {
            while (r.next()) {
                if (r.get(0).matches("UK[C-N]\\w+ .*")) {
                    AreaResolution a = lookup.resolve(r.get(0));
                    assertThat(a.status()).as(r.get(0)).isEqualTo(AreaResolution.Status.RESOLVED);
                    assertThat(a.note()).as(r.get(0)).doesNotContain("is not"); // the name in the cell is the code's
                    // the ITL3 of the same area (none for the two Dorset areas, redrawn in ITL 2021)
                    assertThat(a.area().successors()).allMatch(c -> c.equals("TL" + a.code().substring(2)));
                    nuts++;
                }
            }
        }
        assertThat(nuts).isGreaterThan(100);
    }

    @Test
    void theDfeLocalAuthorityNumbersOfTheRealFilesResolveToTheirCodes() throws IOException {
        Path ks4 = file("realdata2/dfe/ks4_la.csv");
        TextEncoding.Detected enc = TextEncoding.detect("d", ks4, Long.MAX_VALUE);
        int checked = 0;
        try (Records r = CsvRecords.open("d", ks4, CsvDialect.detect(ks4, enc), Limits.defaults())) {
            r.next();
            while (r.next()) {
                String old = r.get(7);
                String code = r.get(9);
                if (old.isEmpty()) {
                    continue;
                }
                Area a = lookup.resolve("dfe:" + old).area();
                assertThat(a).as(old).isNotNull();
                Area given = lookup.byCode(code);
                assertThat(a.code().equals(code) || given != null && given.successors().contains(a.code()))
                        .as(old + " → " + a.code() + ", file " + code).isTrue();
                // the name too, on the date of the row (an academic year 201819 is on 31 March 2019): the file's
                // code, or the same area under the code before or after (DfE codes 2022/23 by the April 2023 areas)
                LocalDate asOf = LocalDate.of(Integer.parseInt(r.get(0).substring(0, 4)) + 1, 3, 31);
                Area named = lookup.resolve(r.get(8), AreaKind.UPPER_TIER, asOf).area();
                assertThat(named).as(r.get(8)).isNotNull();
                assertThat(named.code().equals(code) || named.successors().contains(code)
                        || given != null && given.successors().contains(named.code()))
                        .as(r.get(8) + " " + r.get(0) + " → " + named.code() + ", file " + code).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
