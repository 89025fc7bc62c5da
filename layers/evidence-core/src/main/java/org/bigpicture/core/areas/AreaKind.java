package org.bigpicture.core.areas;

/**
 * What kind of area a name is known to be (a column's header, a Nomis prefix), to choose between
 * areas of one name: "West Midlands" is a region, a metropolitan county and a combined authority.
 */
public enum AreaKind {
    /** A local authority district (lower tier, or unitary). Nomis {@code ladu:}. */
    DISTRICT,
    /** An upper-tier local authority: a county or a unitary authority. Nomis {@code lacu:}. */
    UPPER_TIER,
    /** A county or a metropolitan county. */
    COUNTY,
    /** A region of England. Nomis {@code gor:}. */
    REGION,
    /** A country (or the UK, Great Britain, England and Wales). Nomis {@code ctry:}. */
    COUNTRY,
    /** A combined authority. Nomis {@code combauth:}. */
    COMBINED_AUTHORITY,
    /** An International Territorial Level area (ITL1, ITL2, ITL3). */
    ITL,
    /** A NUTS 2016 level 3 area. */
    NUTS;

    boolean admits(Area a) {
        return switch (this) {
            case DISTRICT -> a.type().equals("local authority district");
            case UPPER_TIER -> a.isUpperTier();
            case COUNTY -> a.type().equals("county") || a.type().equals("metropolitan county");
            case REGION -> a.type().equals("region");
            case COUNTRY -> a.type().equals("country");
            case COMBINED_AUTHORITY -> a.type().equals("combined authority");
            case ITL -> a.type().startsWith("ITL");
            case NUTS -> a.type().startsWith("NUTS");
        };
    }
}
