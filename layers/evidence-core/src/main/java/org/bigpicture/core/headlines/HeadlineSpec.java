package org.bigpicture.core.headlines;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed, validated headline spec (README, "Headlines"): the subject area, its comparators, how
 * composite areas are built, keyword synonyms for survey questions, and the headlines.
 *
 * @param sha256 sha256 of the spec text, so outputs can say which spec made them
 */
public record HeadlineSpec(String sha256, Area subject, List<Area> comparators, Map<String, AreaDef> areas,
                           Map<String, List<String>> synonyms, List<Headline> headlines) {

    /**
     * An area named in the spec.
     *
     * @param key the name templates use for its value (e.g. {@code north_west})
     */
    public record Area(String code, String name, String key) {
    }

    /**
     * How to find an area in data that does not hold it directly.
     *
     * @param members         member districts (code → name) whose values add up to the area
     * @param sameAs          codes that denote the same footprint (E11000001 for E47000001)
     * @param smallAreaPrefix small areas whose code starts with this belong to it (E01 for England)
     * @param smallAreas      how many small areas it has, to refuse a partial sum
     */
    public record AreaDef(String code, String name, Map<String, String> members, List<String> sameAs,
                          String smallAreaPrefix, int smallAreas) {
    }

    /**
     * Which observations a headline reads: datasets chosen by their provenance and content, then rows.
     *
     * @param families         provenance family patterns (any matches; empty = any family)
     * @param kinds            provenance kinds (empty = observations)
     * @param datasets         dataset id pattern (discouraged: ids come from file names), or null
     * @param indicator        pattern found in indicator_name, indicator_id or source, or null
     * @param excludeIndicator pattern that rules a row out when found there, or null
     * @param filters          column → pattern (whole value, case-insensitive); {@code total} means a total row
     * @param ageFrom          lowest age of the rows' age bands, or null
     * @param ageTo            highest age, or null
     * @param aggregate        {@code sum} adds rows (counts), {@code single} wants one row per area and period
     */
    public record Selector(List<Pattern> families, List<String> kinds, Pattern datasets, Pattern indicator,
                           Pattern excludeIndicator, Map<String, Pattern> filters, Integer ageFrom, Integer ageTo,
                           String aggregate) {

        public boolean sums() {
            return "sum".equals(aggregate);
        }
    }

    /**
     * Finds a survey question by keywords (each with its synonyms) or pinned ids.
     *
     * @param ids      question ids that win when present
     * @param keywords every keyword (or a synonym) must appear in the question text
     */
    public record QuestionMatch(List<String> ids, List<String> keywords) {
    }

    /** Which options of the question count as the answer: by keyword (with synonyms) or pattern. */
    public record AnswerMatch(List<String> keywords, List<Pattern> patterns) {
    }

    /**
     * One headline.
     *
     * @param line        where it starts in the spec (for messages)
     * @param needs       what to upload when its data is missing
     * @param measure     change: absolute | percent | points | annualised; rank: value | stddev | mean | share_in
     * @param from        change: earliest | a period label
     * @param to          change: latest | a period label
     * @param values      small_area_share and rank share_in: values that count (deciles)
     * @param among       rank: districts | regions | counties
     * @param descending  rank: 1 = highest measure
     * @param trend       latest: also give the change since the earliest period
     * @param k           top_answers: how many
     * @param exclude     top_answers: options never listed (e.g. Other, None)
     * @param minBase     survey: smallest base for a percentage
     */
    public record Headline(int line, String id, String title, String statement, String unit, int decimals,
                           Computation computation, Selector data, Selector numerator, Selector denominator,
                           boolean sameSource, String needs, String measure, String from, String to,
                           List<Double> values, String among, boolean descending, boolean trend,
                           QuestionMatch question, AnswerMatch answer, int k, List<Pattern> exclude, int minBase) {
    }

    /** Every area the spec knows by code: subject, comparators, area definitions and their members. */
    public String nameOf(String code) {
        if (subject.code().equals(code)) {
            return subject.name();
        }
        for (Area a : comparators) {
            if (a.code().equals(code)) {
                return a.name();
            }
        }
        AreaDef def = areas.get(code);
        if (def != null && def.name() != null) {
            return def.name();
        }
        for (AreaDef d : areas.values()) {
            String n = d.members().get(code);
            if (n != null) {
                return n;
            }
        }
        return null;
    }
}
