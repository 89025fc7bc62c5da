package org.bigpicture.core.headlines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The computation vocabulary of a headline spec (README, "Headlines"). Each names the template
 * variables it provides, so a spec whose statement asks for one it cannot fill is rejected on upload.
 */
public enum Computation {
    /** The subject's value at the latest period the data holds (optionally with the trend since the earliest). */
    LATEST("latest", "lower", "upper", "from_period", "from_value", "change", "signed_change", "change_pct",
            "signed_change_pct", "direction", "dataset"),
    /** Change between two periods: absolute, percent, percentage points or annualised percent. */
    CHANGE("change", "from_period", "to_period", "from_value", "to_value", "change", "signed_change", "change_pct",
            "signed_change_pct", "annualised_pct", "direction", "years", "from_dataset", "to_dataset"),
    /** Numerator over denominator, each a filter of observations. */
    SHARE("share", "numerator", "denominator", "numerator_period", "denominator_period", "numerator_dataset",
            "denominator_dataset"),
    /** Share of the subject's small areas whose value (a national decile) is in a set. */
    SMALL_AREA_SHARE("small_area_share", "count", "base", "values", "dataset"),
    /** Rank of the subject among areas of a type on a stated measure. */
    RANK("rank", "rank", "of", "ordinal", "measure_value", "among", "measure", "dataset"),
    /** Share of survey respondents giving an answer, with a 95% Wilson interval. */
    SURVEY_SHARE("survey_share", "count", "base", "ci_low", "ci_high", "question", "answer", "survey"),
    /** The k most chosen answers of a (multi-select) survey question. */
    TOP_ANSWERS("top_answers", "answers", "base", "question", "survey");

    private final String specName;
    private final List<String> variables;

    Computation(String specName, String... variables) {
        this.specName = specName;
        List<String> v = new ArrayList<>(List.of("subject", "subject_code", "value", "unit", "period", "title"));
        v.addAll(Arrays.asList(variables));
        this.variables = List.copyOf(v);
    }

    public String specName() {
        return specName;
    }

    /** Template variables this computation fills (comparator keys and top-k names come on top). */
    public List<String> variables() {
        return variables;
    }

    static Computation fromSpecName(String name) {
        for (Computation c : values()) {
            if (c.specName.equals(name.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    static String allNames() {
        return String.join(", ", Arrays.stream(values()).map(Computation::specName).toList());
    }
}
