package org.bigpicture.core.dataset;

import static org.bigpicture.core.dataset.ColumnType.DATE;
import static org.bigpicture.core.dataset.ColumnType.NUMBER;
import static org.bigpicture.core.dataset.ColumnType.STRING;

import java.util.List;

/**
 * The one tidy schema for every statistical extract (DESIGN.md, "Observations"): ONS CSV style,
 * snake_case, code before label. Use the index constants with a {@link RowSink}.
 */
public final class Observations {

    public static final int AREA_CODE = 0;
    public static final int AREA_NAME = 1;
    public static final int AREA_TYPE = 2;
    public static final int PARENT_AREA_CODE = 3;
    public static final int INDICATOR_ID = 4;
    public static final int INDICATOR_NAME = 5;
    public static final int PERIOD = 6;
    public static final int PERIOD_START = 7;
    public static final int PERIOD_END = 8;
    public static final int SEX = 9;
    public static final int AGE = 10;
    public static final int CATEGORY_TYPE = 11;
    public static final int CATEGORY = 12;
    public static final int VALUE = 13;
    public static final int LOWER_CI95 = 14;
    public static final int UPPER_CI95 = 15;
    public static final int COUNT = 16;
    public static final int DENOMINATOR = 17;
    public static final int UNIT = 18;
    public static final int VALUE_NOTE = 19;
    public static final int OBSERVATION_STATUS = 20;
    public static final int SOURCE = 21;

    public static final List<Column> COLUMNS = List.of(
            new Column("area_code", STRING, "GSS code of the area (e.g. E08000007)"),
            new Column("area_name", STRING, "Name of the area"),
            new Column("area_type", STRING, "Kind of area (LSOA, local authority district, region, country, …)"),
            new Column("parent_area_code", STRING, "GSS code of the parent area, where the source gives one"),
            new Column("indicator_id", STRING, "Identifier of the measure within its source"),
            new Column("indicator_name", STRING, "Name of the measure"),
            new Column("period", STRING, "Period as the source states it (e.g. 2017, mid-2020, September 2017)"),
            new Column("period_start", DATE, "First day of the period, where known"),
            new Column("period_end", DATE, "Last day of the period, where known"),
            new Column("sex", STRING, "Persons, Male or Female"),
            new Column("age", STRING, "Age or age band (All ages when not broken down)"),
            new Column("category_type", STRING, "Kind of breakdown, where the source gives one"),
            new Column("category", STRING, "Breakdown value, where the source gives one"),
            new Column("value", NUMBER, "The observation"),
            new Column("lower_ci95", NUMBER, "Lower 95% confidence limit"),
            new Column("upper_ci95", NUMBER, "Upper 95% confidence limit"),
            new Column("count", NUMBER, "Numerator count, where the source gives one"),
            new Column("denominator", NUMBER, "Denominator, where the source gives one"),
            new Column("unit", STRING, "Unit of the value (count, rate per 100,000, rank, decile, …)"),
            new Column("value_note", STRING, "Note on the value from the source"),
            new Column("observation_status", STRING, "Status flag from the source (e.g. Nomis OBS_STATUS)"),
            new Column("source", STRING, "Publisher and product (e.g. ONS MYE2, Nomis NM_2002_1, OHID Fingertips)"));

    private Observations() {
    }
}
