package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.TableInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code surveys/stockport-resident-survey-surveymonkey.csv}: a fake SurveyMonkey export (UTF-8 with
 * BOM, CRLF, two header rows, the standard respondent/collector/IP/e-mail/name/custom-data columns)
 * of 60 respondents plus 2 partial responses with no answers. Every true count below was worked out
 * by hand from the fixture's design (the comments give the sums); the published counts are those
 * counts perturbed by the cell key method ({@link Published}: within 2 of the truth, percentages and
 * intervals from the published count and base).
 */
class SurveyMonkeyFixtureTest {

    static final Path FIXTURE = Path.of("src/test/resources/surveys/stockport-resident-survey-surveymonkey.csv");

    @TempDir
    Path tmp;

    ConvertedDataset ds;
    SurveySummary summary;
    SurveyThemes themes;

    @BeforeEach
    void convert() throws Exception {
        TableInput table = TestTables.csv("surveys/Resident survey 2021.csv", FIXTURE, TestTables.UTF8);
        SurveyFormat format = new SurveyFormat();
        assertThat(format.claims(table)).isTrue();
        ds = format.convert(table, new TestWorkspace(tmp)).get(0);
        summary = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
        themes = SurveyThemes.read(Files.newInputStream(ds.dir().resolve("themes.json")));
    }

