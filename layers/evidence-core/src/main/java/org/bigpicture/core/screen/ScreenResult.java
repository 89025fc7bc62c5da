package org.bigpicture.core.screen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the screen found in one table (or, merged, in one dataset's tables).
 *
 * @param columnsChecked     columns screened
 * @param personalColumns    the columns found personal, with the reason
 * @param recordsAboutPeople why the rows are records about people (one per person), or null
 * @param redactions         identifiers replaced in free text, by {@link Identifier#key()}, in a fixed order
 * @param redactedCells      cells changed by redaction
 */
public record ScreenResult(int columnsChecked, List<ColumnVerdict> personalColumns, String recordsAboutPeople,
                           Map<String, Long> redactions, long redactedCells) {

    public ScreenResult {
        personalColumns = List.copyOf(personalColumns);
        redactions = Collections.unmodifiableMap(new LinkedHashMap<>(redactions));
    }

    /** Nothing screened (a dataset no screening writer saw). */
    public static final ScreenResult NONE = new ScreenResult(0, List.of(), null, Map.of(), 0);

    /** True when the table must not be published: a personal column, or rows about people. */
    public boolean held() {
        return !personalColumns.isEmpty() || recordsAboutPeople != null;
    }

    /** Identifiers replaced in all. */
    public long redactionCount() {
        long n = 0;
        for (long v : redactions.values()) {
            n += v;
        }
        return n;
    }

    /** This result and another, as for one dataset written in several files. */
    public ScreenResult merge(ScreenResult other) {
        List<ColumnVerdict> columns = new ArrayList<>(personalColumns);
        columns.addAll(other.personalColumns);
        Map<String, Long> red = new LinkedHashMap<>();
        for (Identifier k : Identifier.values()) {
            long n = redactions.getOrDefault(k.key(), 0L) + other.redactions.getOrDefault(k.key(), 0L);
            if (n > 0) {
                red.put(k.key(), n);
            }
        }
        String people = recordsAboutPeople != null ? recordsAboutPeople : other.recordsAboutPeople;
        return new ScreenResult(columnsChecked + other.columnsChecked, columns, people, red,
                redactedCells + other.redactedCells);
    }
}
