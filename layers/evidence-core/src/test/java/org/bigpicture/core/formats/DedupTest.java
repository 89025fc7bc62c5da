package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bigpicture.core.convert.ConvertedDataset;
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

    @Test
    void partitionsKeepTheirObservationsApartAndStayPlacedPastTheirLimit() {
        Dedup d = new Dedup();
        long h = Dedup.hash("E08000007", "2021");
        assertThat(d.add("90366", h, "district")).isEqualTo(Dedup.NEW);
        // the same hash in another indicator's partition is another observation
        assertThat(d.add("93356", h, "county")).isEqualTo(Dedup.NEW);
        // partition keys are compared by content, not instance
        assertThat(d.add(new String("90366"), h, "county")).isEqualTo(Dedup.OTHER_TYPE);
        for (int p = 0; p < Dedup.MAX_PARTITIONS + 100; p++) {
            assertThat(d.add("p" + p, Dedup.hash("x" + p), "district")).isEqualTo(Dedup.NEW);
        }
        // partitions past the limit share one table, consistently
        int late = Dedup.MAX_PARTITIONS + 50;
        assertThat(d.add("p" + late, Dedup.hash("x" + late), "county")).isEqualTo(Dedup.OTHER_TYPE);
        assertThat(d.add("p" + late, Dedup.hash("x" + late), "district")).isEqualTo(Dedup.SAME_TYPE);
        assertThat(d.add("p7", Dedup.hash("x7"), "county")).isEqualTo(Dedup.OTHER_TYPE);
        assertThat(d.add("90366", h, "district")).isEqualTo(Dedup.SAME_TYPE);
    }

    @Test
    void growingPartitionsLoseNothing() {
        Dedup d = new Dedup();
        for (int i = 0; i < 50_000; i++) {
            assertThat(d.add("ind" + (i % 7), Dedup.hash("area" + i), "district")).isEqualTo(Dedup.NEW);
        }
        for (int i = 0; i < 50_000; i++) {
            assertThat(d.add("ind" + (i % 7), Dedup.hash("area" + i), "county")).isEqualTo(Dedup.OTHER_TYPE);
        }
        assertThat(d.saturated()).isFalse();
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
