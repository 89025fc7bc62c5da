package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Question types inferred from values, on small in-memory exports. */
class ColumnHeuristicsTest {

    @TempDir
    Path tmp;

    private SurveySummary convert(String key, List<List<String>> rows) throws Exception {
        ConvertedDataset ds = new SurveyFormat().convert(TestTables.rows(key, null, rows), new TestWorkspace(tmp)).get(0);
        return SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
    }

    @Test
    void smartSurveyExportWithLikertAnswersContainingCommas() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("UserID", "UserNo", "Name", "Email", "IP Address", "Unique ID", "Started", "Ended",
                "Q1. Would you recommend Stockport as a place to live?", "Q2. Which parks have you visited? (tick all)"));
        String[] likert = {"Yes, definitely", "Yes, probably", "No, probably not", "No, definitely not"};
        String[] parks = {"Vernon Park", "Woodbank Park", "Bramhall Park", "Vernon Park, Woodbank Park",
                "Woodbank Park, Bramhall Park", "Vernon Park, Bramhall Park, Woodbank Park"};
        for (int i = 0; i < 80; i++) {
            rows.add(List.of(String.valueOf(5000 + i), String.valueOf(i + 1), "Person " + i, "p" + i + "@example.org",
                    "192.0.2." + i, "U" + i, "01/06/2021 09:00", "01/06/2021 09:05", likert[i % 4], parks[i % 6]));
        }
        SurveySummary s = convert("uploads/smartsurvey.csv", rows);
        Published.near(s.respondents(), 80);
        // "Yes, definitely" is one answer, not two: its pieces never stand alone
        SurveySummary.Question q1 = s.question("Q1.").orElseThrow();
        assertThat(q1.type()).isEqualTo(SurveySummary.SINGLE_CHOICE);
        assertThat(q1.options()).extracting(SurveySummary.OptionCount::label).containsExactlyInAnyOrder(likert);
        Published.cell(q1.option("Yes, definitely").orElseThrow(), 20, q1.base());
        // parks: pieces recur on their own, so a multi-select. Rows cycle through 6 answers (80 = 13×6 + 2):
        // Vernon 14+13+13, Woodbank 14+13+13+13, Bramhall 13+13+13
        SurveySummary.Question q2 = s.question("Q2.").orElseThrow();
        assertThat(q2.type()).isEqualTo(SurveySummary.MULTI_SELECT);
        Published.near(q2.base(), 80);
        assertThat(q2.options()).extracting(SurveySummary.OptionCount::label)
                .containsExactlyInAnyOrder("Vernon Park", "Woodbank Park", "Bramhall Park");
        Published.cell(q2.option("Vernon Park").orElseThrow(), 40, q2.base());
        Published.cell(q2.option("Woodbank Park").orElseThrow(), 53, q2.base());
        Published.cell(q2.option("Bramhall Park").orElseThrow(), 39, q2.base());
    }

    @Test
    void freeTextWithCommasIsNotMistakenForMultiSelect() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Timestamp", "What would you change about your neighbourhood?", "Contact email"));
        for (int i = 0; i < 40; i++) {
            rows.add(List.of("2021/06/0" + (1 + i % 9) + " 10:00:00 AM GMT+1",
                    "More trees on street " + i + ", fewer cars, and a bench near number " + (i * 3),
                    i % 2 == 0 ? "n" + i + "@example.com" : ""));
        }
        SurveySummary s = convert("surveys/neighbourhood.csv", rows);
        assertThat(s.questions()).hasSize(1);   // the e-mail column is personal by its values
        assertThat(s.questions().get(0).type()).isEqualTo(SurveySummary.FREE_TEXT);
        Published.near(s.questions().get(0).base(), 40);
    }
}
