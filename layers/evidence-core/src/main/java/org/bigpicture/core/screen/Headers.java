package org.bigpicture.core.screen;

import java.util.Locale;
import java.util.Set;
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

    // Each pattern is in a holder class, compiled the first time a header's words make it relevant:
    // the headers of a statistical file (Indicator ID, Area Name, Value) compile none (cold start).

    private static final class Email {
        static final Pattern P = Pattern.compile(
                "^(?:your |contact |respondent'?s? |work |personal |recipient |home |alternative |preferred |business )?e-?mail(?: address)?\\??$"
                        + "|e-?mail address|^e-?mail\\b");
    }

    private static final class Ip {
        static final Pattern P = Pattern.compile("\\bip(?: address)?\\b|\\bip[- ]?addr");
    }

    private static final class Phone {
        static final Pattern P = Pattern.compile(
                "^(?:(?:home|work|mobile|daytime|evening|contact|your|landline|main|alternative|other|business|office)\\s)*"
                        + "(?:tele)?phone(?:\\s(?:number|no|#))?\\??$"
                        + "|^(?:mobile|tel|telephone|landline|cell)\\.?(?:\\s(?:number|no|#))?\\??$"
                        + "|\\b(?:tele)?phone number\\b|\\bcontact number\\b|\\bmobile number\\b|\\btel(?:ephone)?\\.? ?(?:no|number)\\b");
    }

    private static final class Address {
        static final Pattern P = Pattern.compile(
                "(?:^|\\b(?:home|postal|street|your|full|house|correspondence|residential|current|permanent)\\s)address(?: line ?\\d*)?\\??$"
                        + "|^address\\b|^street\\b|^house (?:name|number)|^addr(?:ess)? ?\\d$|^(?:address|addr) ?line");
    }

    private static final class Birth {
        static final Pattern P = Pattern.compile(
                "date of birth|\\bdob\\b|\\bd\\.o\\.b\\b|birth ?date|birthday|when (?:were|was) (?:you|they|he|she) born|year of birth|\\bborn\\b");
    }

    private static final class Nhs {
        static final Pattern P = Pattern.compile("\\bnhs (?:number|no|num)\\b|^nhs ?(?:number|no|num)?$|\\bchi number\\b");
    }

    private static final class Ni {
        static final Pattern P = Pattern.compile("national insurance|\\bni (?:number|no)\\b|^nino$|^ni$");
    }

    private static final class Location {
        static final Pattern P = Pattern.compile(
                "\\blatitude\\b|\\blongitude\\b|^lat$|^lon$|^lng$|^long$|\\blat ?/ ?long\\b|\\bgeo ?location\\b|\\bcoordinates\\b|\\bgps\\b");
    }

    /** In a long header (a question), only an explicit request for personal details counts. */
    private static final class Asks {
        static final Pattern P = Pattern.compile(
                "\\byour (?:full |first |last |given |family )?name\\b|\\byour e-?mail(?: address)?\\b|\\be-?mail address\\b"
                        + "|\\byour (?:tele)?phone number\\b|\\byour mobile (?:phone )?number\\b|\\bcontact (?:number|details)\\b"
                        + "|\\byour (?:home |postal |full )?address\\b|date of birth|\\bip address\\b|when (?:were|was) you born"
                        + "|\\byour nhs number\\b|\\bnational insurance\\b|how (?:can|should|may|could) we (?:contact|reach|get back to|get in touch with) you"
                        + "|\\bget back to you\\b");
    }

    private static final class Custom {
        static final Pattern P = Pattern.compile(
                "custom (?:data|variable|field)|external (?:reference|data|ref)|tracking link|\\butm\\b");
    }

    private static final class Contact {
        static final Pattern P = Pattern.compile(
                "contact details|how (?:can|should|may|could) we (?:contact|reach|get back to|get in touch with) you|\\bget back to you\\b"
                        + "|^contact (?:info|information)$");
    }

    private static final class Postcode {
        static final Pattern P = Pattern.compile("postcode|post code|postal code|^zip$|zip code");
    }

    private static final class Demographic {
        static final Pattern P = Pattern.compile(
                "^(?:your |respondent'?s? )?(?:age|age band|age group|age range|age bracket|sex|gender|ethnicity|ethnic group"
                        + "|ethnic origin|ethnic background|disability|disabled|religion|religion or belief|faith|belief"
                        + "|sexual orientation|sexuality|marital status|marital or civil partnership status|civil partnership status"
                        + "|gender identity|trans|pregnancy|pregnant|nationality|country of birth|first language|main language|carer"
                        + "|caring responsibilities|date of birth|dob|year of birth|age at .*)\\??$");
    }

    private static final class Measure {
        static final Pattern P = Pattern.compile(
                "\\b(?:count|counts|number|numbers|total|totals|value|values|obs|observation|observations|rate|rates|per|percent"
                        + "|percentage|pct|share|proportion|population|estimate|estimates|frequency|sum|mean|median|average|people|persons"
                        + "|residents|households|n|ratio|rank|decile|quintile|amount|spend|cost|score|index)\\b|%|£");
    }

    private static final Set<String> TOOL_IDS = Set.of("respondent id", "respondentid", "response id", "responseid", "id",
            "user id", "userid", "submission id", "submissionid", "record id", "recordid", "entry id", "entryid", "ref",
            "reference", "ref no", "ref number", "ref id", "reference no", "reference number", "reference id", "refno",
            "respondent no", "respondent number", "respondent ref", "respondentno");
    private static final Set<String> OTHER_IDS = Set.of("collector id", "collectorid", "user no", "userno", "unique id",
            "uniqueid", "invitation id", "panel id", "token", "access code", "respondent email", "login", "username",
            "user name", "recipient id", "contact id", "panel member id");
    /** Words before "name" that make it a person's: First name, Your name, Client name. */
    private static final Set<String> PERSON_QUALIFIERS = Set.of("first", "last", "full", "sur", "given", "family", "fore",
            "middle", "your", "respondent", "respondent's", "respondents", "contact", "participant", "participant's",
            "client", "patient", "customer", "person", "applicant", "recipient", "preferred", "maiden", "resident",
            "resident's", "parent", "parent's", "carer", "carer's", "guardian", "guardian's", "christian", "child's",
            "pupil", "student", "member", "tenant", "claimant", "staff", "employee", "volunteer", "user");
    /** Words before "name" that make it an area's, an organisation's or a thing's: Area name, LA name, School name. */
    private static final Set<String> AREA_QUALIFIERS = Set.of("area", "la", "lad", "ltla", "utla", "local", "authority",
            "lsoa", "msoa", "oa", "ward", "region", "county", "district", "geography", "geo", "place", "town", "parish",
            "constituency", "ccg", "icb", "sicbl", "trust", "school", "practice", "organisation", "organization",
            "provider", "establishment", "library", "site", "indicator", "parent", "category", "variable", "measure",
            "country", "nation", "itl", "itl1", "itl2", "itl3", "nuts", "borough", "city", "neighbourhood", "locality",
            "settlement", "venue", "facility", "building", "business", "company", "service", "team", "unit", "product",
            "brand", "event", "file", "sheet", "dataset", "table", "field", "column", "street", "road", "project",
            "scheme", "group", "club", "charity", "partner", "supplier", "course", "programme", "module", "theme");
    private static final Set<String> NAME_WORDS = Set.of("surname", "surnames", "forename", "forenames", "firstname",
            "lastname", "fullname", "initials", "signature", "signed");
    private static final Set<String> PERSON_WORDS = Set.of("person", "case", "client", "pupil", "patient", "customer",
            "resident", "user", "member", "applicant", "claimant", "tenant", "student", "staff", "employee", "respondent",
            "participant", "individual", "household", "citizen", "child", "learner", "contact", "subject", "volunteer");
    private static final Set<String> ID_WORDS = Set.of("id", "ref", "reference", "number", "no", "identifier", "key", "code");
    private static final Set<String> PERSON_ID_WHOLE = Set.of("upn", "uln", "nhs number", "nhs no", "mrn", "crn",
            "unique pupil number", "unique learner number", "nino", "service user id", "service user ref",
            "service user number");
    /** The words that make each header pattern relevant: no word, no pattern run. */
    private static final Set<String> BIRTH_WORDS = Set.of("birth", "birthday", "birthdate", "dob", "d.o.b", "born");
    private static final Set<String> NHS_WORDS = Set.of("nhs", "chi");
    private static final Set<String> NI_WORDS = Set.of("national", "ni", "nino");
    private static final Set<String> EMAIL_WORDS = Set.of("email", "e-mail", "emails", "e-mails");
    private static final Set<String> IP_WORDS = Set.of("ip", "ipaddr", "ipaddress");
    private static final Set<String> PHONE_WORDS = Set.of("phone", "telephone", "mobile", "tel", "tel.", "landline", "cell",
            "number");
    private static final Set<String> LOCATION_WORDS = Set.of("latitude", "longitude", "lat", "lon", "lng", "long", "lat/long",
            "coordinates", "gps", "geolocation", "geo");
    private static final Set<String> ADDRESS_WORDS = Set.of("address", "addr", "street", "house", "address1", "address2",
            "address3");
    private static final Set<String> CUSTOM_WORDS = Set.of("custom", "external", "tracking", "utm");
    private static final Set<String> CONTACT_WORDS = Set.of("contact", "back");
    private static final Set<String> DEMOGRAPHIC_WORDS = Set.of("age", "sex", "gender", "ethnicity", "ethnic", "disability",
            "disabled", "religion", "faith", "belief", "sexual", "sexuality", "marital", "civil", "trans", "pregnancy",
            "pregnant", "nationality", "country", "language", "carer", "caring", "dob", "birth");

    private Headers() {
    }

    /** What the header asks for ({@link Ask#NONE} when it says nothing). */
    public static Ask ask(String header) {
        String h = normalise(header);
        if (h.isEmpty()) {
            return Ask.NONE;
        }
        String[] words = words(h);
        if (words.length > SHORT_HEADER_WORDS) {
            return Asks.P.matcher(h).find() ? longHeaderAsk(h) : Ask.NONE;
        }
        if (any(words, BIRTH_WORDS) && Birth.P.matcher(h).find()) {
            return Ask.DATE_OF_BIRTH;
        }
        if (any(words, NHS_WORDS) && Nhs.P.matcher(h).find()) {
            return Ask.NHS_NUMBER;
        }
        if (any(words, NI_WORDS) && Ni.P.matcher(h).find()) {
            return Ask.NI_NUMBER;
        }
        if (any(words, EMAIL_WORDS) && Email.P.matcher(h).find()) {
            return Ask.EMAIL;
        }
        if (any(words, IP_WORDS) && Ip.P.matcher(h).find()) {
            return Ask.IP_ADDRESS;
        }
        if (any(words, PHONE_WORDS) && Phone.P.matcher(h).find()) {
            return Ask.PHONE;
        }
        if (any(words, LOCATION_WORDS) && Location.P.matcher(h).find()) {
            return Ask.LOCATION;
        }
        if (asksForName(h, words)) {
            return Ask.NAME;
        }
        if (any(words, ADDRESS_WORDS) && Address.P.matcher(h).find()) {
            return Ask.ADDRESS;
        }
        if (any(words, CUSTOM_WORDS) && Custom.P.matcher(h).find()) {
            return Ask.CUSTOM;
        }
        if (any(words, CONTACT_WORDS) && Contact.P.matcher(h).find()) {
            return Ask.CONTACT;
        }
        if (TOOL_IDS.contains(h)) {
            return Ask.RESPONDENT_ID;
        }
        if (OTHER_IDS.contains(h)) {
            return Ask.USER_ID;
        }
        return Ask.NONE;
    }

    /**
     * A short header asking for a person's name: "Name", "First name", "Surname", "Your name", "What
     * is your name?", "Name of respondent", "Contact", "Respondent"; never "Area name", "LA name",
     * "Indicator Name", "School name".
     */
    private static boolean asksForName(String h, String[] words) {
        if (any(words, NAME_WORDS)) {
            return true;
        }
        int n = words.length;
        if (n == 1) {
            return words[0].equals("name") || words[0].equals("names") || words[0].equals("respondent")
                    || words[0].equals("contact");
        }
        if (h.startsWith("name of ") && n >= 3 && PERSON_WORDS.contains(words[2])) {
            return true;
        }
        if (h.equals("contact person") || h.equals("contact name")) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            if (!words[i].equals("name") && !words[i].equals("names")) {
                continue;
            }
            String before = i > 0 ? words[i - 1] : "";
            if (AREA_QUALIFIERS.contains(before) || i > 1 && AREA_QUALIFIERS.contains(words[i - 2]) && !before.equals("your")) {
                return false;
            }
            if (PERSON_QUALIFIERS.contains(before)) {
                return true;
            }
        }
        return false;
    }

    private static String[] words(String h) {
        String[] w = h.split(" ");
        for (int i = 0; i < w.length; i++) {
            String x = w[i];
            int end = x.length();
            while (end > 0 && (x.charAt(end - 1) == '?' || x.charAt(end - 1) == ':' || x.charAt(end - 1) == ',')) {
                end--;
            }
            int from = 0;
            while (from < end && (x.charAt(from) == '(' || x.charAt(from) == '"')) {
                from++;
            }
            w[i] = x.substring(from, end).replace(")", "");
        }
        return w;
    }

    private static boolean any(String[] words, Set<String> set) {
        for (String w : words) {
            if (set.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static Ask longHeaderAsk(String h) {
        if (Birth.P.matcher(h).find()) {
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
        if (Contact.P.matcher(h).find()) {
            return Ask.CONTACT;
        }
        return Ask.NAME;
    }

    /** True when the header names the survey tool's own respondent id (the pseudonym's source). */
    public static boolean toolRespondentId(String header) {
        return TOOL_IDS.contains(normalise(header));
    }

    /** True when the header asks for a postcode (surveys publish the district). */
    public static boolean postcodeHeader(String header) {
        String h = normalise(header);
        return (h.contains("post") || h.contains("zip")) && Postcode.P.matcher(h).find();
    }

    /** Age, sex, gender, ethnicity, disability, religion, sexual orientation, marital status… */
    public static boolean demographic(String header) {
        String h = normalise(header);
        return any(words(h), DEMOGRAPHIC_WORDS) && Demographic.P.matcher(h).matches();
    }

    /** An id of a person or a case: "Client ID", "Pupil ref", "Service user number", "UPN", "NHS number". */
    public static boolean personId(String header) {
        String h = normalise(header);
        if (PERSON_ID_WHOLE.contains(h)) {
            return true;
        }
        String[] w = words(h);
        if (w.length == 1) {
            // ClientID, PupilRef: camelCase split them already; "caseid" did not.
            for (String p : PERSON_WORDS) {
                if (h.startsWith(p) && ID_WORDS.contains(h.substring(p.length()))) {
                    return true;
                }
            }
            return false;
        }
        return w.length == 2 && PERSON_WORDS.contains(w[0]) && ID_WORDS.contains(w[1]);
    }

    /** A count or value measure: "Count", "Value", "Rate per 100,000", "% of residents", "Population". */
    public static boolean measure(String header) {
        return Measure.P.matcher(normalise(header)).find();
    }

    /** The name of an area, an organisation or a thing, never of a person: "Area Name", "la_name", "LSOA name", "Ward name". */
    public static boolean areaName(String header) {
        String h = normalise(header);
        if (h.equals("areanm") || h.equals("areaname")
                || h.endsWith("nm") && h.length() <= 9 && !h.contains(" ") && Character.isLetter(h.charAt(0))) {
            return true;
        }
        String[] w = words(h);
        for (int i = 1; i < w.length; i++) {
            if ((w[i].equals("name") || w[i].equals("names") || w[i].equals("nm")) && AREA_QUALIFIERS.contains(w[i - 1])) {
                return true;
            }
        }
        return false;
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
