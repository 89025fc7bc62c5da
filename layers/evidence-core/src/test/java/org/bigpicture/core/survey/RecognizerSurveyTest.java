package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.convert.UploadTables;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.TableInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The survey exports through the production readers: {@link Recognizer#standard} decodes them
 * (BOM, Windows-1252, CRLF, quoted newlines, XLSX date cells) and picks {@link SurveyFormat}.
 */
class RecognizerSurveyTest {

    @TempDir
    Path tmp;

    private final Recognizer recognizer = Recognizer.standard(Limits.defaults());

    private ConvertedDataset ingest(String key, Path file) throws Exception {
        UploadTables upload = recognizer.open(key, file);
        assertThat(upload.tables()).hasSize(1);
        TableInput table = upload.tables().get(0);
        Format format = recognizer.formatFor(table);
        assertThat(format).isInstanceOf(SurveyFormat.class);
        assertThat(format.family()).isEqualTo("survey");
        return format.convert(table, new TestWorkspace(tmp)).get(0);
    }

    private static SurveySummary summary(ConvertedDataset ds) throws Exception {
        return SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
    }

    @Test
    void surveyMonkeyCsvWithBomAndCrlf() throws Exception {
        ConvertedDataset ds = ingest("surveys/Resident survey 2021.csv", SurveyMonkeyFixtureTest.FIXTURE);
        assertThat(ds.layout()).isEqualTo("SurveyMonkey CSV, two header rows, 20 columns");
        assertThat(ds.summary()).containsEntry("respondents", 60L).containsEntry("questions", 8L);
        SurveySummary.Question connected = summary(ds).question("more connected").orElseThrow();
        Published.cell(connected.option("Yes").orElseThrow(), 26, connected.base());   // 26 of 55
    }

    @Test
    void windows1252ExcelCsvDecodesAccentsAndPoundSigns() throws Exception {
        ConvertedDataset ds = ingest("surveys/town-centre-paper-survey.csv", ExcelWindows1252CsvTest.FIXTURE);
        assertThat(ds.summary()).containsEntry("respondents", 36L).containsEntry("personal_columns_dropped", 5L);
        assertThat(summary(ds).question("How much did you spend in Stockport town centre last week (£)?")).isPresent();
        List<List<Object>> comments = LakeOutputs.rows(ds.dir().resolve("responses.parquet"),
                "SELECT answer FROM read_parquet(?) WHERE question = 'Comments' ORDER BY answer");
        assertThat(comments).extracting(r -> (String) r.get(0))
                .contains("Spent £40 at the market, lovely day.")
                .anySatisfy(t -> assertThat(t).startsWith("The new café on Underbank is great.").contains("\n")
                        .endsWith("More seating outside please."));
        String all = String.join("\n", LakeOutputs.allText(ds.dir()).stream().filter(t -> !t.matches("[0-9a-f]{20}")).toList());
        assertThat(all).doesNotContain("Zoë", "Siân", "Bœuf", "Søndergaard", "@example", "07700");
    }

    @Test
    void microsoftFormsXlsx() throws Exception {
        Path file = MicrosoftFormsXlsxTest.writeExport(Files.createDirectories(tmp.resolve("in")));
        ConvertedDataset ds = ingest("surveys/Council services survey.xlsx", file);
        assertThat(ds.layout()).isEqualTo("Microsoft Forms XLSX, one header row, 10 columns");
        assertThat(ds.summary()).containsEntry("respondents", 40L).containsEntry("personal_columns_dropped", 4L);
        SurveySummary.Question used = summary(ds).question("Which council services have you used").orElseThrow();
        Published.near(used.base(), 36);
        Published.cell(used.option("Parks").orElseThrow(), 24, used.base());
        List<List<Object>> dates = LakeOutputs.rows(ds.dir().resolve("respondents.parquet"),
                "SELECT min(response_date)::VARCHAR, max(response_date)::VARCHAR FROM read_parquet(?)");
        assertThat(dates.get(0)).containsExactly("2021-03-01", "2021-03-28");
    }

    @Test
    void realExportsAreRecognisedAsSurveys() throws Exception {
        Optional<Path> real = TestTables.realData();
        assumeTrue(real.isPresent());
        Path sm = real.get().resolve("survey/public_survey_data.csv");
        Path gf = real.get().resolve("survey/Autistica_Turing Citizen Science Platform (Responses) - Form Responses 1(3).csv");
        assumeTrue(Files.exists(sm) && Files.exists(gf));
        assertThat(ingest("survey/public_survey_data.csv", sm).summary()).containsEntry("respondents", 311L).containsEntry("questions", 24L);
        assertThat(ingest("community/autistica.csv", gf).summary()).containsEntry("respondents", 42L).containsEntry("questions", 4L);
    }

    @Test
    void ordinaryTablesAreNotTakenForSurveys() throws Exception {
        Path csv = tmp.resolve("libraries.csv");
        Files.writeString(csv, "Library,Visits 2021\nCentral,120000\nBramhall,45000\n");
        assertThat(recognizer.formatFor(recognizer.open("tables/libraries.csv", csv).tables().get(0)))
                .isNotInstanceOf(SurveyFormat.class);
    }
}
