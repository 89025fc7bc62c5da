package org.bigpicture.core.survey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bigpicture.core.screen.ColumnScreen;
import org.bigpicture.core.screen.ColumnVerdict;
import org.bigpicture.core.screen.Identifier;

/**
 * The converter's decisions about a survey export, made after the first pass: the role of every
 * physical column (dropped as personal, used for the pseudonym, a timestamp, part of a question),
 * and each question's type and options.
 */
final class SurveyPlan {

    /** What a physical column is used for. */
    enum Role { INDEX, PERSONAL, RESPONDENT_ID, TIMESTAMP, META, EMPTY, QUESTION }

    /**
     * @param header     the column's header (question text, and the second header row's label)
     * @param role       its role
     * @param reason     why it was dropped, or what it holds
     * @param questionId the question it feeds, or null
     */
    record PlannedColumn(int index, String header, Role role, String reason, String questionId) {
    }

    static final int MAX_OPTIONS = 40;
    static final int MAX_GROUPS = 15;
    private static final Pattern GROUP_QUESTION = Pattern.compile(
            "(?i)\\b(?:responding as|best describes? (?:you|yourself|your)|age band|age group|age range|your age|how old|^age\\b)");
    private static final Pattern TIMESTAMP_HEADER = Pattern.compile(
            "(?i)^(?:timestamp|start(?:ed)?(?: date| time|date|time)?(?: ?\\(.*\\))?|end(?:ed)?(?: date| time)?(?: ?\\(.*\\))?"
                    + "|completion time|completed(?: at| on)?|submitted(?: at| on)?|date submitted|submission date|last modified time"
                    + "|date ?(?:/ ?)?time|response date|created(?: at)?|recorded ?date|recordeddate|startdate|enddate)$");
    private static final Pattern META_HEADER = Pattern.compile(
            "(?i)^(?:(?:response |completion )?status|language|user ?language|time taken.*|duration.*|total time.*|response ?type|source"
                    + "|channel|distribution ?channel|progress|finished|page|device|browser|user agent)$");
    private static final Pattern OTHER_SPECIFY = Pattern.compile("(?i)^other\\b.*(?:specify|please|state|describe)|^other \\(.*\\)$|^other:?$");

    final SurveyLayout layout;
    final List<PlannedColumn> columns;
    final List<SurveyQuestion> questions;
    final int respondentIdColumn;
    final int timestampColumn;
    final boolean timestampDayFirst;
    final int postcodeColumn;

    private SurveyPlan(SurveyLayout layout, List<PlannedColumn> columns, List<SurveyQuestion> questions,
                       int respondentIdColumn, int timestampColumn, boolean timestampDayFirst, int postcodeColumn) {
        this.layout = layout;
        this.columns = columns;
        this.questions = questions;
        this.respondentIdColumn = respondentIdColumn;
        this.timestampColumn = timestampColumn;
        this.timestampDayFirst = timestampDayFirst;
        this.postcodeColumn = postcodeColumn;
    }

    List<PlannedColumn> dropped() {
        return columns.stream().filter(c -> c.role() == Role.PERSONAL || c.role() == Role.RESPONDENT_ID).toList();
    }

    boolean isAnswerColumn(int i) {
        return columns.get(i).role() == Role.QUESTION;
    }

