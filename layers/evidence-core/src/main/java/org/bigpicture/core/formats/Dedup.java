package org.bigpicture.core.formats;

/**
 * Remembers observations already written, by a 64-bit hash of their identifying fields (area,
 * indicator, period, breakdowns), in an open-addressing table of primitives: about 12 bytes per
 * observation, so millions of rows fit. Each hash keeps the area type it was first seen under, to
 * tell "the same observation under another geography type" (Nomis lists Stockport as a district and
 * as a county/unitary authority) from a plain repeated row.
 */
final class Dedup {

    /** {@link #add} results. */
    static final int NEW = 0;
    static final int SAME_TYPE = 1;
    static final int OTHER_TYPE = 2;

    private long[] keys = new long[1 << 12];
    private int[] types = new int[1 << 12];
    private boolean hasZero;
    private int zeroType;
    private int size;
    private final java.util.Map<String, Integer> typeIds = new java.util.HashMap<>();

    int add(long hash, String areaType) {
        int type = typeIds.computeIfAbsent(areaType == null ? "" : areaType, k -> typeIds.size() + 1);
        if (hash == 0) {
            if (hasZero) {
                return zeroType == type ? SAME_TYPE : OTHER_TYPE;
            }
            hasZero = true;
            zeroType = type;
            return NEW;
        }
        int mask = keys.length - 1;
        int i = (int) mix(hash) & mask;
        while (keys[i] != 0) {
            if (keys[i] == hash) {
                return types[i] == type ? SAME_TYPE : OTHER_TYPE;
            }
            i = (i + 1) & mask;
        }
        keys[i] = hash;
        types[i] = type;
        if (++size * 2 > keys.length) {
            grow();
        }
        return NEW;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldTypes = types;
        keys = new long[oldKeys.length * 2];
        types = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = (int) mix(oldKeys[j]) & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                types[i] = oldTypes[j];
            }
        }
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** FNV-1a over the fields, with a separator so ("ab","c") and ("a","bc") differ. */
    static long hash(String... fields) {
        long h = 0xcbf29ce484222325L;
        for (String f : fields) {
            if (f != null) {
                for (int i = 0; i < f.length(); i++) {
                    h ^= f.charAt(i);
                    h *= 0x100000001b3L;
                }
            }
            h ^= 0x1F;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The identity of an observation: everything but its area type, names and values. */
    static long hash(ObservationRows o) {
        return hash(o.areaCode, o.indicatorId, o.indicatorName, o.period, o.sex, o.age, o.categoryType,
                o.category, o.unit);
    }
}
