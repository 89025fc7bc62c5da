package org.bigpicture.core.formats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.convert.ConvertedDataset;

/** Counts what a conversion read and rejected (and why), and the remarks for the report. */
final class Tally {

    static final String TOTAL_ROW = "total row (not data)";
    static final String FOOTNOTE = "footnote or note row";
    static final String DUPLICATE_OTHER_TYPE = "duplicate under another geography type";
    static final String DUPLICATE = "duplicate of an earlier row";

    /** Lines kept per reason for the report; the count is always whole. */
    private static final int LINES_KEPT = 5;

    long read;
    private final Map<String, Long> rejected = new LinkedHashMap<>();
    private final Map<String, List<Long>> rejectedLines = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private long blank;
    private final List<Long> blankLines = new ArrayList<>();
    private long joinedFiles;
    private long firstJoin;

    void reject(String reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    /** Rejects a row for {@code reason}, keeping its line for the report (the first few per reason). */
    void rejectAt(String reason, long line) {
        reject(reason);
        List<Long> lines = rejectedLines.computeIfAbsent(reason, r -> new ArrayList<>());
        if (lines.size() < LINES_KEPT) {
            lines.add(line);
        }
    }

    /** Counts an empty row (skipped, never silently: the report says how many and where). */
    void blank(long line) {
        blank++;
        if (blankLines.size() < LINES_KEPT) {
            blankLines.add(line);
        }
    }

    long blankRows() {
        return blank;
    }

    /** Counts a record opened by a byte-order mark (files joined together). */
    void byteOrderMarkAt(long line) {
        if (joinedFiles++ == 0) {
            firstJoin = line;
        }
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
        for (var e : rejectedLines.entrySet()) {
            long n = rejected(e.getKey());
            note(n + (n == 1 ? " row" : " rows") + " rejected as " + e.getKey() + ": " + lines(e.getValue(), n));
        }
        if (blank > 0) {
            note(blank + (blank == 1 ? " empty row" : " empty rows") + " skipped: " + lines(blankLines, blank));
        }
        if (joinedFiles > 0) {
            note("a byte-order mark opens line " + firstJoin + (joinedFiles > 1 ? " and " + (joinedFiles - 1) + " more" : "")
                    + ": files joined together? (the mark was dropped)");
        }
        return new ConvertedDataset(datasetId, family, layout, kind, dir, read, written, rejected(),
                // insertion order, not Map.copyOf's per-JVM order: reports must be byte-identical run to run
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rejected)), List.copyOf(notes), Map.of());
    }

    private static String lines(List<Long> lines, long total) {
        StringBuilder b = new StringBuilder(lines.size() == 1 ? "line " : "lines ");
        for (int i = 0; i < lines.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(lines.get(i));
        }
        if (total > lines.size()) {
            b.append(", …");
        }
        return b.toString();
    }
}
