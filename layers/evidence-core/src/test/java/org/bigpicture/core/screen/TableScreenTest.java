package org.bigpicture.core.screen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.junit.jupiter.api.Test;

/** Column and table verdicts: what is personal, what only looks it, and which rows are people. */
class TableScreenTest {

    private static ScreenResult screen(List<Column> columns, List<Object[]> rows) {
        TableScreen t = new TableScreen(columns, true, false);
        for (Object[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                Object v = r[c];
                if (v instanceof String s) {
                    t.column(c).see(s);
                } else if (v instanceof Long l) {
                    t.column(c).seeLong(l);
                } else if (v instanceof Double d) {
                    t.column(c).seeDouble(d);
                } else if (v instanceof LocalDate d) {
                    t.column(c).seeDate((int) d.toEpochDay());
                }
            }
        }
        return t.result(ColumnScreen.Scope.TABLE);
    }

    private static List<Column> strings(String... names) {
        List<Column> out = new ArrayList<>();
        for (String n : names) {
            out.add(Column.of(n, ColumnType.STRING));
        }
        return out;
    }

    @Test
    void aContactsTableIsHeldColumnByColumn() {
        List<Column> cols = List.of(Column.of("Name", ColumnType.STRING), Column.of("Email", ColumnType.STRING),
                Column.of("Phone", ColumnType.STRING), Column.of("Postcode", ColumnType.STRING),
                Column.of("Date of birth", ColumnType.DATE), Column.of("NHS number", ColumnType.INTEGER),
                Column.of("Attended", ColumnType.STRING));
        List<Object[]> rows = new ArrayList<>();
        String[] first = {"Jane", "Amir", "Chloe", "Dev", "Erin", "Farah"};
        String[] last = {"Smith", "Khan", "Okafor", "Patel", "Walsh", "Hughes"};
        for (int i = 0; i < 30; i++) {
            rows.add(new Object[] {first[i % 6] + " " + last[(i / 6) % 6], "p" + i + "@example.org", "07700 900" + (100 + i),
                    "SK" + (1 + i % 8) + " " + (i % 9) + "AB", LocalDate.of(1950 + i, 1 + i % 12, 1 + i % 27),
                    9434765919L, i % 2 == 0 ? "Yes" : "No"});
        }
        ScreenResult r = screen(cols, rows);
        assertThat(r.held()).isTrue();
        assertThat(r.personalColumns()).extracting(ColumnVerdict::header)
                .containsExactly("Name", "Email", "Phone", "Postcode", "Date of birth", "NHS number");
        assertThat(r.personalColumns()).extracting(ColumnVerdict::kind).containsExactly(Identifier.NAME, Identifier.EMAIL,
                Identifier.PHONE, Identifier.POSTCODE, Identifier.DATE_OF_BIRTH, Identifier.NHS_NUMBER);
    }

