package org.bigpicture.core.screen;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value detectors every family and the survey converter share: e-mail addresses (plain,
 * {@code mailto:}, display-name forms, obfuscated {@code jane at example dot com}), UK phone
 * numbers as people write them, NHS numbers (modulus-11 check digit), National Insurance numbers
 * (HMRC's prefix rules), full UK postcodes with any spacing, IPv4 and IPv6 (full and compressed),
 * street addresses, GSS area codes, and what a person's name looks like.
 *
 * <p>Cheap first: {@link Signature} reads the value once, character by character, and a detector's
 * regular expression runs only when the signature allows a match (most cells of a statistical file
 * have no {@code @}, no run of nine digits, no digit followed by two letters), so screening costs a
 * scan of each distinct value, never a regular expression on every cell. Each pattern sits in a
 * holder class of its own and is compiled on first use: a cold start whose upload holds no
 * identifier compiles none (issue 6).
 */
public final class Detectors {

    private static final String LOCAL = "[\\p{L}\\p{N}._%+'-]+";
    private static final String DOMAIN = "[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}";
    static final class Email {
        static final Pattern P = Pattern.compile(LOCAL + "@" + DOMAIN);
    }
    /** An e-mail address with what surrounds it in display-name forms: {@code "Jane" <j@x.org>}, {@code Jane Smith <j@x.org>}, {@code mailto:}. */
    static final class EmailForms {
        static final Pattern P = Pattern.compile(
                "(?:\"[^\"\\r\\n]{0,80}\"\\s*|'[^'\\r\\n]{0,80}'\\s*|(?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,4})?<\\s*(?:mailto:)?"
                        + LOCAL + "@" + DOMAIN + "\\s*>"
                        + "|(?i:mailto:)?" + LOCAL + "@" + DOMAIN);
    }
    private static final String AT = "(?:\\s*\\[\\s*at\\s*\\]\\s*|\\s*\\(\\s*at\\s*\\)\\s*|\\s*\\{\\s*at\\s*\\}\\s*|\\s+at\\s+)";
    private static final String DOT = "(?:\\.|\\s*\\[\\s*dot\\s*\\]\\s*|\\s*\\(\\s*dot\\s*\\)\\s*|\\s+dot\\s+)";
    private static final String TLD = "(?:com|org|net|uk|gov|ac|nhs|edu|info|io|me|co|biz|scot|wales|eu|ie|de|fr|es|it|nl|us)";
    /** {@code jane at example dot com}, {@code jane[at]example.com}, {@code jane (at) example (dot) co (dot) uk}. */
    static final class ObfuscatedEmail {
        static final Pattern P = Pattern.compile(
                "(?i)(?<![\\p{L}\\p{N}])[\\p{L}\\p{N}._%+-]+" + AT + "[\\p{L}\\p{N}-]+(?:" + DOT + "[\\p{L}\\p{N}-]+)*?" + DOT
                        + TLD + "(?![\\p{L}\\p{N}])");
    }
    /**
     * UK numbers: {@code +44} or {@code 0044} (an optional {@code (0)}), or the trunk {@code 0}; then
     * a national number starting 1, 2, 3, 5, 7, 8 or 9 and 9 or 10 digits long, with spaces,
     * non-breaking spaces, dots, hyphens or brackets between digits.
     */
    static final class UkPhone {
        static final Pattern P = Pattern.compile(
                "(?<![\\p{L}\\p{N}_+@.]|\\d,)(?:(?:\\+|00)[ \\u00a0]?44[ \\u00a0]?(?:\\(0\\)[ \\u00a0]?)?\\(?|\\(?0)[1-35789]"
                        + "(?:[ \\u00a0.\\-()]{0,2}\\d){8,9}(?![\\p{L}\\p{N}_]|[.,]\\d)");
    }
    /** Ten digits, grouped 3-3-4 or not; the check digit is tested separately. */
    static final class NhsCandidate {
        static final Pattern P = Pattern.compile(
                "(?<![\\p{L}\\p{N}_]|\\d[.,])(\\d{3})[ \\u00a0\\-]?(\\d{3})[ \\u00a0\\-]?(\\d{4})(?![\\p{L}\\p{N}_]|[.,]\\d)");
    }
    /**
     * National Insurance numbers: two prefix letters (not D, F, I, Q, U or V; the second not O; not
     * BG, GB, KN, NK, NT, TN or ZZ), six digits, a suffix A to D; spaced or not.
     */
    static final class NiNumber {
        static final Pattern P = Pattern.compile(
                "(?i)(?<![\\p{L}\\p{N}])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                        + "[ \\u00a0]?\\d{2}[ \\u00a0]?\\d{2}[ \\u00a0]?\\d{2}[ \\u00a0]?[A-D](?![\\p{L}\\p{N}])");
    }
    /**
     * A full UK postcode: outward code (area + district) then inward code (sector digit + unit
     * letters, never C, I, K, M, O or V), with no separator, spaces, non-breaking spaces or a hyphen
     * between, in any case.
     */
    static final class FullPostcode {
        static final Pattern P = Pattern.compile(
                "(?<![\\p{L}\\p{N}])([A-PR-UWYZa-pr-uwyz][A-HK-Ya-hk-y]?[0-9][0-9A-Za-z]?)(?:[ \\t\\u00a0]*-?[ \\t\\u00a0]*)"
                        + "([0-9][ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})(?![\\p{L}\\p{N}])");
    }
    /** An outward code alone (SK4). */
    static final class District {
        static final Pattern P = Pattern.compile("(?i)^\\s*([A-Z]{1,2}[0-9][A-Z0-9]?)\\s*$");
    }
    static final class Ipv4 {
        static final Pattern P = Pattern.compile(
                "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\d.])");
    }
    /** Something shaped like an IPv6 address; {@link #validIpv6} decides. */
    static final class Ipv6Candidate {
        static final Pattern P = Pattern.compile(
                "(?<![\\p{L}\\p{N}:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f]{1,4})?(?![\\p{L}\\p{N}:]|\\.\\d)");
    }
    private static final String STOP = "(?!(?i:on|the|my|a|an|in|at|of|to|our|your|this|that|for|and|or|with|down|up"
            + "|along|by|near|from|into|onto|is|was|are|were|be|it|its|off|over|per|than|then)\\b)";
    /**
     * A house number and a street: {@code 45 High Street}, {@code Flat 3, 45 High Street},
     * {@code 12a acacia avenue}; suffixes that are also ordinary words (Close, Drive, Way, Park…)
     * count only after capitalised street words ({@code 5 minute drive} is not an address).
     */
    static final class Address {
        static final Pattern P = Pattern.compile(
                "(?:(?i:flat|apartment|apt|unit)\\s*\\d{1,4}[A-Za-z]?\\s*,?\\s*)?(?<![\\p{L}\\p{N}])\\d{1,4}[A-Za-z]?,?\\s+(?:"
                        + "(?:" + STOP + "[\\p{L}'’.-]+\\s+){1,3}(?i:road|rd|street|avenue|ave|lane|crescent|terrace|gardens|grove"
                        + "|mews|boulevard|square|parade)"
                        + "|(?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,3}(?:Close|Court|Place|Drive|Way|Walk|Hill|Park|Row|Rise|View|Green|Brow"
                        + "|Fold|Croft|Chase|Meadows?|Bank|St|Rd|Ln|Cres|Dr|Ct|Pl|Gdns|Sq))(?![\\p{L}\\p{N}])\\.?");
    }

    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame",
            "lord", "lady", "cllr", "councillor");
    private static final Set<String> PARTICLES = Set.of("de", "del", "della", "van", "von", "der", "den", "da", "di",
            "du", "la", "le", "bin", "bint", "al", "el", "ap", "mac", "st");
    /** Words in no person's name but in ordinary answers: a column of them is not a column of names. */
    private static final Set<String> NOT_NAMES = Set.of("yes", "no", "none", "n/a", "na", "nil", "not", "prefer", "say",
            "to", "the", "and", "or", "other", "unknown", "anonymous", "don't", "dont", "know", "sure", "maybe", "all",
            "apple", "samsung", "google", "huawei", "nokia", "motorola", "sony", "xiaomi", "oneplus", "iphone",
            "male", "female", "man", "woman", "resident", "business", "visitor", "staff", "member", "officer",
            "council", "team", "department", "service", "services", "library", "school", "centre", "center", "park",
            "hall", "hospital", "surgery", "practice", "trust", "group", "ltd", "limited", "plc", "cic", "charity",
            "total", "england", "wales", "scotland", "kingdom", "united", "britain", "great");
    /** Words that make a value a place rather than a person: "Greater Manchester", "Bramhall North". */
    private static final Set<String> PLACE_WORDS = Set.of("greater", "north", "south", "east", "west", "central",
            "upper", "lower", "city", "county", "borough", "district", "ward", "metropolitan", "authority", "region",
            "and", "upon", "under", "on", "of", "with", "isle", "vale", "forest", "mid", "heath", "moor", "valley",
            "riding", "islands", "shire", "town", "village", "combined", "unitary", "&");

    private Detectors() {
    }

    // ------------------------------------------------------------------------------ whole values

    /**
     * The identifier the whole (trimmed) value is, or null: what a column of contact details
     * holds, cell by cell. Free text that merely mentions one is for {@link Redactor}.
     */
    public static Identifier wholeValue(String value) {
        return value == null ? null : wholeValue(value, Signature.of(value));
    }

    /** As {@link #wholeValue(String)}, with the value's {@link Signature} already read. */
    static Identifier wholeValue(String value, Signature s) {
        if (!s.mayHoldAnything()) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 200) {
            return null;
        }
        if (s.mayHoldEmail() && isEmail(v)) {
            return Identifier.EMAIL;
        }
        if (s.digits == 10 && matches(NhsCandidate.P, v) && nhsDigitsValid(digitsOf(v))) {
            return Identifier.NHS_NUMBER;
        }
        if (s.mayHoldPhone() && matches(UkPhone.P, v)) {
            return Identifier.PHONE;
        }
        if (s.mayHoldNiNumber() && matches(NiNumber.P, v)) {
            return Identifier.NI_NUMBER;
        }
        if (s.mayHoldIpv4() && matches(Ipv4.P, v)) {
            return Identifier.IP_ADDRESS;
        }
        if (s.colons >= 2 && matches(Ipv6Candidate.P, v) && validIpv6(v)) {
            return Identifier.IP_ADDRESS;
        }
        if (s.mayHoldAddress() && Address.P.matcher(v).lookingAt()) {
            return Identifier.ADDRESS;
        }
        if (s.mayHoldPostcode() && matches(FullPostcode.P, v)) {
            return Identifier.POSTCODE;
        }
        return null;
    }

    private static boolean matches(Pattern p, String v) {
        return p.matcher(v).matches();
    }

    /** The whole value is an e-mail address, in any of the forms people write one. */
    public static boolean isEmail(String value) {
        String v = value.strip();
        if (Email.P.matcher(v).matches()) {
            return true;
        }
        if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
            return Email.P.matcher(v.substring(7).strip()).matches();
        }
        int lt = v.lastIndexOf('<');
        if (lt >= 0 && v.endsWith(">")) {
            String inner = v.substring(lt + 1, v.length() - 1).strip();
            if (inner.regionMatches(true, 0, "mailto:", 0, 7)) {
                inner = inner.substring(7);
            }
            return Email.P.matcher(inner).matches();
        }
        return ObfuscatedEmail.P.matcher(v).matches();
    }

    public static boolean isPhone(String value) {
        return matches(UkPhone.P, value.strip());
    }

    public static boolean isIp(String value) {
        String v = value.strip();
        return matches(Ipv4.P, v) || matches(Ipv6Candidate.P, v) && validIpv6(v);
    }

    public static boolean isFullPostcode(String value) {
        return matches(FullPostcode.P, value.strip());
    }

    /** True when some full postcode appears in the text. */
    public static boolean containsFullPostcode(String text) {
        return Signature.of(text).mayHoldPostcode() && FullPostcode.P.matcher(text).find();
    }

    /** A GSS area code (E08000007). */
    public static boolean isGssCode(String value) {
        String v = value.strip();
        if (v.length() != 9) {
            return false;
        }
        char c = v.charAt(0);
        if ("EWSNKLM".indexOf(c) < 0) {
            return false;
        }
        for (int i = 1; i < 9; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The postcode district (outward code) of a postcode, upper case: {@code sk4 2ab} → {@code SK4};
     * a bare district stays as it is; anything else is null.
     */
    public static String postcodeDistrict(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        Matcher full = FullPostcode.P.matcher(v);
        if (full.matches()) {
            return full.group(1).toUpperCase(Locale.ROOT);
        }
        Matcher d = District.P.matcher(v);
        if (d.matches()) {
            return d.group(1).toUpperCase(Locale.ROOT);
        }
        return null;
    }

    // ------------------------------------------------------------------------------ numbers

    /** The modulus-11 check of a ten-digit NHS number held as a number. */
    public static boolean isNhsNumber(long n) {
        if (n < 1_000_000_000L || n > 9_999_999_999L) {
            return false;
        }
        int[] d = new int[10];
        long v = n;
        for (int i = 9; i >= 0; i--) {
            d[i] = (int) (v % 10);
            v /= 10;
        }
        return nhsValid(d);
    }

    /** A UK phone number held as a number: {@code 447700900123} (the {@code +} and {@code 0} lost). */
    public static boolean isPhoneNumber(long n) {
        // 44 then a national number of 10 digits starting 1, 2, 3, 7 or 8.
        if (n < 441_000_000_000L || n > 449_999_999_999L) {
            return false;
        }
        long national = n - 440_000_000_000L;
        int first = (int) (national / 1_000_000_000L);
        return first == 1 || first == 2 || first == 3 || first == 7 || first == 8;
    }

    static boolean nhsDigitsValid(String digits) {
        if (digits.length() != 10) {
            return false;
        }
        int[] d = new int[10];
        for (int i = 0; i < 10; i++) {
            d[i] = digits.charAt(i) - '0';
        }
        return nhsValid(d);
    }

    private static boolean nhsValid(int[] d) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += d[i] * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        if (check == 10) {
            return false;
        }
        // All one digit (0000000000, 1111111111) passes the check but is a placeholder, not a number.
        boolean same = true;
        for (int i = 1; i < 10 && same; i++) {
            same = d[i] == d[0];
        }
        return !same && check == d[9];
    }

    private static String digitsOf(String v) {
        StringBuilder b = new StringBuilder(10);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------ IPv6

    /** Full or compressed IPv6 ({@code 2001:db8:0:0:0:0:0:5}, {@code 2001:db8::5}, {@code fe80::1}, {@code ::1}). */
    static boolean validIpv6(String candidate) {
        String v = candidate;
        int tail = 0;
        int lastColon = v.lastIndexOf(':');
        if (v.indexOf('.', lastColon) > 0) {
            if (!Ipv4.P.matcher(v.substring(lastColon + 1)).matches()) {
                return false;
            }
            v = v.substring(0, lastColon + 1) + "0";
            tail = 1; // the dotted quad stands for two groups
        }
        int doubleColon = v.indexOf("::");
        if (doubleColon >= 0 && v.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (v.contains(":::")) {
            return false;
        }
        int groups = 0;
        boolean hex = false;
        boolean letter = false;
        for (String g : v.split(":", -1)) {
            if (g.isEmpty()) {
                continue;
            }
            if (g.length() > 4) {
                return false;
            }
            for (int i = 0; i < g.length(); i++) {
                char c = g.charAt(i);
                if (Character.digit(c, 16) < 0) {
                    return false;
                }
                letter |= Character.isLetter(c);
            }
            hex = true;
            groups++;
        }
        groups += tail;
        if (!hex) {
            return false;
        }
        if (doubleColon < 0) {
            return groups == 8;
        }
        // Compressed: fewer than eight groups. A time such as 10::30 has no letter and at most two
        // groups; an address such as fe80::1 or 2001:db8::5 names a letter or a longer group.
        if (groups >= 8) {
            return false;
        }
        return letter || groups >= 3 || v.startsWith("::") || longestGroup(v) >= 3;
    }

    private static int longestGroup(String v) {
        int best = 0;
        for (String g : v.split(":", -1)) {
            best = Math.max(best, g.length());
        }
        return best;
    }

    // ------------------------------------------------------------------------------ names, dates

    /**
     * True when the value reads as a person's name: one to four words of letters (apostrophes,
     * hyphens, initials with dots; particles such as de, van, al), optionally after a title, or
     * {@code Surname, Forename}. Words that no name holds (Yes, None, Apple, Council…) or that make
     * it a place (Greater, North, upon…) say no.
     *
     * @param fullName true when a whole name is expected (a plain "Name" column): one word is not enough
     */
    public static boolean looksLikePersonName(String value, boolean fullName) {
        if (value == null) {
            return false;
        }
        String v = value.strip();
        if (v.length() < 2 || v.length() > 60) {
            return false;
        }
        int comma = v.indexOf(',');
        if (comma > 0) {
            if (v.indexOf(',', comma + 1) >= 0) {
                return false;
            }
            v = v.substring(comma + 1).strip() + " " + v.substring(0, comma).strip();
        }
        String[] words = v.split("[ \\u00a0]+");
        int start = 0;
        if (words.length > 1 && TITLES.contains(words[0].toLowerCase(Locale.ROOT).replace(".", ""))) {
            start = 1;
        }
        int real = 0;
        for (int i = start; i < words.length; i++) {
            String w = words[i];
            String lower = w.toLowerCase(Locale.ROOT);
            if (NOT_NAMES.contains(lower) || PLACE_WORDS.contains(lower) || lower.endsWith("shire")) {
                return false;
            }
            if (PARTICLES.contains(lower) && i > start) {
                continue;
            }
            if (!nameWord(w)) {
                return false;
            }
            real++;
        }
        return real >= (fullName ? 2 : 1) && real <= 4;
    }

    private static boolean nameWord(String w) {
        int letters = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
            } else if (c != '\'' && c != '’' && c != '-' && c != '.') {
                return false;
            }
        }
        return letters >= 1 && (letters >= 2 || w.endsWith("."));
    }

    /** True when the value is a place rather than a person: "Greater Manchester", "Stockport 001A", "Bramhall North". */
    public static boolean looksLikePlace(String value) {
        String v = value.strip();
        for (String w : v.split("[ \\u00a0,]+")) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (PLACE_WORDS.contains(lower) || lower.endsWith("shire") || lower.contains("-on-")
                    || lower.contains("-upon-") || lower.contains("-under-") || lower.contains("-le-")) {
                return true;
            }
        }
        // A name with a small-area suffix (Stockport 001A) or a code.
        for (int i = 0; i < v.length(); i++) {
            if (Character.isDigit(v.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A date a person could have been born on (1880 to 2100: the screen has no clock, and needs none). */
    public static boolean plausibleBirthDate(int epochDay) {
        return epochDay >= BIRTH_FROM && epochDay <= BIRTH_TO;
    }

    private static final int BIRTH_FROM = (int) LocalDate.of(1880, 1, 1).toEpochDay();
    private static final int BIRTH_TO = (int) LocalDate.of(2100, 12, 31).toEpochDay();

    static final class TextDate {
        static final Pattern P = Pattern.compile(
                "(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4}|\\d{2})|(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ].*)?"
                        + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?,?\\s+\\d{4}"
                        + "|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}");
    }

    /** True when the text is a date as people write one (12/03/1985, 1985-03-12, 12 March 1985, March 12, 1985), or a year. */
    public static boolean looksLikeDate(String value) {
        String v = value.strip();
        if (v.length() == 4 && Character.isDigit(v.charAt(0)) && Character.isDigit(v.charAt(3))) {
            try {
                int y = Integer.parseInt(v);
                return y >= 1880 && y <= 2100;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        Matcher m = TextDate.P.matcher(v);
        if (!m.matches()) {
            return false;
        }
        try {
            if (m.group(1) != null) {
                int a = Integer.parseInt(m.group(1));
                int b = Integer.parseInt(m.group(2));
                return a >= 1 && b >= 1 && (a <= 31 && b <= 12 || a <= 12 && b <= 31);
            }
            if (m.group(4) != null) {
                LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            }
            return true;
        } catch (DateTimeException | NumberFormatException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------ the cheap scan

    /**
     * What one pass over a value's characters says about it: enough to rule most detectors out
     * without running them.
     */
    static final class Signature {
        int digits;
        int maxDigitRun;
        /** Characters other than whitespace: 0 for a blank value. */
        int visible;
        int letters;
        int colons;
        int dots;
        boolean at;
        boolean atWord;
        boolean dotWord;
        boolean digitLetterLetter;
        boolean digitThenSpaceThenLetter;

        static Signature of(String v) {
            Signature s = new Signature();
            int run = 0;
            int n = v.length();
            for (int i = 0; i < n; i++) {
                char c = v.charAt(i);
                if (c > ' ' && c != '\u00a0') {
                    s.visible++;
                }
                if (c >= '0' && c <= '9') {
                    s.digits++;
                    run++;
                    if (run > s.maxDigitRun) {
                        s.maxDigitRun = run;
                    }
                    if (i + 2 < n && Character.isLetter(v.charAt(i + 1)) && Character.isLetter(v.charAt(i + 2))) {
                        s.digitLetterLetter = true;
                    }
                    // 45 High Street, 12a Acacia Avenue, 3, Mill Lane
                    int j = i + 1 < n && Character.isLetter(v.charAt(i + 1)) ? i + 2 : i + 1;
                    if (j + 1 < n && (v.charAt(j) == ' ' || v.charAt(j) == ',')) {
                        s.digitThenSpaceThenLetter = true;
                    }
                    continue;
                }
                run = 0;
                if (c == '@') {
                    s.at = true;
                } else if (c == ':') {
                    s.colons++;
                } else if (c == '.') {
                    s.dots++;
                } else if (Character.isLetter(c)) {
                    s.letters++;
                    if ((c == 'a' || c == 'A') && i + 1 < n && (v.charAt(i + 1) == 't' || v.charAt(i + 1) == 'T')
                            && i > 0 && !Character.isLetter(v.charAt(i - 1))
                            && (i + 2 == n || !Character.isLetter(v.charAt(i + 2)))) {
                        s.atWord = true;
                    }
                    if ((c == 'd' || c == 'D') && i + 2 < n && (v.charAt(i + 1) == 'o' || v.charAt(i + 1) == 'O')
                            && (v.charAt(i + 2) == 't' || v.charAt(i + 2) == 'T') && i > 0 && !Character.isLetter(v.charAt(i - 1))
                            && (i + 3 == n || !Character.isLetter(v.charAt(i + 3)))) {
                        s.dotWord = true;
                    }
                }
            }
            return s;
        }

        boolean mayHoldEmail() {
            // "jane at example dot com", "jane[at]example.com"; not "Life expectancy at birth".
            return at || atWord && (dots > 0 || dotWord) && letters >= 6;
        }

        boolean mayHoldPhone() {
            return digits >= 10;
        }

        boolean mayHoldNhs() {
            return digits >= 10;
        }

        boolean mayHoldNiNumber() {
            return digits >= 6 && letters >= 3;
        }

        boolean mayHoldIpv4() {
            return dots >= 3 && digits >= 4;
        }

        boolean mayHoldIpv6() {
            return colons >= 2;
        }

        boolean mayHoldPostcode() {
            return digitLetterLetter;
        }

        boolean mayHoldAddress() {
            return digitThenSpaceThenLetter && letters >= 4;
        }

        boolean mayHoldAnything() {
            return mayHoldEmail() || mayHoldPhone() || mayHoldNiNumber() || mayHoldIpv4() || mayHoldIpv6()
                    || mayHoldPostcode() || mayHoldAddress();
        }
    }
}
