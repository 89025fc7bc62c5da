package org.bigpicture.core.areas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Resolves area names and codes to GSS codes with the lookup shipped in the core
 * ({@code areas.csv}: UK local authority districts, counties, regions, countries, combined
 * authorities, ITL and NUTS 2016 level 3 areas, current and former, with their sources and date
 * in the file).
 *
 * <p>What it accepts: a GSS code ({@code E08000007}); an ITL or NUTS code ({@code TLD35},
 * {@code UKD35}); a DfE local authority number ({@code dfe:356}); a name in any of its usual
 * forms, compared after normalising case, diacritics, punctuation and {@code &}
 * ("Bristol, City of", "City of Bristol", "Bristol"; "St. Helens", "St Helens"; "Rhondda Cynon
 * Taf", "Rhondda Cynon Taff"; "Ynys Môn"), with council words dropped ("Stockport Metropolitan
 * Borough Council"); a Nomis name form ({@code ladu:Stockport}, {@code lacu:…}, {@code combauth:…},
 * {@code gor:…}); a code and name in one cell ({@code UKD35 Greater Manchester South East},
 * {@code E08000007 : Stockport}).
 *
 * <p>How one name with several areas is settled, in this order (README, "Areas"):
 * <ol>
 *   <li>a kind given by the caller ({@link AreaKind}: a Nomis prefix, a column header) keeps the
 *       areas of that kind;</li>
 *   <li>an administrative area beats a statistical one of the same name ("Durham" is the county,
 *       not ITL3 "Durham CC"; ITL and NUTS areas answer to their codes or an ITL/NUTS kind);</li>
 *   <li>the official name beats an alias, which beats a derived form ("London" is the region, not
 *       the City of London without its "City of");</li>
 *   <li>a date given by the caller keeps the codes in use on it;</li>
 *   <li>a current code beats a former one of the same name ("Northumberland" is E06000057, not
 *       E06000048 of before 2013; the note says so);</li>
 *   <li>what is left, if more than one, is {@link AreaResolution.Status#AMBIGUOUS}, with the
 *       candidates ("West Midlands": a region, a metropolitan county and a combined authority).</li>
 * </ol>
 * A unitary authority is one area at both tiers (County Durham, Northumberland, Cornwall): one
 * code, no ambiguity. A Nomis {@code towncity:} name is an ONS Major Towns and Cities built-up area,
 * never the district of the same name ({@code towncity:Stockport} is not E08000007).
 */
public final class AreaLookup {

    private static final String RESOURCE = "areas.csv";
    private static final Pattern GSS = Pattern.compile("[EWSNK]\\d{8}");
    private static final Pattern ITL_OR_NUTS = Pattern.compile("(TL|UK)[C-N][0-9A-Z]{0,3}");
    private static final Pattern DFE = Pattern.compile("dfe:\\d{3}");
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");

    private static final String[] PREFIXES = {"the ", "city and county of ", "london borough of ", "royal borough of ",
        "metropolitan borough of ", "city of ", "county of ", "borough of ", "county "};
    private static final String[] SUFFIXES = {" metropolitan borough council", " metropolitan district council",
        " borough council", " district council", " city council", " county council", " council", " city of",
        " county of", " met county", " city", " mbc", " ua"};

    private final Map<String, Area> byCode = new HashMap<>();
    /** Normalised name → the areas with it, each with its tier: 1 official name, 2 alias, 3 derived form. */
    private final Map<String, List<Match>> byName = new HashMap<>();
    private final String source;

    private record Match(Area area, int tier) {
    }

    private AreaLookup(List<Area> areas, Map<Area, List<String>> aliases, String source) {
        this.source = source;
        for (Area a : areas) {
            byCode.putIfAbsent(a.code(), a);
            for (String other : a.otherCodes()) {
                byCode.merge(other, a, (old, neu) -> old.current() ? old : neu);
            }
            index(normalise(a.name()), a, 1);
            for (String alias : aliases.getOrDefault(a, List.of())) {
                index(normalise(alias), a, 2);
            }
        }
        for (Area a : areas) {
            for (String v : variants(normalise(a.name()))) {
                index(v, a, 3);
            }
            for (String alias : aliases.getOrDefault(a, List.of())) {
                for (String v : variants(normalise(alias))) {
                    index(v, a, 3);
                }
            }
        }
    }

    private void index(String key, Area a, int tier) {
        if (key.isEmpty()) {
            return;
        }
        List<Match> list = byName.computeIfAbsent(key, k -> new ArrayList<>(2));
        for (Match m : list) {
            if (m.area() == a) {
                return; // already there at a better (earlier) tier
            }
        }
        list.add(new Match(a, tier));
    }

    /** The lookup shipped in the core (read once). */
    public static AreaLookup standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final AreaLookup STANDARD = load();
    }

    private static AreaLookup load() {
        try (InputStream in = AreaLookup.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the area lookup " + RESOURCE + " is missing from the core");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Area> areas = new ArrayList<>();
            Map<Area, List<String>> aliases = new HashMap<>();
            StringBuilder header = new StringBuilder();
            boolean columns = false;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    header.append(line.substring(1).strip()).append('\n');
                    continue;
                }
                if (!columns) {
                    columns = true; // code,name,type,geography,status,valid_from,valid_to,successors,other_codes,aliases
                    continue;
                }
                List<String> f = split(line);
                Area a = new Area(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4).equals("current"), date(f.get(5)),
                        date(f.get(6)), words(f.get(7)), words(f.get(8)));
                areas.add(a);
                List<String> al = new ArrayList<>();
                for (String s : f.get(9).split(";")) {
                    if (!s.isBlank()) {
                        al.add(s.strip());
                    }
                }
                aliases.put(a, al);
            }
            return new AreaLookup(areas, aliases, header.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LocalDate date(String s) {
        return s.isBlank() ? null : LocalDate.parse(s);
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    /** One CSV line (quotes around cells holding commas, doubled quotes inside). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        while (out.size() < 10) {
            out.add("");
        }
        return out;
    }

    /** The lookup file's own header: its sources and date. */
    public String source() {
        return source;
    }

    /** The area with this code (GSS, ITL, NUTS, or {@code dfe:NNN}), or null. */
    public Area byCode(String code) {
        return code == null ? null : byCode.get(code.strip());
    }

    /**
     * Lower case, no diacritics, {@code &} as "and", apostrophes dropped, every other run of
     * punctuation or space one space: "St. Helens" and "St Helens", "King’s Lynn" and "Kings Lynn",
     * "Brighton & Hove" and "Brighton and Hove" are alike.
     */
    static String normalise(String s) {
        String t = s.replace('\u00a0', ' ');
        t = COMBINING.matcher(Normalizer.normalize(t, Normalizer.Form.NFKD)).replaceAll("");
        t = t.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(t.length());
        boolean space = true;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\'' || c == '\u2019' || c == '\u2018' || c == '`') {
                continue;
            }
            if (c == '&') {
                if (!space) {
                    b.append(' ');
                }
                b.append("and ");
                space = true;
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                b.append(c);
                space = false;
            } else if (!space) {
                b.append(' ');
                space = true;
            }
        }
        int n = b.length();
        while (n > 0 && b.charAt(n - 1) == ' ') {
            n--;
        }
        return b.substring(0, n);
    }

    /** Forms of a normalised name without its "City of", "County of", council words and the like. */
    static List<String> variants(String n) {
        List<String> out = new ArrayList<>();
        String t = n;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String p : PREFIXES) {
                if (t.startsWith(p) && t.length() > p.length() + 2) {
                    t = t.substring(p.length());
                    out.add(t);
                    changed = true;
                }
            }
            for (String s : SUFFIXES) {
                if (t.endsWith(s) && t.length() > s.length() + 2) {
                    t = t.substring(0, t.length() - s.length());
                    out.add(t);
                    changed = true;
                }
            }
        }
        return out;
    }

    /** {@link #resolve(String, AreaKind, LocalDate)} with no kind and no date. */
    public AreaResolution resolve(String text) {
        return resolve(text, null, null);
    }

    /** {@link #resolve(String, AreaKind, LocalDate)} with no date. */
    public AreaResolution resolve(String text, AreaKind kind) {
        return resolve(text, kind, null);
    }

    /**
     * Resolves a name or code; see the class comment for what is accepted and the order of the rules.
     *
     * @param kind the kind of area the caller knows it is (null when unknown)
     * @param asOf a day the data is about, to prefer the codes in use then (null when unknown)
     */
    public AreaResolution resolve(String text, AreaKind kind, LocalDate asOf) {
        if (text == null || text.isBlank()) {
            return new AreaResolution(text, AreaResolution.Status.UNKNOWN, null, null, List.of(), "no name or code");
        }
        String t = text.replace('\u00a0', ' ').strip();
        // Nomis name forms: "ladu:Stockport", "combauth:Greater Manchester", "towncity:Stockport".
        int colon = t.indexOf(':');
        if (colon > 0 && colon < 16 && t.indexOf(' ') > colon || colon > 0 && colon < 16 && t.indexOf(' ') < 0) {
            String prefix = t.substring(0, colon).toLowerCase(Locale.ROOT);
            if (prefix.matches("[a-z][a-z0-9]*") && !prefix.equals("dfe")) {
                String name = t.substring(colon + 1).strip();
                switch (prefix) {
                    case "towncity":
                        return new AreaResolution(text, AreaResolution.Status.BUILT_UP_AREA, null, null, List.of(),
                                "\"" + name + "\" is an ONS Major Towns and Cities built-up area (Nomis towncity), not a"
                                        + " local authority: kept by name, with no code");
                    case "ladu", "lad", "la", "ladistrict":
                        return byName(text, name, AreaKind.DISTRICT, asOf);
                    case "lacu", "lacounty", "cty", "utla":
                        return byName(text, name, AreaKind.UPPER_TIER, asOf);
                    case "combauth", "ca":
                        return byName(text, name, AreaKind.COMBINED_AUTHORITY, asOf);
                    case "gor", "rgn", "region":
                        return byName(text, name, AreaKind.REGION, asOf);
                    case "ctry", "country":
                        return byName(text, name, AreaKind.COUNTRY, asOf);
                    case "nuts3", "nuts", "nuts2016":
                        return byName(text, name, AreaKind.NUTS, asOf);
                    case "itl3", "itl2", "itl1", "itl":
                        return byName(text, name, AreaKind.ITL, asOf);
                    default:
                        return new AreaResolution(text, AreaResolution.Status.UNKNOWN, null, null, List.of(),
                                "a Nomis geography type (" + prefix + ") this lookup does not hold");
                }
            }
        }
        // A code, alone or before its name.
        String first = t;
        String rest = "";
        int cut = firstBreak(t);
        if (cut > 0) {
            first = t.substring(0, cut);
            rest = t.substring(cut).replaceFirst("^\\s*[:\\-–]?\\s*", "");
        }
        if (isCode(first)) {
            Area a = byCode.get(first.startsWith("dfe:") ? first : first.toUpperCase(Locale.ROOT));
            if (a == null) {
                if (GSS.matcher(first).matches()) {
                    return new AreaResolution(text, AreaResolution.Status.CODE_ONLY, null, first, List.of(), null);
                }
                return new AreaResolution(text, AreaResolution.Status.UNKNOWN, null, null, List.of(),
                        "the code " + first + " is not in the area lookup");
            }
            String note = formerNote(a);
            if (!rest.isEmpty() && !namedAs(a, rest)) {
                note = join(note, "the name given, \"" + rest + "\", is not " + a.code() + "'s (" + a.name() + ")");
            }
            return new AreaResolution(text, AreaResolution.Status.RESOLVED, a, a.code(), List.of(), note);
        }
        return byName(text, t, kind, asOf);
    }

    private static int firstBreak(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isCode(String s) {
        return GSS.matcher(s).matches() || ITL_OR_NUTS.matcher(s).matches() || DFE.matcher(s).matches();
    }

    private boolean namedAs(Area a, String name) {
        List<Match> ms = candidates(name);
        for (Match m : ms) {
            if (m.area() == a || m.area().code().equals(a.code())) {
                return true;
            }
        }
        return false;
    }

    /** The areas a name may be, each with its tier; derived forms of the input when nothing matches it as given. */
    private List<Match> candidates(String name) {
        String n = normalise(name);
        List<Match> ms = byName.get(n);
        if (ms == null) {
            for (String v : variants(n)) {
                ms = byName.get(v);
                if (ms != null) {
                    break;
                }
            }
        }
        return ms == null ? List.of() : ms;
    }

    private AreaResolution byName(String input, String name, AreaKind kind, LocalDate asOf) {
        List<Match> ms = candidates(name);
        if (ms.isEmpty()) {
            return new AreaResolution(input, AreaResolution.Status.UNKNOWN, null, null, List.of(),
                    "\"" + name + "\" is not a name in the area lookup");
        }
        List<Match> kept = new ArrayList<>(ms);
        if (kind != null) {
            kept.removeIf(m -> !kind.admits(m.area()));
            if (kept.isEmpty()) {
                List<Area> all = new ArrayList<>();
                for (Match m : ms) {
                    all.add(m.area());
                }
                return new AreaResolution(input, AreaResolution.Status.UNKNOWN, null, null, distinct(all),
                        "\"" + name + "\" names no " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                                + " in the area lookup (it names " + describe(distinct(all)) + ")");
            }
        }
        if (kind != AreaKind.ITL && kind != AreaKind.NUTS && kept.stream().anyMatch(m -> !m.area().isStatistical())) {
            kept.removeIf(m -> m.area().isStatistical());
        }
        int best = 4;
        for (Match m : kept) {
            best = Math.min(best, m.tier());
        }
        List<Area> areas = new ArrayList<>();
        for (Match m : kept) {
            if (m.tier() == best) {
                areas.add(m.area());
            }
        }
        String note = null;
        if (asOf != null) {
            List<Area> then = new ArrayList<>();
            for (Area a : areas) {
                if (a.validOn(asOf)) {
                    then.add(a);
                }
            }
            if (!then.isEmpty()) {
                areas = then;
            }
        }
        List<Area> current = new ArrayList<>();
        for (Area a : areas) {
            if (a.current()) {
                current.add(a);
            }
        }
        if (!current.isEmpty() && current.size() < areas.size()) {
            List<Area> former = new ArrayList<>(areas);
            former.removeAll(current);
            note = "the name is also that of " + describe(former) + "; the current code is used";
            areas = current;
        }
        areas = distinct(areas);
        if (areas.size() == 1) {
            Area a = areas.get(0);
            return new AreaResolution(input, AreaResolution.Status.RESOLVED, a, a.code(), List.of(),
                    join(note, formerNote(a)));
        }
        return new AreaResolution(input, AreaResolution.Status.AMBIGUOUS, null, null, List.copyOf(areas),
                "\"" + name + "\" names " + areas.size() + " areas: " + describe(areas)
                        + "; say which kind (region, county, combined authority…) to choose");
    }

    private static List<Area> distinct(List<Area> areas) {
        Map<String, Area> m = new LinkedHashMap<>();
        for (Area a : areas) {
            m.putIfAbsent(a.code(), a);
        }
        return new ArrayList<>(m.values());
    }

    private static String formerNote(Area a) {
        if (a.current()) {
            return null;
        }
        return a.code() + " (" + a.name() + ") is a former code, in use until " + a.validTo()
                + (a.successors().isEmpty() ? "" : "; its area is now " + String.join(" and ", a.successors())
                + (a.successors().size() > 1 ? " (split: no one successor)" : ""));
    }

    private static String describe(List<Area> areas) {
        StringBuilder b = new StringBuilder();
        for (Area a : areas) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(a.code()).append(' ').append(a.type()).append(a.current() ? "" : " (former, to " + a.validTo() + ")");
        }
        return b.toString();
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }
}
