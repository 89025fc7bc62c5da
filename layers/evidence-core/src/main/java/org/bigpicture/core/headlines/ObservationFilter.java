package org.bigpicture.core.headlines;

import java.util.ArrayList;
import java.util.HashMap;
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
    /** An indicator name that is really a sex breakdown (Nomis web downloads put Total, Male, Female in columns). */
    private static final Pattern SEX_LABEL = Pattern.compile(
            "(?i)(males?|females?|men|women|boys|girls|persons|people|total|all persons|all people)");
    /** An indicator name that is really an age band (Census tables: Total, Aged 65 years, …). */
    private static final Pattern AGE_LABEL = Pattern.compile("(?i)^(aged?\\b|[0-9]|under\\b|total$|all ages)");
    private static final List<String> BREAKDOWNS = List.of("sex", "age", "category");

    private ObservationFilter() {
    }

    /** True when the row passes the selector's indicator, column and age filters. */
    static boolean accepts(Selector s, Obs o) {
        return new Compiled(s).accepts(o);
    }

    /**
     * Keeps, for each breakdown the selector does not filter, only the total rows when the rows
     * hold any (per dataset: one source may break down by sex while another does not).
     */
    static List<Obs> preferTotals(Selector s, List<Obs> rows) {
        return new Compiled(s).preferTotals(rows);
    }

    /**
     * One selector's row tests, remembering each answer for the distinct cells it has seen: a dataset
     * repeats a handful of labels over hundreds of thousands of rows, so each regex runs once per label.
     */
    static final class Compiled {
        private record Labels(String a, String b, String c, String d) {
        }

        private final Selector s;
        private final Map<Labels, Boolean> indicator = new HashMap<>();
        private final Map<Labels, String> breakdowns = new HashMap<>();
        private final Map<Labels, Boolean> cells = new HashMap<>();
        private final Map<String, Boolean> totals = new HashMap<>();
        private final Map<String, int[]> bands = new HashMap<>();

        Compiled(Selector s) {
            this.s = s;
        }

        boolean accepts(Obs o) {
            if (o.value() == null || o.value().isNaN()) {
                return false;
            }
            if (s.indicator() != null || s.excludeIndicator() != null) {
                boolean ok = indicator.computeIfAbsent(new Labels(o.indicatorName(), o.indicatorId(), o.source(), null),
                        k -> (s.indicator() == null || found(s.indicator(), o))
                                && (s.excludeIndicator() == null || !found(s.excludeIndicator(), o)));
                if (!ok) {
                    return false;
                }
            }
            for (Map.Entry<String, Pattern> f : s.filters().entrySet()) {
                String cell = breakdown(o, f.getKey());
                boolean ok = cells.computeIfAbsent(new Labels(f.getKey(), cell, null, null), k -> f.getValue() == TOTAL
                        ? isTotal(cell)
                        : cell != null && f.getValue().matcher(cell.strip()).matches());
                if (!ok) {
                    return false;
                }
            }
            if (s.ageFrom() != null || s.ageTo() != null) {
                String age = breakdown(o, "age");
                int[] band = age == null ? null : bands.computeIfAbsent(age, k -> {
                    int[] b = ageBand(k);
                    return b == null ? new int[0] : b;
                });
                if (band == null || band.length == 0) {
                    return false;
                }
                int from = s.ageFrom() == null ? 0 : s.ageFrom();
                int to = s.ageTo() == null ? Integer.MAX_VALUE : s.ageTo();
                if (band[0] < from || band[1] > to) {
                    return false;
                }
            }
            return true;
        }

        List<Obs> preferTotals(List<Obs> rows) {
            List<Obs> out = rows;
            for (String col : BREAKDOWNS) {
                if (s.filters().containsKey(col) || (col.equals("age") && (s.ageFrom() != null || s.ageTo() != null))) {
                    continue;
                }
                boolean anyTotal = false;
                boolean anyOther = false;
                for (Obs o : out) {
                    if (total(breakdown(o, col))) {
                        anyTotal = true;
                    } else {
                        anyOther = true;
                    }
                }
                if (anyTotal && anyOther) {
                    List<Obs> kept = new ArrayList<>();
                    for (Obs o : out) {
                        if (total(breakdown(o, col))) {
                            kept.add(o);
                        }
                    }
                    out = kept;
                }
            }
            return out;
        }

        private boolean total(String cell) {
            return cell == null || totals.computeIfAbsent(cell, ObservationFilter::isTotal);
        }

        private String breakdown(Obs o, String col) {
            String v = o.column(col);
            return breakdowns.computeIfAbsent(new Labels(col, v, o.indicatorName(), o.indicatorId()),
                    k -> ObservationFilter.breakdown(o, col));
        }
    }

    /**
     * A row's sex, age or other column as a breakdown: the column itself, or, where the column says
     * nothing, the indicator name when it is really that breakdown (a Nomis web download has one
     * indicator per measure column: Total, Male, Female; a Census table: Total, Aged 65 years, …).
     */
    static String breakdown(Obs o, String col) {
        String v = o.column(col);
        if (!isTotal(v) || !(col.equals("sex") || col.equals("age"))) {
            return v;
        }
        String ind = o.indicatorName() != null ? o.indicatorName().strip() : o.indicatorId();
        if (ind != null && (col.equals("sex") ? SEX_LABEL.matcher(ind).matches() : AGE_LABEL.matcher(ind).find())) {
            return ind;
        }
        return v;
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
