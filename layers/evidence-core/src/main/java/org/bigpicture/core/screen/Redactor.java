package org.bigpicture.core.screen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces identifiers in free text with tokens: {@code [email]}, {@code [phone]},
 * {@code [nhs number]}, {@code [ni number]}, {@code [postcode]}, {@code [ip address]},
 * {@code [date of birth]} (a date that follows "born", "DOB", "date of birth", "birthday") and
 * {@code [address]} (a house number and a street). Names in free text cannot be found this way and
 * stay: free text never leaves the lake.
 *
 * <p>Text with nothing to redact comes back as the same instance, so callers can tell by identity.
 */
public final class Redactor {

    /** A date after a cue word: a holder, so the pattern compiles only when text mentions birth. */
    private static final class BirthDate {
        static final Pattern P = Pattern.compile(
                "(?i)\\b(?:born(?:\\s+on)?|d\\.?o\\.?b\\.?|date\\s+of\\s+birth|birth\\s?date|birthday)(?:\\s+(?:is|was))?[\\s:=,\\-]*"
                        + "(\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})|\\d{4}-\\d{1,2}-\\d{1,2}"
                        + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?,?\\s+\\d{4}"
                        + "|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}"
                        + "|(?:in\\s+)?(?:18|19|20)\\d{2})(?!\\d)");
    }

    private Redactor() {
    }

    /** The text with every identifier found replaced by its token; the same instance when none was found. */
    public static String redact(String text) {
        return redact(text, null);
    }

    /**
     * As {@link #redact(String)}, counting what was replaced.
     *
     * @param counts where each replacement is counted, by {@link Identifier#ordinal()}; may be null
     */
    public static String redact(String text, long[] counts) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return redact(text, counts, Detectors.Signature.of(text));
    }

    /** As {@link #redact(String, long[])}, with the text's signature already read. */
    static String redact(String text, long[] counts, Detectors.Signature s) {
        if (!s.mayHoldAnything() && !mayHoldBirthDate(text, s)) {
            return text;
        }
        String t = text;
        if (s.mayHoldEmail()) {
            t = replace(t, Detectors.EmailForms.P, Identifier.EMAIL, counts);
            t = replace(t, Detectors.ObfuscatedEmail.P, Identifier.EMAIL, counts);
        }
        if (s.mayHoldIpv6()) {
            t = replaceValid(t, Detectors.Ipv6Candidate.P, Identifier.IP_ADDRESS, counts);
        }
        if (s.mayHoldIpv4()) {
            t = replace(t, Detectors.Ipv4.P, Identifier.IP_ADDRESS, counts);
        }
        if (s.mayHoldNhs()) {
            t = replaceValid(t, Detectors.NhsCandidate.P, Identifier.NHS_NUMBER, counts);
        }
        if (s.mayHoldNiNumber()) {
            t = replace(t, Detectors.NiNumber.P, Identifier.NI_NUMBER, counts);
        }
        if (s.mayHoldPhone()) {
            t = replace(t, Detectors.UkPhone.P, Identifier.PHONE, counts);
        }
        if (s.mayHoldPostcode()) {
            t = replace(t, Detectors.FullPostcode.P, Identifier.POSTCODE, counts);
        }
        if (s.mayHoldAddress()) {
            t = replace(t, Detectors.Address.P, Identifier.ADDRESS, counts);
        }
        if (s.digits >= 2) {
            t = replaceBirthDates(t, counts);
        }
        return t.equals(text) ? text : t;
    }

    private static boolean mayHoldBirthDate(String text, Detectors.Signature s) {
        return s.digits >= 2 && (containsIgnoreCase(text, "born") || containsIgnoreCase(text, "birth")
                || containsIgnoreCase(text, "dob") || containsIgnoreCase(text, "d.o.b"));
    }

    private static boolean containsIgnoreCase(String text, String word) {
        int n = word.length();
        for (int i = 0; i + n <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, n)) {
                return true;
            }
        }
        return false;
    }

    private static String replace(String text, Pattern p, Identifier kind, long[] counts) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start()).append(kind.token());
            last = m.end();
            count(counts, kind);
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    /** Replaces only the candidates that pass their check (NHS check digit, IPv6 grammar). */
    private static String replaceValid(String text, Pattern p, Identifier kind, long[] counts) {
        Matcher m = p.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String candidate = m.group();
            boolean valid = kind == Identifier.NHS_NUMBER
                    ? Detectors.nhsDigitsValid(m.group(1) + m.group(2) + m.group(3))
                    : Detectors.validIpv6(candidate);
            if (!valid) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start()).append(kind.token());
            last = m.end();
            count(counts, kind);
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static String replaceBirthDates(String text, long[] counts) {
        Matcher m = BirthDate.P.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, m.start(1)).append(Identifier.DATE_OF_BIRTH.token());
            last = m.end(1);
            count(counts, Identifier.DATE_OF_BIRTH);
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    private static void count(long[] counts, Identifier kind) {
        if (counts != null) {
            counts[kind.ordinal()]++;
        }
    }
}
