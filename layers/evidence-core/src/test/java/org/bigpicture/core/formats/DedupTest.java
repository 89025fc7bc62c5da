package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DedupTest {

    @Test
    void tellsNewRowsFromRepeatsAndFromTheSameObservationUnderAnotherType() {
        Dedup dedup = new Dedup();
        int n = 300_000; // enough to grow every segment several times
        for (int i = 0; i < n; i++) {
            assertThat(dedup.add(Dedup.hash("E0" + i, "ind", "2020"), "district")).as("row %d", i).isEqualTo(Dedup.NEW);
        }
        for (int i = 0; i < n; i += 7) {
            assertThat(dedup.add(Dedup.hash("E0" + i, "ind", "2020"), "district")).isEqualTo(Dedup.SAME_TYPE);
            assertThat(dedup.add(Dedup.hash("E0" + i, "ind", "2020"), "county")).isEqualTo(Dedup.OTHER_TYPE);
            assertThat(dedup.add(Dedup.hash("E0" + i, "ind", "2021"), "county")).isEqualTo(Dedup.NEW);
        }
        assertThat(dedup.add(Dedup.hash("ab", "c"), null)).isEqualTo(Dedup.NEW);
        assertThat(dedup.add(Dedup.hash("a", "bc"), null)).isEqualTo(Dedup.NEW);
    }

    @Test
    void observationHashReusesRepeatedFieldsButSeesEveryChange() {
        Dedup dedup = new Dedup();
        ObservationRows o = new ObservationRows(null);
        o.areaCode = "E08000007";
        o.indicatorId = "90366";
        o.period = "2020";
        long first = dedup.hash(o);
        assertThat(dedup.hash(o)).isEqualTo(first);
        o.period = "2021";
        long second = dedup.hash(o);
        assertThat(second).isNotEqualTo(first);
        o.period = new String("2020"); // equal text, another instance
        assertThat(dedup.hash(o)).isEqualTo(first);
        o.sex = "Male";
        assertThat(dedup.hash(o)).isNotEqualTo(first);
        assertThat(new Dedup().hash(o)).isEqualTo(dedup.hash(o));
    }
}
