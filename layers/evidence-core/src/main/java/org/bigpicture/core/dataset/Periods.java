package org.bigpicture.core.dataset;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one period vocabulary of observations (their {@code period}, {@code period_start} and
 * {@code period_end}), used by the formats that write them and the headlines that order and
 * compare them. Turns the period labels publishers write into first and last days: {@code 2017} (calendar year),
 * {@code 2017/18} and {@code 2018-19} (financial year, April to March), {@code 2015 - 17} (three
 * calendar years), {@code mid-2019} (30 June), {@code September 2017}, {@code Sep-17},
 * {@code 2017-09}, {@code Jan 2020-Dec 2020}, {@code 2019 Q1}, ISO dates. Unknown labels give no dates.
 */
public final class Periods {

    /** A period label and its first and last day (null when unknown). */
    public record Period(String label, LocalDate start, LocalDate end) {
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
            Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7),
            Map.entry("july", 7), Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("september", 9), Map.entry("oct", 10), Map.entry("october", 10),
            Map.entry("nov", 11), Map.entry("november", 11), Map.entry("dec", 12), Map.entry("december", 12));

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern FINANCIAL = Pattern.compile("(\\d{4})\\s*[/-]\\s*(\\d{2}|\\d{4})");
    private static final Pattern SPAN = Pattern.compile("(\\d{4})\\s+-\\s+(\\d{2}|\\d{4})");
    private static final Pattern FIN_SPAN = Pattern.compile("(\\d{4})/(\\d{2})\\s*-\\s*(\\d{2})/(\\d{2})");
    private static final Pattern MID = Pattern.compile("(?i)mid[- _]?(\\d{4})");
    private static final Pattern MONTH_YEAR = Pattern.compile("(?i)([a-z]+)[ -](\\d{4}|\\d{2})");
    private static final Pattern ISO_MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern MONTH_RANGE = Pattern.compile("(?i)([a-z]+)[ -](\\d{4})\\s*-\\s*([a-z]+)[ -](\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(?i)(\\d{4})[ -]?q([1-4])|q([1-4])[ -]?(\\d{4})");

    private Periods() {
    }

    public static Period parse(String label) {
        if (label == null || label.isBlank()) {
            return new Period(label, null, null);
        }
        String s = label.trim();
        Matcher m;
        if ((m = MID.matcher(s)).matches()) {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), 6, 30);
            return new Period(s, d, d);
        }
        if ((m = YEAR.matcher(s)).matches()) {
            int y = Integer.parseInt(m.group(1));
            return new Period(s, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
        }
        if ((m = ISO_DATE.matcher(s)).matches()) {
            try {
                LocalDate d = LocalDate.parse(s);
                return new Period(s, d, d);
            } catch (RuntimeException e) {
                return new Period(s, null, null);
            }
        }
        if ((m = FIN_SPAN.matcher(s)).matches()) {
            int y1 = Integer.parseInt(m.group(1));
            int y2 = century(y1, Integer.parseInt(m.group(4)));
            return new Period(s, LocalDate.of(y1, 4, 1), LocalDate.of(y2, 3, 31));
        }
        if ((m = SPAN.matcher(s)).matches()) {
            int y1 = Integer.parseInt(m.group(1));
            int y2 = m.group(2).length() == 4 ? Integer.parseInt(m.group(2)) : century(y1, Integer.parseInt(m.group(2)));
            if (y2 > y1) {
                return new Period(s, LocalDate.of(y1, 1, 1), LocalDate.of(y2, 12, 31));
            }
        }
        if ((m = ISO_MONTH.matcher(s)).matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                return month(s, Integer.parseInt(m.group(1)), month);
            }
        }
        if ((m = FINANCIAL.matcher(s)).matches()) {
            int y1 = Integer.parseInt(m.group(1));
            int y2 = m.group(2).length() == 4 ? Integer.parseInt(m.group(2)) : century(y1, Integer.parseInt(m.group(2)));
            if (y2 == y1 + 1) {
                return new Period(s, LocalDate.of(y1, 4, 1), LocalDate.of(y2, 3, 31));
            }
        }
        if ((m = MONTH_RANGE.matcher(s)).matches()) {
            Integer m1 = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
            Integer m2 = MONTHS.get(m.group(3).toLowerCase(Locale.ROOT));
            if (m1 != null && m2 != null) {
                LocalDate start = LocalDate.of(Integer.parseInt(m.group(2)), m1, 1);
                LocalDate end = YearMonth.of(Integer.parseInt(m.group(4)), m2).atEndOfMonth();
                return new Period(s, start, end);
            }
        }
        if ((m = MONTH_YEAR.matcher(s)).matches()) {
            Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
            if (month != null) {
                int y = Integer.parseInt(m.group(2));
                if (m.group(2).length() == 2) {
                    y = y >= 50 ? 1900 + y : 2000 + y;
                }
                return month(s, y, month);
            }
        }
        if ((m = QUARTER.matcher(s)).matches()) {
            int y = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(4));
            int q = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
            LocalDate start = LocalDate.of(y, (q - 1) * 3 + 1, 1);
            return new Period(s, start, YearMonth.of(y, q * 3).atEndOfMonth());
        }
        return new Period(s, null, null);
    }

    private static Period month(String s, int year, int month) {
        YearMonth ym = YearMonth.of(year, month);
        return new Period(s, ym.atDay(1), ym.atEndOfMonth());
    }

    /** The four-digit year a two-digit year means, given the year just before it. */
    private static int century(int before, int twoDigits) {
        int y = before / 100 * 100 + twoDigits;
        return y < before ? y + 100 : y;
    }

    private static final Pattern NAME_MID = Pattern.compile("(?i)mid[-_ ]?((?:19|20)\\d{2})");
    private static final Pattern NAME_YEAR = Pattern.compile("((?:19|20)\\d{2})");

    /**
     * The year a file name gives (DESIGN.md): a year after {@code mid} ({@code mid2020}), else the
     * first four-digit year ({@code ukmidyearestimates20192020ladcodes} → 2019); -1 when none.
     */
    public static int yearFromName(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        Matcher m = NAME_MID.matcher(name);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        m = NAME_YEAR.matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The first "mid-YYYY" / "Mid 2019" in a text (titles of ONS sheets), or -1. */
    public static int midYearIn(String text) {
        Matcher m = NAME_MID.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The last day of a period as days since 1970-01-01: the one given, else the label's; null when unknown. */
    public static Integer endDay(String label, Integer periodEnd) {
        if (periodEnd != null) {
            return periodEnd;
        }
        LocalDate end = parse(label).end();
        return end == null ? null : (int) end.toEpochDay();
    }

    /** Years between two period ends, to two decimals. */
    public static double yearsBetween(int fromDay, int toDay) {
        return Math.round((toDay - fromDay) / 365.25 * 100.0) / 100.0;
    }
}
