package org.bigpicture.core.formats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.ingest.ConvertedDataset;

/** Counts what a conversion read and rejected (and why), and the remarks for the report. */
final class Tally {

    static final String TOTAL_ROW = "total row (not data)";
    static final String FOOTNOTE = "footnote or note row";
    static final String DUPLICATE_OTHER_TYPE = "duplicate under another geography type";
    static final String DUPLICATE = "duplicate of an earlier row";

    long read;
    private final Map<String, Long> rejected = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void reject(String reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    long rejected() {
        long n = 0;
        for (long v : rejected.values()) {
            n += v;
        }
        return n;
    }

    long rejected(String reason) {
        return rejected.getOrDefault(reason, 0L);
    }

    void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    ConvertedDataset result(String datasetId, String family, String layout, String kind, Path dir, long written) {
        return new ConvertedDataset(datasetId, family, layout, kind, dir, read, written, rejected(),
                // insertion order, not Map.copyOf's per-JVM order: reports must be byte-identical run to run
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rejected)), List.copyOf(notes), Map.of());
    }
}
