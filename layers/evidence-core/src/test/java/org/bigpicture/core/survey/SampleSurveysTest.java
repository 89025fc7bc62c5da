package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's survey samples ({@code samples/surveys/}) give the borough plan's headline numbers. */
class SampleSurveysTest {

    static final Path SAMPLES = Path.of("../../samples/surveys");

    @TempDir
    Path tmp;

    @Test
    void residentSurveyHeadlines() throws Exception {
        ConvertedDataset ds = new SurveyFormat().convert(TestTables.csv("surveys/stockport-resident-survey-2021-surveymonkey.csv",
                SAMPLES.resolve("stockport-resident-survey-2021-surveymonkey.csv"), TestTables.UTF8), new TestWorkspace(tmp)).get(0);
        SurveySummary s = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
        Published.near(s.respondents(), 1212);
        // true: 507 of 1,180 (43.0%, 95% CI 40.2–45.8); published: each count within 2 of that, the
        // percentage and interval from the published numbers (42.8–43.2%, depending on the secret)
        SurveySummary.Question connected = s.question("more connected").orElseThrow();
        Published.near(connected.base(), 1180);
        Published.cell(connected.option("More connected").orElseThrow(), 507, connected.base());
        assertThat(connected.option("More connected").orElseThrow().pct()).isBetween(42.8, 43.2);
        // true: 1,006 of 1,170 (86.0%, 83.9–87.9)
        SurveySummary.Question support = s.question("continue to support local businesses").orElseThrow();
        Published.near(support.base(), 1170);
        Published.cell(support.option("Yes").orElseThrow(), 1006, support.base());
        assertThat(s.question("best things about living in Stockport").orElseThrow().options().get(0).label())
                .isEqualTo("Parks and green spaces");
        assertThat(SubtractionAttack.recoverable(s)).isEmpty();
        String all = String.join("\n", LakeOutputs.allText(ds.dir()).stream().filter(t -> !t.matches("[0-9a-f]{20}")).toList());
        for (String planted : List.of("@example", "192.0.2.", "07700", "0161 496", "SK4 2XX", "Fletcher", "Okafor", "ward-newsletter", "128123")) {
            assertThat(all).as(planted).doesNotContain(planted);
        }
    }

    @Test
    void businessSurveyFromGoogleForms() throws Exception {
        ConvertedDataset ds = new SurveyFormat().convert(TestTables.csv("surveys/stockport-business-recovery-survey-google-forms.csv",
                SAMPLES.resolve("stockport-business-recovery-survey-google-forms.csv"), TestTables.UTF8), new TestWorkspace(tmp)).get(0);
        assertThat(ds.layout()).isEqualTo("Google Forms CSV, one header row, 8 columns");
        SurveySummary s = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
        Published.near(s.respondents(), 148);
        SurveySummary.Question support = s.question("Which kinds of support have you used").orElseThrow();
        assertThat(support.type()).isEqualTo(SurveySummary.MULTI_SELECT);
        Published.cell(support.option("Furlough (Coronavirus Job Retention Scheme)").orElseThrow(), 85, support.base());
        String all = String.join("\n", LakeOutputs.allText(ds.dir()).stream().filter(t -> !t.matches("[0-9a-f]{20}")).toList());
        assertThat(all).doesNotContain("@example-business", "07700");
    }
}
