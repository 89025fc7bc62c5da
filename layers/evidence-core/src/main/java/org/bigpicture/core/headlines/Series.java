package org.bigpicture.core.headlines;

import org.bigpicture.core.dataset.Periods;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bigpicture.core.headlines.HeadlineSpec.AreaDef;
import org.bigpicture.core.headlines.HeadlineSpec.Selector;

/**
 * The values one selector finds in the lake, by period and area, across every dataset it matches.
 * An area's value is its own row where a dataset has one (or a row for a same-footprint code), else
 * the sum of its member districts, else the sum of its small areas; sums are made only for counts
 * ({@code aggregate: sum}) and only when complete. Where two datasets hold the same area and period,
 * the first by dataset id wins, so the result does not depend on listing order.
 */
final class Series {

    /**
     * One resolved number.
     *
     * @param how  "row", "same footprint as X", "sum of N districts", "sum of N small areas"
     */
    record Value(String area, String period, int periodEnd, double value, Double lower, Double upper, String dataset,
                 String how) {
    }

    private record Cell(double value, Double lower, Double upper, int rows) {
    }

    /** One dataset's share of the series. */
    private static final class Part {
        final String dataset;
        final Map<String, Map<String, Cell>> direct = new HashMap<>();
        final Map<String, Map<String, Double>> small = new HashMap<>();
        final Map<String, Map<String, Set<String>>> smallIn = new HashMap<>();
        /** period → area code → its small areas (the inverse of smallIn), so a lookup never scans them all. */
        final Map<String, Map<String, List<String>>> smallOf = new HashMap<>();
        final Map<String, Value> resolved = new HashMap<>();

        Part(String dataset) {
            this.dataset = dataset;
        }
    }

    private final Selector selector;
    private final Areas areas;
    private final List<Part> parts = new ArrayList<>();
    private final Map<String, Integer> periodEnds = new HashMap<>();
    private final Map<String, java.util.Optional<Integer>> endDays = new HashMap<>();
    private final Set<String> lookupsUsed = new LinkedHashSet<>();
    private final Set<String> used = new LinkedHashSet<>();

    private Series(Selector selector, Areas areas) {
        this.selector = selector;
        this.areas = areas;
    }

    /** Datasets whose provenance the selector accepts, in id order. */
    static List<DatasetInfo> candidates(Selector s, LakeSnapshot snapshot) {
        List<DatasetInfo> out = new ArrayList<>();
        for (DatasetInfo d : snapshot.datasets) {
            String kind = d.kind() == null ? "observations" : d.kind();
            if (!s.kinds().isEmpty() && !s.kinds().contains(kind)) {
                continue;
            }
            if (!s.families().isEmpty() && (d.family() == null
                    || s.families().stream().noneMatch(p -> p.matcher(d.family()).find()))) {
                continue;
            }
            if (s.datasets() != null && !s.datasets().matcher(d.id()).find()) {
                continue;
            }
            out.add(d);
        }
        return out;
    }

    static Series build(Selector s, LakeSnapshot snapshot, LakeData lake, Areas areas) throws IOException {
        Series series = new Series(s, areas);
        for (DatasetInfo d : candidates(s, snapshot)) {
            ObservationFilter.Compiled filter = new ObservationFilter.Compiled(s);
            List<Obs> rows = filter.preferTotals(lake.read(d, filter::accepts));
            if (!rows.isEmpty()) {
                series.add(d.id(), rows);
            }
        }
        return series;
    }

