package org.bigpicture.core.formats;

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

    private final java.util.Map<String, Periods.Period> periods = new java.util.HashMap<>();

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
        if (label.equals(period)) {
            return;
        }
        Periods.Period p = periods.get(label);
        if (p == null) {
            p = Periods.parse(label);
            if (periods.size() < 4096) {
                periods.put(label, p);
            }
        }
        period = p.label();
        periodStart = p.start();
        periodEnd = p.end();
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
            writer.setDate(PERIOD_START, (int) periodStart.toEpochDay());
        } else {
            writer.setNull(PERIOD_START);
        }
        if (periodEnd != null) {
            writer.setDate(PERIOD_END, (int) periodEnd.toEpochDay());
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
