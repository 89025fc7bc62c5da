package org.bigpicture.core.screen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every form of every identifier the issue names, and the look-alikes that must not count. */
class DetectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"jane.smith@example.org", "Jane.Smith@Example.ORG", "jane+newsletter@example.co.uk",
            "mailto:jane@example.org", "\"Jane Smith\" <jane@example.org>", "Jane Smith <jane@example.org>",
            "<mailto:jane@example.org>", "jane at example dot com", "jane[at]example.com", "jane (at) example (dot) co (dot) uk",
            "JANE AT EXAMPLE DOT ORG", "françois.lebœuf@example.fr"})
    void emailInAllItsForms(String v) {
        assertThat(Detectors.wholeValue(v)).as(v).isEqualTo(Identifier.EMAIL);
        assertThat(Redactor.redact("Write to " + v + " please")).as(v).doesNotContain("example").contains("[email]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 7700 900123", "+44 (0)161 496 0000", "07700 900 123", "07700-900-123", "(0161) 496 0000",
            "0161 4960000", "0044 161 496 0000", "+447700900123", "07700900123", "0161.496.0000", "+44\u00a07700\u00a0900123"})
    void ukPhoneNumbersAsPeopleWriteThem(String v) {
        assertThat(Detectors.wholeValue(v)).as(v).isEqualTo(Identifier.PHONE);
        assertThat(Redactor.redact("Ring " + v + " after 6")).as(v).isEqualTo("Ring [phone] after 6");
    }

    @Test
    void nhsNumbersNeedTheirCheckDigit() {
        assertThat(Detectors.wholeValue("943 476 5919")).isEqualTo(Identifier.NHS_NUMBER);
        assertThat(Detectors.wholeValue("9434765919")).isEqualTo(Identifier.NHS_NUMBER);
        assertThat(Detectors.wholeValue("943-476-5919")).isEqualTo(Identifier.NHS_NUMBER);
        assertThat(Detectors.wholeValue("9434765918")).as("wrong check digit").isNull();
        assertThat(Detectors.isNhsNumber(9434765919L)).isTrue();
        assertThat(Detectors.isNhsNumber(9434765918L)).isFalse();
        assertThat(Detectors.isNhsNumber(1111111111L)).as("a placeholder").isFalse();
        assertThat(Redactor.redact("NHS no 943 476 5919, thanks")).isEqualTo("NHS no [nhs number], thanks");
        assertThat(Redactor.redact("Order 9434765918 arrived")).isEqualTo("Order 9434765918 arrived");
    }

    @Test
    void nationalInsuranceNumbersFollowHmrcPrefixRules() {
        for (String v : new String[] {"AB 12 34 56 C", "AB123456C", "ab123456c", "JG 10 37 59 A", "PE123456D"}) {
            assertThat(Detectors.wholeValue(v)).as(v).isEqualTo(Identifier.NI_NUMBER);
        }
        for (String v : new String[] {"BG123456A", "GB123456A", "DA123456A", "AO123456A", "AB123456E", "QQ123456C"}) {
            assertThat(Detectors.wholeValue(v)).as(v).isNotEqualTo(Identifier.NI_NUMBER);
        }
        assertThat(Redactor.redact("my NI is AB 12 34 56 C.")).isEqualTo("my NI is [ni number].");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SK4 2AB", "SK42AB", "sk4 2ab", "SK4  2AB", "SK4\u00a02AB", "SK4-2AB", "M1 1AE", "SK14 4XY",
            "EC1A 1BB", "W1A 0AX"})
    void fullPostcodesWithAnySpacing(String v) {
        assertThat(Detectors.wholeValue(v)).as(v).isEqualTo(Identifier.POSTCODE);
        assertThat(Detectors.postcodeDistrict(v)).as(v).isEqualTo(v.substring(0, v.length() <= 7 && !v.contains(" ")
                && !v.contains("\u00a0") && !v.contains("-") ? v.length() - 3 : firstBreak(v)).toUpperCase());
        assertThat(Redactor.redact("I live at " + v + ".")).as(v).isEqualTo("I live at [postcode].");
    }

    private static int firstBreak(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\u00a0' || c == '-') {
                return i;
            }
        }
        return v.length() - 3;
    }

    @Test
    void districtsAndAreaCodesAreNotPostcodes() {
        for (String v : new String[] {"SK4", "E08000007", "E01004768", "Stockport 001A", "AB12CD", "ab12cd34ef56"}) {
            assertThat(Detectors.wholeValue(v)).as(v).isNull();
        }
        assertThat(Detectors.isGssCode("E08000007")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::5", "fe80::1", "::1",
            "2001:db8:0:0:1:0:0:1", "::ffff:192.0.2.128"})
    void ipv4AndIpv6FullAndCompressed(String v) {
        assertThat(Detectors.wholeValue(v)).as(v).isEqualTo(Identifier.IP_ADDRESS);
        assertThat(Redactor.redact("from " + v + " today")).as(v).isEqualTo("from [ip address] today");
    }

    @Test
    void timesAndVersionsAreNotIpAddresses() {
        assertThat(Redactor.redact("open 10:30:00 to 17:00")).isEqualTo("open 10:30:00 to 17:00");
        assertThat(Detectors.wholeValue("12:30")).isNull();
    }

    @Test
    void streetAddresses() {
        for (String v : new String[] {"45 High Street", "Flat 3, 45 High Street", "12a acacia avenue", "7 Mill Lane, Marple",
                "221B Baker Street", "3 Rose Close", "10 Downing St"}) {
            assertThat(Detectors.wholeValue(v)).as(v).isEqualTo(Identifier.ADDRESS);
            assertThat(Redactor.redact("Send it to " + v)).as(v).contains("[address]");
        }
        for (String v : new String[] {"a 5 minute drive away", "we waited 20 minutes on the road", "3 potholes on my road",
                "2 very close calls"}) {
            assertThat(Redactor.redact(v)).as(v).isEqualTo(v);
        }
    }

    @Test
    void datesOfBirthInFreeText() {
        assertThat(Redactor.redact("I was born on 12/03/1985 in Stockport")).isEqualTo("I was born on [date of birth] in Stockport");
        assertThat(Redactor.redact("DOB: 1985-03-12")).isEqualTo("DOB: [date of birth]");
        assertThat(Redactor.redact("date of birth 12 March 1985")).isEqualTo("date of birth [date of birth]");
        assertThat(Redactor.redact("The library opened on 12/03/1985")).isEqualTo("The library opened on 12/03/1985");
    }

    @Test
    void peoplesNamesAndPlaces() {
        for (String v : new String[] {"Jane Smith", "Mr John O'Brien", "Smith, Jane", "Anne-Marie de la Cruz", "kwame mensah"}) {
            assertThat(Detectors.looksLikePersonName(v, true)).as(v).isTrue();
        }
        assertThat(Detectors.looksLikePersonName("Jane", false)).isTrue();
        assertThat(Detectors.looksLikePersonName("Jane", true)).as("a full name needs two words").isFalse();
        for (String v : new String[] {"Greater Manchester", "Stockport 001A", "Bramhall North", "Prefer not to say", "Apple",
                "Yes", "Cheadle and Gatley", "Kingston upon Thames"}) {
            assertThat(Detectors.looksLikePersonName(v, true)).as(v).isFalse();
        }
        assertThat(Detectors.looksLikePlace("Greater Manchester")).isTrue();
        assertThat(Detectors.looksLikePlace("Stockport 001A")).isTrue();
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        for (String v : new String[] {"I spent £40 on 3 June 2021 and waited 45 minutes", "Order 123456789012",
                "Campylobacter incidence rate/100,000", "E08000007", "0.1234567890", "Rate 12.3 per 1,000 (2019/20)",
                "Meet at the library at 10 am"}) {
            assertThat(Redactor.redact(v)).as(v).isSameAs(v);
        }
    }
}
