package org.bigpicture.core.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.VisibilityState;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The corpus of issue 11, generated (nothing copied from real files): a contacts table under
 * {@code tables/}, a Qualtrics-like export under {@code consultation/}, surveys under
 * {@code surveys/}, {@code data/surveys/} and {@code surveys-2024/}, a workbook with hidden and very
 * hidden sheets, a clients table whose rows are people, a clean statistical table with a stray
 * phone number, repeated contact answers, and every detector form planted in free text and in
 * columns. {@link #PLANTED} lists what must reach no published file and no lake file.
 */
final class PrivacyCorpus {

    /** Every e-mail form. */
    static final List<String> EMAILS = List.of("Jane.Doe@Example.org", "jane+council@example.org",
            "mailto:bob.jones@example.net", "\"Bob Jones\" <bob.jones@example.net>", "bob at example dot com",
            "bob[at]example.com", "carol.white@example.co.uk");
    /** Every phone form. */
    static final List<String> PHONES = List.of("+44 7700 900123", "+44 (0)161 496 0000", "07700 900 124", "07700-900-125",
            "(0161) 496 0001", "0161 4960002", "0044 161 496 0003");
    static final List<String> NHS = List.of("943 476 5919", "4010232137", "450 557 7104");
    static final List<String> NI = List.of("AB 12 34 56 C", "JG103759A");
    static final List<String> POSTCODES = List.of("SK4 2AB", "SK42AB", "sk4 2ab", "SK4  2AB", "SK4\u00a02AB", "SK4-2AB",
            "M1 1AE");
    static final List<String> IPS = List.of("203.0.113.9", "2001:db8::5", "fe80::1", "2001:0db8:0000:0000:0000:ff00:0042:8329");
    static final List<String> ADDRESSES = List.of("Flat 3, 45 High Street", "12 Acacia Avenue");
    static final List<String> BIRTH_DATES = List.of("12/03/1985", "1985-03-12", "04/07/1972", "1972-07-04");
    /** Names typed into name columns and contact questions (names in free text cannot be found by pattern). */
    static final List<String> NAMES = List.of("Okonkwo", "Fairbairn", "Tattersall", "Oduya", "Pryce", "Mensah",
            "Ó Súilleabháin", "Hidden Contact", "Veryhidden Staffer");
    /** The one phone number ten or more respondents typed into "How can we get back to you?". */
    static final String REPEATED_PHONE = "07700 900 126";
    /** The one e-mail address ten respondents typed into "Any other comments?". */
    static final String REPEATED_EMAIL = "jane.doe@example.org";

    static final List<String> PLANTED;

    static {
        List<String> all = new ArrayList<>();
        all.addAll(EMAILS);
        all.addAll(PHONES);
        all.addAll(NHS);
        all.addAll(NI);
        all.addAll(POSTCODES);
        all.addAll(IPS);
        all.addAll(ADDRESSES);
        all.addAll(BIRTH_DATES);
        all.addAll(NAMES);
        all.add(REPEATED_PHONE);
        all.add(REPEATED_EMAIL);
        all.add("hidden.contact@example.org");
        all.add("0161 496 0009");
        PLANTED = List.copyOf(all);
    }

    /** The sentence each free-text answer carries: every detector form, one per respondent in turn. */
    static List<String> freeTextWithIdentifiers() {
        List<String> out = new ArrayList<>();
        for (String e : EMAILS) {
            out.add("Please write to " + e + " about the bins.");
        }
        for (String p : PHONES) {
            out.add("Ring me on " + p + " in the evening.");
        }
        for (String n : NHS) {
            out.add("My NHS number is " + n + " if it helps.");
        }
        for (String n : NI) {
            out.add("NI number " + n + ", for the benefits question.");
        }
        for (String p : POSTCODES) {
            out.add("The potholes near " + p + " are dangerous.");
        }
        for (String ip : IPS) {
            out.add("The form crashed from " + ip + " twice.");
        }
        for (String a : ADDRESSES) {
            out.add("The streetlight outside " + a + " is broken.");
        }
        out.add("I was born on 12/03/1985 and have lived here since.");
        out.add("My DOB: 1972-07-04, I need the older persons' service.");
        return out;
    }

    /** Writes the corpus under {@code dir}; returns key → file. */
    static Map<String, Path> write(Path dir) throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("tables/consultation-contacts.csv", csv(dir, "tables/consultation-contacts.csv", contacts(0)));
        files.put("tables/clients.csv", csv(dir, "tables/clients.csv", clients()));
        files.put("tables/ward-stats.csv", csv(dir, "tables/ward-stats.csv", wardStats()));
        files.put("consultation/qualtrics-export.csv", csv(dir, "consultation/qualtrics-export.csv", qualtrics()));
        files.put("surveys/resident-survey.csv", csv(dir, "surveys/resident-survey.csv", residentSurvey()));
        files.put("data/surveys/paper-returns.csv", csv(dir, "data/surveys/paper-returns.csv", paperReturns()));
        files.put("surveys-2024/services-ms-forms.xlsx", msForms(dir.resolve("surveys-2024/services-ms-forms.xlsx")));
        files.put("tables/libraries-workbook.xlsx", hiddenSheets(dir.resolve("tables/libraries-workbook.xlsx")));
        return files;
    }

    // ------------------------------------------------------------------------------ tables

    /** Name, e-mail, phone, postcode, date of birth, NHS number: a contacts list. {@code extra} more rows change its bytes. */
    static List<List<String>> contacts(int extra) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Name", "Email", "Phone", "Postcode", "Date of birth", "NHS number", "Organisation"));
        String[] first = {"Kwame", "Bethan", "Yusuf", "Imogen", "Rhys", "Zoë"};
        String[] last = {"Mensah", "Pryce", "Okonkwo", "Fairbairn", "Tattersall", "Ó Súilleabháin"};
        for (int i = 0; i < 12 + extra; i++) {
            rows.add(List.of(first[i % 6] + " " + last[(i + i / 6) % 6], EMAILS.get(i % EMAILS.size()).replace("\"", ""),
                    PHONES.get(i % PHONES.size()), POSTCODES.get(i % POSTCODES.size()), BIRTH_DATES.get(i % 2 == 0 ? 0 : 2),
                    NHS.get(i % NHS.size()), i % 2 == 0 ? "Friends of Vernon Park" : "Reddish Residents"));
        }
        return rows;
    }

    /** One row per client: a unique id, demographics, no measure. */
    static List<List<String>> clients() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Client ID", "Sex", "Age", "Ethnicity", "Support received"));
        for (int i = 0; i < 30; i++) {
            rows.add(List.of("CL-" + (4000 + i), i % 2 == 0 ? "Female" : "Male", String.valueOf(18 + i * 2),
                    i % 3 == 0 ? "Asian or Asian British" : "White British", i % 4 == 0 ? "Housing" : "Benefits advice"));
        }
        return rows;
    }

    /** A statistical table: GSS codes, ward names, counts; a note with a stray phone number. */
    static List<List<String>> wardStats() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Code", "Name", "Residents", "Note"));
        String[] wards = {"Bramhall North", "Bramhall South and Woodford", "Cheadle and Gatley", "Heald Green", "Reddish North",
                "Reddish South", "Marple North", "Edgeley and Cheadle Heath"};
        for (int i = 0; i < wards.length; i++) {
            rows.add(List.of("E0501108" + i, wards[i], String.valueOf(11000 + i * 250),
                    i == 3 ? "Queries: call 0161 496 0009" : "Mid-2021 estimate"));
        }
        return rows;
    }

    // ------------------------------------------------------------------------------ surveys

    /** A Qualtrics CSV export: ids, question texts, import ids; metadata with names, e-mail, IP, location. */
    static List<List<String>> qualtrics() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
                "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
                "Q1", "Q2_1", "Q2_2", "Q3", "Q4", "Q5"));
        rows.add(List.of("Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
                "Finished", "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name",
                "Recipient Email", "External Data Reference", "Location Latitude", "Location Longitude",
                "Distribution Channel", "User Language", "How satisfied are you with your local area as a place to live?",
                "How safe do you feel? - During the day", "How safe do you feel? - After dark",
                "Which of these council services have you used in the last year? - Selected Choice",
                "Is there anything else you would like to tell us?", "How can we get back to you?"));
        List<String> ids = new ArrayList<>();
        for (String id : List.of("startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished",
                "recordedDate", "_recordId", "recipientLastName", "recipientFirstName", "recipientEmail",
                "externalDataReference", "locationLatitude", "locationLongitude", "distributionChannel", "userLanguage",
                "QID1", "QID2_1", "QID2_2", "QID3", "QID4_TEXT", "QID5_TEXT")) {
            ids.add("{\"ImportId\":\"" + id + "\"" + (id.endsWith("Date") ? ",\"timeZone\":\"Europe/London\"" : "") + "}");
        }
        rows.add(ids);
        String[] satisfied = {"Very satisfied", "Fairly satisfied", "Neither satisfied nor dissatisfied", "Fairly dissatisfied",
                "Very dissatisfied"};
        String[] safe = {"Very safe", "Fairly safe", "Fairly unsafe", "Very unsafe"};
        String[] services = {"Libraries,Parks", "Parks", "Bin collection,Parks", "Libraries", "Bin collection",
                "Libraries,Bin collection,Parks"};
        List<String> free = freeTextWithIdentifiers();
        String[] last = {"Okonkwo", "Fairbairn", "Tattersall", "Oduya", "Pryce"};
        for (int i = 0; i < 48; i++) {
            String start = "2024-03-" + String.format("%02d", 1 + i % 28) + " 09:" + String.format("%02d", i % 60) + ":00";
            rows.add(List.of(start, start.replace(" 09:", " 10:"), "IP Address", i % 2 == 0 ? IPS.get(0) : IPS.get(1), "100",
                    String.valueOf(200 + i), "True", start.replace(" 09:", " 10:"), "R_" + (1000 + i) + "aBcD",
                    last[i % 5], "Sam", "sam." + last[i % 5].toLowerCase() + i + "@example.org", "CRM-" + (7000 + i),
                    String.valueOf(53.40 + i / 1000.0), String.valueOf(-2.15 - i / 1000.0), "email", "EN-GB",
                    satisfied[i % 5 == 4 && i > 40 ? 4 : i % 4], safe[i % 3], safe[(i + 1) % 4], services[i % services.length],
                    i < free.size() ? free.get(i) : "", i < 12 ? REPEATED_PHONE : i < 20 ? PHONES.get(i % PHONES.size()) : ""));
        }
        return rows;
    }

    /**
     * A Google Forms export under surveys/: a phone brand question, a four-point usefulness scale whose
     * last option two chose, "Any other comments?" where ten typed the same e-mail, "When were you born?",
     * postcodes written with a non-breaking space and a hyphen.
     */
    static List<List<String>> residentSurvey() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Timestamp", "What is your mobile phone brand?", "How useful was the council's newsletter?",
                "Any other comments?", "When were you born?", "What is your postcode?"));
        String[] brands = {"Apple", "Samsung", "Apple", "Samsung", "Google"};
        List<String> useful = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            useful.add("Very useful");
        }
        for (int i = 0; i < 14; i++) {
            useful.add("Quite useful");
        }
        for (int i = 0; i < 12; i++) {
            useful.add("Not very useful");
        }
        useful.add("Not at all useful");
        useful.add("Not at all useful");
        List<String> free = freeTextWithIdentifiers();
        for (int i = 0; i < 48; i++) {
            String comment = i < 10 ? REPEATED_EMAIL : i - 10 < free.size() ? free.get(i - 10) : "";
            rows.add(List.of("2024/03/" + String.format("%02d", 1 + i % 28) + " 10:00:00 AM GMT", brands[i % brands.length],
                    useful.get(i), comment, i % 2 == 0 ? BIRTH_DATES.get(0) : BIRTH_DATES.get(2),
                    POSTCODES.get(i % POSTCODES.size())));
        }
        return rows;
    }

    /** Paper returns keyed by staff: no survey tool wrote it; a name, an NHS number, repeated contacts. */
    static List<List<String>> paperReturns() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Ref", "Your name", "NHS number", "Which ward do you live in?", "How can we get back to you?",
                "Comments"));
        String[] wards = {"Reddish North", "Reddish South", "Heald Green"};
        List<String> free = freeTextWithIdentifiers();
        String[] names = {"Ada Oduya", "Ben Pryce", "Cal Mensah", "Dee Fairbairn"};
        for (int i = 0; i < 36; i++) {
            rows.add(List.of("P-" + (100 + i), names[i % names.length], NHS.get(i % NHS.size()), wards[i % 3],
                    i < 11 ? REPEATED_PHONE : "Ada Oduya, by post", i < free.size() ? free.get(free.size() - 1 - i) : "No"));
        }
        return rows;
    }

    /** A Microsoft Forms XLSX export under surveys-2024/: the phone brand question, IPv6 in free text. */
    static Path msForms(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "Microsoft Forms", "1.0");
            Worksheet ws = wb.newWorksheet("Sheet1");
            String[] header = {"ID", "Start time", "Completion time", "Email", "Name", "What is your mobile phone brand?",
                    "Which council services have you used in the last year?", "Any other comments?"};
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            String[] brands = {"Apple", "Samsung", "Apple", "Google", "Samsung"};
            List<String> free = freeTextWithIdentifiers();
            for (int i = 0; i < 40; i++) {
                int r = i + 1;
                LocalDateTime start = LocalDateTime.of(2024, 4, 1 + i % 28, 9, i % 60, 5);
                ws.value(r, 0, i + 1);
                ws.value(r, 1, start);
                ws.style(r, 1).format("m/d/yy h:mm:ss").set();
                ws.value(r, 2, start.plusMinutes(4));
                ws.style(r, 2).format("m/d/yy h:mm:ss").set();
                ws.value(r, 3, "carol.white" + i + "@example.co.uk");
                ws.value(r, 4, "Carol " + NAMES.get(i % 6));
                ws.value(r, 5, brands[i % brands.length]);
                ws.value(r, 6, (i % 2 == 0 ? "Libraries;" : "") + "Parks;");
                ws.value(r, 7, free.get(free.size() - 1 - i % free.size()));
            }
            wb.finish();
        }
        return file;
    }

    /** A workbook: a visible table of libraries, a hidden sheet of contacts, a very hidden sheet of staff. */
    static Path hiddenSheets(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "Council", "1.0");
            Worksheet libraries = wb.newWorksheet("Libraries");
            String[][] rows = {{"Library", "Ward", "Visits 2023"}, {"Central Library", "Brinnington and Stockport Central", "52000"},
                    {"Bramhall Library", "Bramhall North", "40100"}, {"Reddish Library", "Reddish North", "33500"}};
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < 3; c++) {
                    if (r > 0 && c == 2) {
                        libraries.value(r, c, Integer.parseInt(rows[r][c]));
                    } else {
                        libraries.value(r, c, rows[r][c]);
                    }
                }
            }
            Worksheet contacts = wb.newWorksheet("Contacts");
            contacts.setVisibilityState(VisibilityState.HIDDEN);
            contacts.value(0, 0, "Name");
            contacts.value(0, 1, "Email");
            contacts.value(1, 0, "Hidden Contact");
            contacts.value(1, 1, "hidden.contact@example.org");
            contacts.value(2, 0, "Another Person");
            contacts.value(2, 1, "another.person@example.org");
            Worksheet staff = wb.newWorksheet("Staff");
            staff.setVisibilityState(VisibilityState.VERY_HIDDEN);
            staff.value(0, 0, "Name");
            staff.value(0, 1, "NI number");
            staff.value(1, 0, "Veryhidden Staffer");
            staff.value(1, 1, NI.get(1));
            staff.value(2, 0, "Second Staffer");
            staff.value(2, 1, "PE123456D");
            wb.finish();
        }
        return file;
    }

    static Path csv(Path dir, String key, List<List<String>> rows) throws IOException {
        Path file = dir.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, csvBytes(rows));
        return file;
    }

    static byte[] csvBytes(List<List<String>> rows) {
        StringBuilder b = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                String v = row.get(i);
                if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                    b.append('"').append(v.replace("\"", "\"\"")).append('"');
                } else {
                    b.append(v);
                }
            }
            b.append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private PrivacyCorpus() {
    }

    /** Used by the scale test: the dates as the ISO strings a lake might hold them. */
    static List<String> birthIso() {
        return List.of(LocalDate.of(1985, 3, 12).toString(), LocalDate.of(1972, 7, 4).toString());
    }
}
