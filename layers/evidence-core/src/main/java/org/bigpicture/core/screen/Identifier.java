package org.bigpicture.core.screen;

/**
 * The kinds of personal detail the screen looks for. Each has the words a report uses and, where
 * free text can hold it, the token that replaces it when redacted.
 */
public enum Identifier {
    EMAIL("e-mail address", "[email]"),
    PHONE("phone number", "[phone]"),
    NHS_NUMBER("NHS number", "[nhs number]"),
    NI_NUMBER("National Insurance number", "[ni number]"),
    POSTCODE("full postcode", "[postcode]"),
    IP_ADDRESS("IP address", "[ip address]"),
    DATE_OF_BIRTH("date of birth", "[date of birth]"),
    ADDRESS("street address", "[address]"),
    NAME("person's name", null),
    LOCATION("location (latitude and longitude)", null);

    private final String words;
    private final String token;

    Identifier(String words, String token) {
        this.words = words;
        this.token = token;
    }

    /** What it is, in the words of a report: "e-mail address". */
    public String words() {
        return words;
    }

    /** Plural, for "its values are e-mail addresses". */
    public String plural() {
        return switch (this) {
            case ADDRESS -> "street addresses";
            case IP_ADDRESS -> "IP addresses";
            case EMAIL -> "e-mail addresses";
            case DATE_OF_BIRTH -> "dates of birth";
            case NAME -> "people's names";
            case LOCATION -> "locations";
            default -> words + "s";
        };
    }

    /** The redaction token ({@code [email]}), or null for kinds free text cannot be searched for. */
    public String token() {
        return token;
    }

    /** The key used in records ({@code redacted: {"email": 2}}): lower case, underscores. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
