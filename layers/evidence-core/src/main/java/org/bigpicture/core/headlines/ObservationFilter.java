package org.bigpicture.core.headlines;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bigpicture.core.headlines.HeadlineSpec.Selector;

/**
 * Row-level half of a {@link Selector}: indicator and column patterns, age ranges, and the rule
 * that a breakdown not asked for (sex, age, category) is read from its total rows, so that a
 * headline never adds males, females and persons together.
 */
final class ObservationFilter {

    /** Stands for "a total row" in a filter ({@code sex: total}). */
    static final Pattern TOTAL = Pattern.compile("\u0000total\u0000");

    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final List<String> BREAKDOWNS = List.of("sex", "age", "category");

    private ObservationFilter() {
    }

    /** True when the row passes the selector's indicator, column and age filters. */
    static boolean accepts(Selector s, Obs o) {
        if (s.indicator() != null && !found(s.indicator(), o)) {
            return false;
        }
        if (s.excludeIndicator() != null && found(s.excludeIndicator(), o)) {
            return false;
        }
        for (Map.Entry<String, Pattern> f : s.filters().entrySet()) {
            String cell = o.column(f.getKey());
            if (f.getValue() == TOTAL) {
                if (!isTotal(cell)) {
                    return false;
                }
            } else if (cell == null || !f.getValue().matcher(cell.strip()).matches()) {
                return false;
            }
        }
        if (s.ageFrom() != null || s.ageTo() != null) {
            int[] band = ageBand(o.age());
            if (band == null) {
                return false;
            }
            int from = s.ageFrom() == null ? 0 : s.ageFrom();
            int to = s.ageTo() == null ? Integer.MAX_VALUE : s.ageTo();
            if (band[0] < from || band[1] > to) {
                return false;
            }
        }
        return o.value() != null && !o.value().isNaN();
    }

    /**
     * Keeps, for each breakdown the selector does not filter, only the total rows when the rows
     * hold any (per dataset: one source may break down by sex while another does not).
     */
    static List<Obs> preferTotals(Selector s, List<Obs> rows) {
        List<Obs> out = rows;
        for (String col : BREAKDOWNS) {
            if (s.filters().containsKey(col) || (col.equals("age") && (s.ageFrom() != null || s.ageTo() != null))) {
                continue;
            }
            boolean anyTotal = false;
            boolean anyOther = false;
            for (Obs o : out) {
                if (isTotal(o.column(col))) {
                    anyTotal = true;
                } else {
                    anyOther = true;
                }
            }
            if (anyTotal && anyOther) {
                List<Obs> kept = new ArrayList<>();
                for (Obs o : out) {
                    if (isTotal(o.column(col))) {
                        kept.add(o);
                    }
                }
                out = kept;
            }
        }
        return out;
    }

    private static boolean found(Pattern p, Obs o) {
        return (o.indicatorName() != null && p.matcher(o.indicatorName()).find())
                || (o.indicatorId() != null && p.matcher(o.indicatorId()).find())
                || (o.source() != null && p.matcher(o.source()).find());
    }

    /** Empty cells and the usual labels of a total: Persons, Total, All ages, All categories: … */
    static boolean isTotal(String cell) {
        if (cell == null) {
            return true;
        }
        String c = cell.strip().toLowerCase(Locale.ROOT);
        return c.isEmpty() || c.equals("total") || c.equals("persons") || c.equals("people") || c.equals("all")
                || c.equals("all persons") || c.equals("all people") || c.equals("all ages")
                || c.startsWith("all ") || c.startsWith("all:") || c.startsWith("total ");
    }

    /**
     * An age label as an inclusive band of whole years: {@code 65} → [65, 65], {@code 90+} and
     * {@code Aged 85 years and over} → [85, max], {@code Aged 66 to 69 years} and {@code 0-9 yrs} →
     * [66, 69] / [0, 9], {@code Under 1} → [0, 0]. Totals and labels without a number → null.
     */
    static int[] ageBand(String label) {
        if (label == null || isTotal(label)) {
            return null;
        }
        String l = label.toLowerCase(Locale.ROOT);
        Matcher m = NUMBER.matcher(l);
        List<Integer> nums = new ArrayList<>();
        while (m.find()) {
            nums.add(Integer.parseInt(m.group()));
        }
        if (nums.isEmpty()) {
            return null;
        }
        if (l.contains("under") || l.startsWith("<")) {
            return new int[] {0, Math.max(0, nums.get(0) - 1)};
        }
        if (l.contains("+") || l.contains("over") || l.contains("older") || l.contains("plus")) {
            return new int[] {nums.get(0), Integer.MAX_VALUE};
        }
        if (nums.size() >= 2) {
            return new int[] {nums.get(0), nums.get(1)};
        }
        return new int[] {nums.get(0), nums.get(0)};
    }
}
