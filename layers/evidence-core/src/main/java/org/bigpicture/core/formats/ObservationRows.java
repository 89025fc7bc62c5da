package org.bigpicture.core.formats;

import org.bigpicture.core.dataset.Periods;
import static org.bigpicture.core.dataset.Observations.*;

import java.io.IOException;
import java.time.LocalDate;
import org.bigpicture.core.dataset.DatasetFiles;
import org.bigpicture.core.dataset.DatasetWriter;

/**
 * The current observation being built, field by field, then {@link #write()}n to the dataset.
 * Fields keep their values between rows, so a format sets its constants (source, period) once;
 * numeric fields use NaN for "none".
 */
final class ObservationRows {

    private final DatasetWriter writer;

    String areaCode;
    String areaName;
    String areaType;
    String parentAreaCode;
    String indicatorId;
    String indicatorName;
    String period;
    LocalDate periodStart;
    LocalDate periodEnd;
    String sex;
    String age;
    String categoryType;
    String category;
    double value = Double.NaN;
    double lower = Double.NaN;
    double upper = Double.NaN;
    double count = Double.NaN;
    double denominator = Double.NaN;
    String unit;
    String valueNote;
    String status;
    String source;

    private final java.util.Map<String, KnownPeriod> periods = new java.util.HashMap<>();
    // The row loop repeats the same period for thousands of rows: the last label (the parser hands
    // out one instance for a repeated cell) and the last dates' day numbers are remembered.
    private String lastLabel;
    private KnownPeriod lastPeriod;
    private LocalDate lastStart;
    private int lastStartDay;
    private LocalDate lastEnd;
    private int lastEndDay;

    ObservationRows(DatasetWriter writer) {
        this.writer = writer;
    }

    /** Sets period and its days from a label ({@link Periods}). */
    void period(String label) {
        if (label == null || label.isEmpty()) {
            period = null;
            periodStart = null;
            periodEnd = null;
            return;
        }
        if (label == lastLabel && period == lastPeriod.period.label() && periodStart == lastPeriod.period.start()
                && periodEnd == lastPeriod.period.end()) {
            return;
        }
        if (label.equals(period)) {
            return;
        }
        KnownPeriod known = periods.get(label);
        if (known == null) {
            known = new KnownPeriod(Periods.parse(label));
            if (periods.size() < 4096) {
                periods.put(label, known);
            }
        }
        lastLabel = label;
        lastPeriod = known;
        Periods.Period p = known.period;
        period = p.label();
        periodStart = p.start();
        periodEnd = p.end();
        // rows cycle through a file's periods: their day numbers come with them, not from LocalDate each row
        if (periodStart != null) {
            lastStart = periodStart;
            lastStartDay = known.startDay;
        }
        if (periodEnd != null) {
            lastEnd = periodEnd;
            lastEndDay = known.endDay;
        }
    }

    /** A parsed period label with its days since 1970-01-01 worked out once. */
    private static final class KnownPeriod {
        final Periods.Period period;
        final int startDay;
        final int endDay;

        KnownPeriod(Periods.Period period) {
            this.period = period;
            this.startDay = period.start() == null ? 0 : (int) period.start().toEpochDay();
            this.endDay = period.end() == null ? 0 : (int) period.end().toEpochDay();
        }
    }

    void write() throws IOException {
        str(AREA_CODE, areaCode);
        str(AREA_NAME, areaName);
        str(AREA_TYPE, areaType);
        str(PARENT_AREA_CODE, parentAreaCode);
        str(INDICATOR_ID, indicatorId);
        str(INDICATOR_NAME, indicatorName);
        str(PERIOD, period);
        if (periodStart != null) {
            if (periodStart != lastStart) {
                lastStart = periodStart;
                lastStartDay = (int) periodStart.toEpochDay();
            }
            writer.setDate(PERIOD_START, lastStartDay);
        } else {
            writer.setNull(PERIOD_START);
        }
        if (periodEnd != null) {
            if (periodEnd != lastEnd) {
                lastEnd = periodEnd;
                lastEndDay = (int) periodEnd.toEpochDay();
            }
            writer.setDate(PERIOD_END, lastEndDay);
        } else {
            writer.setNull(PERIOD_END);
        }
        str(SEX, sex);
        str(AGE, age);
        str(CATEGORY_TYPE, categoryType);
        str(CATEGORY, category);
        num(VALUE, value);
        num(LOWER_CI95, lower);
        num(UPPER_CI95, upper);
        num(COUNT, count);
        num(DENOMINATOR, denominator);
        str(UNIT, unit);
        str(VALUE_NOTE, valueNote);
        str(OBSERVATION_STATUS, status);
        str(SOURCE, source);
        writer.endRow();
    }

    private void str(int column, String v) {
        if (v == null || v.isEmpty()) {
            writer.setNull(column);
        } else {
            writer.setString(column, v);
        }
    }

    private void num(int column, double v) {
        if (Double.isNaN(v)) {
            writer.setNull(column);
        } else {
            writer.setDouble(column, v);
        }
    }

    long rows() {
        return writer.rows();
    }

    DatasetFiles finish() throws IOException {
        return writer.finish();
    }
}
