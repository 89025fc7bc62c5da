package org.bigpicture.core.headlines;

import java.util.ArrayList;
import java.util.List;

/** The headlines as a plain-text table for a terminal (the CLI prints it at the end of {@code run}). */
public final class HeadlinesTable {

    private HeadlinesTable() {
    }

    public static String format(List<HeadlineResult> results) {
        List<String[]> rows = new ArrayList<>();
        for (HeadlineResult r : results) {
            rows.add(row(r.id(), r.status().json(), r.value() == null ? null : r.value().toPlainString(), r.unit(),
                    r.period(), r.statement(), r.reason(), r.needs()));
        }
        return table(rows);
    }

    /** The same table from a {@code headlines.json} (as the CLI finds it in the lake or its mirror). */
    public static String format(byte[] headlinesJson) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode root = org.bigpicture.core.util.JsonMappers.PLAIN
                .readTree(headlinesJson);
        List<String[]> rows = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode h : root.path("headlines")) {
            rows.add(row(text(h, "id"), text(h, "status"), h.path("value").isNumber() ? h.path("value").decimalValue()
                    .toPlainString() : null, text(h, "unit"), text(h, "period"), text(h, "statement"), text(h, "reason"),
                    text(h, "needs")));
        }
        return table(rows);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
        com.fasterxml.jackson.databind.JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static String[] row(String id, String status, String value, String unit, String period, String statement,
                                String reason, String needs) {
        String v = value == null ? "" : value + (unit == null ? "" : unit.equals("%") ? "%" : " " + unit);
        String text = "ok".equals(status) ? statement : reason + (needs == null ? "" : " Upload: " + needs);
        return new String[] {id, status, v, period == null ? "" : period, text == null ? "" : text};
    }

    private static String table(List<String[]> body) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"headline", "status", "value", "period", "statement or reason"});
        rows.addAll(body);
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                sb.append(row[i]).append(" ".repeat(Math.max(0, width[i] - row[i].length()) + 2));
            }
            sb.append(row[4]).append('\n');
        }
        return sb.toString();
    }
}
