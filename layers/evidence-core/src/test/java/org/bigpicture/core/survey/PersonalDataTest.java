package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void personalColumnsByHeader() {
        for (String h : new String[] {"Email Address", "Email", "E-mail", "IP Address", "First Name", "Last Name", "Surname",
                "Name", "Full name", "Telephone", "Phone number", "Mobile", "Address", "Home address", "Address line 1",
                "Date of birth", "DOB", "Custom Data 1", "Respondent ID", "Collector ID", "ID", "UserID", "UserNo", "Unique ID",
                "What is your email address?", "Please give your phone number so we can call you back",
                "What is your name?", "Please tell us your full address including postcode"}) {
            assertThat(PersonalData.personalHeader(h)).as(h).isPresent();
        }
        for (String h : new String[] {"How would you describe your access to emails from OHBM?",
                "How often do you use your phone to access council services?", "What is the name of your favourite park?",
                "How do we address climate change?", "I am responding as", "What is your postcode?", "Ward", "Comments"}) {
            assertThat(PersonalData.personalHeader(h)).as(h).isEmpty();
        }
        assertThat(PersonalData.toolRespondentId("Respondent ID")).isTrue();
        assertThat(PersonalData.toolRespondentId("Collector ID")).isFalse();
        assertThat(PersonalData.postcodeHeader("What is your postcode?")).isTrue();
    }

    @Test
    void postcodesBecomeDistricts() {
        assertThat(PersonalData.postcodeDistrict("SK4 2AB")).contains("SK4");
        assertThat(PersonalData.postcodeDistrict("sk42ab")).contains("SK4");
        assertThat(PersonalData.postcodeDistrict("M1 1AE")).contains("M1");
        assertThat(PersonalData.postcodeDistrict("SK14 4XY")).contains("SK14");
        assertThat(PersonalData.postcodeDistrict(" SK8 ")).contains("SK8");
        assertThat(PersonalData.postcodeDistrict("Heaton Moor")).isEqualTo(Optional.empty());
    }

    @Test
    void freeTextRedaction() {
        assertThat(PersonalData.redact("Email jo.bloggs@example.com or françois.lebœuf@example.fr now"))
                .isEqualTo("Email [email] or [email] now");
        assertThat(PersonalData.redact("Call 07700 900123, 0161 496 0000, (0161) 496-0001 or +44 7700 900456."))
                .isEqualTo("Call [phone], [phone], [phone] or [phone].");
        assertThat(PersonalData.redact("From 203.0.113.7 at SK4 2AB")).isEqualTo("From [ip address] at [postcode]");
        // numbers that are not phone numbers stay
        assertThat(PersonalData.redact("I spent £40 on 3 June 2021 and waited 45 minutes"))
                .isEqualTo("I spent £40 on 3 June 2021 and waited 45 minutes");
        assertThat(PersonalData.redact("Order 123456789012")).isEqualTo("Order 123456789012");
    }

    @Test
    void pseudonymsAreKeyedAndStable() {
        Pseudonymizer a = new Pseudonymizer(TestWorkspace.SECRET);
        Pseudonymizer b = new Pseudonymizer("another-secret-of-enough-length!".getBytes());
        assertThat(a.forToolId("114009873200")).isEqualTo(a.forToolId(" 114009873200 ")).hasSize(20).matches("[0-9a-f]{20}");
        assertThat(a.forToolId("114009873200")).isNotEqualTo(b.forToolId("114009873200"));
        assertThat(a.forRow("surveys-x", 1)).isNotEqualTo(a.forRow("surveys-x", 2)).isNotEqualTo(a.forRow("surveys-y", 1));
    }
}
