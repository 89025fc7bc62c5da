package org.bigpicture.core.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution: first match wins, the officer's file before the shipped one, family defaults, no match → default. */
class SourcesResolveTest {

    static final String OFFICER = """
            sources:
              - id: autistica
                keys: ["partners/autistica/**"]
                publisher: {name: Autistica, url: "https://www.autistica.org.uk/"}
                licence: CC-BY-4.0
                attribution: "Source: Autistica. Licensed under CC BY 4.0."
              - id: claimants-from-nomis
                keys: ["nomis/**"]
                families: [nomis-api]
                publisher: {name: Nomis claimant count, url: "https://www.nomisweb.co.uk/"}
                licence: OGL-UK-3.0
                attribution: "Source: ONS claimant count, via Nomis."
              - id: all-nomis-folder
                keys: ["nomis/**"]
                publisher: {name: Anything under nomis/, url: "https://example.org/"}
                licence: ODbL-1.0
                attribution: "Source: the nomis folder."
              - id: jsna-csv
                keys: ["jsna/*.csv"]
                publisher: {name: JSNA team, url: "https://example.org/jsna"}
                licence: CC-BY-SA-4.0
                attribution: "Source: the JSNA team."
            """;

    @Test
    void todaysFamiliesGetTodaysPublishersFromTheShippedFile() {
        Sources s = Sources.shipped();
        assertThat(s.resolve("anything/x.csv", "fingertips").publisher().name())
                .isEqualTo("Office for Health Improvement and Disparities, Fingertips public health data");
        assertThat(s.resolve("a.csv", "nomis-web").attribution())
                .isEqualTo("Source: Office for National Statistics, via Nomis. Licensed under the Open Government"
                        + " Licence v3.0.");
        assertThat(s.resolve("a.csv", "nomis-api").entry()).isEqualTo("nomis");
        assertThat(s.resolve("a.csv", "ons-v4").publisher().name()).isEqualTo("Office for National Statistics");
        assertThat(s.resolve("a.csv", "ons-wide").entry()).isEqualTo("ons");
        assertThat(s.resolve("a.csv", "ons-mye2").entry()).isEqualTo("ons");
        assertThat(s.resolve("a.csv", "imd2019").attribution())
                .isEqualTo("Source: English Indices of Deprivation 2019, MHCLG. Licensed under the Open Government"
                        + " Licence v3.0.");
        ResolvedSource survey = s.resolve("surveys/resident.csv", "survey");
        assertThat(survey.entry()).isEqualTo("council-surveys");
        assertThat(survey.attribution()).startsWith("Source: Stockport Council survey, summarised with disclosure");
        // "ons" is a word of the family, not part of another word
        assertThat(s.resolve("a.csv", "responses").entry()).isNull();
        for (String family : new String[] {"fingertips", "nomis-api", "ons-v4", "imd2019", "survey", "table"}) {
            assertThat(s.resolve("k.csv", family).licence()).isEqualTo(Licence.OGL_UK_3_0);
        }
    }

    @Test
    void noMatchGetsTheDefaultWithItsLine() {
        ResolvedSource r = Sources.shipped().resolve("tables/ward budgets.csv", "table");
        assertThat(r.entry()).isNull();
        assertThat(r.file()).isEqualTo(Sources.SHIPPED_NAME);
        assertThat(r.publisher()).isEqualTo(new Publisher("Stockport Council", "https://www.stockport.gov.uk/"));
        assertThat(r.attribution()).isEqualTo("Contains public sector information from Stockport Council. Licensed"
                + " under the Open Government Licence v3.0.");
        assertThat(r.line()).isPositive();
        assertThat(Sources.shippedText().split("\n")[r.line() - 1]).startsWith("default:");
    }

