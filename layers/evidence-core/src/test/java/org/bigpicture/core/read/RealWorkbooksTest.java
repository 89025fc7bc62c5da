package org.bigpicture.core.read;

import org.bigpicture.core.NeedsSharedData;
import org.bigpicture.core.util.Numbers;
import org.bigpicture.core.convert.CellKind;
import org.bigpicture.core.convert.Records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.Test;

/**
 * The workbook readers on the real publisher files of {@code shared/realdata2} (skipped when the
 * folder is absent): the facts SOURCES.md states, and the readers checked against independent
 * readings of the same bytes.
 */
@NeedsSharedData("realdata2")
class RealWorkbooksTest {

    private static Path file(String relative) {
        Optional<Path> p = RealFiles.find(relative);
        assumeTrue(p.isPresent(), "shared/" + relative + " is absent");
        return p.get();
    }

    private static List<String> row(Records r) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            cells.add(r.get(i));
        }
        return cells;
    }

    /** The first row of sheet {@code name} whose cell {@code column} is {@code value}. */
    private static List<String> find(Workbook wb, String name, int column, String value) throws IOException {
        Sheet sheet = wb.sheets().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        try (Records r = wb.open(sheet.index())) {
            while (r.next()) {
                if (r.get(column).equals(value)) {
                    return row(r);
                }
            }
        }
        return List.of();
    }

    private static String firstCell(Workbook wb, int sheet) throws IOException {
        try (Records r = wb.open(sheet)) {
            while (r.next()) {
                for (int i = 0; i < r.size(); i++) {
                    if (!r.get(i).isBlank()) {
                        return r.get(i);
                    }
                }
            }
        }
        return null;
    }

    @Test
    void theOnsMidYearXlsOpensIntoItsSheetsAndMatchesItsCsvCellForCell() throws IOException {
        Workbook wb = Workbooks.open("ons/ukpopestimatesmid2020on2021geography.xls",
                file("realdata2/ons/ukpopestimatesmid2020on2021geography.xls"), Limits.defaults());
        assertThat(wb.format()).isEqualTo("XLS");
        assertThat(wb.sheets()).extracting(Sheet::name).contains("Cover sheet", "Contents", "Notes", "MYE2 - Persons",
                "MYE2 - Males", "MYE2 - Females", "MYE3", "MYE4").hasSize(14);
        assertThat(firstCell(wb, 0)).isEqualTo("Mid-Year Population Estimates, UK, June 2020");
        assertThat(find(wb, "MYE2 - Persons", 1, "Stockport")).startsWith("E08000007", "Stockport", "Metropolitan District",
                "294197", "3191", "3180");
        // SOURCES.md: the persons table is the one realdata/ons_mye/…mid2020on2021geography.csv holds saved as CSV
        Optional<Path> csv = RealFiles.find("realdata/ons_mye/ukpopestimatesmid2020on2021geography.csv");
        assumeTrue(csv.isPresent(), "the CSV copy is absent");
        TextEncoding.Detected enc = TextEncoding.detect("csv", csv.get(), Long.MAX_VALUE);
        Sheet persons = wb.sheets().stream().filter(s -> s.name().equals("MYE2 - Persons")).findFirst().orElseThrow();
        int compared = 0;
        try (Records c = CsvRecords.open("csv", csv.get(), CsvDialect.detect(csv.get(), enc), Limits.defaults());
             Records x = wb.open(persons.index())) {
            while (x.next() && !x.get(0).equals("Code")) {
                // the title and note rows above the table are not in the CSV
            }
            c.next();
            assertThat(row(x)).isEqualTo(trim(row(c)));
            while (c.next()) {
                if (!x.next()) {
                    // the CSV was saved with the sheet's formatted empty rows; the reader stops at the last value
                    assertThat(c.isBlank()).as("line %d of the CSV", c.line()).isTrue();
                    continue;
                }
                List<String> want = trim(row(c));
                List<String> got = row(x);
                assertThat(got).as("line %d", x.line()).hasSameSizeAs(want);
                for (int i = 0; i < want.size(); i++) {
                    double w = Numbers.parse(want.get(i));
                    if (Double.isNaN(w)) {
                        assertThat(got.get(i)).as("line %d cell %d", x.line(), i).isEqualTo(want.get(i));
                    } else {
                        assertThat(x.number(i)).as("line %d cell %d", x.line(), i).isEqualTo(w);
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(35_000);
    }

    private static List<String> trim(List<String> cells) {
        int n = cells.size();
        while (n > 0 && cells.get(n - 1).isBlank()) {
            n--;
        }
        return cells.subList(0, n);
    }

    @Test
    void theDluhcOdsOpensIntoItsSheetsWithStockportsRow() throws IOException {
        Workbook wb = Workbooks.open("dluhc/Detailed_LA_202212.ods", file("realdata2/dluhc/Detailed_LA_202212.ods"),
                Limits.defaults());
        assertThat(wb.format()).isEqualTo("ODS");
        assertThat(wb.sheets()).extracting(Sheet::name).startsWith("Contents", "LA_dropdown_(A1-A12)", "A1", "A2P", "A2R")
                .contains("TA1_", "TA3").hasSize(33);
        assertThat(wb.notes()).singleElement().asString().startsWith("287 cached copies of linked workbooks");
        int a1 = wb.sheets().stream().filter(s -> s.name().equals("A1")).findFirst().orElseThrow().index();
        assertThat(firstCell(wb, a1)).startsWith("Table A1 - Number of households by initial assessment")
                .contains("\nEngland, October to December 2022");
        List<String> stockport = find(wb, "A1", 1, "Stockport");
        assertThat(stockport).startsWith("E08000007", "Stockport", "", "", "293", "", "290", "157", "37", "133", "", "3");
        // households in thousands (shown rounded: 128) and rates per 1,000 (shown to two places): the stored values
        assertThat(stockport.subList(stockport.size() - 3, stockport.size()))
                .containsExactly("127.935", "1.22718568022824", "1.03959041700864");
    }

    /**
     * Every number of sheet A1 against the text the publisher's program wrote into the same cell
     * ({@code text:p}), read here with a plain regular expression: our value rounded to the places
     * the text shows is that text, and the format we report shows that many places (so the number
     * styles, their parents and their style:map sections were followed right).
     */
    @Test
    void everyOdsNumberOfATableShowsAsThePublishersOwnText() throws IOException {
        Path ods = file("realdata2/dluhc/Detailed_LA_202212.ods");
        List<String> written = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ods.toFile()); InputStream in = zip.getInputStream(zip.getEntry("content.xml"))) {
            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = content.indexOf("<table:table table:name=\"A1\"");
            String table = content.substring(start, content.indexOf("</table:table>", start));
            Matcher m = Pattern.compile("<table:table-cell([^>]*)office:value-type=\"(?:float|percentage)\"([^>]*)>"
                    + "<text:p>(.*?)</text:p>").matcher(table);
            while (m.find()) {
                String text = m.group(3).replace("<text:s/>", "").replace(",", "").trim();
                if (text.matches("-0*")) {
                    text = "0"; // Excel's accounting format shows zero as a dash
                }
                Matcher rep = Pattern.compile("number-columns-repeated=\"(\\d+)\"").matcher(m.group(1) + m.group(2));
                int times = rep.find() ? Integer.parseInt(rep.group(1)) : 1;
                for (int i = 0; i < times; i++) {
                    written.add(text);
                }
            }
        }
        Workbook wb = Workbooks.open("dluhc/Detailed_LA_202212.ods", ods, Limits.defaults());
        int a1 = wb.sheets().stream().filter(s -> s.name().equals("A1")).findFirst().orElseThrow().index();
        List<String> shown = new ArrayList<>();
        try (Records r = wb.open(a1)) {
            while (r.next()) {
                for (int i = 0; i < r.size(); i++) {
                    if (r.cellKind(i) != CellKind.NUMBER) {
                        continue;
                    }
                    String text = r.get(i);
                    boolean percent = text.endsWith("%");
                    String digits = written.size() > shown.size() ? written.get(shown.size()) : "";
                    int places = digits.indexOf('.') < 0 ? 0 : digits.replace("%", "").length() - digits.indexOf('.') - 1;
                    java.math.BigDecimal v = new java.math.BigDecimal(percent ? text.substring(0, text.length() - 1) : text)
                            .setScale(places, java.math.RoundingMode.HALF_UP);
                    shown.add(v.toPlainString() + (percent ? "%" : ""));
                    if (r.storedNumber(i) != 0) { // zero has its own section (the dash)
                        assertThat(NumberFormats.decimalsShown(r.numberFormat(i))).as("format of %s", digits)
                                .isIn(places, -1);
                    }
                }
            }
        }
        assertThat(written).hasSizeGreaterThan(2_000);
        assertThat(shown).isEqualTo(written);
    }

    @Test
    void theOnsMidYearXlsxGivesStockportsTwoYearsOfDensity() throws IOException {
        Workbook wb = Workbooks.open("ons/mye22final.xlsx", file("realdata2/ons/mye22final.xlsx"), Limits.defaults());
        assertThat(wb.sheets()).extracting(Sheet::name).containsExactly("Cover sheet", "Contents", "Notes",
                "Geography guide", "Related publications", "MYE1", "MYE2 - Persons", "MYE2 - Females", "MYE2 - Males",
                "MYE4", "MYE5", "MYE6", "MYEB1");
        assertThat(find(wb, "MYE2 - Persons", 1, "Stockport")).startsWith("E08000007", "Stockport",
                "Metropolitan District", "297107");
        assertThat(find(wb, "MYE5", 1, "Stockport")).containsSequence("297107", "2357", "283253");
    }

    @Test
    void theProductivityXlsxKeepsNoFloatingPointNoise() throws IOException {
        Workbook wb = Workbooks.open("ons/itlproductivity.xlsx", file("realdata2/ons/itlproductivity.xlsx"),
                Limits.defaults());
        Sheet a3 = wb.sheets().stream().filter(s -> s.name().equals("A3")).findFirst().orElseThrow();
        List<String> tld35 = List.of();
        boolean seen3777 = false;
        try (Records r = wb.open(a3.index())) {
            while (r.next()) {
                for (int i = 0; i < r.size(); i++) {
                    assertThat(r.get(i)).doesNotContain("0000000000").doesNotContain("9999999999");
                    seen3777 |= r.get(i).equals("37.77") && r.line() == 6 && i == 19 && r.storedNumber(i) == 37.77;
                }
                if (r.get(1).equals("TLD35")) {
                    tld35 = row(r);
                }
            }
        }
        assertThat(seen3777).as("T6, stored as 37.770000000000003, shows 37.77").isTrue();
        assertThat(tld35).contains("Greater Manchester South East");
        assertThat(tld35.get(3)).isEqualTo("21.43");
        assertThat(tld35.get(tld35.size() - 1)).isEqualTo("31.23");
    }
}
