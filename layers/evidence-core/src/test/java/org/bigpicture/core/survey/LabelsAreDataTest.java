package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "labels are data": no answer label is published unless it is a closed option; a label
 * matching any detector never is; typed answers that repeat stay free text; a scale's option keeps
 * its own label, suppressed where small.
 */
class LabelsAreDataTest {

    @TempDir
    Path tmp;

    private SurveySummary convert(List<List<String>> rows) throws Exception {
        ConvertedDataset ds = new SurveyFormat().convert(TestTables.rows("surveys/labels.csv", null, rows),
                new TestWorkspace(tmp)).get(0);
        return SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
    }

    @Test
    void tenRespondentsTypingTheSameCommentDoNotMakeItAChoice() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Timestamp", "Which ward do you live in?", "Any other comments?"));
        for (int i = 0; i < 40; i++) {
            rows.add(List.of("2024/03/01 10:00:00 AM GMT", i % 2 == 0 ? "Reddish North" : "Heald Green",
                    i < 14 ? "No comment" : i < 26 ? "None" : i < 32 ? "Great service" : "Comment number " + i + " about the parks"));
        }
        // 11 distinct answers for 40 respondents, most repeated: by its values alone a choice. Its text says otherwise.
        SurveySummary s = convert(rows);
        assertThat(s.question("Any other comments?").orElseThrow().type()).isEqualTo(SurveySummary.FREE_TEXT);
        assertThat(s.toJson()).doesNotContain("No comment").doesNotContain("Great service");
        assertThat(s.question("Which ward").orElseThrow().type()).isEqualTo(SurveySummary.SINGLE_CHOICE);
    }

    @Test
    void aLabelHoldingAnIdentifierIsNeverPublishedWhateverItsCount() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Timestamp", "Who did you speak to?"));
        for (int i = 0; i < 60; i++) {
            rows.add(List.of("2024/03/01 10:00:00 AM GMT",
                    i < 20 ? "Reception" : i < 40 ? "Housing team" : i < 45 ? "someone on 0161 496 0123" : "Library staff"));
        }
        SurveySummary s = convert(rows);
        SurveySummary.Question q = s.question("Who did you speak to?").orElseThrow();
        assertThat(q.options()).extracting(SurveySummary.OptionCount::label).doesNotContain("someone on 0161 496 0123");
        assertThat(s.toJson()).doesNotContain("0161");
    }

    @Test
    void scaleOptionsKeepTheirLabelsEvenWhenFewChoseThem() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Timestamp", "How much do you agree: the park is well kept?"));
        String[] answers = new String[40];
        for (int i = 0; i < 40; i++) {
            answers[i] = i < 18 ? "Agree" : i < 30 ? "Strongly agree" : i < 37 ? "Neither agree nor disagree" : i < 39
                    ? "Disagree" : "Strongly disagree";
            rows.add(List.of("2024/03/01 10:00:00 AM GMT", answers[i]));
        }
        SurveySummary.Question q = convert(rows).question("How much do you agree").orElseThrow();
        assertThat(q.options()).extracting(SurveySummary.OptionCount::label).containsExactlyInAnyOrder("Agree",
                "Strongly agree", "Neither agree nor disagree", "Disagree", "Strongly disagree");
        assertThat(q.option("Disagree").orElseThrow().suppressed()).isTrue();
        assertThat(q.option("Strongly disagree").orElseThrow().suppressed()).isTrue();
    }

    @Test
    void scaleVocabulary() {
        for (String l : new String[] {"Very useful", "Not at all useful", "Quite satisfied", "Not very likely",
                "Strongly disagree", "Neither satisfied nor dissatisfied", "1 - Very poor", "5", "Don't know",
                "Prefer not to say", "Fairly unsafe"}) {
            assertThat(Scales.isScaleOption(l)).as(l).isTrue();
        }
        for (String l : new String[] {"Leisure centres", "jane@example.org", "The bins are late", "Reddish North"}) {
            assertThat(Scales.isScaleOption(l)).as(l).isFalse();
        }
    }
}
