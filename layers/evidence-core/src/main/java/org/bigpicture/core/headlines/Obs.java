package org.bigpicture.core.headlines;

/**
 * One observations row as the headline engine needs it (DESIGN.md, "Observations"); numbers are
 * null where the cell is empty.
 *
 * @param periodEnd last day of the period as days since 1970-01-01, or null
 */
record Obs(String dataset, String areaCode, String areaName, String areaType, String parent, String indicatorId,
           String indicatorName, String period, Integer periodEnd, String sex, String age, String categoryType,
           String category, Double value, Double lower, Double upper, String unit, String source) {

    /** The cell of a filterable column, by its observations name. */
    String column(String name) {
        return switch (name) {
            case "area_type" -> areaType;
            case "indicator_id" -> indicatorId;
            case "indicator_name" -> indicatorName;
            case "period" -> period;
            case "sex" -> sex;
            case "age" -> age;
            case "category_type" -> categoryType;
            case "category" -> category;
            case "unit" -> unit;
            case "source" -> source;
            default -> null;
        };
    }
}
