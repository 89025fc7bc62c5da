package org.bigpicture.core.formats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Records;

/** Reading and inspecting the first records of a table. */
final class Heads {

    static final int HEAD_RECORDS = 60;

    private Heads() {
    }

    static List<List<String>> read(TableInput table) throws IOException {
        List<List<String>> head = new ArrayList<>();
        try (Records r = table.open()) {
            while (head.size() < HEAD_RECORDS && r.next()) {
                head.add(copy(r));
            }
        }
        return List.copyOf(head);
    }

    static List<String> copy(Records r) {
        List<String> row = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            row.add(r.get(i));
        }
        return List.copyOf(row);
    }

    static boolean blank(List<String> row) {
        for (String c : row) {
            if (!c.isBlank()) {
                return false;
            }
        }
        return true;
    }

    static int nonBlank(List<String> row) {
        int n = 0;
        for (String c : row) {
            if (!c.isBlank()) {
                n++;
            }
        }
        return n;
    }

    static String cell(List<String> row, int i) {
        return i < row.size() ? row.get(i).trim() : "";
    }

    /** Index of the first column whose trimmed header equals {@code name} ignoring case, or -1. */
    static int find(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first column whose trimmed header starts with {@code prefix} ignoring case, or -1. */
    static int findPrefix(List<String> header, String prefix) {
        String p = prefix.toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().toLowerCase(java.util.Locale.ROOT).startsWith(p)) {
                return i;
            }
        }
        return -1;
    }

    /** Number of non-blank records in the head. */
    static int nonBlankRecords(List<List<String>> head) {
        int n = 0;
        for (List<String> row : head) {
            if (!blank(row)) {
                n++;
            }
        }
        return n;
    }

    /** The first non-blank record of the head, or -1. */
    static int firstNonBlank(List<List<String>> head) {
        for (int i = 0; i < head.size(); i++) {
            if (!blank(head.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
