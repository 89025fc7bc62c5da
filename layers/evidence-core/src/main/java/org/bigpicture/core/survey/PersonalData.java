package org.bigpicture.core.survey;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises personal data: by column header (names, e-mail, IP, phone, address, date of birth,
 * custom data, the tool's respondent and collector ids) and by value (e-mail addresses, UK phone
 * numbers, IP addresses, full UK postcodes). Redacts free text and cuts postcodes to the district.
 */
public final class PersonalData {

    static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
    /** UK numbers: +44 / 0044 / 0 then 9–10 more digits, with spaces, dots, hyphens or brackets between. */
    static final Pattern UK_PHONE = Pattern.compile(
            "(?<![\\w+])(?:(?:\\+|00)\\s?44\\s?(?:\\(0\\)\\s?)?|\\(?0)(?:[\\s.\\-()]{0,2}\\d){9,10}(?![\\w])");
    static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\d.])");
    static final Pattern IPV6 = Pattern.compile("(?<![\\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\\w:])");
    /** A full UK postcode: outward code (area + district) and inward code (sector + unit). */
    static final Pattern FULL_POSTCODE = Pattern.compile(
            "(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\\s*([0-9][A-Za-z]{2})(?![A-Za-z0-9])");
    /** An outward code alone (SK4). */
    static final Pattern DISTRICT = Pattern.compile("(?i)^\\s*([A-Z]{1,2}[0-9][A-Z0-9]?)\\s*$");

    private static final Pattern NAME_HEADER = Pattern.compile(
            "^(?:(?:first|last|full|sur|given|family|fore|middle|your|respondent'?s?|contact|participant'?s?)[ _-]?)?name(?:s)?$"
                    + "|^(?:your )?(?:first|last|full|given|family) ?name\\b.*|^name of (?:respondent|person|participant).*|^(?:what is )?your name\\b.*");
    private static final Pattern EMAIL_HEADER = Pattern.compile(
            "^(?:your |contact |respondent'?s? |work |personal )?e-?mail(?: address)?\\??$|e-?mail address|^e-?mail\\b");
    private static final Pattern IP_HEADER = Pattern.compile("\\bip(?: address)?\\b|\\bip[-_]?addr");
    private static final Pattern PHONE_HEADER = Pattern.compile("\\b(?:tele)?phone\\b|\\bmobile(?: number| no)?$|\\btel(?:ephone)?\\.? ?(?:no|number)?$|contact number");
    private static final Pattern ADDRESS_HEADER = Pattern.compile(
            "(?:^|\\b(?:home|postal|street|your|full|house|correspondence)\\s)address(?: line ?\\d*)?\\??$|^address\\b|^street\\b|^house (?:name|number)");
    private static final Pattern BIRTH_HEADER = Pattern.compile("date of birth|\\bdob\\b|birth ?date|birthday");
    /** In a long header (a question), only an explicit request for personal details counts. */
    private static final Pattern ASKS_FOR_PERSONAL = Pattern.compile(
            "\\byour (?:full |first |last |given |family )?name\\b|\\byour e-?mail(?: address)?\\b|\\be-?mail address\\b"
                    + "|\\byour (?:tele)?phone number\\b|\\byour mobile (?:phone )?number\\b|\\bcontact (?:number|details)\\b"
                    + "|\\byour (?:home |postal |full )?address\\b|date of birth|\\bip address\\b");
    private static final int SHORT_HEADER_WORDS = 6;
    private static final Pattern CUSTOM_HEADER = Pattern.compile("custom (?:data|variable|field)|external (?:reference|data)|tracking link|\\butm_");
    private static final Pattern CONTACT_HEADER = Pattern.compile("contact details|how (?:can|should|may) we contact you|signature");
    private static final Pattern TOOL_ID_HEADER = Pattern.compile(
            "^(?:respondent ?id|response ?id|id|user ?id|submission ?id|responseid|respondentid|record ?id|entry ?id"
                    + "|ref|ref(?:erence)? ?(?:no|number|id)?|respondent ?(?:no|number|ref))$");
    private static final Pattern OTHER_ID_HEADER = Pattern.compile(
            "^(?:collector ?id|user ?no|unique ?id|invitation ?id|panel ?id|token|access ?code|respondent ?email|login|username|user ?name)$");

    private PersonalData() {
    }

    /** Why a column with this header is personal, or empty when the header says nothing. */
    public static Optional<String> personalHeader(String header) {
        String h = normalise(header);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        if (h.split(" ").length > SHORT_HEADER_WORDS) {
            return ASKS_FOR_PERSONAL.matcher(h).find() ? Optional.of(longHeaderReason(h)) : Optional.empty();
        }
        if (BIRTH_HEADER.matcher(h).find()) {
            return Optional.of("date of birth");
        }
        if (EMAIL_HEADER.matcher(h).find()) {
            return Optional.of("e-mail address");
        }
        if (IP_HEADER.matcher(h).find()) {
            return Optional.of("IP address");
        }
        if (PHONE_HEADER.matcher(h).find()) {
            return Optional.of("phone number");
        }
        if (NAME_HEADER.matcher(h).find()) {
            return Optional.of("name");
        }
        if (ADDRESS_HEADER.matcher(h).find()) {
            return Optional.of("address");
        }
        if (CUSTOM_HEADER.matcher(h).find()) {
            return Optional.of("custom data");
        }
        if (CONTACT_HEADER.matcher(h).find()) {
            return Optional.of("contact details");
        }
        if (TOOL_ID_HEADER.matcher(h).matches()) {
            return Optional.of("respondent id");
        }
        if (OTHER_ID_HEADER.matcher(h).matches()) {
            return Optional.of("collector or user id");
        }
        return Optional.empty();
    }

    private static String longHeaderReason(String h) {
        if (BIRTH_HEADER.matcher(h).find()) {
            return "date of birth";
        }
        if (h.contains("mail")) {
            return "e-mail address";
        }
        if (h.contains("ip address")) {
            return "IP address";
        }
        if (h.contains("phone") || h.contains("mobile") || h.contains("contact number")) {
            return "phone number";
        }
        if (h.contains("address")) {
            return "address";
        }
        if (h.contains("contact details")) {
            return "contact details";
        }
        return "name";
    }

    /** True when the header names the survey tool's own respondent id (the pseudonym's source). */
    public static boolean toolRespondentId(String header) {
        return TOOL_ID_HEADER.matcher(normalise(header)).matches();
    }

    /** True when the header asks for a postcode. */
    public static boolean postcodeHeader(String header) {
        String h = normalise(header);
        return h.contains("postcode") || h.contains("post code") || h.contains("postal code") || h.equals("zip")
                || h.contains("zip code");
    }

    /** Lower case, single spaces, no surrounding punctuation. */
    static String normalise(String header) {
        String h = header == null ? "" : header.toLowerCase(Locale.ROOT).replace('\u00a0', ' ').trim();
        h = h.replaceAll("\\s+", " ");
        return h.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}?]+$", "");
    }

    /** The whole value is an e-mail address. */
    public static boolean isEmail(String value) {
        return EMAIL.matcher(value.trim()).matches();
    }

    /** The whole value is a UK phone number. */
    public static boolean isPhone(String value) {
        return UK_PHONE.matcher(value.trim()).matches();
    }

    /** The whole value is an IPv4 or IPv6 address. */
    public static boolean isIp(String value) {
        String v = value.trim();
        return IPV4.matcher(v).matches() || IPV6.matcher(v).matches();
    }

    public static boolean looksLikeEmail(String value) {
        return EMAIL.matcher(value).find();
    }

    public static boolean looksLikePhone(String value) {
        return UK_PHONE.matcher(value).find();
    }

    public static boolean looksLikeIp(String value) {
        return IPV4.matcher(value).find() || IPV6.matcher(value.trim()).matches();
    }

    public static boolean looksLikeFullPostcode(String value) {
        return FULL_POSTCODE.matcher(value).find();
    }

    /**
     * The postcode district (outward code) of a postcode, upper case: {@code sk4 2ab} → {@code SK4};
     * a bare district stays as it is; anything else is empty.
     */
    public static Optional<String> postcodeDistrict(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        Matcher full = FULL_POSTCODE.matcher(v);
        if (full.matches()) {
            return Optional.of(full.group(1).toUpperCase(Locale.ROOT));
        }
        Matcher d = DISTRICT.matcher(v);
        if (d.matches()) {
            return Optional.of(d.group(1).toUpperCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /**
     * Free text with e-mail addresses, IP addresses, UK phone numbers and full postcodes replaced by
     * {@code [email]}, {@code [ip address]}, {@code [phone]} and {@code [postcode]}.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String t = EMAIL.matcher(text).replaceAll("[email]");
        t = IPV4.matcher(t).replaceAll("[ip address]");
        t = IPV6.matcher(t).replaceAll("[ip address]");
        t = UK_PHONE.matcher(t).replaceAll("[phone]");
        t = FULL_POSTCODE.matcher(t).replaceAll("[postcode]");
        return t;
    }
}
