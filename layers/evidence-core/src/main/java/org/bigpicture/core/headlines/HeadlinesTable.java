package org.bigpicture.core.headlines;

import java.util.ArrayList;
import java.util.List;

/** The headlines as a plain-text table for a terminal (the CLI prints it at the end of {@code run}). */
public final class HeadlinesTable {

    private HeadlinesTable() {
    }

    public static String format(List<HeadlineResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"headline", "status", "value", "period", "statement or reason"});
        for (HeadlineResult r : results) {
            String value = r.value() == null ? "" : r.value().toPlainString() + (r.unit() == null ? ""
                    : r.unit().equals("%") ? "%" : " " + r.unit());
            String text = r.status() == HeadlineResult.Status.OK ? r.statement()
                    : r.reason() + (r.needs() == null ? "" : " Upload: " + r.needs());
            rows.add(new String[] {r.id(), r.status().json(), value, r.period() == null ? "" : r.period(),
                    text == null ? "" : text});
        }
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                sb.append(String.format("%-" + width[i] + "s  ", row[i]));
            }
            sb.append(row[4]).append('\n');
        }
        return sb.toString();
    }
}
