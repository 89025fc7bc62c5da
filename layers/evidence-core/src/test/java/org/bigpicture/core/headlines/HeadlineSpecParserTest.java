package org.bigpicture.core.headlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bigpicture.core.convert.BadInputException;
import org.junit.jupiter.api.Test;

class HeadlineSpecParserTest {

    private static final String MINIMAL = """
            subject: {code: E08000007, name: Stockport}
            comparators:
              - {code: E92000001, name: England}
            headlines:
              - id: pop
                title: Population
                computation: latest
                data: {family: [mye], indicator: population}
                statement: "{subject} had {value} people in {period}; England {england}."
            """;

    @Test
    void defaultSpecParsesAndCoversThePapersHeadlines() {
        HeadlineSpec spec = HeadlineSpecParser.parseDefault();

        assertThat(spec.subject().code()).isEqualTo("E08000007");
        assertThat(spec.comparators()).extracting(HeadlineSpec.Area::code)
                .containsExactly("E12000002", "E92000001", "E47000001");
        assertThat(spec.headlines()).extracting(HeadlineSpec.Headline::id).contains("population-change",
                "aged-65-and-over", "claimant-rate", "imd-most-deprived-decile", "imd-least-deprived-decile",
                "polarisation-rank", "life-expectancy-female", "life-expectancy-male", "survey-more-connected",
                "survey-support-local-business", "survey-best-things");
        assertThat(spec.areas().get("E12000002").members()).hasSize(39);
        assertThat(spec.areas().get("E47000001").members()).hasSize(10).containsKey("E08000007");
    }

    @Test
    void minimalSpecParsesWithDefaults() {
        HeadlineSpec spec = HeadlineSpecParser.parse(MINIMAL);
        HeadlineSpec.Headline h = spec.headlines().get(0);
        assertThat(h.computation()).isEqualTo(Computation.LATEST);
        assertThat(spec.comparators().get(0).key()).isEqualTo("england");
        assertThat(h.data().kinds()).containsExactly("observations");
    }

    @Test
    void rejectsMalformedYamlWithTheLine() {
        String bad = MINIMAL.replace("    title: Population\n", "    title: [Population\n");
        assertThatThrownBy(() -> HeadlineSpecParser.parse(bad))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.line()).isBetween(6, 8);
                    assertThat(e.reason()).startsWith("not valid YAML");
                });
    }

    @Test
    void rejectsUnknownKeyWithItsLine() {
        String bad = MINIMAL.replace("    computation: latest\n", "    computation: latest\n    colour: red\n");
        assertThatThrownBy(() -> HeadlineSpecParser.parse(bad))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.reason()).contains("unknown key 'colour'");
                });
    }

    @Test
    void rejectsUnknownComputationNamingTheVocabulary() {
        String bad = MINIMAL.replace("computation: latest", "computation: median");
        assertThatThrownBy(() -> HeadlineSpecParser.parse(bad))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.reason()).contains("unknown computation 'median'").contains("small_area_share");
                });
    }

    @Test
    void rejectsTemplateVariableTheComputationCannotFill() {
        String bad = MINIMAL.replace("England {england}.", "rank {rank}.");
        assertThatThrownBy(() -> HeadlineSpecParser.parse(bad))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.line()).isEqualTo(9);
                    assertThat(e.reason()).contains("{rank}");
                });
    }

    @Test
    void rejectsDuplicateIdsKeysBadPatternsAndAliases() {
        String twice = MINIMAL + """
                  - id: pop
                    title: Again
                    computation: latest
                    data: {indicator: population}
                    statement: "{value}"
                """;
        assertThatThrownBy(() -> HeadlineSpecParser.parse(twice))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.line()).isEqualTo(10);
                    assertThat(e.reason()).contains("used twice");
                });
        String dupKey = MINIMAL.replace("    title: Population\n", "    title: Population\n    title: Again\n");
        assertThatThrownBy(() -> HeadlineSpecParser.parse(dupKey))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.line()).isEqualTo(7));
        String badRegex = MINIMAL.replace("indicator: population", "indicator: \"popu(lation\"");
        assertThatThrownBy(() -> HeadlineSpecParser.parse(badRegex))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.reason()).contains("not a valid pattern");
                });
        String alias = "a: &x [1, 2]\nb: *x\n";
        assertThatThrownBy(() -> HeadlineSpecParser.parse(alias))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.reason()).contains("anchors"));
    }

    @Test
    void rejectsBadAreaCodes() {
        String bad = MINIMAL.replace("code: E92000001", "code: England");
        assertThatThrownBy(() -> HeadlineSpecParser.parse(bad))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).contains("not a GSS area code");
                });
    }

    @Test
    void validatorIsRegisteredForIngest() {
        assertThat(org.bigpicture.core.Wiring.configValidators()).anySatisfy(v ->
                assertThat(v).isInstanceOf(HeadlinesConfigValidator.class));
    }

    @Test
    void validatorRejectsWithLineAndReasonAsBadInput() {
        HeadlinesConfigValidator v = new HeadlinesConfigValidator();
        assertThat(v.name()).isEqualTo("headlines.yaml");
        v.validate("config/headlines.yaml", MINIMAL);
        v.validate("config/headlines.yaml", HeadlineSpecParser.defaultText());
        assertThatThrownBy(() -> v.validate("config/headlines.yaml", "subject: {code: E08000007\nheadlines: []\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.file()).isEqualTo("config/headlines.yaml");
                    assertThat(e.line()).isGreaterThan(0);
                    assertThat(e.reason()).isNotBlank();
                });
    }
}