    private void add(String dataset, List<Obs> rows) throws IOException {
        Part part = new Part(dataset);
        Set<String> seen = new HashSet<>();
        Map<String, Map<String, List<Obs>>> grouped = new TreeMap<>();
        for (Obs o : rows) {
            // the same observation under two geography types (Nomis lists each district twice) counts once
            String key = String.join("\u0001", o.areaCode(), String.valueOf(o.period()), String.valueOf(o.indicatorId()),
                    String.valueOf(o.indicatorName()), String.valueOf(o.sex()), String.valueOf(o.age()),
                    String.valueOf(o.categoryType()), String.valueOf(o.category()));
            if (!seen.add(key)) {
                continue;
            }
            String period = o.period() == null ? "" : o.period();
            Integer end = o.periodEnd() != null ? o.periodEnd()
                    : endDays.computeIfAbsent(period, k -> java.util.Optional.ofNullable(Periods.endDay(k, null)))
                            .orElse(null);
            if (end == null) {
                continue; // a period we cannot place in time cannot take part in latest or change
            }
            periodEnds.merge(period, end, Math::max);
            grouped.computeIfAbsent(period, k -> new TreeMap<>()).computeIfAbsent(o.areaCode(), k -> new ArrayList<>()).add(o);
        }
        for (Map.Entry<String, Map<String, List<Obs>>> p : grouped.entrySet()) {
            for (Map.Entry<String, List<Obs>> a : p.getValue().entrySet()) {
                List<Obs> obs = a.getValue();
                Cell cell;
                if (selector.sums()) {
                    double sum = 0;
                    for (Obs o : obs) {
                        sum += o.value();
                    }
                    cell = new Cell(sum, null, null, obs.size());
                } else {
                    if (obs.size() > 1) {
                        throw new DataException(obs.size() + " rows of dataset " + dataset + " match area " + a.getKey()
                                + " for " + p.getKey() + " (" + describe(obs) + "); narrow the headline's filters");
                    }
                    Obs o = obs.get(0);
                    cell = new Cell(o.value(), o.lower(), o.upper(), 1);
                }
                Obs first = obs.get(0);
                if (Areas.isSmallArea(first)) {
                    part.small.computeIfAbsent(p.getKey(), k -> new TreeMap<>()).put(a.getKey(), cell.value());
                    String district = areas.districtOf(first, lookupsUsed);
                    Set<String> containing = areas.containing(first, district);
                    part.smallIn.computeIfAbsent(p.getKey(), k -> new HashMap<>()).put(a.getKey(), containing);
                    Map<String, List<String>> index = part.smallOf.computeIfAbsent(p.getKey(), k -> new HashMap<>());
                    for (String code : containing) {
                        index.computeIfAbsent(code, k -> new ArrayList<>()).add(a.getKey());
                    }
                } else {
                    part.direct.computeIfAbsent(p.getKey(), k -> new HashMap<>()).put(a.getKey(), cell);
                }
            }
        }
        parts.add(part);
    }