    @Test
    void firstMatchWinsInFileOrderAndFamiliesNarrowAnEntry() {
        Sources s = Sources.withOfficerFile(OFFICER);
        // Both nomis entries match the key; the first also wants the family.
        assertThat(s.resolve("nomis/claimants.csv", "nomis-api").entry()).isEqualTo("claimants-from-nomis");
        assertThat(s.resolve("nomis/claimants.csv", "table").entry()).isEqualTo("all-nomis-folder");
        assertThat(s.resolve("nomis/deep/er/x.xlsx", "nomis-web").licence().id()).isEqualTo("ODbL-1.0");
        // * stays within a folder; matching ignores case
        assertThat(s.resolve("JSNA/Life Expectancy.CSV", "fingertips").entry()).isEqualTo("jsna-csv");
        assertThat(s.resolve("jsna/2024/life.csv", "fingertips").entry()).isEqualTo("ohid-fingertips");
        ResolvedSource autistica = s.resolve("partners/autistica/2025/survey export.csv", "survey");
        assertThat(autistica.entry()).isEqualTo("autistica");
        assertThat(autistica.file()).isEqualTo(Sources.CONFIG_KEY);
        assertThat(autistica.line()).isEqualTo(2);
        assertThat(autistica.licence().title()).isEqualTo("Creative Commons Attribution 4.0 International");
    }

    @Test
    void theOfficersFileFallsThroughToTheShippedFamilyDefaultsThenToADefault() {
        Sources s = Sources.withOfficerFile(OFFICER);
        // no officer entry for these: the shipped family defaults, as today
        assertThat(s.resolve("surveys/resident.csv", "survey").entry()).isEqualTo("council-surveys");
        assertThat(s.resolve("ons/mye2.csv", "ons-v4").file()).isEqualTo(Sources.SHIPPED_NAME);
        // the officer's file gives no default: the shipped one
        assertThat(s.resolve("tables/x.csv", "table").publisher().name()).isEqualTo("Stockport Council");

        Sources withDefault = Sources.withOfficerFile(OFFICER + """
                default:
                  publisher: {name: Example Borough Council, url: "https://www.example.gov.uk/"}
                  licence: OGL-UK-3.0
                  attribution: Contains public sector information from Example Borough Council.
                """);
        ResolvedSource r = withDefault.resolve("tables/x.csv", "table");
        assertThat(r.publisher().name()).isEqualTo("Example Borough Council");
        assertThat(r.file()).isEqualTo(Sources.CONFIG_KEY);
        assertThat(r.line()).isEqualTo(23);
        assertThat(withDefault.hub().publisher().name()).isEqualTo("Example Borough Council");
        // the family defaults still come before the default
        assertThat(withDefault.resolve("x.csv", "fingertips").entry()).isEqualTo("ohid-fingertips");
    }

    @Test
    void anOfficerEntryByFamilyOverridesAShippedFamilyDefault() {
        Sources s = Sources.withOfficerFile("""
                sources:
                  - id: partner-surveys
                    families: [survey]
                    publisher: {name: Stockport Partnership, url: "https://example.org/"}
                    licence: CC-BY-4.0
                    attribution: "Source: Stockport Partnership survey."
                """);
        assertThat(s.resolve("surveys/any.csv", "survey").entry()).isEqualTo("partner-surveys");
        assertThat(s.resolve("surveys/any.csv", "survey").licence().id()).isEqualTo("CC-BY-4.0");
    }

    @Test
    void extractsAreTheOfficersThenTheShippedOnes() {
        Sources s = Sources.withOfficerFile(SourcesFileTest.VALID);
        assertThat(s.extracts()).extracting(Extract::id).containsExactly("claimants-lsoa");
        assertThat(Sources.shipped().extracts()).isEmpty();
        // the fetched file resolves to the entry its key matched
        Extract x = s.extracts().get(0);
        assertThat(s.resolve(x.key(), "nomis-api").entry()).isEqualTo(x.entry());
    }

    @Test
    void loadReadsTheLakesFileAndFallsBackToTheShippedOne(@TempDir Path dir) throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        assertThat(Sources.load(store, "lake").officerFile()).isNull();
        store.put("lake", Sources.CONFIG_KEY, ("\uFEFF" + OFFICER).getBytes(StandardCharsets.UTF_8),
                PutOptions.of("application/yaml"));
        Sources s = Sources.load(store, "lake");
        assertThat(s.resolve("jsna/x.csv", "table").entry()).isEqualTo("jsna-csv");
    }
}
