package org.bigpicture.core.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * Remembers observations already written, by a 64-bit hash of their identifying fields (area,
 * indicator, period, breakdowns), to tell "the same observation under another geography type"
 * (Nomis lists Stockport as a district and as a county/unitary authority) from a plain repeated
 * row.
 *
 * <p>Sized for national extracts within a Lambda's heap (issue 6): each observation costs one
 * {@code long} (59 bits of hash, 5 bits of area type) in one of 256 open-addressing segments that
 * grow independently, so millions of rows take tens of MB and growing never copies the whole set.
 * Hashing reuses each field's hash while the field holds the same string as in the previous row
 * (readers hand out the same instance for a repeated cell), so only changed fields are hashed.
 */
final class Dedup {

    /** {@link #add} results. */
    static final int NEW = 0;
    static final int SAME_TYPE = 1;
    static final int OTHER_TYPE = 2;

    private static final int SEGMENT_BITS = 8;
    private static final int TYPE_BITS = 5;
    private static final long TYPE_MASK = (1L << TYPE_BITS) - 1;
    private static final int MAX_TYPE = (int) TYPE_MASK;

    private final long[][] segments = new long[1 << SEGMENT_BITS][];
    private final int[] sizes = new int[1 << SEGMENT_BITS];
    private boolean hasZero;
    private int zeroType;

    private final List<String> typeNames = new ArrayList<>();
    private String lastType;
    private int lastTypeId;

    private static final int FIELDS = 9;
    private final String[] lastField = new String[FIELDS];
    private final long[] lastFieldHash = new long[FIELDS];

    Dedup() {
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new long[16];
        }
    }

    int add(long hash, String areaType) {
        int type = typeId(areaType == null ? "" : areaType);
        long mixed = mix(hash);
        long key = mixed & ~TYPE_MASK;
        if (key == 0) {
            if (hasZero) {
                return zeroType == type ? SAME_TYPE : OTHER_TYPE;
            }
            hasZero = true;
            zeroType = type;
            return NEW;
        }
        int s = (int) (mixed >>> (64 - SEGMENT_BITS));
        long[] table = segments[s];
        int mask = table.length - 1;
        int i = (int) (mixed >>> TYPE_BITS) & mask;
        long stored;
        while ((stored = table[i]) != 0) {
            if ((stored & ~TYPE_MASK) == key) {
                return (int) (stored & TYPE_MASK) == type ? SAME_TYPE : OTHER_TYPE;
            }
            i = (i + 1) & mask;
        }
        table[i] = key | type;
        if (++sizes[s] * 4 > table.length * 3) {
            segments[s] = grow(table);
        }
        return NEW;
    }

    /** A small number per area type label; labels beyond 31 share the last number. */
    private int typeId(String areaType) {
        if (areaType == lastType) {
            return lastTypeId;
        }
        int id = typeNames.indexOf(areaType);
        if (id < 0) {
            if (typeNames.size() < MAX_TYPE - 1) {
                typeNames.add(areaType);
                id = typeNames.size() - 1;
            } else {
                id = MAX_TYPE - 1;
            }
        }
        lastType = areaType;
        lastTypeId = id + 1;
        return id + 1;
    }

    private static long[] grow(long[] old) {
        long[] table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long stored : old) {
            if (stored != 0) {
                // the slot comes from the mixed hash's bits above the type, as in add()
                int i = (int) (stored >>> TYPE_BITS) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = stored;
            }
        }
        return table;
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
            h = combine(h, fnv(f));
        }
        return h;
    }

    private static long fnv(String f) {
        long h = 0xcbf29ce484222325L;
        if (f != null) {
            for (int i = 0; i < f.length(); i++) {
                h ^= f.charAt(i);
                h *= 0x100000001b3L;
            }
        } else {
            h ^= 0x1E;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long combine(long h, long field) {
        return (h ^ mix(field + 0x9E3779B97F4A7C15L)) * 0x100000001b3L + 0x1F;
    }

    /** The identity of an observation: everything but its area type, names and values. */
    long hash(ObservationRows o) {
        long h = 0xcbf29ce484222325L;
        h = combine(h, field(0, o.areaCode));
        h = combine(h, field(1, o.indicatorId));
        h = combine(h, field(2, o.indicatorName));
        h = combine(h, field(3, o.period));
        h = combine(h, field(4, o.sex));
        h = combine(h, field(5, o.age));
        h = combine(h, field(6, o.categoryType));
        h = combine(h, field(7, o.category));
        h = combine(h, field(8, o.unit));
        return h;
    }

    private long field(int slot, String value) {
        if (value == lastField[slot] && value != null) {
            return lastFieldHash[slot];
        }
        long h = fnv(value);
        lastField[slot] = value;
        lastFieldHash[slot] = h;
        return h;
    }
}
