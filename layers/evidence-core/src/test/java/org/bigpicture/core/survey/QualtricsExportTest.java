package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Qualtrics CSV exports (issue 11, item 7): recognised by content under any key, personal columns dropped. */
class QualtricsExportTest {

    @TempDir
    Path tmp;

    private static List<List<String>> export(boolean importIds) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
                "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
                "Q1", "Q2"));
        rows.add(List.of("Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
                "Finished", "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email",
                "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel",
                "User Language", "Overall, how satisfied are you with the library service?", "Why do you say that?"));
        if (importIds) {
            List<String> ids = new ArrayList<>();
            for (String id : rows.get(0)) {
                ids.add("{\"ImportId\":\"" + id + "\"}");
            }
            rows.add(ids);
        }
        String[] scale = {"Very satisfied", "Fairly satisfied", "Fairly dissatisfied", "Very dissatisfied"};
        for (int i = 0; i < 30; i++) {
            rows.add(List.of("2024-05-01 09:00:00", "2024-05-01 09:05:00", "IP Address", "198.51.100." + i, "100", "300",
                    "True", "2024-05-01 09:05:00", "R_" + i + "xYz", "Tattersall", "Rhys", "rhys" + i + "@example.org",
                    "EXT-" + i, "53.4" + i, "-2.1" + i, "anonymous", "EN-GB", scale[i % 4],
                    i == 0 ? "Staff were kind; call me on 07700 900456" : "Good range of books " + i));
        }
        return rows;
    }

    @Test
    void threeHeaderRowsWithImportIdsAndTheOlderTwoRowExportAreBothRecognisedAnywhere() throws Exception {
        for (boolean ids : new boolean[] {true, false}) {
            ConvertedDataset ds = new SurveyFormat().convert(TestTables.rows("consultation/library.csv", null, export(ids)),
                    new TestWorkspace(Files.createDirectories(tmp.resolve("out-" + ids)))).get(0);
            assertThat(ds.layout()).startsWith(ids ? "Qualtrics CSV, three header rows" : "Qualtrics CSV, two header rows");
            assertThat(ds.summary()).containsEntry("respondents", 30L).containsEntry("questions", 2L);
            String notes = String.join(" ", ds.notes());
            for (String dropped : List.of("IP Address", "Response ID", "Recipient Last Name", "Recipient First Name",
                    "Recipient Email", "External Data Reference", "Location Latitude", "Location Longitude")) {
                assertThat(notes).as(dropped).contains(dropped);
            }
            SurveySummary s = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
            assertThat(s.question("Overall, how satisfied").orElseThrow().type()).isEqualTo(SurveySummary.SINGLE_CHOICE);
            assertThat(s.question("Why do you say that?").orElseThrow().type()).isEqualTo(SurveySummary.FREE_TEXT);
            String all = String.join("\n", LakeOutputs.allText(ds.dir()));
            assertThat(all).doesNotContain("Tattersall").doesNotContain("rhys0@").doesNotContain("198.51.100")
                    .doesNotContain("07700 900456").doesNotContain("EXT-1").contains("call me on [phone]");
        }
    }
}
