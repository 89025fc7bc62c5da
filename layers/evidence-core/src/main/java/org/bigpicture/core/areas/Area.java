package org.bigpicture.core.areas;

import java.time.LocalDate;
import java.util.List;

/**
 * One area of the shipped lookup ({@code areas.csv}).
 *
 * @param code       GSS code (E08000007), or ITL/NUTS code (TLD35, UKD35)
 * @param name       the ONS name (Stockport; Bristol, City of)
 * @param type       local authority district, county, metropolitan county, region, country,
 *                   combined authority, ITL1, ITL2, ITL3 or NUTS3: the hub's area-type vocabulary
 * @param geography  the ONS geography label (Metropolitan District, Unitary Authority, Council Area, …)
 * @param current    true when in the 2023 code lists; false for a former code
 * @param validFrom  first day of the code where the lookup knows it (null: before the lookup's history)
 * @param validTo    last day of a former code (null for current ones)
 * @param successors for a former code, what took its area (one code, or several for a split)
 * @param otherCodes non-GSS codes of the area, prefixed by their scheme ({@code dfe:356})
 */
public record Area(String code, String name, String type, String geography, boolean current, LocalDate validFrom,
                   LocalDate validTo, List<String> successors, List<String> otherCodes) {

    /** True for an upper-tier local authority: a county, or a unitary authority, metropolitan district or London borough (and every LAD outside England). */
    public boolean isUpperTier() {
        if (type.equals("county")) {
            return true;
        }
        return type.equals("local authority district") && !geography.equals("Non-metropolitan District");
    }

    /** True for the statistical geographies (ITL, NUTS) rather than administrative areas. */
    public boolean isStatistical() {
        return type.startsWith("ITL") || type.startsWith("NUTS");
    }

    /** Whether the code was in use on {@code day}. */
    public boolean validOn(LocalDate day) {
        return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
    }
}
