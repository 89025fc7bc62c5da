package org.bigpicture.core.screen;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a column header says about its values: whether it asks for a personal detail (a name, an
 * e-mail address, a phone number, an address, a date of birth…), and the facts the table verdict
 * uses (a person's id, a demographic, a count or value measure, an area's name).
 *
 * <p>Short headers ({@code Email}, {@code First Name}, {@code RecipientEmail}) are read whole; in a
 * long header (a question) only an explicit request counts ("What is your e-mail address?", not
 * "How would you describe your access to emails?"). CamelCase and snake_case are split first, so
 * {@code IPAddress}, {@code la_name} and {@code LocationLatitude} read as words.
 */
public final class Headers {

    /** What a header asks for. */
    public enum Ask {
        NONE(null, null),
        NAME(Identifier.NAME, "name"),
        EMAIL(Identifier.EMAIL, "e-mail address"),
        PHONE(Identifier.PHONE, "phone number"),
        ADDRESS(Identifier.ADDRESS, "address"),
        POSTCODE(Identifier.POSTCODE, "postcode"),
        DATE_OF_BIRTH(Identifier.DATE_OF_BIRTH, "date of birth"),
        IP_ADDRESS(Identifier.IP_ADDRESS, "IP address"),
        NHS_NUMBER(Identifier.NHS_NUMBER, "NHS number"),
        NI_NUMBER(Identifier.NI_NUMBER, "National Insurance number"),
        LOCATION(Identifier.LOCATION, "location (latitude or longitude)"),
        /** Contact details of any kind ("How can we get back to you?"). */
        CONTACT(null, "contact details"),
        /** Survey tools' custom data, external references, tracking links. */
        CUSTOM(null, "custom data"),
        /** A survey tool's own respondent id (the pseudonym's source). */
        RESPONDENT_ID(null, "respondent id"),
        /** Collector, user, panel ids, logins. */
        USER_ID(null, "collector or user id");

        private final Identifier identifier;
        private final String reason;

        Ask(Identifier identifier, String reason) {
            this.identifier = identifier;
            this.reason = reason;
        }

        /** The identifier the values should be, or null (contact details may be any; ids any). */
        public Identifier identifier() {
            return identifier;
        }

        /** In a report's words: "e-mail address". */
        public String reason() {
            return reason;
        }

        /** Asks that are personal in a survey export only (a generic table's "ID" is no person's). */
        public boolean surveyOnly() {
            return this == CUSTOM || this == RESPONDENT_ID || this == USER_ID;
        }
    }

    private static final int SHORT_HEADER_WORDS = 6;

