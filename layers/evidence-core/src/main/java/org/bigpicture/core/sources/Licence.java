package org.bigpicture.core.sources;

import java.util.List;
import java.util.Locale;

/**
 * An open licence, by its SPDX / Open Definition identifier, with the URL of its text and its
 * title. {@code sources.yaml} names licences by id only, and only the ids of {@link #known()}:
 * the URL and title come from this table, so no entry can misspell a licence or point at the
 * wrong text.
 *
 * @param id    e.g. {@code OGL-UK-3.0}, {@code CC-BY-4.0}
 * @param url   the licence text
 * @param title its name in words
 */
public record Licence(String id, String url, String title) {

    /** The Open Government Licence v3.0: what UK public sector information is published under. */
    public static final Licence OGL_UK_3_0 = new Licence("OGL-UK-3.0",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "Open Government Licence v3.0");

    private static final List<Licence> KNOWN = List.of(
            OGL_UK_3_0,
            new Licence("OGL-UK-2.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/2/",
                    "Open Government Licence v2.0"),
            new Licence("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/",
                    "Creative Commons Attribution 4.0 International"),
            new Licence("CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/",
                    "Creative Commons Attribution-ShareAlike 4.0 International"),
            new Licence("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/",
                    "Creative Commons CC0 1.0 Universal Public Domain Dedication"),
            new Licence("ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/",
                    "Open Data Commons Open Database License v1.0"),
            new Licence("ODC-By-1.0", "https://opendatacommons.org/licenses/by/1-0/",
                    "Open Data Commons Attribution License v1.0"),
            new Licence("PDDL-1.0", "https://opendatacommons.org/licenses/pddl/1-0/",
                    "Open Data Commons Public Domain Dedication and License v1.0"));

    /** The licences {@code sources.yaml} may name, in the order README lists them. */
    public static List<Licence> known() {
        return KNOWN;
    }

    /** The known licence with exactly this id, or null. */
    public static Licence byId(String id) {
        for (Licence l : KNOWN) {
            if (l.id.equals(id)) {
                return l;
            }
        }
        return null;
    }

    /** The known licence whose id differs from {@code id} only in case (for a "did you mean"), or null. */
    static Licence byIdIgnoringCase(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        for (Licence l : KNOWN) {
            if (l.id.toLowerCase(Locale.ROOT).equals(lower)) {
                return l;
            }
        }
        return null;
    }
}
