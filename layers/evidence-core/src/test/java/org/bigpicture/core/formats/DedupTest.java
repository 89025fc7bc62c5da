package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bigpicture.core.ingest.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupTest {

    @TempDir
    Path dir;

    @Test
    void tellsAnotherGeographyTypeFromARepeatedRow() {
        Dedup d = new Dedup();
        assertThat(d.add(Dedup.hash("E08000007"), "local authority district")).isEqualTo(Dedup.NEW);
        assertThat(d.add(Dedup.hash("E08000007"), "upper-tier local authority")).isEqualTo(Dedup.OTHER_TYPE);
        assertThat(d.add(Dedup.hash("E08000007"), "local authority district")).isEqualTo(Dedup.SAME_TYPE);
        assertThat(d.add(Dedup.hash("E08000003"), "local authority district")).isEqualTo(Dedup.NEW);
    }

    @Test
    void stopsRememberingAtItsCapacityAndSaysSo() {
        Dedup d = new Dedup(1000);
        for (int i = 1; i <= 2000; i++) {
            assertThat(d.add(Dedup.hash("area" + i), "x")).isEqualTo(Dedup.NEW);
        }
        assertThat(d.saturated()).isTrue();
        assertThat(d.add(Dedup.hash("area1"), "y")).isEqualTo(Dedup.OTHER_TYPE);
        assertThat(d.saturationNote()).contains("first 1000 observations");
    }

    /** Only the same observation under another geography type is dropped; other repeats are kept and noted. */
    @Test
    void rowsThatDifferOnlyInValueAreBothKept() throws Exception {
        String csv = "GEOGRAPHY_CODE,GEOGRAPHY_TYPE,DATE_NAME,OBS_VALUE\n"
                + "E08000007,local authorities: district / unitary,2021,100\n"
                + "E08000007,local authorities: county / unitary,2021,100\n"
                + "E08000007,local authorities: county / unitary,2021,101\n"
                + "E08000007,local authorities: county / unitary,2021,101\n";
        Conversions c = new Conversions(dir);
        ConvertedDataset d = c.runText("nomis/x.csv", csv).get(0);
        assertThat(d.rowsWritten()).isEqualTo(3);
        assertThat(d.rejected()).containsOnly(java.util.Map.entry("duplicate under another geography type", 1L));
        assertThat(d.notes()).anyMatch(n -> n.startsWith("1 row repeats an earlier row under the same area type"));
    }
}