    private static String describe(List<Obs> obs) {
        Set<String> d = new LinkedHashSet<>();
        for (Obs o : obs) {
            d.add(String.join(" / ", nz(o.indicatorName()), nz(o.sex()), nz(o.age()), nz(o.category())));
            if (d.size() == 3) {
                break;
            }
        }
        return String.join("; ", d);
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Every period any dataset holds, earliest first. */
    List<String> periods() {
        List<String> ps = new ArrayList<>(periodEnds.keySet());
        ps.sort(Comparator.comparing((String p) -> periodEnds.get(p)).thenComparing(p -> p));
        return ps;
    }

    int periodEnd(String period) {
        return periodEnds.get(period);
    }

    /** Periods for which the area has a value, earliest first. */
    List<Value> history(String area) {
        List<Value> out = new ArrayList<>();
        for (String p : periods()) {
            Value v = value(area, p);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The area's value for a period, or null. */
    Value value(String area, String period) {
        for (Part part : parts) {
            Value v = resolve(part, area, period, 0);
            if (v != null) {
                used.add(part.dataset);
                return v;
            }
        }
        return null;
    }

    /** The area's value for a period in one dataset only, or null. */
    Value valueIn(String dataset, String area, String period) {
        for (Part part : parts) {
            if (part.dataset.equals(dataset)) {
                Value v = resolve(part, area, period, 0);
                if (v != null) {
                    used.add(part.dataset);
                }
                return v;
            }
        }
        return null;
    }

    private Value resolve(Part part, String area, String period, int depth) {
        String key = area + "\u0001" + period;
        if (part.resolved.containsKey(key)) {
            return part.resolved.get(key);
        }
        Value v = resolveUncached(part, area, period, depth);
        part.resolved.put(key, v);
        return v;
    }

    private Value resolveUncached(Part part, String area, String period, int depth) {
        Map<String, Cell> direct = part.direct.getOrDefault(period, Map.of());
        for (String code : areas.equivalents(area)) {
            Cell c = direct.get(code);
            if (c != null) {
                return new Value(area, period, periodEnds.get(period), c.value(), c.lower(), c.upper(), part.dataset,
                        code.equals(area) ? "row" : "row for " + code + " (same footprint)");
            }
        }
        if (!selector.sums() || depth > 3) {
            return null;
        }
        AreaDef def = areas.definition(area);
        if (def != null && !def.members().isEmpty()) {
            double sum = 0;
            boolean complete = true;
            for (String member : def.members().keySet()) {
                Value v = resolve(part, member, period, depth + 1);
                if (v == null) {
                    complete = false;
                    break;
                }
                sum += v.value();
            }
            if (complete) {
                return new Value(area, period, periodEnds.get(period), sum, null, null, part.dataset,
                        "sum of " + def.members().size() + " districts");
            }
        }
        Map<String, Double> small = smallAreas(part, area, period);
        if (small != null) {
            double sum = 0;
            for (double v : small.values()) {
                sum += v;
            }
            return new Value(area, period, periodEnds.get(period), sum, null, null, part.dataset,
                    "sum of " + small.size() + " small areas");
        }
        return null;
    }

    /**
     * The small areas of an area in one period with their values, from the first dataset that holds
     * them completely; null when none does.
     */
    SmallAreas smallAreas(String area, String period) {
        for (Part part : parts) {
            Map<String, Double> m = smallAreas(part, area, period);
            if (m != null) {
                used.add(part.dataset);
                return new SmallAreas(m, part.dataset);
            }
        }
        return null;
    }

    record SmallAreas(Map<String, Double> values, String dataset) {
    }

    /** All small areas of one period grouped by district, from the first dataset that has them. */
    Map<String, Map<String, Double>> smallAreasByDistrict(String period) {
        for (Part part : parts) {
            Map<String, Double> small = part.small.get(period);
            if (small == null || small.isEmpty()) {
                continue;
            }
            Map<String, Map<String, Double>> out = new TreeMap<>();
            Map<String, Set<String>> in = part.smallIn.get(period);
            for (Map.Entry<String, Double> e : small.entrySet()) {
                for (String code : in.get(e.getKey())) {
                    if (Areas.DISTRICT.matcher(code).matches()) {
                        out.computeIfAbsent(code, k -> new TreeMap<>()).put(e.getKey(), e.getValue());
                    }
                }
            }
            used.add(part.dataset);
            return out;
        }
        return Map.of();
    }

    /** Direct rows of one period whose codes match {@code type}. */
    Map<String, Double> directOfType(String period, Pattern type) {
        Map<String, Double> out = new TreeMap<>();
        for (Part part : parts) {
            for (Map.Entry<String, Cell> e : part.direct.getOrDefault(period, Map.of()).entrySet()) {
                if (type.matcher(e.getKey()).matches() && !out.containsKey(e.getKey())) {
                    out.put(e.getKey(), e.getValue().value());
                    used.add(part.dataset);
                }
            }
        }
        return out;
    }

    private Map<String, Double> smallAreas(Part part, String area, String period) {
        Map<String, Double> small = part.small.get(period);
        if (small == null) {
            return null;
        }
        Map<String, List<String>> index = part.smallOf.get(period);
        Set<String> codes = new java.util.TreeSet<>();
        for (String code : areas.equivalents(area)) {
            codes.addAll(index.getOrDefault(code, List.of()));
        }
        if (codes.isEmpty()) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String code : codes) {
            out.put(code, small.get(code));
        }
        AreaDef def = areas.definition(area);
        if (def != null) {
            // a partial sum is worse than none: every member district must be there, or enough small areas
            if (!def.members().isEmpty() && !def.members().keySet().stream().allMatch(index::containsKey)) {
                return null;
            }
            if (def.smallAreas() > 0 && out.size() < def.smallAreas() * 0.97) {
                return null;
            }
        }
        return out;
    }

    /** Datasets that gave a number to this series so far, and lookups used to place small areas. */
    Set<String> datasetsUsed() {
        Set<String> all = new LinkedHashSet<>(used);
        if (!used.isEmpty()) {
            all.addAll(lookupsUsed);
        }
        return all;
    }
}
