package org.bigpicture.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Generates a CSV in the full 26-column OHID Fingertips layout with a fixed seed, shaped like the
 * real export in {@code shared/realdata/fingertips}: quoted indicator names (some with commas),
 * values with 15 significant digits, confidence limits, counts, mostly-empty note columns.
 */
public final class FingertipsCsv {

    public static final String HEADER = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,"
            + "Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,"
            + "Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,"
            + "Compared to England value or percentiles,Compared to Region value or percentiles,"
            + "Time period Sortable,New data,Compared to goal";

    private static final String[] INDICATOR_WORDS = {"Campylobacter incidence", "Life expectancy at birth",
        "Under 75 mortality rate from cancer", "Hospital admissions for alcohol-related conditions",
        "Smoking prevalence in adults (18+)", "Percentage of physically active adults",
        "Emergency hospital admissions for intentional self-harm", "Infant mortality rate",
        "Excess winter deaths index", "Children in relative low income families (under 16s)",
        "Reception prevalence of overweight (including obesity)", "Killed and seriously injured casualties on roads",
        "Suicide rate", "Deaths from drug misuse", "Fuel poverty (low income, low energy efficiency methodology)",
        "Breast screening coverage: aged 53 to 70 years old", "Estimated dementia diagnosis rate (aged 65 and older)",
        "Mortality rate from causes considered preventable", "Low birth weight of term babies",
        "Hip fractures in people aged 65 and over"};
    private static final String[] SUFFIX = {"", " rate/100,000", " (%)", " - directly standardised rate", " (Persons)"};
    private static final String[][] REGIONS = {{"E12000001", "North East region"}, {"E12000002", "North West region"},
        {"E12000003", "Yorkshire and the Humber region"}, {"E12000004", "East Midlands region"},
        {"E12000005", "West Midlands region"}, {"E12000006", "East of England region"}, {"E12000007", "London region"},
        {"E12000008", "South East region"}, {"E12000009", "South West region"}};
    private static final String[] PLACES = {"Stockport", "Tameside", "Oldham", "Rochdale", "Bury", "Bolton", "Wigan",
        "Salford", "Trafford", "Manchester", "St. Helens", "Sefton", "Wirral", "Knowsley", "Halton", "Warrington",
        "Cheshire East", "Blackburn with Darwen", "Solihull", "Coventry", "Leeds", "Bradford", "Kirklees",
        "Calderdale", "Sheffield", "Barnsley", "Doncaster", "Rotherham", "Newcastle upon Tyne", "Sunderland",
        "Gateshead", "Durham", "Kingston upon Hull, City of", "Bristol, City of", "Herefordshire, County of"};
    private static final String[] AREA_TYPES = {"County & UA", "Counties & UAs (from Apr 2023)", "District & UA",
        "Districts & UAs (from Apr 2023)", "GP", "MSOA"};
    private static final String[] SEXES = {"Persons", "Male", "Female"};
    private static final String[] AGES = {"All ages", "18+ yrs", "65+ yrs", "<75 yrs", "0-4 yrs", "16-64 yrs",
        "10-24 yrs"};
    private static final String[] TRENDS = {"", "Cannot be calculated", "No significant change",
        "Increasing and getting worse", "Decreasing and getting better", "Increasing", "Decreasing"};
    private static final String[] COMPARED = {"Similar", "Better", "Worse", "Not compared", "Lower", "Higher",
        "Better 95%", "Worse 99.8%"};

    private static final int YEARS = 14;
    private static final int CATEGORIES = 11; // none, then ten deprivation deciles
    private static final int AREAS = PLACES.length * 12;

    private FingertipsCsv() {
    }

    /** What was generated, for the correctness check. */
    public record Generated(Path file, long rows, long bytes, double valueSum, long valueCount) {
    }

