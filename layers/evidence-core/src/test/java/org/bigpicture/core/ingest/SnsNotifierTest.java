package org.bigpicture.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SNS's limits on subjects and messages, met whatever the file name or report holds. */
class SnsNotifierTest {

    @Test
    void subjectIsPrintableAsciiOnOneLine() {
        assertThat(SnsNotifier.subject("Quarantined: surveys/Résidents\n2026.xlsx"))
                .isEqualTo("Quarantined: surveys/R?sidents 2026.xlsx");
    }

    @Test
    void longSubjectIsCutTo100Characters() {
        String subject = SnsNotifier.subject("Accepted: " + "a/".repeat(200) + "x.csv");

        assertThat(subject).hasSize(100).startsWith("Accepted: a/a/").endsWith("...");
    }

    @Test
    void emptySubjectGetsADefault() {
        assertThat(SnsNotifier.subject(" \t ")).isEqualTo("Upload result");
    }

    @Test
    void smallReportIsSentWhole() {
        assertThat(SnsNotifier.message("{\"status\":\"accepted\"}")).isEqualTo("{\"status\":\"accepted\"}");
    }

    @Test
    void hugeReportIsCutOnACharacterBoundaryAndSaysWhereTheWholeOneIs() {
        String report = "é".repeat(SnsNotifier.MAX_MESSAGE_BYTES); // two bytes each

        String message = SnsNotifier.message(report);

        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isLessThanOrEqualTo(256 * 1024);
        assertThat(message).doesNotContain("\uFFFD").contains("reports/ingest/");
        assertThat(message.indexOf('\n')).isEqualTo(SnsNotifier.MAX_MESSAGE_BYTES / 2);
    }
}
