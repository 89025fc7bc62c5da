package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SurveyLayoutTest {

    private static SurveyLayout detect(String key, List<List<String>> head) {
        return SurveyLayout.detect(key, head);
    }

    @Test
    void surveyMonkeyWithAndWithoutThePandasIndexColumn() {
        SurveyLayout plain = detect("x.csv", List.of(
                List.of("Respondent ID", "Collector ID", "Start Date", "Q1?", "Q2?", "", ""),
                List.of("", "", "", "Response", "Apples", "Pears", "Other (please specify)"),
                List.of("1", "2", "06/01/2021 09:00:00 AM", "Yes", "Apples", "", "")));
        assertThat(plain.tool()).isEqualTo(SurveyLayout.Tool.SURVEYMONKEY);
        assertThat(plain.headerRows()).isEqualTo(2);
        assertThat(plain.indexColumn()).isFalse();
        assertThat(plain.columns().get(5)).isEqualTo(new SurveyLayout.HeaderCell("Q2?", "Pears", false));

        SurveyLayout pandas = detect("x.csv", List.of(
                List.of("", "Q1?", "Q2?", "Unnamed: 13"),
                List.of("0", "Response", "A", "B"),
                List.of("1", "Yes", "A", "")));
        assertThat(pandas.tool()).isEqualTo(SurveyLayout.Tool.SURVEYMONKEY);
        assertThat(pandas.indexColumn()).isTrue();
        assertThat(pandas.columns().get(3)).isEqualTo(new SurveyLayout.HeaderCell("Q2?", "B", false));
        assertThat(pandas.describe(false)).isEqualTo("SurveyMonkey CSV, two header rows, 4 columns, leading index column dropped");
    }

    @Test
    void microsoftGoogleAndSmartSurvey() {
        assertThat(detect("a.xlsx", List.of(List.of("ID", "Start time", "Completion time", "Email", "Name", "Q?"))).tool())
                .isEqualTo(SurveyLayout.Tool.MICROSOFT_FORMS);
        assertThat(detect("a.csv", List.of(List.of("Timestamp", "How did you hear about us?"), List.of("8/21/2019 13:10:31", "Radio"))).tool())
                .isEqualTo(SurveyLayout.Tool.GOOGLE_FORMS);
        // a sensor log with a Timestamp column is not a form
        assertThat(detect("a.csv", List.of(List.of("Timestamp", "PM10", "NO2"), List.of("2021-01-01 00:00", "12", "30")))).isNull();
        SurveyLayout smart = detect("a.csv", List.of(
                List.of("UserID", "UserNo", "Name", "Email", "IP Address", "Unique ID", "Started", "Ended", "Q1. Do you agree?"),
                List.of("101", "1", "", "", "192.0.2.1", "", "01/06/2021 09:00", "01/06/2021 09:05", "Agree")));
        assertThat(smart.tool()).isEqualTo(SurveyLayout.Tool.SMARTSURVEY);
        assertThat(smart.headerRows()).isEqualTo(1);
    }

    @Test
    void anyRespondentTableUnderSurveysButNothingElse() {
        List<List<String>> table = List.of(List.of("Ward", "Rating"), List.of("Heaton Moor", "4"));
        assertThat(detect("surveys/ward-ratings.csv", table).tool()).isEqualTo(SurveyLayout.Tool.GENERIC);
        assertThat(detect("Surveys/ward-ratings.csv", table)).isNotNull();
        assertThat(detect("jsna/ward-ratings.csv", table)).isNull();
        assertThat(detect("surveys/empty.csv", List.of(List.of("Ward", "Rating")))).isNull();
    }
}