    /** Writes {@code rows} data rows after the header; the same seed and rows give the same bytes. */
    public static Generated write(Path file, long rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        double compensation = 0; // Kahan: the sum must not depend on rounding luck
        long valueCount = 0;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
            out.write(HEADER);
            out.write('\n');
            StringBuilder line = new StringBuilder(512);
            for (long r = 0; r < rows; r++) {
                line.setLength(0);
                // Rows in the export's order (indicator, area, sex, category, period), each observation once.
                long rest = r;
                int year = 2010 + (int) (rest % YEARS);
                rest /= YEARS;
                int category = (int) (rest % CATEGORIES);
                rest /= CATEGORIES;
                int sex = (int) (rest % SEXES.length);
                rest /= SEXES.length;
                int area = (int) (rest % AREAS);
                rest /= AREAS;
                int indicator = (int) (rest % (INDICATOR_WORDS.length * SUFFIX.length));
                int indicatorId = 90000 + indicator * 37;
                String name = INDICATOR_WORDS[indicator % INDICATOR_WORDS.length] + SUFFIX[indicator % SUFFIX.length];
                String[] region = REGIONS[area % REGIONS.length];
                String areaName = PLACES[area % PLACES.length] + (area < PLACES.length ? "" : " " + (area / PLACES.length));
                String areaCode = "E0" + (6000000 + area * 13);
                boolean financial = (indicator & 1) == 1;
                line.append(indicatorId).append(',');
                appendCsv(line, name);
                line.append(',').append(region[0]).append(',').append(region[1]).append(',')
                        .append(areaCode).append(',');
                appendCsv(line, areaName);
                line.append(',').append(AREA_TYPES[area % AREA_TYPES.length]);
                line.append(',').append(SEXES[sex]);
                line.append(',').append(AGES[indicator % AGES.length]);
                line.append(',').append(category > 0 ? "County & UA deprivation deciles in England (IMD2019)" : "");
                line.append(',').append(category > 0 ? "Decile " + category + " (IMD2019)" : "");
                line.append(',').append(financial ? year + "/" + (year + 1 - 2000) : year + " - " + (year + 2 - 2000));
                boolean missing = random.nextInt(40) == 0;
                // 15 significant digits, as Fingertips exports write them (94.7261896202678)
                double value = fifteenDigits(1 + random.nextDouble() * 999);
                if (missing) {
                    line.append(",,,,,,,"); // Value, four limits, Count, Denominator
                    line.append(',').append("Value suppressed for disclosure control due to small count");
                } else {
                    double y = value - compensation;
                    double t = sum + y;
                    compensation = (t - sum) - y;
                    sum = t;
                    valueCount++;
                    double spread = value * (0.02 + random.nextDouble() * 0.1);
                    line.append(',').append(plain(value));
                    line.append(',').append(plain(fifteenDigits(value - spread)))
                            .append(',').append(plain(fifteenDigits(value + spread)));
                    if (random.nextInt(3) == 0) {
                        line.append(',').append(plain(fifteenDigits(value - spread * 1.6)))
                                .append(',').append(plain(fifteenDigits(value + spread * 1.6)));
                    } else {
                        line.append(",,");
                    }
                    int denominator = 1000 + random.nextInt(2_000_000);
                    line.append(',').append(Math.round(value * denominator / 100000.0));
                    line.append(',').append(denominator);
                    line.append(',').append(random.nextInt(12) == 0 ? "Aggregated from all known lower geography values" : "");
                }
                line.append(',').append(TRENDS[random.nextInt(TRENDS.length)]);
                line.append(',').append(COMPARED[random.nextInt(COMPARED.length)]);
                line.append(',').append(COMPARED[random.nextInt(COMPARED.length)]);
                line.append(',').append(year).append("0000");
                line.append(',').append(random.nextInt(20) == 0 ? "New data" : "");
                line.append(',');
                line.append('\n');
                out.append(line);
            }
        }
        return new Generated(file, rows, Files.size(file), sum, valueCount);
    }

    private static double fifteenDigits(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(15)).doubleValue();
    }

    /** The shortest text that reads back as {@code v}, without an exponent. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static void appendCsv(StringBuilder line, String text) {
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0) {
            line.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            line.append(text);
        }
    }

    /** {@code FingertipsCsv FILE ROWS [SEED]}: writes the file and prints what it wrote. */
    public static void main(String[] args) throws IOException {
        Generated g = write(Path.of(args[0]), Long.parseLong(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 6);
        System.out.println(g);
    }
}