    static SurveyPlan build(SurveyLayout layout, ColumnProfile[] profiles, DisclosureRules rules) {
        int width = layout.columns().size();
        Role[] roles = new Role[width];
        String[] reasons = new String[width];
        int idColumn = -1;
        int timestamp = -1;
        boolean usDefault = layout.tool() == SurveyLayout.Tool.SURVEYMONKEY || layout.tool() == SurveyLayout.Tool.GOOGLE_FORMS;

        // 1. Column roles from headers, then from values.
        for (int i = 0; i < width; i++) {
            SurveyLayout.HeaderCell h = layout.columns().get(i);
            ColumnProfile p = profiles[i];
            String header = h.question();
            boolean firstOfQuestion = h.first();
            if (layout.indexColumn() && i == 0) {
                roles[i] = Role.INDEX;
                reasons[i] = "row index added by a spreadsheet or pandas";
                continue;
            }
            if (header.isEmpty() && h.label().isEmpty()) {
                roles[i] = p.nonBlank == 0 ? Role.EMPTY : Role.QUESTION;
                reasons[i] = p.nonBlank == 0 ? "empty column" : "column without a header";
                if (roles[i] == Role.QUESTION) {
                    ColumnVerdict byValue = p.screen.verdict(ColumnScreen.Scope.SURVEY, false);
                    if (byValue.personal()) {
                        roles[i] = Role.PERSONAL;
                        reasons[i] = byValue.reason();
                    }
                }
                continue;
            }
            // The shared screen decides: identifiers by value, or a header asking for a personal detail
            // whose values do not contradict it (a phone brand is not a phone number).
            ColumnVerdict verdict = p.screen.verdict(ColumnScreen.Scope.SURVEY, false);
            boolean postcode = PersonalData.postcodeHeader(header) && (firstOfQuestion || layout.headerRows() == 1);
            // Postcodes, however headed, become a question over districts (full postcodes are never kept).
            if (verdict.personal() && !postcode && verdict.kind() != Identifier.POSTCODE) {
                if (PersonalData.toolRespondentId(header) && idColumn < 0 && (firstOfQuestion || layout.headerRows() == 1)) {
                    roles[i] = Role.RESPONDENT_ID;
                    idColumn = i;
                } else {
                    roles[i] = Role.PERSONAL;
                }
                reasons[i] = verdict.reason();
                continue;
            }
            if (TIMESTAMP_HEADER.matcher(header).matches()) {
                roles[i] = Role.TIMESTAMP;
                reasons[i] = "response time (kept as a date only)";
                if (timestamp < 0) {
                    timestamp = i;
                }
                continue;
            }
            if (META_HEADER.matcher(header).matches() && layout.tool() != SurveyLayout.Tool.GENERIC) {
                roles[i] = Role.META;
                reasons[i] = "survey tool metadata";
                continue;
            }
            roles[i] = Role.QUESTION;
        }

        // 2. Questions.
        List<SurveyQuestion> questions = new ArrayList<>();
        String[] questionOf = new String[width];
        int postcode = -1;
        int i = 0;
        while (i < width) {
            if (roles[i] != Role.QUESTION) {
                i++;
                continue;
            }
            SurveyLayout.HeaderCell h = layout.columns().get(i);
            int end = i + 1;
            if (layout.headerRows() == 2) {
                while (end < width && !layout.columns().get(end).first()) {
                    end++;
                }
            }
            // Question texts are published: an identifier in one (a contact number in a question) is redacted.
            String text = h.question().isEmpty() ? "Column " + (i + 1) : PersonalData.redact(h.question());
            if (layout.headerRows() == 1 || end - i == 1 && isPlainLabel(h.label())) {
                postcode = addColumnQuestion(questions, questionOf, profiles, i, text, h.label(), -1, usDefault, postcode, roles, layout);
            } else {
                postcode = addSpan(questions, questionOf, profiles, layout, i, end, text, usDefault, postcode, roles);
            }
            i = end;
        }

        // 3. Options: rare typed-in values merged, order fixed; group questions marked.
        for (SurveyQuestion q : questions) {
            if (q.closed()) {
                fillOptions(q, profiles, rules);
                q.group = SurveySummary.SINGLE_CHOICE.equals(q.type) && q.source != SurveyQuestion.Source.POSTCODE
                        && GROUP_QUESTION.matcher(q.text).find() && q.options.size() >= 2 && q.options.size() <= MAX_GROUPS;
            }
        }

        List<PlannedColumn> planned = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            SurveyLayout.HeaderCell h = layout.columns().get(c);
            String header = h.label().isEmpty() ? h.question() : h.question() + " / " + h.label();
            planned.add(new PlannedColumn(c, header, roles[c], reasons[c], questionOf[c]));
        }
        boolean dayFirst = timestamp >= 0 && profiles[timestamp].dayFirst(!usDefault);
        return new SurveyPlan(layout, List.copyOf(planned), List.copyOf(questions), idColumn, timestamp, dayFirst, postcode);
    }

    private static boolean isPlainLabel(String label) {
        return label.isEmpty() || label.equals(SurveyLayout.RESPONSE) || label.equals(SurveyLayout.OPEN_ENDED);
    }

    /**
     * The header the screen reads for physical column {@code i}: the question text where the column
     * starts a question (or every column, with one header row), else nothing (a SurveyMonkey option
     * column's values are judged on their own).
     */
    static String screenHeader(SurveyLayout layout, int i) {
        SurveyLayout.HeaderCell h = layout.columns().get(i);
        if (layout.indexColumn() && i == 0) {
            return "";
        }
        return h.first() || layout.headerRows() == 1 || layout.tool() == SurveyLayout.Tool.QUALTRICS ? h.question() : "";
    }

    /** A question in one column; returns the (first) postcode column. */
    private static int addColumnQuestion(List<SurveyQuestion> questions, String[] questionOf, ColumnProfile[] profiles,
                                         int c, String text, String label, int otherColumn, boolean usDefault,
                                         int postcode, Role[] roles, SurveyLayout layout) {
        ColumnProfile p = profiles[c];
        String id = "q" + (questions.size() + 1);
        SurveyQuestion q;
        boolean postcodeColumn = PersonalData.postcodeHeader(text)
                || p.nonBlank > 0 && p.share(p.fullPostcodes) >= 0.5 && p.meanLength() < 12;
        if (postcodeColumn) {
            q = new SurveyQuestion(id, text, SurveySummary.SINGLE_CHOICE, SurveyQuestion.Source.POSTCODE, c, null, -1,
                    null, false, Set.of(), false);
            if (postcode < 0) {
                postcode = c;
            }
        } else {
            Hint hint = label.equals(SurveyLayout.RESPONSE) ? Hint.CLOSED : label.equals(SurveyLayout.OPEN_ENDED) ? Hint.OPEN : Hint.NONE;
            // Qualtrics joins multi-select choices with a bare comma.
            boolean comma = layout.tool() == SurveyLayout.Tool.QUALTRICS;
            String type = classify(p, hint, text, comma);
            Split split = SurveySummary.MULTI_SELECT.equals(type) ? detectSplit(p, comma) : null;
            q = new SurveyQuestion(id, text, type, SurveyQuestion.Source.COLUMN, c, null, otherColumn,
                    split == null ? null : split.separator(), split != null && split.trailing(),
                    split == null ? Set.of() : split.known(), p.dayFirst(!usDefault));
        }
        q.toolOptions = label.equals(SurveyLayout.RESPONSE);
        q.headers.add(text);
        questions.add(q);
        questionOf[c] = id;
        if (otherColumn >= 0) {
            questionOf[otherColumn] = id;
        }
        return postcode;
    }

    /** A SurveyMonkey question spanning several columns. */
    private static int addSpan(List<SurveyQuestion> questions, String[] questionOf, ColumnProfile[] profiles,
                               SurveyLayout layout, int from, int to, String text, boolean usDefault, int postcode, Role[] roles) {
        int response = -1;
        int open = -1;
        int other = -1;
        List<Integer> boxes = new ArrayList<>();
        List<Integer> matrix = new ArrayList<>();
        for (int c = from; c < to; c++) {
            if (roles[c] != Role.QUESTION) {
                continue;
            }
            String label = layout.columns().get(c).label();
            ColumnProfile p = profiles[c];
            if (label.equals(SurveyLayout.RESPONSE) && response < 0) {
                response = c;
            } else if (label.equals(SurveyLayout.OPEN_ENDED) && open < 0) {
                open = c;
            } else if (OTHER_SPECIFY.matcher(label).find() && !(p.distinct() == 1 && p.values.containsKey(label))) {
                other = c;
            } else if (p.nonBlank == 0 || p.distinct() == 1 || p.values.size() == 1 && p.values.containsKey(label)) {
                boxes.add(c);
            } else {
                matrix.add(c);
            }
        }
        if (response >= 0) {
            postcode = addColumnQuestion(questions, questionOf, profiles, response, text, SurveyLayout.RESPONSE, other, usDefault, postcode, roles, layout);
            if (other >= 0) {
                addOtherText(questions, questionOf, profiles, other, text, layout);
            }
        } else if (!boxes.isEmpty()) {
            String id = "q" + (questions.size() + 1);
            int[] cols = boxes.stream().mapToInt(Integer::intValue).toArray();
            SurveyQuestion q = new SurveyQuestion(id, text, SurveySummary.MULTI_SELECT, SurveyQuestion.Source.CHECKBOXES,
                    -1, cols, other, null, false, Set.of(), false);
            for (int c : cols) {
                q.addOption(layout.columns().get(c).label());
                q.headers.add(layout.columns().get(c).label());
                questionOf[c] = id;
            }
            if (other >= 0) {
                q.otherIndex = q.addOption(SurveyQuestion.OTHER_SPECIFY);
                q.headers.add(layout.columns().get(other).label());
                questionOf[other] = id;
            }
            questions.add(q);
            if (other >= 0) {
                addOtherText(questions, questionOf, profiles, other, text, layout);
            }
        } else if (other >= 0) {
            addOtherText(questions, questionOf, profiles, other, text, layout);
        }
        if (open >= 0) {
            postcode = addColumnQuestion(questions, questionOf, profiles, open, text, SurveyLayout.OPEN_ENDED, -1, usDefault, postcode, roles, layout);
        }
        for (int c : matrix) {
            postcode = addColumnQuestion(questions, questionOf, profiles, c, text + ": " + layout.columns().get(c).label(),
                    SurveyLayout.RESPONSE, -1, usDefault, postcode, roles, layout);
        }
        return postcode;
    }

    private static void addOtherText(List<SurveyQuestion> questions, String[] questionOf, ColumnProfile[] profiles,
                                     int c, String text, SurveyLayout layout) {
        String id = "q" + (questions.size() + 1);
        String label = layout.columns().get(c).label();
        SurveyQuestion q = new SurveyQuestion(id, text + ": " + label, SurveySummary.FREE_TEXT, SurveyQuestion.Source.COLUMN,
                c, null, -1, null, false, Set.of(), true);
        q.headers.add(label);
        questions.add(q);
        if (questionOf[c] == null) {
            questionOf[c] = id;
        } else {
            questionOf[c] = questionOf[c] + "," + id;
        }
    }

    enum Hint { CLOSED, OPEN, NONE }

    /**
     * Questions whose answers are typed, whatever their values look like: comments, "anything else",
     * "please explain", and contact-style questions ("How can we get back to you?"). Ten respondents
     * typing the same thing (staff keying paper returns) do not make such a question a choice.
     */
    private static final Pattern OPEN_QUESTION = Pattern.compile(
            "(?i)\\b(?:comments?|any other (?:comments?|thoughts|views|feedback|suggestions)|anything else|tell us (?:more|why|about)"
                    + "|please (?:explain|specify|give details|describe|tell us)|in your own words|get back to you"
                    + "|(?:contact|reach|call|email|e-mail) you|how (?:can|could|should|may) we|suggestions?|feedback)\\b");

    /** The question type of one column from its values (and SurveyMonkey's hint). */
    static String classify(ColumnProfile p, Hint hint) {
        return classify(p, hint, "", false);
    }

    /**
     * The question type of one column from its values, its text and SurveyMonkey's hint.
     *
     * @param splitOnComma the export joins multi-select options with a bare comma (Qualtrics)
     */
    static String classify(ColumnProfile p, Hint hint, String text, boolean splitOnComma) {
        if (p.nonBlank == 0) {
            return hint == Hint.OPEN ? SurveySummary.FREE_TEXT : SurveySummary.SINGLE_CHOICE;
        }
        boolean allNumbers = p.numbers == p.nonBlank;
        boolean smallIntegerScale = allNumbers && p.integers == p.nonBlank && p.distinct() <= 11;
        if (p.share(p.dates) >= 0.9 && !allNumbers) {
            return SurveySummary.DATE;
        }
        if (hint == Hint.CLOSED) {
            return p.overflow ? SurveySummary.FREE_TEXT : SurveySummary.SINGLE_CHOICE;
        }
        if (allNumbers) {
            return smallIntegerScale && hint != Hint.OPEN ? SurveySummary.SINGLE_CHOICE : SurveySummary.NUMERIC;
        }
        if (hint == Hint.OPEN) {
            return SurveySummary.FREE_TEXT;
        }
        if (OPEN_QUESTION.matcher(text).find()) {
            return SurveySummary.FREE_TEXT;
        }
        // Values holding e-mail addresses, phone numbers, postcodes…: typed text, never a set of options.
        if (p.share(p.identifierValues) >= 0.1) {
            return SurveySummary.FREE_TEXT;
        }
        if (detectSplit(p, splitOnComma) != null) {
            return SurveySummary.MULTI_SELECT;
        }
        boolean fewValues = p.distinct() <= MAX_OPTIONS && (p.distinct() * 2L <= p.nonBlank || p.distinct() <= 2 && p.nonBlank >= 3);
        // Options recur; typed answers mostly do not. Many answers given once make it free text
        // even where a few answers repeat.
        long once = 0;
        for (long n : p.values.values()) {
            if (n == 1) {
                once++;
            }
        }
        boolean mostlyTyped = p.distinct() > 6 && once * 3 >= p.nonBlank;
        if (fewValues && !mostlyTyped && p.meanLength() <= 100) {
            return SurveySummary.SINGLE_CHOICE;
        }
        return SurveySummary.FREE_TEXT;
    }

    /** How a multi-select column joins its options. */
    record Split(String separator, boolean trailing, Set<String> known) {
    }

    private static final String[] SEPARATORS = {", ", ";", " | ", "|"};
    private static final String[] SEPARATORS_AND_COMMA = {", ", ";", " | ", "|", ","};


    /**
     * Detects a multi-select answer column: Microsoft Forms' trailing {@code ;}, or a separator
     * (Google Forms' {@code ", "}) whose pieces recur across respondents and are fewer than the
     * distinct whole answers (free text with commas splits into pieces that do not recur).
     */
    static Split detectSplit(ColumnProfile p) {
        return detectSplit(p, false);
    }

    static Split detectSplit(ColumnProfile p, boolean splitOnComma) {
        if (p.overflow || p.nonBlank == 0) {
            return null;
        }
        if (p.share(p.trailingSemicolons) >= 0.5) {
            return new Split(";", true, Set.of());
        }
        for (String sep : splitOnComma ? SEPARATORS_AND_COMMA : SEPARATORS) {
            Set<String> standalone = new HashSet<>();
            boolean any = false;
            for (String v : p.values.keySet()) {
                if (v.contains(sep)) {
                    any = true;
                } else {
                    standalone.add(v);
                }
            }
            if (!any) {
                continue;
            }
            Map<String, Long> freq = new HashMap<>();
            long occurrences = 0;
            int multiValues = 0;
            for (Map.Entry<String, Long> e : p.values.entrySet()) {
                List<String> tokens = SurveyQuestion.tokens(e.getKey(), sep, false, standalone);
                Set<String> unique = new HashSet<>(tokens);
                if (unique.size() >= 2) {
                    multiValues++;
                }
                for (String t : unique) {
                    freq.merge(t, e.getValue(), Long::sum);
                    occurrences += e.getValue();
                }
            }
            long frequent = 0;
            for (long f : freq.values()) {
                if (f >= 2) {
                    frequent += f;
                }
            }
            if (multiValues >= 1 && freq.size() < p.values.size() && freq.size() <= MAX_OPTIONS
                    && frequent >= 0.8 * occurrences) {
                return new Split(sep, false, Set.copyOf(standalone));
            }
        }
        return null;
    }

    /** Counts each option in the first pass, merges rare typed-in labels, and fixes the order. */
    private static void fillOptions(SurveyQuestion q, ColumnProfile[] profiles, DisclosureRules rules) {
        if (q.source == SurveyQuestion.Source.CHECKBOXES) {
            return;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        ColumnProfile p = profiles[q.column];
        if (q.source == SurveyQuestion.Source.POSTCODE) {
            counts.putAll(p.districts);
        }
        for (Map.Entry<String, Long> e : p.values.entrySet()) {
            if (q.source == SurveyQuestion.Source.POSTCODE) {
                continue;
            } else if (q.separator == null) {
                counts.merge(e.getKey(), e.getValue(), Long::sum);
            } else {
                for (String t : new java.util.LinkedHashSet<>(SurveyQuestion.tokens(e.getKey(), q.separator, q.trailingSeparator, q.knownTokens))) {
                    counts.merge(t, e.getValue(), Long::sum);
                }
            }
        }
        boolean numericScale = !counts.isEmpty() && counts.keySet().stream().allMatch(k -> SurveyValues.number(k) != null);
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        if (numericScale) {
            entries.sort(Comparator.comparingDouble(e -> SurveyValues.number(e.getKey())));
        } else {
            entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        }
        // Postcode districts, numbers and SurveyMonkey's choice columns (typed-in "Other" text has a
        // column of its own there) are never verbatim text; elsewhere a rare value may be typed in.
        boolean safeLabels = numericScale || q.source == SurveyQuestion.Source.POSTCODE || q.toolOptions;
        List<String> rare = new ArrayList<>();
        for (Map.Entry<String, Long> e : entries) {
            String label = e.getKey();
            // Labels are data: one holding an identifier (an e-mail, a phone number, a postcode…) is
            // never published, whatever its count and whoever says it is an option.
            boolean identifying = q.source != SurveyQuestion.Source.POSTCODE && PersonalData.redact(label) != label;
            // A scale's option (Not at all useful, Strongly disagree…) is the export's wording, not
            // typed text: it keeps its own label, suppressed where small.
            boolean typedIn = !safeLabels && e.getValue() < rules.minCellCount() && !Scales.isScaleOption(label);
            if (identifying || typedIn) {
                rare.add(label);
            } else {
                q.labelIndex.put(label, q.addOption(label));
            }
        }
        if (!rare.isEmpty()) {
            q.rareIndex = q.addOption(SurveyQuestion.OTHER_ANSWERS);
            for (String r : rare) {
                q.labelIndex.put(r, q.rareIndex);
            }
        }
        if (q.otherColumn >= 0) {
            q.otherIndex = q.addOption(SurveyQuestion.OTHER_SPECIFY);
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
