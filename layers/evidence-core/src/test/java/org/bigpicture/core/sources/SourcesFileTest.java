package org.bigpicture.core.sources;

import org.bigpicture.core.util.YamlException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** sources.yaml as the validator reads it: what it accepts, and every rejection with its line and reason. */
class SourcesFileTest {

    /** A valid officer's file: a third-party survey, a key-mapped folder, and one extract. Lines matter below. */
    static final String VALID = """
            version: 1
            sources:
              - id: autistica-survey
                keys: ["partners/autistica/**"]
                publisher:
                  name: Autistica
                  url: https://www.autistica.org.uk/
                licence: CC-BY-4.0
                attribution: "Source: Autistica community survey, licensed under CC BY 4.0."
                title: Autistica community survey
              - id: nomis-claimants
                keys: [nomis/claimants/*.csv]
                families: [nomis-api]
                publisher: {name: Nomis, url: https://www.nomisweb.co.uk/}
                licence: OGL-UK-3.0
                attribution: "Source: Office for National Statistics, via Nomis."
            extracts:
              - id: claimants-lsoa
                url: https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?geography=1249934337
                key: nomis/claimants/lsoa.csv
                content_type: text/csv
            """;

    static YamlException rejection(String text) {
        try {
            SourcesFile.parse("config/sources.yaml", text);
        } catch (YamlException e) {
            return e;
        }
        throw new AssertionError("accepted:\n" + text);
    }

