package org.bigpicture.core.read;

import org.bigpicture.core.convert.Records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bigpicture.core.convert.BadInputException;
import org.junit.jupiter.api.Test;

class ReadAheadRecordsTest {

    /** Records r0..r(n-1) of width 1 + r % 5; fails with BadInputException when asked for record {@code failAt}. */
    static final class Counting implements Records {
        final int n;
        final int failAt;
        final AtomicBoolean closed = new AtomicBoolean();
        int r = -1;

        Counting(int n, int failAt) {
            this.n = n;
            this.failAt = failAt;
        }

        @Override
        public boolean next() {
            r++;
            if (r == failAt) {
                throw new BadInputException("k.csv", r + 1, "broken at record " + r);
            }
            return r < n;
        }

        @Override
        public int size() {
            return 1 + r % 5;
        }

        @Override
        public String get(int index) {
            return index < size() ? "r" + r + "c" + index : "";
        }

        @Override
        public long line() {
            return r + 1;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void smallInputIsNotWrapped() {
        Counting source = new Counting(3, -1);
        assertThat(ReadAheadRecords.wrap(source, 10)).isSameAs(source);
    }

    @Test
    void givesTheSameRecordsCellsAndLines() throws IOException {
        Counting source = new Counting(10_000, -1);
        try (Records r = ReadAheadRecords.wrap(source, ReadAheadRecords.MIN_BYTES)) {
            assertThat(r).isInstanceOf(ReadAheadRecords.class);
            int i = 0;
            while (r.next()) {
                assertThat(r.size()).isEqualTo(1 + i % 5);
                assertThat(r.line()).isEqualTo(i + 1);
                assertThat(r.get(0)).isEqualTo("r" + i + "c0");
                assertThat(r.get(r.size() - 1)).isEqualTo("r" + i + "c" + (r.size() - 1));
                assertThat(r.get(r.size())).isEmpty();
                assertThat(r.get(-1)).isEmpty();
                assertThat(r.isEmpty(7)).isTrue();
                i++;
            }
            assertThat(i).isEqualTo(10_000);
            assertThat(r.next()).isFalse();
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void failureArrivesWhenTheCallerReachesTheBrokenRecord() throws IOException {
        Counting source = new Counting(10_000, 2_500);
        try (Records r = ReadAheadRecords.wrap(source, ReadAheadRecords.MIN_BYTES)) {
            for (int i = 0; i < 2_500; i++) {
                assertThat(r.next()).as("record %d", i).isTrue();
                assertThat(r.get(0)).isEqualTo("r" + i + "c0");
            }
            assertThatThrownBy(r::next).isInstanceOf(BadInputException.class).hasMessageContaining("record 2500");
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void closingEarlyStopsTheReader() throws IOException {
        Counting source = new Counting(1_000_000, -1);
        Records r = ReadAheadRecords.wrap(source, ReadAheadRecords.MIN_BYTES);
        assertThat(r.next()).isTrue();
        r.close();
        assertThat(source.closed).isTrue();
        assertThat(source.r).isLessThan(10_000); // it stopped a few batches ahead, not at the end
    }
}
