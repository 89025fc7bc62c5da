package org.bigpicture.core.survey;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the numbers and dates survey tools write. */
final class SurveyValues {

    private static final Pattern NUMBER = Pattern.compile("^[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?$|^[-+]?\\.\\d+$");
    private static final Pattern INTEGER = Pattern.compile("^[-+]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)$");
    /** 2021-03-15, 2021-03-15T10:22:11(.123)(Z|+01:00), 2021-03-15 10:22(:11), 2021/03/15 10:22:11 AM GMT */
    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:\\s?[AaPp][Mm])?(?:\\s?(?:Z|[+-]\\d{2}:?\\d{2}|[A-Z]{2,4}(?:[+-]\\d{1,2})?))?)?$");
    /** 15/03/2021, 3/15/2021 10:22:11 AM, 15.03.2021 10:22 */
    private static final Pattern SLASH = Pattern.compile(
            "^(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4}|\\d{2})(?:[ T,]+\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s?[AaPp][Mm])?)?$");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private SurveyValues() {
    }

    static Double number(String v) {
        String t = v.trim();
        if (!NUMBER.matcher(t).matches()) {
            return null;
        }
        try {
            return Double.parseDouble(t.replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isInteger(String v) {
        return INTEGER.matcher(v.trim()).matches();
    }

    static boolean looksLikeDate(String v) {
        return ISO.matcher(v.trim()).matches() || SLASH.matcher(v.trim()).matches();
    }

    /** +1 when a slash date's first part exceeds 12 (day first), -1 when its second does (month first), else 0. */
    static int slashOrderEvidence(String v) {
        Matcher m = SLASH.matcher(v.trim());
        if (!m.matches()) {
            return 0;
        }
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        return a > 12 ? 1 : b > 12 ? -1 : 0;
    }

    /**
     * The calendar date of a timestamp: ISO, slash dates (day or month first as the column says), or
     * an Excel serial day number (XLSX date cells read without their format). Null when unparseable.
     */
    static LocalDate date(String v, boolean dayFirst, boolean allowExcelSerial) {
        String t = v.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            Matcher m = ISO.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = SLASH.matcher(t);
            if (m.matches()) {
                int a = Integer.parseInt(m.group(1));
                int b = Integer.parseInt(m.group(2));
                int y = Integer.parseInt(m.group(3));
                if (y < 100) {
                    y += 2000;
                }
                return dayFirst ? LocalDate.of(y, b, a) : LocalDate.of(y, a, b);
            }
            if (allowExcelSerial) {
                Double d = number(t);
                if (d != null && d >= 20_000 && d < 80_000) {
                    return EXCEL_EPOCH.plusDays((long) Math.floor(d));
                }
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }
}
