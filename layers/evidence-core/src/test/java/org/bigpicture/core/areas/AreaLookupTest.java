package org.bigpicture.core.areas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped area lookup: names in their usual forms, former codes, Nomis forms and the ambiguity rules. */
class AreaLookupTest {

    private final AreaLookup lookup = AreaLookup.standard();

    private String code(String text) {
        AreaResolution r = lookup.resolve(text);
        assertThat(r.status()).as(text + ": " + r.note()).isEqualTo(AreaResolution.Status.RESOLVED);
        return r.code();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Stockport|E08000007", "STOCKPORT|E08000007", "  Stockport |E08000007",
        "Stockport Metropolitan Borough Council|E08000007", "E08000007|E08000007",
        "Bristol, City of|E06000023", "City of Bristol|E06000023", "Bristol|E06000023", "Bristol City of|E06000023",
        "Kingston upon Hull, City of|E06000010", "Kingston Upon Hull, City of|E06000010", "Hull|E06000010",
        "Herefordshire, County of|E06000019", "Herefordshire|E06000019",
        "St. Helens|E08000013", "St Helens|E08000013",
        "Rhondda Cynon Taf|W06000016", "Rhondda Cynon Taff|W06000016", "Ynys Môn|W06000001", "Ynys Mon|W06000001",
        "Isle of Anglesey|W06000001", "Brighton & Hove|E06000043", "Brighton and Hove|E06000043",
        "Hammersmith & Fulham|E09000013", "King's Lynn and West Norfolk|E07000146", "King’s Lynn and West Norfolk|E07000146",
        "Stoke-on-Trent|E06000021", "Stoke on Trent|E06000021",
        "County Durham|E06000047", "Durham|E06000047", "Northumberland|E06000057",
        "Na h-Eileanan Siar|S12000013", "Comhairle nan Eilean Siar|S12000013", "City of Edinburgh|S12000036",
        "The City of Edinburgh Council|S12000036", "Glasgow City|S12000049", "Glasgow|S12000049",
        "London|E12000007", "City of London|E09000001", "North West|E12000002", "east of england|E12000006",
        "Yorkshire and The Humber|E12000003", "England|E92000001", "United Kingdom|K02000001", "Wales|W92000004",
        "Lancashire|E10000017", "Shepway|E07000112", "Folkestone and Hythe|E07000112",
        "Bournemouth, Christchurch and Poole|E06000058", "North Northamptonshire|E06000061",
        "West Northamptonshire\u00a0|E06000062", "Cumberland|E06000063", "Westmorland and Furness|E06000064",
        "Somerset|E06000066", "Buckinghamshire|E06000060", "Dorset|E06000059", "North Yorkshire|E06000065",
        "Belfast|N09000003", "Cardiff|W06000015", "Caerdydd|W06000015"})
    void resolvesNamesInTheirUsualForms(String text, String expected) {
        assertThat(code(text)).isEqualTo(expected);
    }

    @Test
    void formerCodesResolveToTheirOwnEntryWithTheirSuccessors() {
        AreaResolution bucks = lookup.resolve("E10000002");
        assertThat(bucks.resolved()).isTrue();
        assertThat(bucks.area().current()).isFalse();
        assertThat(bucks.area().successors()).containsExactly("E06000060");
        assertThat(bucks.note()).contains("former code").contains("2020-03-31").contains("E06000060");
        AreaResolution cumbria = lookup.resolve("E10000006");
        assertThat(cumbria.area().successors()).containsExactly("E06000063", "E06000064");
        assertThat(cumbria.note()).contains("split: no one successor");
        assertThat(lookup.resolve("E08000020").area().successors()).containsExactly("E08000037");
        assertThat(lookup.resolve("S12000046").area().successors()).containsExactly("S12000049");
        // a former district's name with no current namesake resolves to the former code
        AreaResolution aylesbury = lookup.resolve("Aylesbury Vale");
        assertThat(aylesbury.code()).isEqualTo("E07000004");
        assertThat(aylesbury.note()).contains("E06000060");
    }

    @Test
    void aCurrentCodeBeatsAFormerOneOfTheSameNameUnlessTheDateSaysOtherwise() {
        AreaResolution now = lookup.resolve("Northumberland");
        assertThat(now.code()).isEqualTo("E06000057");
        assertThat(now.note()).contains("E06000048");
        assertThat(lookup.resolve("Northumberland", null, LocalDate.of(2012, 6, 30)).code()).isEqualTo("E06000048");
        assertThat(lookup.resolve("Somerset", null, LocalDate.of(2021, 6, 30)).code()).isEqualTo("E10000027");
        assertThat(lookup.resolve("Somerset", null, LocalDate.of(2023, 6, 30)).code()).isEqualTo("E06000066");
        assertThat(lookup.resolve("Gateshead", null, LocalDate.of(2011, 3, 27)).code()).isEqualTo("E08000020");
    }

    @Test
    void resolvesNomisNameForms() {
        assertThat(lookup.resolve("ladu:Stockport").code()).isEqualTo("E08000007");
        assertThat(lookup.resolve("lacu:North Northamptonshire").code()).isEqualTo("E06000061");
        assertThat(lookup.resolve("combauth:Greater Manchester").code()).isEqualTo("E47000001");
        assertThat(lookup.resolve("combauth:Sheffield City Region").code()).isEqualTo("E47000002");
        assertThat(lookup.resolve("combauth:North East").code()).isEqualTo("E47000010");
        assertThat(lookup.resolve("gor:West Midlands").code()).isEqualTo("E12000005");
        AreaResolution town = lookup.resolve("towncity:Stockport");
        assertThat(town.status()).isEqualTo(AreaResolution.Status.BUILT_UP_AREA);
        assertThat(town.code()).isNull();
        assertThat(town.note()).contains("built-up area").contains("not a local authority");
        assertThat(lookup.resolve("pca:Hazel Grove").status()).isEqualTo(AreaResolution.Status.UNKNOWN);
    }

    @Test
    void aNameOfSeveralKindsIsAmbiguousUntilTheKindIsSaid() {
        AreaResolution wm = lookup.resolve("West Midlands");
        assertThat(wm.status()).isEqualTo(AreaResolution.Status.AMBIGUOUS);
        assertThat(wm.candidates()).extracting(Area::code).containsExactlyInAnyOrder("E12000005", "E11000005", "E47000007");
        assertThat(wm.note()).contains("names 3 areas");
        assertThat(lookup.resolve("West Midlands", AreaKind.REGION).code()).isEqualTo("E12000005");
        assertThat(lookup.resolve("West Midlands", AreaKind.COUNTY).code()).isEqualTo("E11000005");
        assertThat(lookup.resolve("Greater Manchester", AreaKind.COMBINED_AUTHORITY).code()).isEqualTo("E47000001");
        assertThat(lookup.resolve("Greater Manchester").status()).isEqualTo(AreaResolution.Status.AMBIGUOUS);
        assertThat(lookup.resolve("Stockport", AreaKind.REGION).status()).isEqualTo(AreaResolution.Status.UNKNOWN);
    }

    @Test
    void statisticalAreasAnswerToTheirCodesOrTheirKind() {
        // "Durham" is the county, not ITL3 TLC14 "Durham CC"; "Greater Manchester South East" is only an ITL3/NUTS3 area
        assertThat(lookup.resolve("Durham").code()).isEqualTo("E06000047");
        assertThat(lookup.resolve("TLD35").area().name()).isEqualTo("Greater Manchester South East");
        assertThat(lookup.resolve("Greater Manchester South East", AreaKind.ITL).code()).isEqualTo("TLD35");
        AreaResolution nuts = lookup.resolve("UKD35 Greater Manchester South East");
        assertThat(nuts.code()).isEqualTo("UKD35");
        assertThat(nuts.area().successors()).containsExactly("TLD35");
        assertThat(lookup.resolve("E08000007 : Stockport").code()).isEqualTo("E08000007");
        assertThat(lookup.resolve("E08000007 Salford").note()).contains("is not E08000007's (Stockport)");
    }

    @Test
    void otherCodesAndCodesTheLookupDoesNotHold() {
        assertThat(lookup.resolve("dfe:356").code()).isEqualTo("E08000007");
        assertThat(lookup.resolve("dfe:390").code()).isEqualTo("E08000037");
        AreaResolution lsoa = lookup.resolve("E01005743");
        assertThat(lsoa.status()).isEqualTo(AreaResolution.Status.CODE_ONLY);
        assertThat(lsoa.code()).isEqualTo("E01005743");
        assertThat(lookup.resolve("Narnia").status()).isEqualTo(AreaResolution.Status.UNKNOWN);
        assertThat(lookup.resolve("").status()).isEqualTo(AreaResolution.Status.UNKNOWN);
    }

    @Test
    void theFileCarriesItsSourcesAndDate() {
        assertThat(lookup.source()).contains("Mid-Year Population Estimates, UK, June 2022").contains("April 2023")
                .contains("Code History Database").contains("Compiled 2026-12-04");
        assertThat(lookup.byCode("E08000007").name()).isEqualTo("Stockport");
        assertThat(lookup.byCode("E08000007").isUpperTier()).isTrue();
        assertThat(lookup.byCode("E07000112").isUpperTier()).isFalse();
    }
}