    @Test
    void acceptsAValidFileWithEntriesAndExtracts() {
        SourcesFile f = SourcesFile.parse("config/sources.yaml", VALID);

        assertThat(f.fallback()).isNull();
        assertThat(f.entries()).extracting(SourceEntry::id).containsExactly("autistica-survey", "nomis-claimants");
        SourceEntry autistica = f.entries().get(0);
        assertThat(autistica.line()).isEqualTo(3);
        assertThat(autistica.terms().licence()).isEqualTo(Licence.byId("CC-BY-4.0"));
        assertThat(autistica.terms().licence().url()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
        assertThat(autistica.terms().publisher()).isEqualTo(new Publisher("Autistica", "https://www.autistica.org.uk/"));
        assertThat(autistica.terms().title()).isEqualTo("Autistica community survey");
        assertThat(f.extracts()).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo("nomis/claimants/lsoa.csv");
            assertThat(x.entry()).isEqualTo("nomis-claimants");
            assertThat(x.contentType()).isEqualTo("text/csv");
            assertThat(x.line()).isEqualTo(18);
            assertThat(x.description()).isNull();
        });
        SourcesFile described = SourcesFile.parse("config/sources.yaml", VALID.replace("    content_type: text/csv",
                "    content_type: text/csv\n    description: Claimant count by LSOA, monthly"));
        assertThat(described.extracts().get(0).description()).isEqualTo("Claimant count by LSOA, monthly");
    }

    @Test
    void theShippedFileParsesAndHasADefault() {
        SourcesFile shipped = Sources.shipped().shippedFile();
        assertThat(shipped.fallback()).isNotNull();
        assertThat(shipped.fallback().licence()).isEqualTo(Licence.OGL_UK_3_0);
        assertThat(shipped.entries()).extracting(SourceEntry::id).contains("ons", "nomis", "ohid-fingertips",
                "mhclg-indices-of-deprivation", "council-surveys");
        assertThat(shipped.extracts()).isEmpty();
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of("unknown top-level key", VALID.replace("version: 1\n", "version: 1\npublishers: []\n"),
                        2, "unknown key 'publishers' at the top level"),
                Arguments.of("unknown key in an entry", VALID.replace("    title: Autistica", "    colour: red\n"
                        + "    title: Autistica"), 10, "unknown key 'colour' in an entry of 'sources'"),
                Arguments.of("unknown key in a publisher", VALID.replace("{name: Nomis,", "{name: Nomis, email: x,"),
                        14, "unknown key 'email' in 'publisher'"),
                Arguments.of("unknown key in an extract", VALID.replace("    content_type: text/csv",
                        "    content_type: text/csv\n    schedule: monthly"), 22, "unknown key 'schedule' in an extract"),
                Arguments.of("unknown licence", VALID.replace("licence: CC-BY-4.0", "licence: CC-BY-40"), 8,
                        "unknown licence 'CC-BY-40'; known: OGL-UK-3.0"),
                Arguments.of("licence in the wrong case", VALID.replace("licence: CC-BY-4.0", "licence: cc-by-4.0"), 8,
                        "did you mean CC-BY-4.0?"),
                Arguments.of("key pattern with a class", VALID.replace("\"partners/autistica/**\"",
                        "\"partners/[ab]utistica/**\""), 4, "'[' is not supported in a key pattern"),
                Arguments.of("key pattern with ** inside a name", VALID.replace("\"partners/autistica/**\"",
                        "\"partners/autistica**\""), 4, "'**' must be a whole folder segment"),
                Arguments.of("key pattern starting with /", VALID.replace("\"partners/autistica/**\"",
                        "\"/partners/**\""), 4, "raw keys do not start with '/'"),
                Arguments.of("key pattern ending with /", VALID.replace("\"partners/autistica/**\"",
                        "\"partners/\""), 4, "matches no file"),
                Arguments.of("key pattern with ..", VALID.replace("\"partners/autistica/**\"",
                        "\"partners/../x/**\""), 4, "'..' folders are not allowed"),
                Arguments.of("key pattern under config/", VALID.replace("\"partners/autistica/**\"",
                        "\"config/*.yaml\""), 4, "configuration files, never data"),
                Arguments.of("bad family pattern", VALID.replace("families: [nomis-api]", "families: [nomis/api]"), 13,
                        "'/' cannot appear in a family pattern"),
                Arguments.of("publisher URL not a URL", VALID.replace("url: https://www.autistica.org.uk/",
                        "url: www.autistica.org.uk"), 7, "is not a web address"),
                Arguments.of("publisher URL with a space", VALID.replace("url: https://www.autistica.org.uk/",
                        "url: https://www.autistica.org.uk/our work"), 7, "spaces must be written %20"),
                Arguments.of("extract over http", VALID.replace("url: https://www.nomisweb.co.uk/api",
                        "url: http://www.nomisweb.co.uk/api"), 19, "extracts are fetched over https only"),
                Arguments.of("extract URL with credentials", VALID.replace("url: https://www.nomisweb.co.uk/api",
                        "url: https://user:secret@www.nomisweb.co.uk/api"), 19, "not the place for credentials"),
                Arguments.of("extract URL without a host", VALID.replace(
                        "url: https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?geography=1249934337",
                        "url: \"https:///data.csv\""), 19, "has no host name"),
                Arguments.of("extract key matching no pattern", VALID.replace("key: nomis/claimants/lsoa.csv",
                        "key: nomis/lsoa.csv"), 20, "the key 'nomis/lsoa.csv' matches no entry's 'keys'"),
                Arguments.of("extract key that is a pattern", VALID.replace("key: nomis/claimants/lsoa.csv",
                        "key: nomis/claimants/*.csv"), 20, "is a pattern character, not part of a key"),
                Arguments.of("extract key under config/", VALID.replace("key: nomis/claimants/lsoa.csv",
                        "key: config/sources.yaml"), 20, "the refresh never writes configuration"),
                Arguments.of("bad content type", VALID.replace("content_type: text/csv", "content_type: csv"), 21,
                        "'csv' is not a media type"),
                Arguments.of("duplicate entry id", VALID.replace("id: nomis-claimants", "id: autistica-survey"), 11,
                        "entry id 'autistica-survey' is used twice (first on line 3)"),
                Arguments.of("duplicate YAML key", VALID.replace("    licence: CC-BY-4.0\n",
                        "    licence: CC-BY-4.0\n    licence: OGL-UK-3.0\n"), 9,
                        "the key 'licence' appears twice (first on line 8)"),
                Arguments.of("duplicate extract id", VALID + """
                              - id: claimants-lsoa
                                url: https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?geography=2
                                key: nomis/claimants/other.csv
                            """, 22, "extract id 'claimants-lsoa' is used twice (first on line 18)"),
                Arguments.of("two extracts writing one key", VALID + """
                              - id: claimants-again
                                url: https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?geography=2
                                key: nomis/claimants/lsoa.csv
                            """, 24, "two extracts write the key 'nomis/claimants/lsoa.csv' (first on line 20)"),
                Arguments.of("one URL fetched twice", VALID + """
                              - id: claimants-again
                                url: https://www.nomisweb.co.uk/api/v01/dataset/NM_162_1.data.csv?geography=1249934337
                                key: nomis/claimants/again.csv
                            """, 23, "the url is fetched twice (first on line 19)"),
                Arguments.of("duplicate pattern in an entry", VALID.replace("\"partners/autistica/**\"",
                        "\"partners/autistica/**\", \"Partners/Autistica/**\""), 4, "is listed twice in 'keys'"),
                Arguments.of("an entry shadowed by an earlier one", VALID.replace("keys: [nomis/claimants/*.csv]\n"
                        + "    families: [nomis-api]", "keys: [\"partners/autistica/**\"]"), 11,
                        "entry 'nomis-claimants' can never match: entry 'autistica-survey' (line 3)"),
                Arguments.of("entry with neither keys nor families", VALID.replace("    keys: [\"partners/autistica/**\"]\n",
                        ""), 3, "entry 'autistica-survey' needs 'keys'"),
                Arguments.of("entry without attribution", VALID.replace(
                        "    attribution: \"Source: Autistica community survey, licensed under CC BY 4.0.\"\n", ""), 3,
                        "entry 'autistica-survey' needs 'attribution'"),
                Arguments.of("publisher without a URL", VALID.replace("{name: Nomis, url: https://www.nomisweb.co.uk/}",
                        "{name: Nomis}"), 14, "publisher needs 'url'"),
                Arguments.of("bad id", VALID.replace("id: nomis-claimants", "id: Nomis Claimants"), 11,
                        "'Nomis Claimants' is not a valid id"),
                Arguments.of("YAML anchor and alias", VALID.replace("    publisher:\n      name: Autistica",
                        "    publisher: &p\n      name: Autistica").replace(
                        "{name: Nomis, url: https://www.nomisweb.co.uk/}", "*p"), 5, "anchors and aliases"),
                Arguments.of("unsupported version", VALID.replace("version: 1", "version: 2"), 1,
                        "unsupported version '2'"),
                Arguments.of("not valid YAML", VALID.replace("    licence: OGL-UK-3.0", "    licence: [OGL"), 16,
                        "not valid YAML"),
                Arguments.of("a file declaring nothing", "version: 1\n", 1, "the file declares nothing"),
                Arguments.of("sources not a list", "sources: {id: x}\n", 1, "'sources' must be a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithTheLineAndTheReason(String what, String text, int line, String reason) {
        YamlException e = rejection(text);
        assertThat(e.reason()).as(what).contains(reason);
        assertThat(e.line()).as(what + ": " + e.getMessage()).isEqualTo(line);
    }

    @Test
    void anOfficersFileOverTheShippedOneRejectsNothingTheShippedFileAccepts() {
        assertThatThrownBy(() -> Sources.withOfficerFile("sources: nope\n")).isInstanceOf(YamlException.class);
        assertThat(Sources.withOfficerFile(VALID).officerFile().entries()).hasSize(2);
    }
}
