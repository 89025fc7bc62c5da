package org.bigpicture.core.survey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bigpicture.core.convert.Records;

/**
 * One question of a survey export as the converter sees it: where its answers are, its type, and
 * (for closed questions) the published option labels and how raw values map to them.
 */
final class SurveyQuestion {

    /** Where the answers are. */
    enum Source {
        /** One column: a single answer, or several joined by {@link #separator}. */
        COLUMN,
        /** One column per option (SurveyMonkey check boxes); a non-blank cell is a tick. */
        CHECKBOXES,
        /** One column of postcodes, published as districts. */
        POSTCODE
    }

    /** The label under which rare typed-in values are published, so that no verbatim text leaks. */
    static final String OTHER_ANSWERS = "Other answers";
    static final String OTHER_SPECIFY = "Other (please specify)";

    final String id;
    final String text;
    final String type;
    final Source source;
    final int column;
    final int[] optionColumns;
    final int otherColumn;
    final String separator;
    final boolean trailingSeparator;
    final Set<String> knownTokens;
    final boolean dayFirst;
    final List<String> options = new ArrayList<>();
    final Map<String, Integer> labelIndex = new HashMap<>();
    /** The option ticked by a non-blank "Other (please specify)" column, or -1. */
    int otherIndex = -1;
    /** The option rare typed-in values are published under ({@link #OTHER_ANSWERS}), or -1. */
    int rareIndex = -1;
    boolean group;
    /** The values are the tool's fixed options (SurveyMonkey "Response" columns), never typed-in text. */
    boolean toolOptions;
    /** The source columns' headers, for the codebook. */
    final List<String> headers = new ArrayList<>();

    SurveyQuestion(String id, String text, String type, Source source, int column, int[] optionColumns,
                   int otherColumn, String separator, boolean trailingSeparator, Set<String> knownTokens, boolean dayFirst) {
        this.id = id;
        this.text = text;
        this.type = type;
        this.source = source;
        this.column = column;
        this.optionColumns = optionColumns;
        this.otherColumn = otherColumn;
        this.separator = separator;
        this.trailingSeparator = trailingSeparator;
        this.knownTokens = knownTokens;
        this.dayFirst = dayFirst;
    }

    boolean closed() {
        return SurveySummary.SINGLE_CHOICE.equals(type) || SurveySummary.MULTI_SELECT.equals(type);
    }

    int addOption(String label) {
        int i = options.indexOf(label);
        if (i >= 0) {
            return i;
        }
        options.add(label);
        return options.size() - 1;
    }

    /** The options a closed question's answer in the current record chose (empty: not answered). */
    List<Integer> chosen(Records r) {
        List<Integer> out = new ArrayList<>(2);
        switch (source) {
            case CHECKBOXES -> {
                for (int i = 0; i < optionColumns.length; i++) {
                    if (!r.get(optionColumns[i]).isBlank()) {
                        out.add(i);
                    }
                }
                if (otherColumn >= 0 && !r.get(otherColumn).isBlank()) {
                    out.add(otherIndex);
                }
            }
            case POSTCODE -> PersonalData.postcodeDistrict(r.get(column)).ifPresent(d -> {
                Integer i = labelIndex.get(d);
                out.add(i != null ? i : rareIndexOrAdd());
            });
            case COLUMN -> {
                String v = r.get(column).trim();
                if (v.isEmpty()) {
                    if (otherColumn >= 0 && !r.get(otherColumn).isBlank()) {
                        out.add(otherIndex);
                    }
                    break;
                }
                if (separator == null) {
                    out.add(index(v));
                } else {
                    Set<Integer> seen = new LinkedHashSet<>();
                    for (String token : tokens(v, separator, trailingSeparator, knownTokens)) {
                        seen.add(index(token));
                    }
                    out.addAll(seen);
                }
            }
            default -> throw new IllegalStateException(source.name());
        }
        return out;
    }

    /** The text answer (free text, numeric, date) in the current record, "" when blank. */
    String value(Records r) {
        return r.get(column).trim();
    }

    private int index(String raw) {
        Integer i = labelIndex.get(raw);
        return i != null ? i : rareIndexOrAdd();
    }

    /** Values not seen in the first pass (none, normally) go where rare values go. */
    private int rareIndexOrAdd() {
        if (rareIndex < 0) {
            rareIndex = addOption(OTHER_ANSWERS);
        }
        return rareIndex;
    }

    /**
     * Splits a multi-select cell. Known options (values seen on their own) are matched first, longest
     * first, so an option that itself contains the separator stays whole.
     */
    static List<String> tokens(String value, String sep, boolean trailing, Set<String> known) {
        List<String> out = new ArrayList<>();
        String v = value.trim();
        if (trailing) {
            for (String piece : v.split(java.util.regex.Pattern.quote(sep.trim()))) {
                if (!piece.isBlank()) {
                    out.add(piece.trim());
                }
            }
            return out;
        }
        int pos = 0;
        int len = v.length();
        while (pos < len) {
            String best = null;
            for (String k : known) {
                if ((best == null || k.length() > best.length()) && v.startsWith(k, pos)
                        && (pos + k.length() == len || v.startsWith(sep, pos + k.length()))) {
                    best = k;
                }
            }
            String piece;
            if (best != null) {
                piece = best;
                pos += best.length();
            } else {
                int next = v.indexOf(sep, pos);
                piece = next < 0 ? v.substring(pos) : v.substring(pos, next);
                pos = next < 0 ? len : next;
            }
            if (!piece.isBlank()) {
                out.add(piece.trim());
            }
            if (pos < len) {
                pos += sep.length();
            }
        }
        return out;
    }
}
