package org.bigpicture.core.survey;

import java.util.Optional;
import org.bigpicture.core.screen.Detectors;
import org.bigpicture.core.screen.Headers;
import org.bigpicture.core.screen.Redactor;

/**
 * The survey converter's view of the shared personal-data screen ({@code org.bigpicture.core.screen}):
 * what a header asks for, what a value is, free-text redaction, and postcodes cut to the district.
 * The detectors themselves live in the screen, so every family and the converter use the same ones.
 */
public final class PersonalData {

    private PersonalData() {
    }

    /** Why a column with this header is personal, or empty when the header says nothing (postcodes are a question). */
    public static Optional<String> personalHeader(String header) {
        Headers.Ask ask = Headers.ask(header);
        if (ask == Headers.Ask.NONE || ask == Headers.Ask.POSTCODE) {
            return Optional.empty();
        }
        return Optional.of(ask.reason());
    }

    /** True when the header names the survey tool's own respondent id (the pseudonym's source). */
    public static boolean toolRespondentId(String header) {
        return Headers.toolRespondentId(header);
    }

    /** True when the header asks for a postcode. */
    public static boolean postcodeHeader(String header) {
        return Headers.postcodeHeader(header);
    }

    /** The whole value is an e-mail address. */
    public static boolean isEmail(String value) {
        return Detectors.isEmail(value);
    }

    /** The whole value is a UK phone number. */
    public static boolean isPhone(String value) {
        return Detectors.isPhone(value);
    }

    /** The whole value is an IPv4 or IPv6 address. */
    public static boolean isIp(String value) {
        return Detectors.isIp(value);
    }

    public static boolean looksLikeFullPostcode(String value) {
        return Detectors.containsFullPostcode(value);
    }

    /**
     * The postcode district (outward code) of a postcode, upper case: {@code sk4 2ab} → {@code SK4};
     * a bare district stays as it is; anything else is empty.
     */
    public static Optional<String> postcodeDistrict(String value) {
        return Optional.ofNullable(Detectors.postcodeDistrict(value));
    }

    /**
     * Free text with identifiers replaced: {@code [email]}, {@code [phone]}, {@code [nhs number]},
     * {@code [ni number]}, {@code [postcode]}, {@code [ip address]}, {@code [date of birth]},
     * {@code [address]} (see {@link Redactor}).
     */
    public static String redact(String text) {
        return Redactor.redact(text);
    }
}