    @Test
    void identifiersAreFoundByValueWhateverTheHeader() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Object[] {"Row " + i, i < 4 ? "AB 12 34 5" + i + " C" : "n/a"});
        }
        ScreenResult r = screen(strings("Item", "Notes"), rows);
        assertThat(r.personalColumns()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Identifier.NI_NUMBER);
            assertThat(v.reason()).contains("4 of 10");
        });
    }

    @Test
    void aPhoneBrandIsNotAPhoneNumber() {
        List<Object[]> rows = new ArrayList<>();
        String[] brands = {"Apple", "Samsung", "Google", "Apple", "Motorola", "Samsung"};
        for (int i = 0; i < 60; i++) {
            rows.add(new Object[] {brands[i % brands.length], brands[(i + 1) % brands.length]});
        }
        ScreenResult r = screen(strings("What is your mobile phone brand?", "Mobile phone"), rows);
        assertThat(r.personalColumns()).isEmpty();
    }

    @Test
    void areaNamesAreNeverPeoplesNames() {
        List<Object[]> beside = new ArrayList<>();
        List<Object[]> alone = new ArrayList<>();
        String[][] areas = {{"E08000007", "Stockport"}, {"E47000001", "Greater Manchester"}, {"E01005785", "Stockport 001A"},
                {"E08000003", "Manchester"}, {"E06000057", "Milton Keynes"}, {"E12000002", "North West"}};
        for (String[] a : areas) {
            beside.add(new Object[] {a[0], a[1], 1.5});
            alone.add(new Object[] {a[1], 2.5});
        }
        List<Column> withCode = List.of(Column.of("Code", ColumnType.STRING), Column.of("Name", ColumnType.STRING),
                Column.of("Value", ColumnType.NUMBER));
        assertThat(screen(withCode, beside).held()).isFalse();
        assertThat(screen(List.of(Column.of("Name", ColumnType.STRING), Column.of("Rate", ColumnType.NUMBER)), alone).held())
                .as("places by their words and digits").isFalse();
        for (String h : new String[] {"Area Name", "AreaName", "LA name", "la_name", "LSOA name", "Ward name", "AREANM"}) {
            List<Object[]> rows = new ArrayList<>();
            for (String n : new String[] {"Jane Street", "Bramhall North", "Heald Green", "Cheadle Hulme"}) {
                rows.add(new Object[] {n});
            }
            assertThat(screen(strings(h), rows).held()).as(h).isFalse();
        }
    }

    @Test
    void aStatisticalTableIsNotRecordsAboutPeople() {
        List<Column> cols = List.of(Column.of("Area code", ColumnType.STRING), Column.of("Sex", ColumnType.STRING),
                Column.of("Age", ColumnType.STRING), Column.of("Ethnic group", ColumnType.STRING),
                Column.of("Count", ColumnType.INTEGER));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new Object[] {"E0800000" + (i % 9), i % 2 == 0 ? "Female" : "Male", (i % 5) * 10 + "-" + ((i % 5) * 10 + 9),
                    "White", (long) (100 + i)});
        }
        assertThat(screen(cols, rows).held()).isFalse();
    }

    @Test
    void rowsThatAreIndividualsAreRecordsAboutPeople() {
        List<Object[]> ids = new ArrayList<>();
        List<Object[]> demographics = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(new Object[] {"C" + (1000 + i), i % 3 == 0 ? "Open" : "Closed"});
            demographics.add(new Object[] {i % 2 == 0 ? "Female" : "Male", (long) (20 + i), i % 4 == 0 ? "Asian" : "White",
                    i % 5 == 0 ? "Yes" : "No"});
        }
        ScreenResult byId = screen(strings("Client ID", "Status"), ids);
        assertThat(byId.recordsAboutPeople()).contains("Client ID");
        ScreenResult byDemographics = screen(List.of(Column.of("Sex", ColumnType.STRING), Column.of("Age", ColumnType.INTEGER),
                Column.of("Ethnicity", ColumnType.STRING), Column.of("Disability", ColumnType.STRING)), demographics);
        assertThat(byDemographics.recordsAboutPeople()).contains("Sex", "Age", "Ethnicity", "Disability");
        // A plain "ID" numbering rows is no person's id.
        List<Object[]> numbered = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            numbered.add(new Object[] {String.valueOf(i + 1), "Library " + i});
        }
        assertThat(screen(strings("ID", "Library"), numbered).held()).isFalse();
    }

    @Test
    void strayIdentifiersInFreeTextAreRedactedAndCounted() {
        TableScreen t = new TableScreen(strings("Comment"), true, false);
        String a = t.column(0).see("Great, ring 07700 900123 or e-mail jo@example.org");
        String b = t.column(0).see("Lovely park");
        String c = t.column(0).see("Great, ring 07700 900123 or e-mail jo@example.org");
        assertThat(a).isEqualTo("Great, ring [phone] or e-mail [email]").isSameAs(c);
        assertThat(b).isEqualTo("Lovely park");
        ScreenResult r = t.result(ColumnScreen.Scope.TABLE);
        assertThat(r.redactions()).containsEntry("email", 2L).containsEntry("phone", 2L);
        assertThat(r.redactedCells()).isEqualTo(2);
        assertThat(r.held()).isFalse();
    }

    @Test
    void aHeaderThatIsItselfAnIdentifierMeansTheFileHasNoHeaderRow() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(new Object[] {"p" + i + "@example.org"});
        }
        ScreenResult r = screen(strings("jane@example.org"), rows);
        assertThat(r.held()).isTrue();
    }
}
