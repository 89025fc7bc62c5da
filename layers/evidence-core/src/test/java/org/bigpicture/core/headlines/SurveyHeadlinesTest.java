package org.bigpicture.core.headlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bigpicture.core.survey.SurveySummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Survey headlines of the default spec on hand-made summaries in the survey helper's shape.
 * Expected percentages and Wilson intervals were worked out by hand (z = 1.959964):
 * p = x/n, centre = (p + z²/2n)/(1 + z²/n), half = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n).
 */
class SurveyHeadlinesTest {

    @TempDir
    Path dir;

    /** The wording of the council's own survey. */
    static final String SUMMARY = """
            {"respondents": 262, "questions": [
              {"id": "Q1", "text": "What is your postcode district?", "type": "single_choice", "base": 262,
               "options": [{"label": "SK4", "count": 262, "pct": 100.0, "suppressed": false}]},
              {"id": "Q2", "text": "Since the pandemic, do you feel more or less connected to your local community?",
               "type": "single_choice", "base": 250, "options": [
                 {"label": "More connected", "count": 108, "pct": 43.2, "ci95_low": 37.2, "ci95_high": 49.4, "suppressed": false},
                 {"label": "About the same", "count": 100, "pct": 40.0, "suppressed": false},
                 {"label": "Less connected", "count": 42, "pct": 16.8, "suppressed": false}]},
              {"id": "Q3", "text": "Will you continue to support local businesses once restrictions are lifted?",
               "type": "single_choice", "base": 240, "options": [
                 {"label": "Yes, definitely", "count": 150, "suppressed": false},
                 {"label": "Yes, probably", "count": 50, "suppressed": false},
                 {"label": "No", "count": 25, "suppressed": false},
                 {"label": "Don't know", "count": 15, "suppressed": false}]},
              {"id": "Q4", "text": "What are the best things about living in Stockport? (tick all that apply)",
               "type": "multi_select", "base": 260, "options": [
                 {"label": "Transport links", "count": 150, "suppressed": false},
                 {"label": "Other", "count": 200, "suppressed": false},
                 {"label": "Parks and green spaces", "count": 180, "suppressed": false},
                 {"label": "Community groups", "count": null, "pct": null, "suppressed": true},
                 {"label": "Local shops", "count": 120, "suppressed": false}]}
            ]}
            """;

    /** The same questions worded differently, as another borough's survey might put them. */
    static final String REWORDED = """
            {"respondents": 150, "questions": [
              {"id": "q_belong", "text": "Compared with a year ago, do you feel more or less part of your neighbourhood?",
               "type": "single_choice", "base": 150, "options": [
                 {"label": "More a part of it", "count": 61, "suppressed": false},
                 {"label": "No different", "count": 70, "suppressed": false},
                 {"label": "Less a part of it", "count": 19, "suppressed": false}]},
              {"id": "q_shop", "text": "After the pandemic, will you keep shopping locally?",
               "type": "single_choice", "base": 140, "options": [
                 {"label": "Yes", "count": 90, "suppressed": false},
                 {"label": "No", "count": 20, "suppressed": false},
                 {"label": "Not sure", "count": 30, "suppressed": false}]},
              {"id": "q_like", "text": "What do you like most about life in the borough?",
               "type": "multi_select", "base": 150, "options": [
                 {"label": "Schools", "count": 40, "suppressed": false},
                 {"label": "Friendly people", "count": 55, "suppressed": false},
                 {"label": "Parks", "count": 70, "suppressed": false},
                 {"label": "None of these", "count": 90, "suppressed": false}]}
            ]}
            """;

    private Map<String, HeadlineResult> run(TestLake lake) throws Exception {
        return lake.engine().run().headlines().stream().collect(Collectors.toMap(HeadlineResult::id, r -> r));
    }

    @Test
    void fixtureIsInTheSurveyHelpersShape() throws Exception {
        SurveySummary s = SurveySummary.parse(SUMMARY);
        assertThat(s.questions()).hasSize(4);
        assertThat(SurveySummary.parse(REWORDED).questions()).hasSize(3);
    }

