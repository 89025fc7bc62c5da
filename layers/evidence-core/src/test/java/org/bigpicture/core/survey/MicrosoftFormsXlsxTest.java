package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.TableInput;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Microsoft Forms XLSX export (written here with fastexcel, dates as real date cells): ID, Start
 * time, Completion time, Email, Name, then the questions; a multi-select answer is the chosen
 * options joined by ';' with a trailing ';'.
 */
class MicrosoftFormsXlsxTest {

    @TempDir
    Path tmp;

    static final String[] FIRST = {"Kwame", "Bethan", "Yusuf", "Imogen", "Rhys"};
    static final String[] LAST = {"Mensah", "Pryce", "Okonkwo", "Fairbairn", "Tattersall"};

    /** 40 responses. Residents: rows 0–23; business owners: 24–39. */
    static Path writeExport(Path dir) throws Exception {
        Path file = dir.resolve("Council services survey.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "Microsoft Forms", "1.0");
            Worksheet ws = wb.newWorksheet("Sheet1");
            String[] header = {"ID", "Start time", "Completion time", "Email", "Name", "Which of these best describes you?",
                    "Which council services have you used in the last year?",
                    "How satisfied are you with your local park? (1 = very dissatisfied, 5 = very satisfied)",
                    "Any other comments?", "What is your date of birth?"};
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            int[] satisfaction = new int[40];
            // 1: 2, 2: 4, 3: 8, 4: 14, 5: 12
            int[][] plan = {{1, 2}, {2, 4}, {3, 8}, {4, 14}, {5, 12}};
            int k = 0;
            for (int[] p : plan) {
                for (int j = 0; j < p[1]; j++) {
                    satisfaction[k++] = p[0];
                }
            }
            for (int i = 0; i < 40; i++) {
                int r = i + 1;
                LocalDateTime start = LocalDateTime.of(2021, 3, 1 + i % 28, 9, i % 60, 5);
                ws.value(r, 0, i + 1);
                ws.value(r, 1, start);
                ws.style(r, 1).format("m/d/yy h:mm:ss").set();
                ws.value(r, 2, start.plusMinutes(4));
                ws.style(r, 2).format("m/d/yy h:mm:ss").set();
                String first = FIRST[i % 5];
                String last = LAST[(i / 5) % 5];
                ws.value(r, 3, i % 4 == 0 ? "anonymous" : first.toLowerCase() + "." + last.toLowerCase() + "@stockport-example.org.uk");
                ws.value(r, 4, first + " " + last);
                ws.value(r, 5, i < 24 ? "Resident" : "Business owner");
                List<String> used = new ArrayList<>();
                if (i < 20) {
                    used.add("Libraries");
                }
                if (i >= 10 && i < 34) {
                    used.add("Parks");
                }
                if (i < 36) {
                    used.add("Bin collection");
                }
                if (i >= 30 && i < 35) {
                    used.add("Leisure centres");
                }
                if (!used.isEmpty()) {
                    ws.value(r, 6, String.join(";", used) + ";");
                }
                ws.value(r, 7, satisfaction[i]);
                if (i == 3) {
                    ws.value(r, 8, "The park café closes too early. Text me on 07700 900555.");
                } else if (i == 8) {
                    ws.value(r, 8, "Lovely green spaces, thank you to the volunteers.");
                }
                ws.value(r, 9, LocalDate.of(1950 + i, 1 + i % 12, 1 + i % 28));
                ws.style(r, 9).format("dd/mm/yyyy").set();
            }
            wb.finish();
        }
        return file;
    }

    @Test
    void convertsTheExportWithMultiSelectJoinedBySemicolons() throws Exception {
        Path file = writeExport(tmp);
        TableInput table = TestTables.xlsx("surveys/Council services survey.xlsx", file);
        SurveyFormat format = new SurveyFormat();
        assertThat(format.claims(table)).isTrue();
        Path out = Files.createDirectories(tmp.resolve("out"));
        ConvertedDataset ds = format.convert(table, new TestWorkspace(out)).get(0);

        assertThat(ds.layout()).isEqualTo("Microsoft Forms XLSX, one header row, 10 columns");
        // ID (the pseudonym's source), Email, Name, date of birth
        assertThat(ds.summary()).containsEntry("respondents", 40L).containsEntry("questions", 4L)
                .containsEntry("personal_columns_dropped", 4L);
        SurveySummary s = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));

        SurveySummary.Question used = s.question("Which council services have you used in the last year?").orElseThrow();
        assertThat(used.type()).isEqualTo(SurveySummary.MULTI_SELECT);
        Published.near(used.base(), 36);   // rows 36–39 chose nothing
        assertThat(used.options()).extracting(SurveySummary.OptionCount::label)
                .containsExactly("Bin collection", "Parks", "Libraries", "Other answers");
        // everyone who answered chose bin collection: the same respondents as the base, so the same number
        Published.cell(used.options().get(0), 36, used.base());
        assertThat(used.options().get(0).count()).isEqualTo(used.base());
        Published.cell(used.options().get(1), 24, used.base());
        // 20 withheld so that "Other answers" (Leisure centres, 5 < 10, merged because a
        // rare value may be typed-in text) cannot be had by subtraction
        Published.withheld(used.options().get(2));
        Published.withheld(used.options().get(3));

        SurveySummary.Question park = s.question("How satisfied are you with your local park?").orElseThrow();
        assertThat(park.type()).isEqualTo(SurveySummary.SINGLE_CHOICE);
        Published.near(park.base(), 40);
        assertThat(park.options()).extracting(SurveySummary.OptionCount::label).containsExactly("1", "2", "3", "4", "5");
        Published.cell(park.option("4").orElseThrow(), 14, park.base());
        Published.cell(park.option("5").orElseThrow(), 12, park.base());
        Published.withheld(park.option("3").orElseThrow());

        SurveySummary.Question who = s.question("Which of these best describes you?").orElseThrow();
        assertThat(who.options()).extracting(SurveySummary.OptionCount::label).containsExactly("Resident", "Business owner");
        Published.cell(who.options().get(0), 24, who.base());
        Published.cell(who.options().get(1), 16, who.base());
        Published.near(used.byGroup().get("Which of these best describes you?").get("Resident").base(), 24);
        Published.near(used.byGroup().get("Which of these best describes you?").get("Business owner").base(), 12);

        assertThat(SubtractionAttack.recoverable(s)).isEmpty();

        List<String> text = LakeOutputs.allText(ds.dir()).stream().filter(t -> !t.matches("[0-9a-f]{20}")).toList();
        String all = String.join("\n", text);
        for (String planted : List.of("Kwame", "Bethan", "Yusuf", "Imogen", "Rhys", "Mensah", "Pryce", "Okonkwo",
                "Fairbairn", "Tattersall", "stockport-example", "07700 900555", "1950-", "1969-")) {
            assertThat(all).as(planted).doesNotContain(planted);
        }
        assertThat(text).contains("The park café closes too early. Text me on [phone].");
        List<List<Object>> dates = LakeOutputs.rows(ds.dir().resolve("respondents.parquet"),
                "SELECT min(response_date)::VARCHAR, max(response_date)::VARCHAR, count(*) FROM read_parquet(?)");
        assertThat(dates.get(0)).containsExactly("2021-03-01", "2021-03-28", 40L);
    }
}
