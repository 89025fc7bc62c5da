package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SurveySummaryTest {

    private static final String JSON = """
            {"respondents": 120, "questions": [
              {"id": "q1", "text": "Do you feel more connected to your local community since lockdown?",
               "type": "single_choice", "base": 100,
               "options": [
                 {"label": "Yes", "count": 43, "pct": 43.0, "ci95_low": 33.7, "ci95_high": 52.8, "suppressed": false},
                 {"label": "Not sure", "count": null, "pct": null, "ci95_low": null, "ci95_high": null, "suppressed": true}],
               "by_group": {"I am responding as": {"A resident": {"base": 80, "options": [
                 {"label": "Yes", "count": 40, "pct": 50.0, "ci95_low": 39.3, "ci95_high": 60.7, "suppressed": false}]}}},
               "future_field": 1}]}
            """;

    @Test
    void readsTheDocumentedShapeAndWritesItBack() throws Exception {
        SurveySummary s = SurveySummary.read(new ByteArrayInputStream(JSON.getBytes(StandardCharsets.UTF_8)));

        assertThat(s.respondents()).isEqualTo(120);
        SurveySummary.Question q = s.question("more connected").orElseThrow();
        assertThat(q.base()).isEqualTo(100L);
        assertThat(q.closed()).isTrue();
        assertThat(q.option("yes").orElseThrow().ci95Low()).isEqualTo(33.7);
        assertThat(q.option("Not sure").orElseThrow().count()).isNull();
        assertThat(q.byGroup().get("I am responding as").get("A resident").base()).isEqualTo(80L);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.write(out);
        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("\"ci95_low\" : 33.7", "\"by_group\"", "\"count\" : null", "\"suppressed\" : true");
        assertThat(SurveySummary.parse(written)).isEqualTo(s);
    }
}
