package org.bigpicture.core.headlines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.bigpicture.core.headlines.HeadlineSpec.AnswerMatch;
import org.bigpicture.core.headlines.HeadlineSpec.Area;
import org.bigpicture.core.headlines.HeadlineSpec.AreaDef;
import org.bigpicture.core.headlines.HeadlineSpec.Headline;
import org.bigpicture.core.headlines.HeadlineSpec.QuestionMatch;
import org.bigpicture.core.headlines.HeadlineSpec.Selector;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.util.YamlException;
import org.bigpicture.core.util.YamlNode;

/**
 * Reads a headline spec (YAML) into a {@link HeadlineSpec}, or rejects it with the line and the
 * reason ({@link SpecException}). Everything that can be checked without data is checked here, so a
 * spec that passes ingest's validation cannot fail later for its own sake: unknown keys, unknown
 * computations, bad patterns, template variables the computation cannot fill.
 */
public final class HeadlineSpecParser {

    /** Where the shipped default lives on the classpath. */
    public static final String DEFAULT_RESOURCE = "/org/bigpicture/core/headlines/default-headlines.yaml";

    private static final Pattern GSS = Pattern.compile("[A-Z][0-9]{8}");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,59}");
    private static final Pattern TEMPLATE_VAR = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> FILTER_COLUMNS = Set.of("area_type", "indicator_id", "indicator_name", "period",
            "sex", "age", "category_type", "category", "unit", "source", "observation_status", "value_note");

    private static final Set<String> TOP_KEYS = Set.of("version", "subject", "comparators", "areas", "synonyms",
            "headlines");
    private static final Set<String> HEADLINE_KEYS = Set.of("id", "title", "statement", "computation", "unit",
            "decimals", "data", "numerator", "denominator", "needs", "measure", "from", "to", "values", "among",
            "order", "trend", "question", "answer", "k", "exclude", "min_base");
    private static final Set<String> SELECTOR_KEYS = Set.of("family", "kind", "dataset", "indicator",
            "exclude_indicator", "filters", "age", "aggregate");
    private static final Set<String> PART_KEYS = Set.of("data", "filters", "age", "exclude_indicator", "indicator");

    private HeadlineSpecParser() {
    }

    /** The spec shipped in the core. */
    public static String defaultText() {
        try (InputStream in = HeadlineSpecParser.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default headline spec missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HeadlineSpec parseDefault() {
        return parse(defaultText());
    }

    /** Parses and validates; throws {@link SpecException} with the line and the reason. */
    public static HeadlineSpec parse(String text) {
        YamlNode root;
        try {
            root = YamlNode.parse(text);
        } catch (YamlException e) {
            throw new SpecException(e.line(), e.reason());
        }
        if (!root.isMap()) {
            throw new SpecException(root.line(), "the spec must be a mapping with 'subject' and 'headlines'");
        }
        checkKeys(root, TOP_KEYS, "at the top level");
        YamlNode version = root.get("version");
        if (version != null && !"1".equals(scalar(version, "version"))) {
            throw new SpecException(version.line(), "unsupported spec version '" + version.text() + "' (this code reads 1)");
        }
        Area subject = area(require(root, "subject"), "subject");
        List<Area> comparators = new ArrayList<>();
        YamlNode cmp = root.get("comparators");
        Set<String> keys = new HashSet<>();
        keys.add("subject");
        if (cmp != null) {
            for (YamlNode c : list(cmp, "comparators")) {
                Area a = area(c, "comparator");
                if (a.code().equals(subject.code()) || comparators.stream().anyMatch(x -> x.code().equals(a.code()))) {
                    throw new SpecException(c.line(), "comparator " + a.code() + " is listed twice or is the subject");
                }
                if (!keys.add(a.key())) {
                    throw new SpecException(c.line(), "comparator key '" + a.key() + "' is used twice");
                }
                comparators.add(a);
            }
        }
        Map<String, AreaDef> areas = areas(root.get("areas"));
        Map<String, List<String>> synonyms = synonyms(root.get("synonyms"));

        YamlNode hs = require(root, "headlines");
        List<Headline> headlines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode h : list(hs, "headlines")) {
            Headline headline = headline(h, comparators);
            if (!ids.add(headline.id())) {
                throw new SpecException(h.keyLine("id"), "headline id '" + headline.id() + "' is used twice");
            }
            headlines.add(headline);
        }
        if (headlines.isEmpty()) {
            throw new SpecException(hs.line(), "'headlines' is empty");
        }
        return new HeadlineSpec(LakeKeys.sha256(text), subject, List.copyOf(comparators), areas, synonyms,
                List.copyOf(headlines));
    }

    private static Area area(YamlNode n, String what) {
        if (!n.isMap()) {
            throw new SpecException(n.line(), what + " must be a mapping with 'code' and 'name'");
        }
        checkKeys(n, Set.of("code", "name", "key"), "in " + what);
        String code = scalar(require(n, "code"), "code");
        if (!GSS.matcher(code).matches()) {
            throw new SpecException(n.get("code").line(), "'" + code + "' is not a GSS area code (like E08000007)");
        }
        String name = scalar(require(n, "name"), "name");
        String key = n.get("key") == null ? LakeKeys.slug(name).replace('-', '_') : scalar(n.get("key"), "key");
        if (!KEY.matcher(key).matches()) {
            throw new SpecException(n.keyLine(n.get("key") == null ? "name" : "key"),
                    "key '" + key + "' must be lowercase letters, digits and underscores, starting with a letter");
        }
        return new Area(code, name, key);
    }

    private static Map<String, AreaDef> areas(YamlNode n) {
        Map<String, AreaDef> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isMap()) {
            throw new SpecException(n.line(), "'areas' must map area codes to their definition");
        }
        for (String code : n.keys()) {
            if (!GSS.matcher(code).matches()) {
                throw new SpecException(n.keyLine(code), "'" + code + "' is not a GSS area code");
            }
            YamlNode d = n.get(code);
            if (!d.isMap()) {
                throw new SpecException(d.line(), "area " + code + " must be a mapping (name, members, same_as, small_area_prefix)");
            }
            checkKeys(d, Set.of("name", "members", "same_as", "small_area_prefix", "small_areas"), "in area " + code);
            Map<String, String> members = new LinkedHashMap<>();
            YamlNode m = d.get("members");
            if (m != null && !m.isNull()) {
                if (m.isMap()) {
                    for (String mc : m.keys()) {
                        checkGss(mc, m.keyLine(mc));
                        members.put(mc, m.get(mc).isNull() ? null : scalar(m.get(mc), "member name"));
                    }
                } else {
                    for (YamlNode item : list(m, "members")) {
                        String mc = scalar(item, "member");
                        checkGss(mc, item.line());
                        members.put(mc, null);
                    }
                }
            }
            List<String> sameAs = strings(d.get("same_as"), "same_as");
            for (String s : sameAs) {
                checkGss(s, d.get("same_as").line());
            }
            String prefix = d.get("small_area_prefix") == null ? null : scalar(d.get("small_area_prefix"), "small_area_prefix");
            int smallAreas = d.get("small_areas") == null ? 0 : integer(d.get("small_areas"), "small_areas", 0, 10_000_000);
            String name = d.get("name") == null ? null : scalar(d.get("name"), "name");
            out.put(code, new AreaDef(code, name, members, sameAs, prefix, smallAreas));
        }
        return out;
    }

    private static void checkGss(String code, int line) {
        if (!GSS.matcher(code).matches()) {
            throw new SpecException(line, "'" + code + "' is not a GSS area code");
        }
    }

    private static Map<String, List<String>> synonyms(YamlNode n) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isMap()) {
            throw new SpecException(n.line(), "'synonyms' must map a keyword to a list of words or phrases");
        }
        for (String k : n.keys()) {
            List<String> words = new ArrayList<>(strings(n.get(k), "synonyms of " + k));
            out.put(k.toLowerCase(Locale.ROOT), List.copyOf(words));
        }
        return out;
    }

    private static Headline headline(YamlNode h, List<Area> comparators) {
        if (!h.isMap()) {
            throw new SpecException(h.line(), "each headline must be a mapping with id, title, computation and statement");
        }
        checkKeys(h, HEADLINE_KEYS, "in a headline");
        String id = scalar(require(h, "id"), "id");
        if (!ID.matcher(id).matches()) {
            throw new SpecException(h.keyLine("id"), "headline id '" + id + "' must be lowercase letters, digits and hyphens");
        }
        String title = scalar(require(h, "title"), "title");
        String statement = scalar(require(h, "statement"), "statement");
        String compName = scalar(require(h, "computation"), "computation");
        Computation c = Computation.fromSpecName(compName);
        if (c == null) {
            throw new SpecException(h.keyLine("computation"), "unknown computation '" + compName + "' (use one of: "
                    + Computation.allNames() + ")");
        }
        Selector data = h.get("data") == null ? null : selector(h.get("data"), SELECTOR_KEYS, null);
        Selector numerator = null;
        Selector denominator = null;
        boolean sameSource = true;
        String measure = opt(h, "measure");
        String from = opt(h, "from");
        String to = opt(h, "to");
        String among = opt(h, "among");
        List<Double> values = List.of();
        boolean descending = true;
        boolean trend = h.get("trend") != null && bool(h.get("trend"), "trend");
        QuestionMatch question = null;
        AnswerMatch answer = null;
        int k = h.get("k") == null ? 3 : integer(h.get("k"), "k", 1, 20);
        List<Pattern> exclude = new ArrayList<>();
        for (String e : strings(h.get("exclude"), "exclude")) {
            exclude.add(pattern(e, h.get("exclude").line()));
        }
        int minBase = h.get("min_base") == null ? 30 : integer(h.get("min_base"), "min_base", 1, 1_000_000);
        if (h.get("values") != null) {
            values = new ArrayList<>();
            for (YamlNode v : listOrOne(h.get("values"))) {
                values.add(number(v, "values"));
            }
            values = List.copyOf(values);
        }
        if (h.get("order") != null) {
            String order = scalar(h.get("order"), "order");
            if (!order.equals("descending") && !order.equals("ascending")) {
                throw new SpecException(h.keyLine("order"), "order must be 'descending' (1 = highest) or 'ascending'");
            }
            descending = order.equals("descending");
        }

        switch (c) {
            case LATEST, SMALL_AREA_SHARE, RANK, CHANGE -> requireData(h, data, c);
            default -> { }
        }
        if (c == Computation.CHANGE) {
            measure = measure == null ? "percent" : measure;
            oneOf(h, "measure", measure, "absolute", "percent", "points", "annualised");
            from = from == null ? "earliest" : from;
            to = to == null ? "latest" : to;
        }
        if (c == Computation.SMALL_AREA_SHARE && values.isEmpty()) {
            throw new SpecException(h.line(), "small_area_share needs 'values' (the deciles that count, e.g. [1])");
        }
        if (c == Computation.RANK) {
            measure = measure == null ? "value" : measure;
            oneOf(h, "measure", measure, "value", "stddev", "mean", "share_in");
            among = among == null ? "districts" : among;
            oneOf(h, "among", among, "districts", "counties", "regions", "small_areas");
            if (measure.equals("share_in") && values.isEmpty()) {
                throw new SpecException(h.keyLine("measure"), "measure share_in needs 'values'");
            }
        }
        if (c == Computation.SHARE) {
            YamlNode n = require(h, "numerator");
            YamlNode d = require(h, "denominator");
            numerator = part(n, data);
            denominator = part(d, data);
            sameSource = n.get("data") == null && d.get("data") == null;
            if (numerator == null || denominator == null) {
                throw new SpecException(h.line(), "share needs 'data' or a 'data' in both numerator and denominator");
            }
        }
        if (c == Computation.SURVEY_SHARE || c == Computation.TOP_ANSWERS) {
            question = question(require(h, "question"));
            if (c == Computation.SURVEY_SHARE) {
                answer = answer(require(h, "answer"));
            }
        }
        String unit = opt(h, "unit");
        if (unit == null) {
            unit = switch (c) {
                case SHARE, SMALL_AREA_SHARE, SURVEY_SHARE, TOP_ANSWERS -> "%";
                case RANK -> "rank";
                case CHANGE -> switch (measure) {
                    case "percent" -> "%";
                    case "points" -> "percentage points";
                    case "annualised" -> "% a year";
                    default -> null;
                };
                default -> null;
            };
        }
        int decimals = h.get("decimals") != null ? integer(h.get("decimals"), "decimals", 0, 6)
                : c == Computation.RANK ? 0
                : c == Computation.CHANGE && "absolute".equals(measure) ? 0
                : 1;
        String needs = opt(h, "needs");
        checkTemplate(h, statement, c, comparators, k);
        return new Headline(h.line(), id, title, statement, unit, decimals, c, data, numerator, denominator, sameSource,
                needs, measure, from, to, values, among, descending, trend, question, answer, k, List.copyOf(exclude),
                minBase);
    }

    private static void requireData(YamlNode h, Selector data, Computation c) {
        if (data == null) {
            throw new SpecException(h.line(), c.specName() + " needs 'data' (which datasets and rows it reads)");
        }
    }

    private static void oneOf(YamlNode h, String key, String value, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            throw new SpecException(h.keyLine(key), key + " '" + value + "' is not one of " + String.join(", ", allowed));
        }
    }

    private static void checkTemplate(YamlNode h, String statement, Computation c, List<Area> comparators, int k) {
        Set<String> allowed = new LinkedHashSet<>(c.variables());
        for (Area a : comparators) {
            allowed.add(a.key());
            allowed.add(a.key() + "_period");
        }
        if (c == Computation.TOP_ANSWERS) {
            for (int i = 1; i <= k; i++) {
                allowed.add("top" + i);
                allowed.add("top" + i + "_pct");
                allowed.add("top" + i + "_count");
            }
        }
        Matcher m = TEMPLATE_VAR.matcher(statement);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                throw new SpecException(h.keyLine("statement"), "the statement uses {" + m.group(1)
                        + "}, which " + c.specName() + " does not provide (it provides: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static Selector part(YamlNode n, Selector headlineData) {
        if (!n.isMap()) {
            throw new SpecException(n.line(), "numerator and denominator must be mappings (filters, age, data)");
        }
        checkKeys(n, PART_KEYS, "in numerator/denominator");
        Selector base = n.get("data") != null ? selector(n.get("data"), SELECTOR_KEYS, null) : headlineData;
        if (base == null) {
            return null;
        }
        return selector(n, PART_KEYS, base);
    }

    /** Reads a selector; with {@code base}, the node's filters are laid over the base's. */
    private static Selector selector(YamlNode n, Set<String> allowedKeys, Selector base) {
        if (!n.isMap()) {
            throw new SpecException(n.line(), "'data' must be a mapping (family, indicator, filters, …)");
        }
        checkKeys(n, allowedKeys, "in data");
        List<Pattern> families = new ArrayList<>(base == null ? List.of() : base.families());
        if (n.get("family") != null) {
            families.clear();
            for (String f : strings(n.get("family"), "family")) {
                families.add(pattern(f, n.get("family").line()));
            }
        }
        List<String> kinds = base == null ? List.of("observations") : base.kinds();
        if (n.get("kind") != null) {
            kinds = strings(n.get("kind"), "kind");
        }
        Pattern datasets = base == null ? null : base.datasets();
        if (n.get("dataset") != null) {
            datasets = pattern(scalar(n.get("dataset"), "dataset"), n.get("dataset").line());
        }
        Pattern indicator = base == null ? null : base.indicator();
        if (n.get("indicator") != null) {
            indicator = pattern(scalar(n.get("indicator"), "indicator"), n.get("indicator").line());
        }
        Pattern exclude = base == null ? null : base.excludeIndicator();
        if (n.get("exclude_indicator") != null) {
            exclude = pattern(scalar(n.get("exclude_indicator"), "exclude_indicator"), n.get("exclude_indicator").line());
        }
        Map<String, Pattern> filters = new LinkedHashMap<>(base == null ? Map.of() : base.filters());
        YamlNode f = n.get("filters");
        if (f != null && !f.isNull()) {
            if (!f.isMap()) {
                throw new SpecException(f.line(), "'filters' must map a column to a pattern");
            }
            for (String col : f.keys()) {
                if (!FILTER_COLUMNS.contains(col)) {
                    throw new SpecException(f.keyLine(col), "cannot filter on '" + col + "' (columns: "
                            + String.join(", ", FILTER_COLUMNS.stream().sorted().toList()) + ")");
                }
                String p = scalar(f.get(col), col);
                filters.put(col, p.equalsIgnoreCase("total") ? ObservationFilter.TOTAL
                        : wholeValue(p, f.get(col).line()));
            }
        }
        Integer ageFrom = base == null ? null : base.ageFrom();
        Integer ageTo = base == null ? null : base.ageTo();
        YamlNode age = n.get("age");
        if (age != null) {
            if (!age.isMap()) {
                throw new SpecException(age.line(), "'age' must be a mapping with 'from' and/or 'to' (years)");
            }
            checkKeys(age, Set.of("from", "to"), "in age");
            ageFrom = age.get("from") == null ? null : integer(age.get("from"), "from", 0, 150);
            ageTo = age.get("to") == null ? null : integer(age.get("to"), "to", 0, 150);
            if (ageFrom == null && ageTo == null) {
                throw new SpecException(age.line(), "'age' needs 'from' or 'to'");
            }
            filters.remove("age");
        }
        String aggregate = base == null ? "single" : base.aggregate();
        if (n.get("aggregate") != null) {
            aggregate = scalar(n.get("aggregate"), "aggregate");
            if (!aggregate.equals("sum") && !aggregate.equals("single")) {
                throw new SpecException(n.keyLine("aggregate"), "aggregate must be 'sum' (counts) or 'single'");
            }
        }
        if (ageFrom != null || ageTo != null) {
            aggregate = "sum";
        }
        return new Selector(List.copyOf(families), List.copyOf(kinds), datasets, indicator, exclude,
                java.util.Collections.unmodifiableMap(filters), ageFrom, ageTo, aggregate);
    }

    private static QuestionMatch question(YamlNode n) {
        if (!n.isMap()) {
            throw new SpecException(n.line(), "'question' must be a mapping with 'keywords' and/or 'ids'");
        }
        checkKeys(n, Set.of("ids", "keywords"), "in question");
        List<String> ids = strings(n.get("ids"), "ids");
        List<String> keywords = strings(n.get("keywords"), "keywords");
        if (ids.isEmpty() && keywords.isEmpty()) {
            throw new SpecException(n.line(), "'question' needs 'keywords' or 'ids'");
        }
        return new QuestionMatch(ids, keywords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }

    private static AnswerMatch answer(YamlNode n) {
        if (!n.isMap()) {
            throw new SpecException(n.line(), "'answer' must be a mapping with 'keywords' and/or 'options'");
        }
        checkKeys(n, Set.of("keywords", "options"), "in answer");
        List<String> keywords = strings(n.get("keywords"), "keywords");
        List<Pattern> patterns = new ArrayList<>();
        for (String p : strings(n.get("options"), "options")) {
            patterns.add(wholeValue(p, n.get("options").line()));
        }
        if (keywords.isEmpty() && patterns.isEmpty()) {
            throw new SpecException(n.line(), "'answer' needs 'keywords' or 'options'");
        }
        return new AnswerMatch(keywords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList(), List.copyOf(patterns));
    }

    private static Pattern pattern(String p, int line) {
        try {
            return Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new SpecException(line, "'" + p + "' is not a valid pattern: " + e.getDescription());
        }
    }

    /** A pattern that must match a whole cell. */
    private static Pattern wholeValue(String p, int line) {
        pattern(p, line);
        return Pattern.compile("(?:" + p + ")", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static void checkKeys(YamlNode n, Set<String> allowed, String where) {
        for (String k : n.keys()) {
            if (!allowed.contains(k)) {
                throw new SpecException(n.keyLine(k), "unknown key '" + k + "' " + where + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static YamlNode require(YamlNode map, String key) {
        YamlNode v = map.get(key);
        if (v == null || v.isNull()) {
            throw new SpecException(map.line(), "'" + key + "' is missing");
        }
        return v;
    }

    private static String opt(YamlNode map, String key) {
        YamlNode v = map.get(key);
        return v == null || v.isNull() ? null : scalar(v, key);
    }

    private static String scalar(YamlNode n, String what) {
        if (!n.isScalar()) {
            throw new SpecException(n.line(), "'" + what + "' must be a single value");
        }
        String t = n.text().strip();
        if (t.isEmpty()) {
            throw new SpecException(n.line(), "'" + what + "' is empty");
        }
        return t;
    }

    private static List<YamlNode> list(YamlNode n, String what) {
        if (!n.isList()) {
            throw new SpecException(n.line(), "'" + what + "' must be a list");
        }
        return n.items();
    }

    private static List<YamlNode> listOrOne(YamlNode n) {
        return n.isList() ? n.items() : List.of(n);
    }

    private static List<String> strings(YamlNode n, String what) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlNode i : listOrOne(n)) {
            out.add(scalar(i, what));
        }
        return List.copyOf(out);
    }

    private static int integer(YamlNode n, String what, int min, int max) {
        String t = scalar(n, what);
        try {
            int v = Integer.parseInt(t);
            if (v < min || v > max) {
                throw new SpecException(n.line(), "'" + what + "' must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SpecException(n.line(), "'" + what + "' must be a whole number, not '" + t + "'");
        }
    }

    private static double number(YamlNode n, String what) {
        String t = scalar(n, what);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new SpecException(n.line(), "'" + what + "' must be a number, not '" + t + "'");
        }
    }

    private static boolean bool(YamlNode n, String what) {
        String t = scalar(n, what).toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("yes")) {
            return true;
        }
        if (t.equals("false") || t.equals("no")) {
            return false;
        }
        throw new SpecException(n.line(), "'" + what + "' must be true or false");
    }
}
