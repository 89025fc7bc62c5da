package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./bigpicture check FILE}: what ingest would do, written nowhere. */
class DescribeTest {

    @TempDir
    Path dir;

    private Path fixture(String name) throws Exception {
        Path file = dir.resolve(name.replace('/', '_'));
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void describesAnAcceptedFile() throws Exception {
        Recognizer recognizer = Recognizer.standard(Limits.defaults());
        UploadDescription d = recognizer.describe("nomis/ucjsa.csv", fixture("nomis/ucjsa.csv"));

        assertThat(d.accepted()).isTrue();
        assertThat(d.problem()).isNull();
        assertThat(d.tables()).hasSize(1);
        UploadDescription.Table t = d.tables().get(0);
        assertThat(t.datasetId()).isEqualTo("nomis-ucjsa");
        assertThat(t.family()).isEqualTo("nomis-web");
        assertThat(t.rowsWritten()).isEqualTo(18);
        assertThat(t.rejected()).containsEntry("total row (not data)", 1L);
        assertThat(t.header()).startsWith("2011 super output area - lower layer", "mnemonic");
        assertThat(d.toText()).contains("would be accepted").contains("family: nomis-web")
                .contains("rejected 1: total row (not data)");
    }

    @Test
    void describesAQuarantineWithTheLine() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1,2\n3,\"4\n5,6\n");
        UploadDescription d = Recognizer.standard(Limits.defaults()).describe("x/bad.csv", bad);

        assertThat(d.accepted()).isFalse();
        assertThat(d.problemLine()).isEqualTo(3);
        assertThat(d.problem()).contains("unterminated quote");
        assertThat(d.toText()).contains("would be quarantined").contains("(line 3)");
    }
}
