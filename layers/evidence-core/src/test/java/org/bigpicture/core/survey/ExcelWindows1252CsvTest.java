package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.TableInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code surveys/town-centre-paper-survey-excel-1252.csv}: paper returns typed into Excel and saved
 * as "CSV" (Windows-1252, CRLF): accented names, a {@code £} in a header and in answers, a quoted
 * newline. No survey tool wrote it, so it is taken because its key is under {@code surveys/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExcelWindows1252CsvTest {

    static final Path FIXTURE = Path.of("src/test/resources/surveys/town-centre-paper-survey-excel-1252.csv");

    ConvertedDataset ds;
    SurveySummary summary;

    @BeforeAll
    void convert(@TempDir Path tmp) throws Exception {
        TableInput table = TestTables.csv("surveys/town-centre-paper-survey.csv", FIXTURE, TestTables.WINDOWS_1252);
        SurveyFormat format = new SurveyFormat();
        assertThat(format.claims(table)).isTrue();
        assertThat(format.claims(TestTables.csv("data/town-centre-paper-survey.csv", FIXTURE, TestTables.WINDOWS_1252)))
                .as("outside surveys/ a plain table is not claimed").isFalse();
        ds = format.convert(table, new TestWorkspace(tmp)).get(0);
        summary = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
    }

    @Test
    void countsBasesPercentagesAndIntervals() {
        assertThat(ds.layout()).isEqualTo("Respondent-per-row survey table (CSV), one header row, 10 columns");
        // Ref (pseudonym source), First name, Surname, Email, Telephone
        assertThat(ds.summary()).containsEntry("respondents", 36L).containsEntry("questions", 5L)
                .containsEntry("personal_columns_dropped", 5L);

        SurveySummary.Question who = summary.question("Which of these best describes you?").orElseThrow();
        Published.near(who.base(), 36);
        assertThat(who.options()).extracting(SurveySummary.OptionCount::label)
                .containsExactly("Resident", "Business owner", "Other answers");
        Published.cell(who.options().get(0), 20, who.base());
        Published.withheld(who.options().get(1));   // 10, secondary
        Published.withheld(who.options().get(2));   // Visitor, 6

        SurveySummary.Question heard = summary.question("How did you hear about this survey?").orElseThrow();
        assertThat(heard.options()).extracting(SurveySummary.OptionCount::label)
                .containsExactly("Council website", "Facebook", "Leaflet");
        Published.cell(heard.options().get(0), 14, heard.base());
        // Leaflet, 10, is at the threshold: published only when its perturbation is not negative, and with
        // this secret it is negative; Facebook (12) is withheld with it, or Leaflet would be base - the others
        Published.withheld(heard.options().get(1));
        Published.withheld(heard.options().get(2));
        // Residents: 8, 7, 5 (all under 10); the other two groups are withheld in the group question.
        var groups = heard.byGroup().get("Which of these best describes you?");
        Published.near(groups.get("Resident").base(), 20);
        assertThat(groups.get("Resident").options()).allMatch(SurveySummary.OptionCount::suppressed);
        assertThat(groups.get("Business owner").base()).isNull();
        assertThat(groups.get("Other answers").base()).isNull();
        assertThat(SubtractionAttack.recoverable(summary)).isEmpty();

        SurveySummary.Question spend = summary.question("How much did you spend in Stockport town centre last week (£)?").orElseThrow();
        assertThat(spend.type()).isEqualTo(SurveySummary.NUMERIC);
        Published.near(spend.base(), 30);   // 6 left blank
    }

    @Test
    void decodesAccentsPoundSignsAndQuotedNewlinesAndKeepsNoPersonalData() throws Exception {
        List<List<Object>> comments = LakeOutputs.rows(ds.dir().resolve("responses.parquet"),
                "SELECT answer, themes FROM read_parquet(?) WHERE question = 'Comments' ORDER BY answer");
        assertThat(comments).hasSize(8);
        assertThat(comments).extracting(r -> r.get(0)).contains(
                "Spent £40 at the market, lovely day.",
                "The new café on Underbank is great.\r\nMore seating outside please.",
                "Ring me on [phone] about the parking permit.",
                "Email [email] for my views.");
        assertThat(comments).anySatisfy(r -> {
            assertThat(r.get(0)).isEqualTo("Shops closing on Merseyway is sad.");
            assertThat(r.get(1)).isEqualTo("Local business and town centre");
        });
        List<List<Object>> spend = LakeOutputs.rows(ds.dir().resolve("responses.parquet"),
                "SELECT sum(answer_number), count(*) FROM read_parquet(?) WHERE question_type = 'numeric'");
        // (25 + 40.50 + 0 + 120 + 15 + 60 + 8.99 + 33 + 47 + 12.50) × 3
        assertThat(((Number) spend.get(0).get(0)).doubleValue()).isCloseTo(1085.97, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(spend.get(0).get(1)).isEqualTo(30L);

        String all = String.join("\n", LakeOutputs.allText(ds.dir()).stream().filter(t -> !t.matches("[0-9a-f]{20}")).toList());
        for (String planted : List.of("Zoë", "José", "Siân", "Renée", "Ciarán", "Bjørn", "François", "Éamonn", "Noël", "Dörte",
                "Aoife", "Chloé", "Súilleabháin", "Müller", "Núñez", "Brontë", "Gonçalves", "Åberg", "Hernández", "Bœuf",
                "D'Arcy", "Kearns", "Ibáñez", "Søndergaard", "francois", "@example", "07700", "P-10", "SK1 0AA", "SK4 3AD")) {
            assertThat(all).as(planted).doesNotContain(planted);
        }
        assertThat(all).contains("SK4");
    }
}