    @Test
    void reportsTheLayoutRespondentsAndDroppedColumns() throws Exception {
        assertThat(ds.family()).isEqualTo("survey");
        assertThat(ds.kind()).isEqualTo("survey");
        assertThat(ds.datasetId()).isEqualTo("surveys-resident-survey-2021");
        assertThat(ds.layout()).isEqualTo("SurveyMonkey CSV, two header rows, 20 columns");
        assertThat(ds.rowsRead()).isEqualTo(62);
        assertThat(ds.rowsWritten()).isEqualTo(60);
        assertThat(ds.rejected()).isEqualTo(Map.of("rows with no answers", 2L));
        // Respondent ID, Collector ID, IP Address, Email Address, First Name, Last Name, Custom Data 1
        assertThat(ds.summary()).containsEntry("respondents", 60L).containsEntry("questions", 8L)
                .containsEntry("personal_columns_dropped", 7L);
        try (var files = Files.list(ds.dir())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "codebook.json", "respondents.parquet", "respondents.schema.json", "responses.parquet",
                    "responses.schema.json", "summary.json", "themes.json");
        }
        assertThat(summary.questions()).extracting(SurveySummary.Question::type).containsExactly(
                "single_choice", "single_choice", "single_choice", "multi_select", "free_text",
                "single_choice", "single_choice", "free_text");
    }

    @Test
    void theCodebookKeepsItsKeysInAFixedOrder() throws Exception {
        // Byte-identical outputs for the same upload: no map whose order changes from JVM to JVM.
        String codebook = Files.readString(ds.dir().resolve("codebook.json"));
        assertThat(codebook.indexOf("\"min_cell_count\"")).isPositive()
                .isLessThan(codebook.indexOf("\"min_base_for_percentage\""));
    }

    @Test
    void singleChoiceCountsPercentagesAndWilsonBounds() {
        SurveySummary.Question q = summary.question("more connected to your local community").orElseThrow();
        // 26 Yes + 20 No + 9 Not sure = 55 answered; 5 left it blank.
        Published.near(q.base(), 55);
        assertThat(q.options()).extracting(SurveySummary.OptionCount::label).containsExactly("Yes", "No", "Not sure");
        Published.cell(q.options().get(0), 26, q.base());
        // 20 is withheld only because Not sure (9 < 10) could otherwise be had as base - Yes - No
        Published.withheld(q.options().get(1));
        Published.withheld(q.options().get(2));

        SurveySummary.Question support = summary.question("Will you continue to support local businesses?").orElseThrow();
        Published.near(support.base(), 56);   // 48 + 2 + 6
        Published.cell(support.option("Yes").orElseThrow(), 48, support.base());
        Published.withheld(support.option("No").orElseThrow());
        Published.withheld(support.option("Don't know").orElseThrow());

        SurveySummary.Question as = summary.question("I am responding as").orElseThrow();
        Published.near(as.base(), 60);
        // everyone answered it: its base is the same respondents as the export's, so the same number
        assertThat(as.base()).isEqualTo(summary.respondents());
        assertThat(as.options()).extracting(SurveySummary.OptionCount::label).containsExactly(
                "A Stockport resident", "Someone who works in Stockport", "A local business owner");
        Published.cell(as.options().get(0), 36, as.base());
        Published.cell(as.options().get(1), 14, as.base());
        // 10, right at the threshold: published because its perturbation (with this secret) is not negative
        Published.cell(as.options().get(2), 10, as.base());

        SurveySummary.Question age = summary.question("What is your age?").orElseThrow();
        assertThat(age.options()).extracting(SurveySummary.OptionCount::label)
                .containsExactly("35-54", "16-34", "55+", "Prefer not to say");
        Published.cell(age.option("35-54").orElseThrow(), 22, age.base());
        Published.cell(age.option("16-34").orElseThrow(), 18, age.base());
        Published.withheld(age.option("55+").orElseThrow());
        Published.withheld(age.option("Prefer not to say").orElseThrow());
    }

    @Test
    void multiSelectSpanningOneColumnPerOption() {
        SurveySummary.Question q = summary.question("What are the best things about living in Stockport?").orElseThrow();
        assertThat(q.type()).isEqualTo(SurveySummary.MULTI_SELECT);
        // 50 respondents ticked at least one box (including 1 who only wrote an "Other" answer).
        Published.near(q.base(), 50);
        assertThat(q.options()).extracting(SurveySummary.OptionCount::label).containsExactly("Parks and green spaces",
                "Local shops and markets", "Transport links", "Friendly neighbours", "Other (please specify)");
        Published.cell(q.options().get(0), 30, q.base());
        Published.cell(q.options().get(1), 24, q.base());
        Published.cell(q.options().get(2), 12, q.base());
        Published.withheld(q.options().get(3));   // 7
        Published.withheld(q.options().get(4));   // 3
        // The typed-in "Other" answers are a free-text question of their own (in themes.json only);
        // its base, 3, is under the threshold, so it is withheld too.
        SurveySummary.Question other = summary.question("What are the best things about living in Stockport? (Tick all that apply): Other (please specify)").orElseThrow();
        assertThat(other.type()).isEqualTo(SurveySummary.FREE_TEXT);
        assertThat(other.base()).isNull();
        assertThat(other.options()).isEmpty();
    }

    @Test
    void breakdownByRespondentGroupIsDisclosureControlled() {
        SurveySummary.Question q = summary.question("more connected to your local community").orElseThrow();
        assertThat(q.byGroup()).containsOnlyKeys("I am responding as", "What is your age?");
        Map<String, SurveySummary.GroupBreakdown> as = q.byGroup().get("I am responding as");
        assertThat(as).containsOnlyKeys("A Stockport resident", "Someone who works in Stockport", "A local business owner");
        // Residents: 18 Yes, 12 No, 3 Not sure (33 answered).
        SurveySummary.GroupBreakdown residents = as.get("A Stockport resident");
        Published.near(residents.base(), 33);
        Published.cell(residents.options().get(0), 18, residents.base());
        Published.withheld(residents.options().get(1));
        Published.withheld(residents.options().get(2));
        // Business owners answering: 9 < 10, so the group is withheld; then workers (13) too, or
        // their base would be 55 - 33 - 13.
        assertThat(as.get("A local business owner").base()).isNull();
        assertThat(as.get("Someone who works in Stockport").base()).isNull();
        assertThat(as.get("Someone who works in Stockport").options()).allMatch(SurveySummary.OptionCount::suppressed);

        // Age groups: "Prefer not to say" and "55+" are withheld in the age question itself, so here too.
        Map<String, SurveySummary.GroupBreakdown> age = q.byGroup().get("What is your age?");
        assertThat(age.get("Prefer not to say").base()).isNull();
        assertThat(age.get("55+").base()).isNull();
        Published.near(age.get("35-54").base(), 22);   // 9 Yes, 6 No, 7 Not sure: all withheld
        assertThat(age.get("35-54").options()).allMatch(SurveySummary.OptionCount::suppressed);
        // nobody skipped the age question, so there is no "Not stated" group
        assertThat(age).doesNotContainKey(SurveySummary.NOT_STATED);
    }

    @Test
    void noSuppressedCellCanBeRecoveredBySubtraction() {
        assertThat(SubtractionAttack.recoverable(summary)).isEmpty();
        assertThat(SubtractionAttack.recoverable(themes)).isEmpty();
        // and the attack has something to work on: cells were withheld
        assertThat(summary.questions().stream().flatMap(q -> q.options().stream()).filter(SurveySummary.OptionCount::suppressed).count())
                .isGreaterThanOrEqualTo(8);
    }

    @Test
    void postcodesAreCutToTheDistrict() throws Exception {
        SurveySummary.Question q = summary.question("What is your postcode?").orElseThrow();
        assertThat(q.type()).isEqualTo(SurveySummary.SINGLE_CHOICE);
        Published.near(q.base(), 40);
        // SK4 2AB, sk4 3dd and SK4 1NQ, four times each
        Published.cell(q.option("SK4").orElseThrow(), 12, q.base());
        assertThat(q.options()).extracting(SurveySummary.OptionCount::label)
                .containsExactlyInAnyOrder("SK1", "SK2", "SK3", "SK4", "SK5", "SK6", "SK7", "SK8");
        List<List<Object>> districts = LakeOutputs.rows(ds.dir().resolve("respondents.parquet"),
                "SELECT postcode_district, count(*) FROM read_parquet(?) GROUP BY 1 ORDER BY 1 NULLS LAST");
        assertThat(districts.get(3)).containsExactly("SK4", 12L);
        assertThat(districts.get(8)).containsExactly(null, 20L);
    }

    @Test
    void freeTextIsRedactedInTheLakeAndCodedToThemes() throws Exception {
        List<List<Object>> answers = LakeOutputs.rows(ds.dir().resolve("responses.parquet"),
                "SELECT answer, themes FROM read_parquet(?) WHERE question_type = 'free_text' ORDER BY answer");
        List<String> texts = answers.stream().map(r -> (String) r.get(0)).toList();
        assertThat(texts).contains(
                "More support for independent shops in the town centre please. Email me at [email]",
                "Buses to Marple are unreliable. Call [phone] if you want details.",
                "I live at [postcode] and the pavement is broken.",
                "Text me on [phone] about the consultation.",
                "Contact: [email] or [phone].",
                "My allotment, ring me on [phone]");
        assertThat(answers).anySatisfy(r -> {
            assertThat(r.get(0)).isEqualTo("Mental health services were hard to reach during Covid.");
            assertThat(r.get(1)).isEqualTo("Covid impact on health and wellbeing");
        });

        SurveyThemes.QuestionThemes q = themes.question(summary.question("anything else you would like to tell us").orElseThrow().id()).orElseThrow();
        Published.near(q.base(), 20);
        assertThat(q.themes()).extracting(SurveySummary.OptionCount::label).containsExactly(
                "Connected communities", "Inclusive employment and skills", "Environment, climate and green spaces",
                "Equality and inclusion", "Covid impact on health and wellbeing", "Local business and town centre", "Not coded");
        // 20 answers: no theme reaches 10, so every cell is withheld (and nothing is recoverable).
        assertThat(q.themes()).allMatch(SurveySummary.OptionCount::suppressed);
    }

    @Test
    void noPlantedPersonalDataReachesAnyLakeObject() throws Exception {
        // (pseudonymous keys are hex and could contain digit runs by chance: they are checked below)
        List<String> text = LakeOutputs.allText(ds.dir()).stream().filter(t -> !t.matches("[0-9a-f]{20}")).toList();
        String all = String.join("\n", text);
        List<String> planted = List.of(
                // names
                "Margaret", "Tomasz", "Aisha", "Gareth", "Priya", "Declan", "Hannah", "Kwame", "Siobhan", "Oliver",
                "Oduya", "Kowalczyk", "Rahman", "Llewellyn", "Chaudhry", "Byrne", "Whitworth", "Mensah", "Gallagher",
                "Pennington", "Brenda", "Ashworth",
                // e-mail addresses, IP addresses, phone numbers, ids, custom data, full postcodes
                "@example", "203.0.113.", "198.51.100.", "07700", "900123", "0161 496", "+44", "7700 900",
                "114009873", "114009879", "405112233", "CRM-", "SK4 2AB", "sk4 3dd", "SK1 1AA", "SK8 3LN", "SK4 1NQ");
        for (String p : planted) {
            assertThat(all).as("planted %s", p).doesNotContainIgnoringCase(p);
        }
        // the pseudonymous keys are there, one per respondent, and none is a tool id
        List<List<Object>> keys = LakeOutputs.rows(ds.dir().resolve("respondents.parquet"),
                "SELECT count(*), count(DISTINCT respondent_key), min(length(respondent_key)) FROM read_parquet(?)");
        assertThat(keys.get(0)).containsExactly(60L, 60L, 20L);
    }

    @Test
    void respondentsAndResponsesTablesAreConsistentWithTheSummary() throws Exception {
        Path responses = ds.dir().resolve("responses.parquet");
        List<List<Object>> connected = LakeOutputs.rows(responses,
                "SELECT answer, count(DISTINCT respondent_key) FROM read_parquet(?) WHERE question LIKE 'Do you feel more connected%' GROUP BY 1 ORDER BY 1");
        assertThat(connected).containsExactly(List.of("No", 20L), List.of("Not sure", 9L), List.of("Yes", 26L));
        List<List<Object>> dates = LakeOutputs.rows(ds.dir().resolve("respondents.parquet"),
                "SELECT min(response_date)::VARCHAR, max(response_date)::VARCHAR FROM read_parquet(?)");
        // SurveyMonkey writes US dates: 06/01/2021 … 06/28/2021
        assertThat(dates.get(0)).containsExactly("2021-06-01", "2021-06-28");
    }
}
