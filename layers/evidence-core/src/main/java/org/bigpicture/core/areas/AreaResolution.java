package org.bigpicture.core.areas;

import java.util.List;

/**
 * What {@link AreaLookup#resolve} made of a name or code.
 *
 * @param input      the text as given
 * @param status     see {@link Status}
 * @param area       the area when {@code RESOLVED} (a former code's own entry for a former code: its
 *                   {@link Area#successors()} say what replaced it); null otherwise
 * @param code       the code to use: the area's, or for {@code CODE_ONLY} the code as given; null otherwise
 * @param candidates the areas an {@code AMBIGUOUS} name could be
 * @param note       a sentence for the report (why it is ambiguous, which former code also has the
 *                   name, that a Nomis town is not a district, …); null when there is nothing to say
 */
public record AreaResolution(String input, Status status, Area area, String code, List<Area> candidates, String note) {

    /** The outcomes. */
    public enum Status {
        /** One area of the lookup. */
        RESOLVED,
        /** A well-formed GSS code the lookup does not hold (a small area, a ward, a constituency): kept as it is. */
        CODE_ONLY,
        /** A Nomis {@code towncity:} name: an ONS Major Towns and Cities built-up area, not a district; no code. */
        BUILT_UP_AREA,
        /** Several areas of that name and no rule or hint to choose: see {@link #candidates()}. */
        AMBIGUOUS,
        /** Not a name or code the lookup knows. */
        UNKNOWN
    }

    public boolean resolved() {
        return status == Status.RESOLVED;
    }
}
