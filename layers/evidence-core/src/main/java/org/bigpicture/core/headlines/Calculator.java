package org.bigpicture.core.headlines;

import org.bigpicture.core.dataset.Periods;
import org.bigpicture.core.util.Wilson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bigpicture.core.headlines.HeadlineResult.Comparator;
import org.bigpicture.core.headlines.HeadlineResult.Input;
import org.bigpicture.core.headlines.HeadlineResult.Source;
import org.bigpicture.core.headlines.HeadlineResult.Status;
import org.bigpicture.core.headlines.HeadlineSpec.Area;
import org.bigpicture.core.headlines.HeadlineSpec.Headline;
import org.bigpicture.core.headlines.HeadlineSpec.Selector;
import org.bigpicture.core.headlines.Series.Value;

/**
 * Computes each headline of a spec over one lake snapshot. A headline whose data is missing,
 * suppressed or unusable gets that status and a reason; the others are unaffected. Only failures of
 * the store itself (IOException) stop the run, so that it is retried.
 */
final class Calculator {

    private static final Pattern TEMPLATE_VAR = Pattern.compile("\\{([^{}]*)}");

    private final HeadlineSpec spec;
    private final LakeSnapshot snapshot;
    private final LakeData lake;
    private final Areas areas;
    private final Map<Selector, Series> seriesCache = new HashMap<>();

    Calculator(HeadlineSpec spec, LakeSnapshot snapshot, LakeData lake) {
        this.spec = spec;
        this.snapshot = snapshot;
        this.lake = lake;
        this.areas = new Areas(spec, snapshot, lake);
    }

    List<HeadlineResult> computeAll() throws IOException {
        List<HeadlineResult> out = new ArrayList<>();
        for (Headline h : spec.headlines()) {
            out.add(compute(h));
        }
        return out;
    }

    HeadlineResult compute(Headline h) throws IOException {
        HeadlineResult r = new HeadlineResult(h.id(), h.title());
        r.unit = h.unit();
        Map<String, String> vars = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        try {
            switch (h.computation()) {
                case LATEST -> latest(h, r, vars, used);
                case CHANGE -> change(h, r, vars, used);
                case SHARE -> share(h, r, vars, used);
                case SMALL_AREA_SHARE -> smallAreaShare(h, r, vars, used);
                case RANK -> rank(h, r, vars, used);
                case SURVEY_SHARE -> surveyShare(h, r, vars, used);
                case TOP_ANSWERS -> topAnswers(h, r, vars, used);
            }
            vars.put("subject", spec.subject().name());
            vars.put("subject_code", spec.subject().code());
            vars.put("title", h.title());
            vars.put("unit", h.unit() == null ? "" : h.unit());
            vars.put("period", r.period == null ? "n/a" : r.period);
            vars.putIfAbsent("value", r.value == null ? "n/a" : Fmt.number(r.value.doubleValue(), h.decimals()));
            r.statement = render(h.statement(), vars);
        } catch (MissingDataException e) {
            fail(r, Status.MISSING_DATA, e.getMessage());
            r.needs = h.needs() != null ? h.needs() : defaultNeeds(h);
        } catch (SuppressedException e) {
            fail(r, Status.SUPPRESSED, e.getMessage());
        } catch (DataException | ArithmeticException e) {
            fail(r, Status.ERROR, e.getMessage());
        }
        for (String d : used) {
            for (DatasetInfo info : snapshot.datasets) {
                if (info.id().equals(d)) {
                    r.sources.add(new Source(info.id(), info.sha256(), info.rows()));
                }
            }
        }
        return r;
    }

    private static void fail(HeadlineResult r, Status status, String reason) {
        r.status = status;
        r.reason = reason;
        r.statement = null;
        r.value = null;
        r.ciLow = null;
        r.ciHigh = null;
        r.comparators.clear();
        r.details.clear();
        if (status != Status.SUPPRESSED) {
            r.inputs.clear();
        }
    }