    @Test
    void sharesAndWilsonIntervalsMatchHandComputation() throws Exception {
        TestLake lake = new TestLake(dir);
        lake.survey("surveys-residents-2026", SUMMARY, "2026-10-01T12:00:00Z");
        Map<String, HeadlineResult> h = run(lake);

        HeadlineResult connected = h.get("survey-more-connected");
        assertThat(connected.status()).isEqualTo(HeadlineResult.Status.OK);
        assertThat(connected.value()).isEqualByComparingTo("43.2");   // 108 / 250
        assertThat(connected.ciLow()).isEqualByComparingTo("37.2");   // 37.208
        assertThat(connected.ciHigh()).isEqualByComparingTo("49.4");  // 49.398
        assertThat(connected.statement()).isEqualTo("43.2% of respondents (95% CI 37.2% to 49.4%; 108 of 250) feel "
                + "more connected to their local community.");
        assertThat(connected.details()).containsEntry("question_id", "Q2").containsEntry("answer", "More connected");
        assertThat(connected.sources()).extracting(HeadlineResult.Source::dataset).containsExactly("surveys-residents-2026");

        HeadlineResult support = h.get("survey-support-local-business");
        assertThat(support.value()).isEqualByComparingTo("83.3");     // (150 + 50) / 240
        assertThat(support.ciLow()).isEqualByComparingTo("78.1");     // 78.101
        assertThat(support.ciHigh()).isEqualByComparingTo("87.5");    // 87.515
        assertThat(support.details()).containsEntry("answer", "Yes, definitely + Yes, probably");

        HeadlineResult best = h.get("survey-best-things");
        assertThat(best.value()).isEqualByComparingTo("69.2");        // 180 / 260; "Other" is excluded
        assertThat(best.ciLow()).isEqualByComparingTo("63.4");        // 63.375
        assertThat(best.ciHigh()).isEqualByComparingTo("74.5");       // 74.527
        assertThat(best.statement()).isEqualTo("The three best things about living in Stockport, as residents see "
                + "them: Parks and green spaces (69.2%), Transport links (57.7%) and Local shops (46.2%) (base 260).");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> top = (List<Map<String, Object>>) best.details().get("top");
        assertThat(top).extracting(m -> m.get("label") + " " + m.get("ci95_low") + "-" + m.get("ci95_high"))
                .containsExactly("Parks and green spaces 63.4-74.5", "Transport links 51.6-63.5", "Local shops 40.2-52.2");

        // the rest of the default spec has no data here
        assertThat(h.get("population-change").status()).isEqualTo(HeadlineResult.Status.MISSING_DATA);
    }

    @Test
    void rewordedQuestionsStillMatchThroughSynonyms() throws Exception {
        TestLake lake = new TestLake(dir);
        lake.survey("surveys-other-borough", REWORDED, "2026-10-01T12:00:00Z");
        Map<String, HeadlineResult> h = run(lake);

        HeadlineResult connected = h.get("survey-more-connected");
        assertThat(connected.details()).containsEntry("question_id", "q_belong");
        assertThat(connected.value()).isEqualByComparingTo("40.7");   // 61 / 150
        assertThat(connected.ciLow()).isEqualByComparingTo("33.1");
        assertThat(connected.ciHigh()).isEqualByComparingTo("48.7");

        HeadlineResult support = h.get("survey-support-local-business");
        assertThat(support.details()).containsEntry("question_id", "q_shop");
        assertThat(support.value()).isEqualByComparingTo("64.3");     // 90 / 140
        assertThat(support.ciLow()).isEqualByComparingTo("56.1");
        assertThat(support.ciHigh()).isEqualByComparingTo("71.7");

        HeadlineResult best = h.get("survey-best-things");
        assertThat(best.details()).containsEntry("question_id", "q_like");
        assertThat(best.statement()).contains("Parks (46.7%), Friendly people (36.7%) and Schools (26.7%)");
    }

    @Test
    void newestSurveyWinsAndPinnedIdsOverrideKeywords() throws Exception {
        TestLake lake = new TestLake(dir);
        lake.survey("a-old", REWORDED, "2025-01-01T00:00:00Z");
        lake.survey("b-new", SUMMARY, "2026-10-01T12:00:00Z");
        assertThat(run(lake).get("survey-more-connected").value()).isEqualByComparingTo("43.2");

        lake.config(HeadlineSpecParser.defaultText().replace(
                "question: {keywords: [connected, community]}", "question: {ids: [q_shop]}")
                .replace("answer: {keywords: [more]}", "answer: {options: [\"yes\"]}"));
        HeadlineResult pinned = run(lake).get("survey-more-connected");
        assertThat(pinned.details()).containsEntry("survey", "a-old").containsEntry("question_id", "q_shop");
        assertThat(pinned.value()).isEqualByComparingTo("64.3");
    }

    @Test
    void suppressedCellsAndSmallBasesAreNotPublishedAsPercentages() throws Exception {
        TestLake lake = new TestLake(dir);
        lake.survey("s", SUMMARY.replace("{\"label\": \"More connected\", \"count\": 108",
                        "{\"label\": \"More connected\", \"count\": null, \"suppressed\": true, \"x\": 108")
                .replace("\"type\": \"single_choice\", \"base\": 240", "\"type\": \"single_choice\", \"base\": 24"),
                "2026-10-01T12:00:00Z");
        Map<String, HeadlineResult> h = run(lake);

        assertThat(h.get("survey-more-connected").status()).isEqualTo(HeadlineResult.Status.SUPPRESSED);
        assertThat(h.get("survey-more-connected").value()).isNull();
        assertThat(h.get("survey-support-local-business").status()).isEqualTo(HeadlineResult.Status.SUPPRESSED);
        assertThat(h.get("survey-support-local-business").reason()).contains("under 30");
        assertThat(h.get("survey-best-things").status()).isEqualTo(HeadlineResult.Status.OK);
    }

    @Test
    void surveyWithoutSuchQuestionsIsMissingData() throws Exception {
        TestLake lake = new TestLake(dir);
        lake.survey("s", """
                {"respondents": 40, "questions": [{"id": "Q1", "text": "How old are you?", "type": "single_choice",
                 "base": 40, "options": [{"label": "Under 30", "count": 20}, {"label": "30 or over", "count": 20}]}]}
                """, "2026-10-01T12:00:00Z");
        HeadlineResult r = run(lake).get("survey-more-connected");
        assertThat(r.status()).isEqualTo(HeadlineResult.Status.MISSING_DATA);
        assertThat(r.reason()).contains("connected + community");
        assertThat(r.needs()).contains("survey");
    }
}
