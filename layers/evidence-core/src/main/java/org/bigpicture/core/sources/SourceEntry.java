package org.bigpicture.core.sources;

import java.util.List;

/**
 * One entry of {@code sources.yaml}: which uploads it claims (key patterns, family patterns, or
 * both) and the terms they get.
 *
 * @param keys     key patterns, any of which may match; empty: any key
 * @param families family patterns, any of which may match; empty: any family
 * @param line     line of the entry in its file
 */
public record SourceEntry(String id, List<Glob> keys, List<Glob> families, SourceTerms terms, int line) {

    public SourceEntry {
        keys = List.copyOf(keys);
        families = List.copyOf(families);
    }

    /** True when the entry claims an upload with this raw key and detected family. */
    public boolean matches(String rawKey, String family) {
        return matchesKey(rawKey) && (families.isEmpty() || anyMatches(families, family));
    }

    /** True when the entry's key patterns (or the absence of any) admit this key, whatever the family. */
    public boolean matchesKey(String rawKey) {
        return keys.isEmpty() || anyMatches(keys, rawKey);
    }

    private static boolean anyMatches(List<Glob> globs, String s) {
        for (Glob g : globs) {
            if (g.matches(s)) {
                return true;
            }
        }
        return false;
    }
}
