package org.bigpicture.core.survey;

import org.bigpicture.core.util.JsonMappers;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A survey dataset's {@code summary.json}: per question its type, base, option counts with
 * percentages and 95% Wilson intervals (0–100, one decimal), and breakdowns by respondent group.
 * Already disclosure-controlled: this is what gets published. Every count (respondents, bases,
 * option counts) is perturbed by the cell key method, and percentages and intervals are computed from
 * the published count and base; counts need not add up (see {@link Disclosure}). Readers (headlines,
 * publish, partners) rely on this shape:
 * <pre>
 * {"respondents": N, "questions": [{"id", "text", "type", "base",
 *   "options": [{"label", "count", "pct", "ci95_low", "ci95_high", "suppressed"}],
 *   "by_group": {"&lt;group question text&gt;": {"&lt;group label&gt;": {"base", "options": [...]}}}}],
 *  "disclosure": {"method", "perturbed", "additive", "min_cell_count", "min_base_for_percentage",
 *                 "max_perturbation", "key_range"}}
 * </pre>
 * A breakdown's groups end with {@link #NOT_STATED}: the respondents who answered the question but not
 * the group question (present whenever anyone skipped the group question).
 *
 * @param respondents respondents in the export (rows that are not entirely blank), perturbed; null
 *                    when withheld (fewer than the threshold)
 * @param questions   questions in export order (closed questions carry options; free text
 *                    questions carry none: their coded themes are in {@code themes.json})
 * @param disclosure  how the numbers were protected; null in files written before the cell key method
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SurveySummary(
        @JsonProperty("respondents") Long respondents,
        @JsonProperty("questions") List<Question> questions,
        @JsonProperty("disclosure") Disclosure disclosure) {

    /** The label of the group of respondents who did not answer a group question. */
    public static final String NOT_STATED = "Not stated";

    /** Question types as written in {@code type}. */
    public static final String SINGLE_CHOICE = "single_choice";
    public static final String MULTI_SELECT = "multi_select";
    public static final String FREE_TEXT = "free_text";
    public static final String NUMERIC = "numeric";
    public static final String DATE = "date";

    private static final ObjectMapper MAPPER = JsonMappers.INDENTED;

    public SurveySummary {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** A summary without the disclosure note (as files written before the cell key method). */
    public SurveySummary(Long respondents, List<Question> questions) {
        this(respondents, questions, null);
    }

    /** Parses a {@code summary.json}. */
    public static SurveySummary read(InputStream in) throws IOException {
        return MAPPER.readValue(in, SurveySummary.class);
    }

    /** Parses a {@code summary.json} held as text. */
    public static SurveySummary parse(String json) throws IOException {
        return MAPPER.readValue(json, SurveySummary.class);
    }

    /** Writes this summary as indented JSON (deterministic: fields and maps keep their order). */
    public void write(OutputStream out) throws IOException {
        MAPPER.writeValue(out, this);
    }

    /** The summary as indented JSON text. */
    public String toJson() throws IOException {
        return MAPPER.writeValueAsString(this);
    }

    /**
     * The question whose id equals {@code idOrText}, else the first whose text equals it ignoring
     * case, else the first whose text contains it ignoring case.
     */
    public Optional<Question> question(String idOrText) {
        for (Question q : questions) {
            if (q.id().equals(idOrText)) {
                return Optional.of(q);
            }
        }
        String needle = idOrText.toLowerCase(Locale.ROOT).trim();
        for (Question q : questions) {
            if (q.text().toLowerCase(Locale.ROOT).trim().equals(needle)) {
                return Optional.of(q);
            }
        }
        for (Question q : questions) {
            if (q.text().toLowerCase(Locale.ROOT).contains(needle)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /**
     * One question.
     *
     * @param id       stable id within the survey ({@code q1}, {@code q2}, … in export order)
     * @param text     the question as asked
     * @param type     {@link #SINGLE_CHOICE}, {@link #MULTI_SELECT}, {@link #FREE_TEXT},
     *                 {@link #NUMERIC} or {@link #DATE}
     * @param base     respondents who answered (multi-select: who ticked at least one option)
     * @param options  counts per option, in the export's option order
     * @param byGroup  group question text → group label → breakdown (closed questions only)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Question(
            @JsonProperty("id") String id,
            @JsonProperty("text") String text,
            @JsonProperty("type") String type,
            @JsonProperty("base") Long base,
            @JsonProperty("options") List<OptionCount> options,
            @JsonProperty("by_group") Map<String, Map<String, GroupBreakdown>> byGroup) {

        public Question {
            options = options == null ? List.of() : List.copyOf(options);
            byGroup = byGroup == null ? Map.of() : unmodifiableOrdered(byGroup);
        }

        /** The option with this label (exact, then ignoring case). */
        public Optional<OptionCount> option(String label) {
            for (OptionCount o : options) {
                if (o.label().equals(label)) {
                    return Optional.of(o);
                }
            }
            for (OptionCount o : options) {
                if (o.label().equalsIgnoreCase(label.trim())) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }

        /** True for single choice and multi-select questions. */
        public boolean closed() {
            return SINGLE_CHOICE.equals(type) || MULTI_SELECT.equals(type);
        }
    }

    /**
     * Counts for one option (or one theme, in {@code themes.json}).
     *
     * @param label      the option as offered
     * @param count      respondents who chose it; null when suppressed
     * @param pct        percentage of the base, 0–100, one decimal; null when suppressed or the base is too small
     * @param ci95Low    lower bound of the 95% Wilson score interval, same scale; null with pct
     * @param ci95High   upper bound, same scale; null with pct
     * @param suppressed true when disclosure control withheld the count
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OptionCount(
            @JsonProperty("label") String label,
            @JsonProperty("count") Long count,
            @JsonProperty("pct") Double pct,
            @JsonProperty("ci95_low") Double ci95Low,
            @JsonProperty("ci95_high") Double ci95High,
            @JsonProperty("suppressed") boolean suppressed) {
    }

    /**
     * One group's answers to a question.
     *
     * @param base    respondents in the group who answered; null when the whole group is suppressed
     * @param options counts per option, as in {@link Question#options()}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GroupBreakdown(
            @JsonProperty("base") Long base,
            @JsonProperty("options") List<OptionCount> options) {

        public GroupBreakdown {
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    /**
     * How a summary's (or themes table's) numbers were protected, so a reader knows what they are.
     *
     * @param method               {@link DisclosureRules#METHOD}
     * @param perturbed            every count is perturbed (true counts are never published)
     * @param additive             false: perturbed counts need not add up to their totals
     * @param minCellCount         counts under this (true or perturbed) are suppressed
     * @param minBaseForPercentage no percentage on a smaller published base
     * @param maxPerturbation      the largest move of a count
     * @param keyRange             cell keys run from 0 to this − 1
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Disclosure(
            @JsonProperty("method") String method,
            @JsonProperty("perturbed") boolean perturbed,
            @JsonProperty("additive") boolean additive,
            @JsonProperty("min_cell_count") int minCellCount,
            @JsonProperty("min_base_for_percentage") int minBaseForPercentage,
            @JsonProperty("max_perturbation") int maxPerturbation,
            @JsonProperty("key_range") int keyRange) {

        /** The note for tables made under these rules. */
        public static Disclosure of(DisclosureRules rules) {
            return new Disclosure(DisclosureRules.METHOD, true, false, rules.minCellCount(),
                    rules.minBaseForPercentage(), rules.maxPerturbation(), PerturbationTable.KEY_RANGE);
        }
    }

    static <K, V> Map<K, V> unmodifiableOrdered(Map<K, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
