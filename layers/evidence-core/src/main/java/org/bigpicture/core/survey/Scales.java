package org.bigpicture.core.survey;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Options of the scales questionnaires use: agreement (strongly agree … strongly disagree),
 * degree (very / quite / not very / not at all + useful, satisfied, likely, important…), frequency,
 * quality, yes / no / don't know, and numbered points ({@code 1 - Very poor}). Such an option is the
 * export's wording, not a respondent's, so it is listed under its own label even when few chose it
 * (disclosure control suppresses its count), never merged into "Other answers".
 */
final class Scales {

    private static final Set<String> PHRASES = Set.of(
            "strongly agree", "agree", "tend to agree", "somewhat agree", "slightly agree", "neither agree nor disagree",
            "neither agree or disagree", "neutral", "tend to disagree", "somewhat disagree", "slightly disagree", "disagree",
            "strongly disagree", "don't know", "dont know", "do not know", "not sure", "unsure", "no opinion",
            "prefer not to say", "rather not say", "not applicable", "n/a", "yes", "no", "maybe", "yes, definitely",
            "yes, probably", "no, probably not", "no, definitely not", "definitely", "probably", "probably not",
            "definitely not", "always", "most of the time", "often", "usually", "sometimes", "occasionally", "rarely",
            "seldom", "hardly ever", "never", "excellent", "very good", "good", "fair", "average", "poor", "very poor",
            "adequate", "inadequate", "outstanding", "requires improvement", "better", "worse", "about the same",
            "the same", "no change", "much better", "much worse", "a little better", "a little worse", "a lot",
            "a fair amount", "a little", "not very much", "not at all", "none", "some", "most", "all", "none at all",
            "daily", "every day", "weekly", "once a week", "several times a week", "fortnightly", "monthly",
            "once a month", "less often", "yearly", "once a year", "never used", "increased", "decreased",
            "stayed the same", "too high", "too low", "about right", "too many", "too few", "too much", "too little");
    private static final Pattern DEGREE = Pattern.compile(
            "^(?:(?:very|fairly|quite|somewhat|not very|not at all|not|extremely|slightly|moderately|a little|completely"
                    + "|mostly|totally|reasonably|highly|neither|rather|really|not particularly|not so|partly|partially)\\s+)?"
                    + "(?:useful|useless|satisfied|dissatisfied|unsatisfied|likely|unlikely|important|unimportant|good|bad"
                    + "|poor|easy|difficult|hard|confident|unconfident|safe|unsafe|well|happy|unhappy|helpful|unhelpful"
                    + "|concerned|unconcerned|interested|uninterested|worried|clear|unclear|fair|unfair|effective"
                    + "|ineffective|informed|uninformed|accessible|inaccessible|positive|negative|comfortable"
                    + "|uncomfortable|affordable|unaffordable|relevant|irrelevant|valuable|involved|uninvolved|aware"
                    + "|unaware|supportive|unsupportive|connected|isolated|lonely|welcome|welcoming|proud|confusing"
                    + "|convenient|inconvenient|reliable|unreliable|clean|dirty|friendly|unfriendly|healthy|unhealthy)$");
    private static final Pattern NEITHER = Pattern.compile("^neither [\\p{L} ]{2,30} nor [\\p{L} ]{2,30}$");
    private static final Pattern NUMBERED = Pattern.compile("^\\d{1,2}(?:\\s*[-–=:.)(]\\s*(.*))?$");

    private Scales() {
    }

    static boolean isScaleOption(String label) {
        if (label == null) {
            return false;
        }
        String l = label.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
        while (!l.isEmpty() && (l.endsWith(".") || l.endsWith("!") || l.endsWith(")") && !l.contains("("))) {
            l = l.substring(0, l.length() - 1).strip();
        }
        if (l.isEmpty() || l.length() > 60) {
            return false;
        }
        if (PHRASES.contains(l) || DEGREE.matcher(l).matches() || NEITHER.matcher(l).matches()) {
            return true;
        }
        java.util.regex.Matcher m = NUMBERED.matcher(l);
        if (m.matches()) {
            String rest = m.group(1);
            return rest == null || rest.isBlank() || isScaleOption(rest);
        }
        return false;
    }
}