    private static final Pattern NAME = Pattern.compile(
            "^(?:(?:first|last|full|sur|given|family|fore|middle|your|respondent'?s?|contact|participant'?s?|client|patient"
                    + "|customer|person|applicant|recipient|preferred|maiden|resident'?s?|parent'?s?|carer'?s?|guardian'?s?)[ -]?)?names?\\??$"
                    + "|\\b(?:first|last|full|given|family|fore|middle|sur|maiden|preferred|christian) ?names?\\b"
                    + "|^name of (?:respondent|person|participant|applicant|client|patient|customer|contact|resident|parent|carer).*"
                    + "|^(?:what is |what's |please give |please enter )?your (?:full )?name\\b.*|^forenames?$|^respondent$|^contact$"
                    + "|^contact (?:person|name)$|^signature$|^signed$|^initials$");
    private static final Pattern EMAIL = Pattern.compile(
            "^(?:your |contact |respondent'?s? |work |personal |recipient |home |alternative |preferred |business )?e-?mail(?: address)?\\??$"
                    + "|e-?mail address|^e-?mail\\b");
    private static final Pattern IP = Pattern.compile("\\bip(?: address)?\\b|\\bip[- ]?addr");
    private static final Pattern PHONE = Pattern.compile(
            "^(?:(?:home|work|mobile|daytime|evening|contact|your|landline|main|alternative|other|business|office)\\s)*"
                    + "(?:tele)?phone(?:\\s(?:number|no|#))?\\??$"
                    + "|^(?:mobile|tel|telephone|landline|cell)\\.?(?:\\s(?:number|no|#))?\\??$"
                    + "|\\b(?:tele)?phone number\\b|\\bcontact number\\b|\\bmobile number\\b|\\btel(?:ephone)?\\.? ?(?:no|number)\\b");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?:^|\\b(?:home|postal|street|your|full|house|correspondence|residential|current|permanent)\\s)address(?: line ?\\d*)?\\??$"
                    + "|^address\\b|^street\\b|^house (?:name|number)|^addr(?:ess)? ?\\d$|^(?:address|addr) ?line");
    private static final Pattern BIRTH = Pattern.compile(
            "date of birth|\\bdob\\b|\\bd\\.o\\.b\\b|birth ?date|birthday|when (?:were|was) (?:you|they|he|she) born|year of birth|\\bborn\\b");
    private static final Pattern NHS = Pattern.compile("\\bnhs (?:number|no|num)\\b|^nhs ?(?:number|no|num)?$|\\bchi number\\b");
    private static final Pattern NI = Pattern.compile("national insurance|\\bni (?:number|no)\\b|^nino$|^ni$");
    private static final Pattern LOCATION = Pattern.compile(
            "\\blatitude\\b|\\blongitude\\b|^lat$|^lon$|^lng$|^long$|\\blat ?/ ?long\\b|\\bgeo ?location\\b|\\bcoordinates\\b|\\bgps\\b");
    /** In a long header (a question), only an explicit request for personal details counts. */
    private static final Pattern ASKS = Pattern.compile(
            "\\byour (?:full |first |last |given |family )?name\\b|\\byour e-?mail(?: address)?\\b|\\be-?mail address\\b"
                    + "|\\byour (?:tele)?phone number\\b|\\byour mobile (?:phone )?number\\b|\\bcontact (?:number|details)\\b"
                    + "|\\byour (?:home |postal |full )?address\\b|date of birth|\\bip address\\b|when (?:were|was) you born"
                    + "|\\byour nhs number\\b|\\bnational insurance\\b|how (?:can|should|may|could) we (?:contact|reach|get back to|get in touch with) you"
                    + "|\\bget back to you\\b");
    private static final Pattern CUSTOM = Pattern.compile(
            "custom (?:data|variable|field)|external (?:reference|data|ref)|tracking link|\\butm[ _]");
    private static final Pattern CONTACT = Pattern.compile(
            "contact details|how (?:can|should|may|could) we (?:contact|reach|get back to|get in touch with) you|\\bget back to you\\b"
                    + "|^contact (?:info|information)$");
    private static final Pattern TOOL_ID = Pattern.compile(
            "^(?:respondent ?id|response ?id|id|user ?id|submission ?id|responseid|respondentid|record ?id|entry ?id"
                    + "|ref|ref(?:erence)? ?(?:no|number|id)?|respondent ?(?:no|number|ref))$");
    private static final Pattern OTHER_ID = Pattern.compile(
            "^(?:collector ?id|user ?no|unique ?id|invitation ?id|panel ?id|token|access ?code|respondent ?email|login|username"
                    + "|user ?name|recipient ?id|contact ?id|panel ?member ?id)$");
    private static final Pattern POSTCODE = Pattern.compile("postcode|post code|postal code|^zip$|zip code");

    private static final Pattern DEMOGRAPHIC = Pattern.compile(
            "^(?:your |respondent'?s? )?(?:age|age band|age group|age range|age bracket|sex|gender|ethnicity|ethnic group"
                    + "|ethnic origin|ethnic background|disability|disabled|religion|religion or belief|faith|belief"
                    + "|sexual orientation|sexuality|marital status|marital or civil partnership status|civil partnership status"
                    + "|gender identity|trans|pregnancy|pregnant|nationality|country of birth|first language|main language|carer"
                    + "|caring responsibilities|date of birth|dob|year of birth|age at .*)\\??$");
    private static final Pattern PERSON_ID = Pattern.compile(
            "^(?:person|case|client|pupil|patient|customer|resident|service user|user|member|applicant|claimant|tenant|student"
                    + "|staff|employee|respondent|participant|individual|household|citizen|child|learner|contact|subject|volunteer)"
                    + " ?(?:id|ref|reference|number|no|identifier|key|code)$"
                    + "|^(?:upn|uln|nhs number|nhs no|mrn|crn|unique pupil number|unique learner number|nino)$");
    private static final Pattern MEASURE = Pattern.compile(
            "\\b(?:count|counts|number|numbers|total|totals|value|values|obs|observation|observations|rate|rates|per|percent"
                    + "|percentage|pct|share|proportion|population|estimate|estimates|frequency|sum|mean|median|average|people|persons"
                    + "|residents|households|n|ratio|rank|decile|quintile|amount|spend|cost|score|index)\\b|%|£");
    private static final Pattern AREA_NAME = Pattern.compile(
            "\\b(?:area|la|lad|ltla|utla|local authority|authority|lsoa|msoa|oa|ward|region|county|district|geography|geo|place"
                    + "|town|parish|constituency|ccg|icb|sicbl|trust|school|practice|organisation|organization|provider|establishment"
                    + "|library|site|indicator|parent|category|variable|measure|country|nation|itl\\d?|nuts\\d?|borough|city"
                    + "|neighbourhood|locality|settlement|venue|facility|building|business|company|service|team|unit|product|brand)"
                    + " ?(?:name|nm)s?\\b|^(?:areanm|areaname|lad\\d*nm|lsoa\\d*nm|msoa\\d*nm|wd\\d*nm|rgn\\d*nm|ctry\\d*nm|la name)$");

    private Headers() {
    }

    /** What the header asks for ({@link Ask#NONE} when it says nothing). */
    public static Ask ask(String header) {
        String h = normalise(header);
        if (h.isEmpty()) {
            return Ask.NONE;
        }
        if (h.split(" ").length > SHORT_HEADER_WORDS) {
            return ASKS.matcher(h).find() ? longHeaderAsk(h) : Ask.NONE;
        }
        if (BIRTH.matcher(h).find()) {
            return Ask.DATE_OF_BIRTH;
        }
        if (NHS.matcher(h).find()) {
            return Ask.NHS_NUMBER;
        }
        if (NI.matcher(h).find()) {
            return Ask.NI_NUMBER;
        }
        if (EMAIL.matcher(h).find()) {
            return Ask.EMAIL;
        }
        if (IP.matcher(h).find()) {
            return Ask.IP_ADDRESS;
        }
        if (PHONE.matcher(h).find()) {
            return Ask.PHONE;
        }
        if (LOCATION.matcher(h).find()) {
            return Ask.LOCATION;
        }
        if (!AREA_NAME.matcher(h).find() && NAME.matcher(h).find()) {
            return Ask.NAME;
        }
        if (ADDRESS.matcher(h).find()) {
            return Ask.ADDRESS;
        }
        if (CUSTOM.matcher(h).find()) {
            return Ask.CUSTOM;
        }
        if (CONTACT.matcher(h).find()) {
            return Ask.CONTACT;
        }
        if (TOOL_ID.matcher(h).matches()) {
            return Ask.RESPONDENT_ID;
        }
        if (OTHER_ID.matcher(h).matches()) {
            return Ask.USER_ID;
        }
        return Ask.NONE;
    }

    private static Ask longHeaderAsk(String h) {
        if (BIRTH.matcher(h).find()) {
            return Ask.DATE_OF_BIRTH;
        }
        if (h.contains("nhs number")) {
            return Ask.NHS_NUMBER;
        }
        if (h.contains("national insurance")) {
            return Ask.NI_NUMBER;
        }
        if (h.contains("mail")) {
            return Ask.EMAIL;
        }
        if (h.contains("ip address")) {
            return Ask.IP_ADDRESS;
        }
        if (h.contains("phone") || h.contains("mobile") || h.contains("contact number")) {
            return Ask.PHONE;
        }
        if (h.contains("address")) {
            return Ask.ADDRESS;
        }
        if (CONTACT.matcher(h).find()) {
            return Ask.CONTACT;
        }
        return Ask.NAME;
    }

    /** True when the header names the survey tool's own respondent id (the pseudonym's source). */
    public static boolean toolRespondentId(String header) {
        return TOOL_ID.matcher(normalise(header)).matches();
    }

    /** True when the header asks for a postcode (surveys publish the district). */
    public static boolean postcodeHeader(String header) {
        return POSTCODE.matcher(normalise(header)).find();
    }

    /** Age, sex, gender, ethnicity, disability, religion, sexual orientation, marital status… */
    public static boolean demographic(String header) {
        return DEMOGRAPHIC.matcher(normalise(header)).matches();
    }

    /** An id of a person or a case: "Client ID", "Pupil ref", "UPN", "NHS number". */
    public static boolean personId(String header) {
        return PERSON_ID.matcher(normalise(header)).matches();
    }

    /** A count or value measure: "Count", "Value", "Rate per 100,000", "% of residents", "Population". */
    public static boolean measure(String header) {
        return MEASURE.matcher(normalise(header)).find();
    }

    /** The name of an area, an organisation or a thing, never of a person: "Area Name", "la_name", "LSOA name", "Ward name". */
    public static boolean areaName(String header) {
        return AREA_NAME.matcher(normalise(header)).find();
    }

    /**
     * Lower case, camelCase and snake_case split into words, single spaces, no surrounding
     * punctuation: {@code RecipientLastName} → {@code recipient last name}, {@code la_name} →
     * {@code la name}, {@code IPAddress} → {@code ip address}.
     */
    public static String normalise(String header) {
        if (header == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(header.length() + 8);
        int n = header.length();
        for (int i = 0; i < n; i++) {
            char c = header.charAt(i);
            if (c == '\u00a0' || c == '_' || c == '\t' || c == '\r' || c == '\n') {
                c = ' ';
            }
            if (i > 0 && Character.isUpperCase(c)) {
                char p = header.charAt(i - 1);
                boolean next = i + 1 < n && Character.isLowerCase(header.charAt(i + 1));
                if (Character.isLowerCase(p) || Character.isUpperCase(p) && next) {
                    b.append(' ');
                }
            }
            b.append(c);
        }
        String h = b.toString().toLowerCase(Locale.ROOT).trim();
        StringBuilder out = new StringBuilder(h.length());
        boolean space = false;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == ' ') {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        int from = 0;
        int to = out.length();
        while (from < to && !Character.isLetterOrDigit(out.charAt(from))) {
            from++;
        }
        while (to > from && !Character.isLetterOrDigit(out.charAt(to - 1)) && out.charAt(to - 1) != '?'
                && out.charAt(to - 1) != '%') {
            to--;
        }
        return out.substring(from, to);
    }
}
