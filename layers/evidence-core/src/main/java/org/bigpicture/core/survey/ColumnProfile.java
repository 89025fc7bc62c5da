package org.bigpicture.core.survey;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bigpicture.core.screen.ColumnScreen;
import org.bigpicture.core.screen.Redactor;

/**
 * What the first pass learns about one physical column: value counts, what the values look like,
 * and the personal-data screen's profile of them ({@link #screen}).
 */
final class ColumnProfile {

    /** Beyond this many distinct values a column is free text (or numeric): stop counting them. */
    static final int MAX_DISTINCT = 500;

    /** The shared screen's view of the column: its verdict decides whether the column is personal. */
    final ColumnScreen screen;
    long nonBlank;
    long fullPostcodes;
    /** Values holding an identifier somewhere (an e-mail, a phone number…): typed text, never an option. */
    long identifierValues;
    long numbers;
    long integers;
    long dates;
    long trailingSemicolons;
    long totalLength;
    /** Slash dates whose first part is over 12 (so day first) / whose second part is (so month first). */
    long dayFirstEvidence;
    long monthFirstEvidence;
    boolean overflow;
    final Map<String, Long> values = new LinkedHashMap<>();
    /** Postcode districts of the values that are postcodes (kept even when {@link #values} overflows). */
    final Map<String, Long> districts = new LinkedHashMap<>();

    /** @param header what the screen reads as the column's header ("" for a column that continues a question) */
    ColumnProfile(String header) {
        this.screen = new ColumnScreen(header, false);
    }

    ColumnProfile() {
        this("");
    }

    void add(String raw) {
        String v = raw.trim();
        if (v.isEmpty()) {
            return;
        }
        nonBlank++;
        totalLength += v.length();
        screen.see(v);
        if (PersonalData.looksLikeFullPostcode(v)) {
            fullPostcodes++;
        }
        // The redactor reads each value once, character by character, and runs a pattern only where
        // that scan allows one: cheap enough for a survey's few thousand rows.
        if (Redactor.redact(v) != v) {
            identifierValues++;
        }
        if (v.length() <= 10 && districts.size() < MAX_DISTINCT) {
            PersonalData.postcodeDistrict(v).ifPresent(d -> districts.merge(d, 1L, Long::sum));
        }
        if (SurveyValues.number(v) != null) {
            numbers++;
            if (SurveyValues.isInteger(v)) {
                integers++;
            }
        }
        if (SurveyValues.looksLikeDate(v)) {
            dates++;
            int order = SurveyValues.slashOrderEvidence(v);
            if (order > 0) {
                dayFirstEvidence++;
            } else if (order < 0) {
                monthFirstEvidence++;
            }
        }
        if (v.endsWith(";")) {
            trailingSemicolons++;
        }
        if (!overflow) {
            values.merge(v, 1L, Long::sum);
            if (values.size() > MAX_DISTINCT) {
                overflow = true;
                values.clear();
            }
        }
    }

    int distinct() {
        return overflow ? Integer.MAX_VALUE : values.size();
    }

    double share(long n) {
        return nonBlank == 0 ? 0 : (double) n / nonBlank;
    }

    double meanLength() {
        return nonBlank == 0 ? 0 : (double) totalLength / nonBlank;
    }

    /** Whether slash dates in this column put the day first (UK) rather than the month (US). */
    boolean dayFirst(boolean defaultDayFirst) {
        if (dayFirstEvidence > 0 && monthFirstEvidence == 0) {
            return true;
        }
        if (monthFirstEvidence > 0 && dayFirstEvidence == 0) {
            return false;
        }
        return defaultDayFirst;
    }
}
