package org.bigpicture.core.headlines;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts period labels in time order. Sources write periods many ways ({@code 2017}, {@code mid-2020},
 * {@code September 2017}, {@code 2019/20}, {@code 2015 - 17}); each is placed at the day it ends,
 * a bare year at mid-year (most sources with bare years are mid-year estimates or calendar years).
 */
final class Periods {

    private static final Pattern YEAR = Pattern.compile("(?<![0-9])(19|20)[0-9]{2}(?![0-9])");
    private static final Pattern FINANCIAL = Pattern.compile("((?:19|20)[0-9]{2})\\s*[/-]\\s*([0-9]{2})(?![0-9])");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec"};

    private Periods() {
    }

    /** The last day of the period as days since 1970-01-01, or null when the label holds no year. */
    static Integer endDay(String label, Integer periodEnd) {
        if (periodEnd != null) {
            return periodEnd;
        }
        if (label == null) {
            return null;
        }
        String l = label.toLowerCase(Locale.ROOT);
        Matcher fy = FINANCIAL.matcher(l);
        if (fy.find()) {
            int start = Integer.parseInt(fy.group(1));
            int endTwo = Integer.parseInt(fy.group(2));
            int end = (start / 100) * 100 + endTwo;
            if (end < start) {
                end += 100;
            }
            if (end == start + 1 && l.contains("/")) {
                return (int) LocalDate.of(end, 3, 31).toEpochDay(); // financial year
            }
            return (int) LocalDate.of(end, 12, 31).toEpochDay(); // a range of years, e.g. 2015 - 17
        }
        List<Integer> years = new ArrayList<>();
        Matcher y = YEAR.matcher(l);
        while (y.find()) {
            years.add(Integer.parseInt(y.group()));
        }
        if (years.isEmpty()) {
            return null;
        }
        int year = years.get(years.size() - 1);
        if (years.size() > 1) {
            return (int) LocalDate.of(year, 12, 31).toEpochDay();
        }
        if (l.contains("mid")) {
            return (int) LocalDate.of(year, 6, 30).toEpochDay();
        }
        for (int m = 0; m < 12; m++) {
            if (l.contains(MONTHS[m])) {
                return (int) YearMonth.of(year, m + 1).atEndOfMonth().toEpochDay();
            }
        }
        if (l.matches(".*\\bq[1-4]\\b.*")) {
            int q = l.charAt(l.indexOf('q') + 1) - '0';
            return (int) YearMonth.of(year, q * 3).atEndOfMonth().toEpochDay();
        }
        return (int) LocalDate.of(year, 6, 30).toEpochDay();
    }

    /** Years between two period ends, to two decimals. */
    static double yearsBetween(int fromDay, int toDay) {
        return Math.round((toDay - fromDay) / 365.25 * 100.0) / 100.0;
    }
}