    /** Fills {@code {name}}s; a number the data does not hold reads "n/a" (and loses a "%" after it). */
    static String render(String template, Map<String, String> vars) {
        Matcher m = TEMPLATE_VAR.matcher(template);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            sb.append(template, last, m.start());
            String v = vars.get(m.group(1));
            last = m.end();
            if (v == null || v.equals("n/a")) {
                sb.append("n/a");
                if (template.startsWith("%", last)) {
                    last++;
                }
            } else {
                sb.append(v);
            }
        }
        sb.append(template.substring(last));
        return sb.toString();
    }

    private Series series(Selector s, Headline h, String what) throws IOException {
        Series cached = seriesCache.get(s);
        if (cached == null) {
            cached = Series.build(s, snapshot, lake, areas);
            seriesCache.put(s, cached);
        }
        if (cached.isEmpty()) {
            throw new MissingDataException("no dataset in the lake holds " + what);
        }
        return cached;
    }

    private String describe(Selector s) {
        List<String> parts = new ArrayList<>();
        if (!s.families().isEmpty()) {
            parts.add("family " + String.join(" or ", s.families().stream().map(Pattern::pattern).toList()));
        }
        if (s.indicator() != null) {
            parts.add("indicator matching '" + s.indicator().pattern() + "'");
        }
        return parts.isEmpty() ? "the headline's data" : String.join(", ", parts);
    }

    private String defaultNeeds(Headline h) {
        Selector s = h.data() != null ? h.data() : h.numerator();
        if (h.computation() == Computation.SURVEY_SHARE || h.computation() == Computation.TOP_ANSWERS) {
            return "a survey export (under surveys/) with a question about "
                    + String.join(", ", h.question().keywords());
        }
        return s == null ? "data for this headline" : "observations with " + describe(s) + " for " + spec.subject().name();
    }

    // ---- latest -------------------------------------------------------------------------------

    private void latest(Headline h, HeadlineResult r, Map<String, String> vars, Set<String> used) throws IOException {
        Series s = series(h.data(), h, describe(h.data()));
        List<Value> hist = s.history(spec.subject().code());
        if (hist.isEmpty()) {
            throw new MissingDataException("the data (" + describe(h.data()) + ") has no value for "
                    + spec.subject().name() + " (" + spec.subject().code() + ")");
        }
        Value last = hist.get(hist.size() - 1);
        r.value = Fmt.round(last.value(), h.decimals());
        r.period = last.period();
        if (last.lower() != null && last.upper() != null) {
            r.ciLow = Fmt.round(last.lower(), h.decimals());
            r.ciHigh = Fmt.round(last.upper(), h.decimals());
            vars.put("lower", Fmt.number(last.lower(), h.decimals()));
            vars.put("upper", Fmt.number(last.upper(), h.decimals()));
        }
        input(r, "value", last, h.decimals());
        vars.put("dataset", last.dataset());
        if (h.trend() && hist.size() > 1) {
            r.details.put("series", series(hist, h.decimals()));
            Value first = hist.get(0);
            input(r, "trend from", first, h.decimals());
            changeVars(first, last, h.decimals(), vars, r);
        }
        comparatorsAt(h, s, last.period(), r, vars);
        used.addAll(s.datasetsUsed());
    }

    private void changeVars(Value from, Value to, int decimals, Map<String, String> vars, HeadlineResult r) {
        double diff = to.value() - from.value();
        vars.put("from_period", from.period());
        vars.put("from_value", Fmt.number(from.value(), decimals));
        vars.put("to_period", to.period());
        vars.put("to_value", Fmt.number(to.value(), decimals));
        vars.put("change", Fmt.number(Math.abs(diff), decimals));
        vars.put("signed_change", Fmt.signed(diff, decimals));
        vars.put("direction", direction(diff, decimals));
        r.details.put("from_period", from.period());
        r.details.put("from_value", Fmt.round(from.value(), decimals));
        r.details.put("to_period", to.period());
        r.details.put("to_value", Fmt.round(to.value(), decimals));
        r.details.put("change", Fmt.round(diff, decimals));
        if (from.value() != 0) {
            double pct = diff / from.value() * 100;
            vars.put("change_pct", Fmt.number(Math.abs(pct), 1));
            vars.put("signed_change_pct", Fmt.signed(pct, 1));
            r.details.put("change_pct", Fmt.round(pct, 1));
        }
    }

    private static String direction(double diff, int decimals) {
        BigDecimal d = Fmt.round(diff, decimals);
        return d == null || d.signum() == 0 ? "stayed the same" : d.signum() > 0 ? "rose" : "fell";
    }

    private void comparatorsAt(Headline h, Series s, String period, HeadlineResult r, Map<String, String> vars) {
        for (Area c : spec.comparators()) {
            Value v = s.value(c.code(), period);
            String note = null;
            if (v == null) {
                List<Value> hist = s.history(c.code());
                if (!hist.isEmpty()) {
                    v = hist.get(hist.size() - 1);
                    note = "the data holds no " + period + " value for " + c.name() + "; latest it holds";
                }
            }
            comparator(h, r, vars, c, v == null ? null : v.value(), v == null ? null : v.period(),
                    v == null ? "not in the data" : note);
            if (v != null) {
                input(r, "comparator", v, h.decimals());
            }
        }
    }

    private void comparator(Headline h, HeadlineResult r, Map<String, String> vars, Area c, Double value,
                            String period, String note) {
        r.comparators.add(new Comparator(c.code(), c.name(), Fmt.round(value, h.decimals()), period, note));
        vars.put(c.key(), value == null ? "n/a" : Fmt.number(value, h.decimals()));
        vars.put(c.key() + "_period", period == null ? "n/a" : period);
    }

    private static void input(HeadlineResult r, String role, Value v, int decimals) {
        r.inputs.add(new Input(role, v.area(), v.period(), Fmt.round(v.value(), Math.max(decimals, 0)), v.dataset(),
                v.how()));
    }

    // ---- change -------------------------------------------------------------------------------

    private void change(Headline h, HeadlineResult r, Map<String, String> vars, Set<String> used) throws IOException {
        Series s = series(h.data(), h, describe(h.data()));
        String subject = spec.subject().code();
        List<Value> hist = s.history(subject);
        if (hist.size() < 2) {
            throw new MissingDataException("a change needs " + spec.subject().name() + " in two periods; the data ("
                    + describe(h.data()) + ") holds " + (hist.isEmpty() ? "none" : "only " + hist.get(0).period()));
        }
        Value from = pick(hist, h.from(), true);
        Value to = pick(hist, h.to(), false);
        if (from.periodEnd() >= to.periodEnd()) {
            throw new DataException("period '" + from.period() + "' is not before '" + to.period() + "'");
        }
        int valueDecimals = countDecimals(hist);
        double measured = measure(h.measure(), from, to);
        r.value = Fmt.round(measured, h.decimals());
        r.period = from.period() + " to " + to.period();
        input(r, "from", from, valueDecimals);
        input(r, "to", to, valueDecimals);
        changeVars(from, to, valueDecimals, vars, r);
        double years = Periods.yearsBetween(from.periodEnd(), to.periodEnd());
        vars.put("years", Fmt.number(years, years == Math.rint(years) ? 0 : 1));
        vars.put("from_dataset", from.dataset());
        vars.put("to_dataset", to.dataset());
        r.details.put("years", Fmt.round(years, 2));
        r.details.put("series", series(hist, valueDecimals));
        if (from.value() > 0 && to.value() > 0 && years > 0) {
            double ann = (Math.pow(to.value() / from.value(), 1 / years) - 1) * 100;
            vars.put("annualised_pct", Fmt.number(ann, 2));
            r.details.put("annualised_pct", Fmt.round(ann, 2));
        }
        for (Area c : spec.comparators()) {
            Value cf = s.value(c.code(), from.period());
            Value ct = s.value(c.code(), to.period());
            String note = null;
            if (cf == null || ct == null) {
                // the comparator is not in both periods: compare over the widest span it has, and say so
                List<Value> ch = s.history(c.code());
                cf = ch.size() >= 2 ? ch.get(0) : null;
                ct = ch.size() >= 2 ? ch.get(ch.size() - 1) : null;
                note = cf == null ? "not in the data for two periods"
                        : "the data holds " + c.name() + " only for " + cf.period() + " to " + ct.period();
            }
            if (cf == null) {
                comparator(h, r, vars, c, null, null, note);
                continue;
            }
            comparator(h, r, vars, c, measure(h.measure(), cf, ct), cf.period() + " to " + ct.period(), note);
            input(r, "comparator from", cf, valueDecimals);
            input(r, "comparator to", ct, valueDecimals);
        }
        used.addAll(s.datasetsUsed());
    }

    /** Every period the data holds for the subject, with the dataset each number came from. */
    private static List<Map<String, Object>> series(List<Value> hist, int decimals) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Value v : hist) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("period", v.period());
            m.put("value", Fmt.round(v.value(), decimals));
            m.put("dataset", v.dataset());
            out.add(m);
        }
        return out;
    }

    private static int countDecimals(List<Value> hist) {
        for (Value v : hist) {
            if (v.value() != Math.rint(v.value())) {
                return 1;
            }
        }
        return 0;
    }

    private static Value pick(List<Value> hist, String which, boolean from) {
        if (which.equals("earliest")) {
            return hist.get(0);
        }
        if (which.equals("latest")) {
            return hist.get(hist.size() - 1);
        }
        for (Value v : hist) {
            if (v.period().equalsIgnoreCase(which)) {
                return v;
            }
        }
        throw new MissingDataException("the data has no period '" + which + "' (it holds "
                + String.join(", ", hist.stream().map(Value::period).toList()) + ")");
    }

    private static double measure(String measure, Value from, Value to) {
        double diff = to.value() - from.value();
        return switch (measure) {
            case "absolute", "points" -> diff;
            case "annualised" -> {
                double years = Periods.yearsBetween(from.periodEnd(), to.periodEnd());
                if (from.value() <= 0 || years <= 0) {
                    throw new DataException("an annualised change needs positive values and periods apart");
                }
                yield (Math.pow(to.value() / from.value(), 1 / years) - 1) * 100;
            }
            default -> {
                if (from.value() == 0) {
                    throw new DataException("a percentage change from zero is undefined");
                }
                yield diff / from.value() * 100;
            }
        };
    }

    // ---- share --------------------------------------------------------------------------------

    private void share(Headline h, HeadlineResult r, Map<String, String> vars, Set<String> used) throws IOException {
        Series num = series(h.numerator(), h, "the numerator (" + describe(h.numerator()) + ")");
        Series den = series(h.denominator(), h, "the denominator (" + describe(h.denominator()) + ")");
        String subject = spec.subject().code();
        Value[] pair = sharePair(h, num, den, subject, null);
        if (pair == null) {
            throw new MissingDataException("the data holds no numerator and denominator for " + spec.subject().name()
                    + (h.sameSource() ? " in the same period" : ""));
        }
        double share = pair[0].value() / pair[1].value() * 100;
        r.value = Fmt.round(share, h.decimals());
        r.period = h.sameSource() || pair[0].period().equals(pair[1].period()) ? pair[0].period()
                : pair[0].period() + " (denominator " + pair[1].period() + ")";
        input(r, "numerator", pair[0], 0);
        input(r, "denominator", pair[1], 0);
        vars.put("numerator", Fmt.number(pair[0].value(), 0));
        vars.put("denominator", Fmt.number(pair[1].value(), 0));
        vars.put("numerator_period", pair[0].period());
        vars.put("denominator_period", pair[1].period());
        vars.put("numerator_dataset", pair[0].dataset());
        vars.put("denominator_dataset", pair[1].dataset());
        r.details.put("numerator", Fmt.round(pair[0].value(), 0));
        r.details.put("denominator", Fmt.round(pair[1].value(), 0));
        r.details.put("numerator_period", pair[0].period());
        r.details.put("denominator_period", pair[1].period());
        for (Area c : spec.comparators()) {
            Value[] cp = sharePair(h, num, den, c.code(), pair);
            if (cp == null) {
                comparator(h, r, vars, c, null, null, "not in the data");
                continue;
            }
            String note = cp[0].period().equals(pair[0].period()) ? null
                    : "the data holds " + c.name() + " only for " + cp[0].period();
            comparator(h, r, vars, c, cp[0].value() / cp[1].value() * 100, cp[0].period(), note);
            input(r, "comparator numerator", cp[0], 0);
            input(r, "comparator denominator", cp[1], 0);
        }
        used.addAll(num.datasetsUsed());
        used.addAll(den.datasetsUsed());
    }

    /**
     * Numerator and denominator for an area: the latest period the numerator holds (the subject's,
     * for comparators) with a denominator of the same period (same source) or the nearest one.
     */
    private Value[] sharePair(Headline h, Series num, Series den, String area, Value[] subjectPair) {
        List<Value> nh = num.history(area);
        if (subjectPair != null) {
            Value same = num.value(area, subjectPair[0].period());
            if (same != null) {
                nh = List.of(same);
            }
        }
        for (int i = nh.size() - 1; i >= 0; i--) {
            Value n = nh.get(i);
            Value d;
            if (h.sameSource()) {
                d = den.valueIn(n.dataset(), area, n.period());
            } else {
                d = nearest(den.history(area), n.periodEnd());
            }
            if (d != null && d.value() != 0) {
                return new Value[] {n, d};
            }
        }
        return null;
    }

    private static Value nearest(List<Value> hist, int end) {
        Value best = null;
        for (Value v : hist) {
            if (best == null || Math.abs(v.periodEnd() - end) < Math.abs(best.periodEnd() - end)) {
                best = v;
            }
        }
        return best;
    }

    // ---- small area share ---------------------------------------------------------------------

    private void smallAreaShare(Headline h, HeadlineResult r, Map<String, String> vars, Set<String> used)
            throws IOException {
        Series s = series(h.data(), h, describe(h.data()));
        String subject = spec.subject().code();
        List<String> periods = s.periods();
        Series.SmallAreas sa = null;
        String period = null;
        for (int i = periods.size() - 1; i >= 0 && sa == null; i--) {
            sa = s.smallAreas(subject, periods.get(i));
            period = periods.get(i);
        }
        if (sa == null) {
            throw new MissingDataException("the data (" + describe(h.data()) + ") has no small areas of "
                    + spec.subject().name());
        }
        long count = countIn(sa.values(), h.values());
        int base = sa.values().size();
        r.value = Fmt.round(count * 100.0 / base, h.decimals());
        r.period = period;
        r.details.put("count", count);
        r.details.put("base", base);
        r.details.put("values", h.values().stream().map(v -> Fmt.round(v, v == Math.rint(v) ? 0 : 2)).toList());
        vars.put("count", Fmt.number(count, 0));
        vars.put("base", Fmt.number(base, 0));
        vars.put("values", String.join(", ", h.values().stream().map(v -> Fmt.number(v, v == Math.rint(v) ? 0 : 2)).toList()));
        vars.put("dataset", sa.dataset());
        r.inputs.add(new Input("small areas", subject, period, BigDecimal.valueOf(base), sa.dataset(),
                count + " of " + base + " small areas"));
        for (Area c : spec.comparators()) {
            Series.SmallAreas cs = s.smallAreas(c.code(), period);
            if (cs == null) {
                comparator(h, r, vars, c, null, null, "not in the data");
                continue;
            }
            long cc = countIn(cs.values(), h.values());
            comparator(h, r, vars, c, cc * 100.0 / cs.values().size(), period, null);
            r.inputs.add(new Input("comparator small areas", c.code(), period, BigDecimal.valueOf(cs.values().size()),
                    cs.dataset(), cc + " of " + cs.values().size() + " small areas"));
        }
        used.addAll(s.datasetsUsed());
    }

    private static long countIn(Map<String, Double> values, List<Double> wanted) {
        return values.values().stream().filter(wanted::contains).count();
    }

    // ---- rank ---------------------------------------------------------------------------------

    private void rank(Headline h, HeadlineResult r, Map<String, String> vars, Set<String> used) throws IOException {
        Series s = series(h.data(), h, describe(h.data()));
        String subject = spec.subject().code();
        Pattern type = switch (h.among()) {
            case "regions" -> Areas.REGION;
            case "counties" -> Areas.COUNTY;
            case "small_areas" -> Areas.SMALL_AREA;
            default -> Areas.DISTRICT;
        };
        List<String> periods = s.periods();
        for (int i = periods.size() - 1; i >= 0; i--) {
            String period = periods.get(i);
            Map<String, Double> measures = new LinkedHashMap<>();
            String how;
            if (!h.measure().equals("value") && h.among().equals("districts")) {
                Map<String, Map<String, Double>> groups = s.smallAreasByDistrict(period);
                for (Map.Entry<String, Map<String, Double>> g : groups.entrySet()) {
                    measures.put(g.getKey(), groupMeasure(h, g.getValue().values()));
                }
                how = h.measure() + " over each district's small areas";
            } else {
                measures.putAll(s.directOfType(period, type));
                how = "value of each area's own row";
            }
            Double mine = measures.get(subject);
            if (mine == null) {
                continue;
            }
            int rank = 1;
            for (double m : measures.values()) {
                if (h.descending() ? m > mine : m < mine) {
                    rank++;
                }
            }
            r.value = BigDecimal.valueOf(rank);
            r.period = period;
            String dataset = String.join(", ", s.datasetsUsed());
            r.details.put("rank", rank);
            r.details.put("of", measures.size());
            r.details.put("among", h.among());
            r.details.put("measure", h.measure());
            r.details.put("order", h.descending() ? "descending (1 = highest)" : "ascending (1 = lowest)");
            r.details.put("measure_value", Fmt.round(mine, 2));
            vars.put("rank", Integer.toString(rank));
            vars.put("of", Integer.toString(measures.size()));
            vars.put("ordinal", Fmt.ordinal(rank));
            vars.put("measure_value", Fmt.number(mine, 1));
            vars.put("among", h.among());
            vars.put("measure", h.measure());
            vars.put("dataset", dataset);
            r.inputs.add(new Input("measure", subject, period, Fmt.round(mine, 2), dataset, how));
            used.addAll(s.datasetsUsed());
            return;
        }
        throw new MissingDataException("the data (" + describe(h.data()) + ") does not place "
                + spec.subject().name() + " among " + h.among());
    }

    private static double groupMeasure(Headline h, java.util.Collection<Double> values) {
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        return switch (h.measure()) {
            case "mean" -> mean;
            case "stddev" -> {
                double ss = 0;
                for (double v : values) {
                    ss += (v - mean) * (v - mean);
                }
                yield Math.sqrt(ss / n);
            }
            case "share_in" -> values.stream().filter(h.values()::contains).count() * 100.0 / n;
            default -> values.stream().mapToDouble(Double::doubleValue).sum();
        };
    }

    // ---- surveys ------------------------------------------------------------------------------

    private void surveyShare(Headline h, HeadlineResult r, Map<String, String> vars, Set<String> used)
            throws IOException {
        SurveyQuestions.Found f = new SurveyQuestions(spec, snapshot, lake).find(h);
        used.add(f.survey().id());
        SurveyQuestions.Answer a = f.answer();
        r.period = f.period();
        vars.put("question", f.question().text());
        vars.put("survey", f.survey().id());
        vars.put("answer", a.label());
        r.details.put("survey", f.survey().id());
        r.details.put("question_id", f.question().id());
        r.details.put("question", f.question().text());
        r.details.put("answer", a.label());
        if (a.suppressed() || f.question().base() == null) {
            throw new SuppressedException("the answer '" + a.label() + "' is suppressed in the survey summary "
                    + "(fewer than the disclosure threshold)");
        }
        double base = f.question().base();
        if (base < h.minBase()) {
            throw new SuppressedException("the question's base (" + (long) base + ") is under " + h.minBase());
        }
        double[] ci = Wilson.proportions(a.count(), base);
        double pct = a.count() / base * 100;
        r.value = Fmt.round(pct, h.decimals());
        r.ciLow = Fmt.round(ci[0] * 100, h.decimals());
        r.ciHigh = Fmt.round(ci[1] * 100, h.decimals());
        r.details.put("count", Fmt.round(a.count(), 0));
        r.details.put("base", Fmt.round(base, 0));
        vars.put("count", Fmt.number(a.count(), 0));
        vars.put("base", Fmt.number(base, 0));
        vars.put("ci_low", Fmt.number(ci[0] * 100, h.decimals()));
        vars.put("ci_high", Fmt.number(ci[1] * 100, h.decimals()));
        r.inputs.add(new Input("answer", spec.subject().code(), f.period(), Fmt.round(a.count(), 0), f.survey().id(),
                a.count() == Math.rint(a.count()) ? (long) a.count() + " of " + (long) base + " respondents"
                        : "count of " + (long) base));
    }

    private void topAnswers(Headline h, HeadlineResult r, Map<String, String> vars, Set<String> used)
            throws IOException {
        SurveyQuestions.Found f = new SurveyQuestions(spec, snapshot, lake).find(h);
        used.add(f.survey().id());
        r.period = f.period();
        vars.put("question", f.question().text());
        vars.put("survey", f.survey().id());
        r.details.put("survey", f.survey().id());
        r.details.put("question_id", f.question().id());
        r.details.put("question", f.question().text());
        Double base = f.question().base();
        if (base == null || base < h.minBase()) {
            throw new SuppressedException("the question's base (" + (base == null ? "suppressed" : (long) (double) base)
                    + ") is under " + h.minBase());
        }
        List<SurveyQuestions.Option> options = new ArrayList<>();
        for (SurveyQuestions.Option o : f.question().options()) {
            if (o.suppressed() || o.count() == null) {
                continue;
            }
            if (h.exclude().stream().anyMatch(p -> p.matcher(o.label()).find())) {
                continue;
            }
            options.add(o);
        }
        options.sort(java.util.Comparator.comparing((SurveyQuestions.Option o) -> -o.count())
                .thenComparing(SurveyQuestions.Option::label));
        if (options.isEmpty()) {
            throw new SuppressedException("every answer of the question is suppressed or excluded");
        }
        List<Map<String, Object>> top = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        for (int i = 0; i < Math.min(h.k(), options.size()); i++) {
            SurveyQuestions.Option o = options.get(i);
            double pct = o.count() / base * 100;
            double[] ci = Wilson.proportions(o.count(), base);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", o.label());
            m.put("count", Fmt.round(o.count(), 0));
            m.put("pct", Fmt.round(pct, h.decimals()));
            m.put("ci95_low", Fmt.round(ci[0] * 100, h.decimals()));
            m.put("ci95_high", Fmt.round(ci[1] * 100, h.decimals()));
            top.add(m);
            vars.put("top" + (i + 1), o.label());
            vars.put("top" + (i + 1) + "_pct", Fmt.number(pct, h.decimals()));
            vars.put("top" + (i + 1) + "_count", Fmt.number(o.count(), 0));
            phrases.add(o.label() + " (" + Fmt.number(pct, h.decimals()) + "%)");
            if (i == 0) {
                r.value = Fmt.round(pct, h.decimals());
                r.ciLow = Fmt.round(ci[0] * 100, h.decimals());
                r.ciHigh = Fmt.round(ci[1] * 100, h.decimals());
            }
        }
        r.details.put("base", Fmt.round(base, 0));
        r.details.put("top", top);
        vars.put("base", Fmt.number(base, 0));
        vars.put("answers", phrases.size() == 1 ? phrases.get(0)
                : String.join(", ", phrases.subList(0, phrases.size() - 1)) + " and " + phrases.get(phrases.size() - 1));
        r.inputs.add(new Input("question", spec.subject().code(), f.period(), Fmt.round(base, 0), f.survey().id(),
                "base of question " + f.question().id()));
    }
}
