package org.bigpicture.core.survey;

import org.bigpicture.core.NeedsSharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.TableInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two real exports in {@code shared/realdata/survey/} (SOURCES.md, sections 8 and 9) ingest as
 * surveys, and every published count matches an independent count of the raw CSV.
 */
@NeedsSharedData
class RealSurveyExportsTest {

    @TempDir
    Path tmp;

    private static Path realFile(String name) {
        Optional<Path> dir = TestTables.realData();
        assumeTrue(dir.isPresent(), "shared/realdata not present");
        Path f = dir.get().resolve("survey").resolve(name);
        assumeTrue(Files.exists(f), name + " not present");
        return f;
    }

    @Test
    void surveyMonkeyExportCountsMatchTheRawCsv() throws Exception {
        Path file = realFile("public_survey_data.csv");
        TableInput table = TestTables.csv("surveys/public_survey_data.csv", file, TestTables.UTF8);
        SurveyFormat format = new SurveyFormat();
        assertThat(format.claims(table)).isTrue();

        ConvertedDataset ds = format.convert(table, new TestWorkspace(tmp)).get(0);
        SurveySummary s = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));

        // Independent count: the raw CSV, its two header rows, 311 respondents.
        List<List<String>> raw = RawCsv.read(file, TestTables.UTF8);
        List<String> h1 = raw.get(0);
        List<String> h2 = raw.get(1);
        List<List<String>> data = raw.subList(2, raw.size());
        long respondents = data.stream().filter(r -> r.subList(1, r.size()).stream().anyMatch(v -> !v.isBlank())).count();
        assertThat(respondents).isEqualTo(311);
        Published.near(s.respondents(), respondents);
        assertThat(ds.layout()).isEqualTo("SurveyMonkey CSV, two header rows, 48 columns, leading index column dropped");
        assertThat(ds.kind()).isEqualTo("survey");
        assertThat(ds.summary()).containsEntry("respondents", 311L).containsEntry("questions", 24L);

        int checkedQuestions = 0;
        int col = 1;
        while (col < h1.size()) {
            int end = col + 1;
            while (end < h1.size() && h1.get(end).startsWith("Unnamed: ")) {
                end++;
            }
            String text = h1.get(col);
            SurveySummary.Question q = s.questions().stream().filter(x -> x.text().equals(text)).findFirst().orElseThrow();
            Map<String, Long> expected = new HashMap<>();
            long base = 0;
            for (List<String> r : data) {
                boolean any = false;
                for (int c = col; c < end; c++) {
                    String v = c < r.size() ? r.get(c).trim() : "";
                    if (!v.isEmpty()) {
                        any = true;
                        expected.merge(h2.get(c).equals("Response") ? v : h2.get(c), 1L, Long::sum);
                    }
                }
                base += any ? 1 : 0;
            }
            Published.near(q.base(), base);
            assertThat(q.type()).isEqualTo(end - col > 1 ? SurveySummary.MULTI_SELECT : SurveySummary.SINGLE_CHOICE);
            for (SurveySummary.OptionCount o : q.options()) {
                long want = expected.getOrDefault(o.label(), 0L);
                if (o.suppressed()) {
                    assertThat(o.count()).isNull();
                } else {
                    Published.cell(o, want, q.base());
                    assertThat(want).isGreaterThanOrEqualTo(10);
                }
            }
            assertThat(q.options()).extracting(SurveySummary.OptionCount::label).containsAll(expected.keySet());
            checkedQuestions++;
            col = end;
        }
        assertThat(checkedQuestions).isEqualTo(24);

        SurveySummary.Question member = s.question("Are you a member of OHBM?").orElseThrow();
        Published.cell(member.option("Yes").orElseThrow(), 254, member.base());   // 254 / 310 = 81.9%
        Published.cell(member.option("No").orElseThrow(), 56, member.base());
    }

    @Test
    void googleFormsExportCountsMatchTheRawCsv() throws Exception {
        Path file = realFile("Autistica_Turing Citizen Science Platform (Responses) - Form Responses 1(3).csv");
        TableInput table = TestTables.csv("community/autistica-responses.csv", file, TestTables.UTF8);
        SurveyFormat format = new SurveyFormat();
        assertThat(format.claims(table)).isTrue();

        ConvertedDataset ds = format.convert(table, new TestWorkspace(tmp)).get(0);
        SurveySummary s = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
        SurveyThemes themes = SurveyThemes.read(Files.newInputStream(ds.dir().resolve("themes.json")));

        List<List<String>> raw = RawCsv.read(file, TestTables.UTF8);
        List<List<String>> data = raw.subList(1, raw.size());
        assertThat(data).hasSize(42);
        Published.near(s.respondents(), 42);
        assertThat(ds.layout()).startsWith("Google Forms CSV, one header row, 5 columns");

        // Q1: free text; 14 blank.
        long q1 = data.stream().filter(r -> !r.get(2).isBlank()).count();
        SurveySummary.Question free = s.question("Q1:").orElseThrow();
        assertThat(free.type()).isEqualTo(SurveySummary.FREE_TEXT);
        assertThat(q1).isEqualTo(28);
        Published.near(free.base(), q1);
        // the same answers, the same cell: the same published base in both files
        assertThat(themes.question(free.id()).orElseThrow().base()).isEqualTo(free.base());

        // Q2: multi-select joined by ", ": count each option independently.
        List<String> known = List.of("I am autistic", "I am a parent/ guardian of someone autistic",
                "Someone in my family is autistic", "I know someone who is autistic",
                "I have another personal connection to autism", "I have no personal connection to autism", "Prefer not to say");
        Map<String, Long> expected = new HashMap<>();
        long base = 0;
        for (List<String> r : data) {
            String v = r.get(3);
            if (v.isBlank()) {
                continue;
            }
            base++;
            List<String> parts = new ArrayList<>(new LinkedHashSet<>(List.of(v.split(", "))));
            assertThat(known).containsAll(parts);
            parts.forEach(p -> expected.merge(p, 1L, Long::sum));
        }
        SurveySummary.Question multi = s.question("Q2:").orElseThrow();
        assertThat(multi.type()).isEqualTo(SurveySummary.MULTI_SELECT);
        assertThat(base).isEqualTo(42);
        Published.near(multi.base(), base);
        assertThat(expected.get("I am autistic")).isEqualTo(33);
        // Options chosen by fewer than 10 are published together as "Other answers" (typed-in text never leaks),
        // a respondent who chose two of them counted once; a standard option ("Prefer not to say") is the
        // form's wording, not typed text, and keeps its own label, suppressed (issue 11).
        long rare = data.stream().filter(r -> !r.get(3).isBlank()
                && List.of(r.get(3).split(", ")).stream()
                        .anyMatch(p -> expected.get(p) < 10 && !p.equals("Prefer not to say"))).count();
        for (SurveySummary.OptionCount o : multi.options()) {
            if (!o.suppressed()) {
                Published.cell(o, o.label().equals("Other answers") ? rare : expected.get(o.label()), multi.base());
            }
        }
        assertThat(multi.options()).extracting(SurveySummary.OptionCount::label).containsExactly(
                "I am autistic", "I am a parent/ guardian of someone autistic", "I know someone who is autistic",
                "Prefer not to say", "Other answers");
        assertThat(multi.option("Prefer not to say").orElseThrow().suppressed()).isTrue();
        Published.cell(multi.option("I am autistic").orElseThrow(), 33, multi.base());   // 33 / 42 = 78.6%
    }
}
