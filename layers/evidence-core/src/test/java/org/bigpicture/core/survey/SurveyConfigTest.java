package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config/disclosure.yaml} and {@code config/themes.yaml}: validated with line and reason, then applied. */
class SurveyConfigTest {

    @TempDir
    Path tmp;

    @Test
    void disclosureDefaultsAndOverrides() {
        assertThat(DisclosureRules.parse("config/disclosure.yaml", "")).isEqualTo(new DisclosureRules(10, 30));
        assertThat(DisclosureRules.parse("config/disclosure.yaml", "# stricter\nmin_cell_count: 20\n"))
                .isEqualTo(new DisclosureRules(20, 30));
        assertThat(DisclosureRules.parse("k", "min_cell_count: 5\nmin_base_for_percentage: 50\n")).isEqualTo(new DisclosureRules(5, 50));
        assertThat(DisclosureRules.parse("k", "max_perturbation: 3\n")).isEqualTo(new DisclosureRules(10, 30, 3));
        assertThat(DisclosureRules.defaults().maxPerturbation()).isEqualTo(2);
    }

    @Test
    void perturbationCannotBeSwitchedOffOrMadeHuge() {
        DisclosureConfigValidator v = new DisclosureConfigValidator();
        assertThatThrownBy(() -> v.validate("config/disclosure.yaml", "min_cell_count: 10\nmax_perturbation: 0\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).contains("max_perturbation must be between 1 and 5, not 0", "exact counts");
                });
        assertThatThrownBy(() -> v.validate("config/disclosure.yaml", "max_perturbation: 9\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.reason()).contains("between 1 and 5, not 9"));
        assertThatThrownBy(() -> v.validate("config/disclosure.yaml", "max_perturbation: two\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.reason()).contains("whole number", "two"));
    }

    @Test
    void aWiderPerturbationIsApplied() throws Exception {
        // 30 yes/no questions, question q answered Yes by 20 + q of 100 respondents
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        java.util.List<String> header = new java.util.ArrayList<>(java.util.List.of("Respondent ID"));
        for (int q = 0; q < 30; q++) {
            header.add("Do you use service number " + q + "?");
        }
        rows.add(header);
        for (int r = 0; r < 100; r++) {
            java.util.List<String> row = new java.util.ArrayList<>(java.util.List.of(String.valueOf(900_000 + r)));
            for (int q = 0; q < 30; q++) {
                row.add(r < 20 + q ? "Yes" : "No");
            }
            rows.add(row);
        }
        int[] widest = new int[2];
        for (int d : new int[] {2, 5}) {
            TestWorkspace ws = new TestWorkspace(java.nio.file.Files.createDirectories(tmp.resolve("d" + d)))
                    .withConfig("disclosure.yaml", "max_perturbation: " + d + "\n");
            ConvertedDataset ds = new SurveyFormat().convert(TestTables.rows("surveys/services.csv", null, rows), ws).get(0);
            SurveySummary s = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
            assertThat(s.disclosure().maxPerturbation()).isEqualTo(d);
            int widestMove = 0;
            for (int q = 0; q < 30; q++) {
                long yes = s.question("Do you use service number " + q + "?").orElseThrow().option("Yes").orElseThrow().count();
                widestMove = Math.max(widestMove, (int) Math.abs(yes - (20 + q)));
            }
            assertThat(widestMove).isLessThanOrEqualTo(d);
            widest[d == 2 ? 0 : 1] = widestMove;
        }
        // 30 draws from -5..+5: one beyond 2 is all but certain (and fixed by the test secret)
        assertThat(widest[1]).isGreaterThan(2);
    }

    @Test
    void disclosureRejectsWithLineAndReason() {
        DisclosureConfigValidator v = new DisclosureConfigValidator();
        assertThat(v.name()).isEqualTo("disclosure.yaml");
        assertThatThrownBy(() -> v.validate("config/disclosure.yaml", "min_cell_count: 10\nmin_base_for_percentage: lots\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.reason()).contains("min_base_for_percentage", "whole number", "lots");
                });
        assertThatThrownBy(() -> v.validate("config/disclosure.yaml", "min_cell_count: 10\n\nmin_cel_count: 3\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.reason()).contains("unknown setting 'min_cel_count'");
                });
        assertThatThrownBy(() -> v.validate("config/disclosure.yaml", "min_cell_count: 0\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.reason()).contains("between 1 and"));
        assertThatThrownBy(() -> v.validate("config/disclosure.yaml", "min_cell_count: [10\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.reason()).startsWith("not valid YAML");
                    assertThat(e.line()).isGreaterThanOrEqualTo(1);
                });
    }

    @Test
    void themesValidatorNamesTheLine() {
        ThemesConfigValidator v = new ThemesConfigValidator();
        assertThat(v.name()).isEqualTo("themes.yaml");
        v.validate("config/themes.yaml", "themes:\n  - name: Parks\n    keywords: [park*, green]\n");
        assertThatThrownBy(() -> v.validate("config/themes.yaml", "themes:\n  - name: Parks\n    keywords: [park*, green]\n  - name: Buses\n    keywords: []\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.reason()).contains("keywords");
                });
        assertThatThrownBy(() -> v.validate("config/themes.yaml", "themes:\n  - name: Parks\n    keywords: [park*]\n  - name: parks\n    keywords: [green]\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.reason()).contains("appears twice");
                });
        assertThatThrownBy(() -> v.validate("config/themes.yaml", "themes:\n  - name: Parks\n    keywords: ['*park']\n"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.line()).isEqualTo(3));
        assertThatThrownBy(() -> v.validate("config/themes.yaml", "topics: []\n"))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void validatorsAreRegisteredForIngest() {
        assertThat(org.bigpicture.core.Wiring.configValidators()).extracting(org.bigpicture.core.convert.ConfigValidator::name)
                .contains("disclosure.yaml", "themes.yaml");
    }

    @Test
    void defaultDictionaryCodesTheBoroughPlanThemes() {
        ThemeDictionary d = ThemeDictionary.defaults();
        assertThat(d.themes()).extracting(SurveyThemes.Theme::name).containsExactly(
                "Connected communities", "Inclusive employment and skills", "Environment, climate and green spaces",
                "Equality and inclusion", "Covid impact on health and wellbeing", "Local business and town centre");
        assertThat(d.code("Volunteering at the food bank during lockdown")).containsExactly(0, 3, 4);
        assertThat(d.code("More cycle lanes")).containsExactly(2);
        assertThat(d.code("Sparkling")).isEmpty();   // "park" is a whole word, not a substring
        assertThat(d.code("The TOWN   CENTRE needs shops")).containsExactly(5);
    }

    @Test
    void officerConfigurationIsApplied() throws Exception {
        TestWorkspace ws = new TestWorkspace(tmp)
                .withConfig("disclosure.yaml", "min_cell_count: 3\nmin_base_for_percentage: 10\n")
                .withConfig("themes.yaml", "themes:\n  - name: Buses and trains\n    keywords: [bus*, train*, transport]\n");
        ConvertedDataset ds = new SurveyFormat().convert(
                TestTables.csv("surveys/r.csv", SurveyMonkeyFixtureTest.FIXTURE, TestTables.UTF8), ws).get(0);
        SurveySummary s = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
        // with a threshold of 3, Not sure (9) and No (20) are published
        DisclosureRules rules = new DisclosureRules(3, 10);
        SurveySummary.Question connected = s.question("more connected").orElseThrow();
        Published.cell(connected.option("Not sure").orElseThrow(), 9, connected.base(), rules);
        Published.cell(connected.option("No").orElseThrow(), 20, connected.base(), rules);
        SurveyThemes t = SurveyThemes.read(Files.newInputStream(ds.dir().resolve("themes.json")));
        assertThat(t.themes()).extracting(SurveyThemes.Theme::name).containsExactly("Buses and trains");
        SurveyThemes.QuestionThemes q = t.question(s.question("anything else you would like to tell us").orElseThrow().id()).orElseThrow();
        assertThat(q.themes()).extracting(SurveySummary.OptionCount::label).containsExactly("Buses and trains", "Not coded");
        // "bus*" also matches "businesses": 3 of 20 answers, right at the threshold of 3, so published only
        // when its perturbation is not negative; with this secret it is negative, so it is withheld, and
        // Not coded with it (base - Not coded would give it away)
        Published.near(q.base(), 20);
        Published.withheld(q.themes().get(0));
        Published.withheld(q.themes().get(1));
    }
}
