package org.bigpicture.core.screen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;

/**
 * One table's screen: a {@link ColumnScreen} per column, and the table's verdict. Personal columns
 * are judged column by column (with one fact from the whole table: whether it has a column of GSS
 * area codes, which makes its "Name" an area's). The table is records about people when its rows
 * are individuals: a person's or a case's id that differs on every row, or several demographic
 * columns (age, sex, ethnicity, disability…) with no count or value measure and no area code
 * beside them. A statistical table repeats its values per indicator and period and carries a
 * measure, so it is neither.
 */
public final class TableScreen {

    private final List<Column> columns;
    private final ColumnScreen[] screens;

    /**
     * @param redact replace identifiers in string cells as they pass
     * @param light  respondent-level files: no exact counting (their columns are the converter's own)
     */
    public TableScreen(List<Column> columns, boolean redact, boolean light) {
        this.columns = List.copyOf(columns);
        this.screens = new ColumnScreen[columns.size()];
        for (int i = 0; i < screens.length; i++) {
            screens[i] = new ColumnScreen(columns.get(i).name(), redact, light);
        }
    }

    public ColumnScreen column(int i) {
        return screens[i];
    }

    public int width() {
        return screens.length;
    }

    /** The verdict on the table as seen so far. */
    public ScreenResult result(ColumnScreen.Scope scope) {
        boolean areaCodes = false;
        for (ColumnScreen s : screens) {
            areaCodes |= s.areaCodes();
        }
        List<ColumnVerdict> personal = new ArrayList<>();
        for (ColumnScreen s : screens) {
            ColumnVerdict v = s.verdict(scope, areaCodes);
            if (v.personal()) {
                personal.add(v);
            }
        }
        String people = scope == ColumnScreen.Scope.TABLE ? recordsAboutPeople(areaCodes) : null;
        Map<String, Long> red = new LinkedHashMap<>();
        long cells = 0;
        for (Identifier k : Identifier.values()) {
            long n = 0;
            for (ColumnScreen s : screens) {
                n += s.redactions(k);
            }
            if (n > 0) {
                red.put(k.key(), n);
            }
        }
        for (ColumnScreen s : screens) {
            cells += s.redactedCells();
        }
        return new ScreenResult(screens.length, personal, people, red, cells);
    }

    private String recordsAboutPeople(boolean areaCodes) {
        for (ColumnScreen s : screens) {
            if (Headers.personId(s.header()) && s.unique()) {
                return "each row is one person or case: the column \"" + Redactor.redact(s.header())
                        + "\" holds a different id on every row (" + s.nonBlank() + " rows)";
            }
        }
        if (areaCodes) {
            return null;
        }
        List<String> demographics = new ArrayList<>();
        boolean measure = false;
        for (int i = 0; i < screens.length; i++) {
            ColumnScreen s = screens[i];
            if (s.nonBlank() == 0) {
                continue;
            }
            String h = s.header();
            if (Headers.demographic(h)) {
                demographics.add(Redactor.redact(h));
            } else if (Headers.measure(h) && numeric(columns.get(i).type())) {
                measure = true;
            }
        }
        if (demographics.size() >= 2 && !measure) {
            return "the rows look like individuals: demographic columns (" + String.join(", ", demographics)
                    + ") with no count or value column and no area code";
        }
        return null;
    }

    private static boolean numeric(ColumnType t) {
        return t == ColumnType.INTEGER || t == ColumnType.NUMBER;
    }
}
