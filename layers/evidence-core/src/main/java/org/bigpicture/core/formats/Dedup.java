package org.bigpicture.core.formats;

/**
 * Remembers observations already written, to keep "the same observation under another geography
 * type" once (Nomis lists Stockport as a district and as a county/unitary authority; a Fingertips
 * export of both tiers does the same). An observation is the same when its area, indicator,
 * period, breakdowns and value all agree: rows that share everything but the value are different
 * observations and are both kept.
 *
 * <p>Fields enter the hash through their {@code String.hashCode()}, so two rows could in principle
 * collide (fields with equal 32-bit hashes); a collision only matters when the area types also
 * differ, and the row is then reported, not silently lost.
 *
 * <p>Memory is bounded: a 64-bit hash per observation (the area type folded into its low bits) in
 * open-addressing {@code long[]} tables, at most {@link #DEFAULT_CAPACITY} observations (16 MiB)
 * in all; beyond that, new rows are no longer remembered and {@link #saturated()} says so for the
 * report.
 *
 * <p>Observations are kept in one table per partition (the indicator: two observations of
 * different indicators are never the same). Exports are sorted by indicator, so the table being
 * probed stays small and in the processor's cache while its rows stream past; one table of two
 * million random probes missed the cache on nearly every row and cost a quarter of the format's
 * time (issue 6).
 */
final class Dedup {

    /** {@link #add} results. */
    static final int NEW = 0;
    static final int SAME_TYPE = 1;
    static final int OTHER_TYPE = 2;

    static final int DEFAULT_CAPACITY = 1_500_000;
    private static final long TYPE_BITS = 0xF;

    private final int capacity;
    /** Partitions with a table of their own; later ones share {@link #overflow}. */
    static final int MAX_PARTITIONS = 4096;

    private final java.util.Map<String, Table> partitions = new java.util.HashMap<>();
    private final Table overflow = new Table();
    private String lastPartitionKey;
    private Table lastPartition;
    private int size;
    private boolean saturated;
    private final java.util.Map<String, Integer> typeIds = new java.util.HashMap<>();
    private String lastType;
    private long lastTypeId;

    Dedup() {
        this(DEFAULT_CAPACITY);
    }

    Dedup(int capacity) {
        this.capacity = capacity;
    }

    /** Records the observation; says whether it was seen before, and under which type. */
    int add(long hash, String areaType) {
        return add("", hash, areaType);
    }

    /**
     * As {@link #add(long, String)}, within a partition: a part of the identity (the indicator)
     * that the caller knows, so that observations of different partitions are never compared.
     */
    int add(String partition, long hash, String areaType) {
        Table table = partition == lastPartitionKey && lastPartition != null ? lastPartition : table(partition);
        long type = typeId(areaType);
        long identity = hash & ~TYPE_BITS;
        if (identity == 0) {
            identity = 0x10; // 0 marks an empty slot
        }
        long[] keys = table.keys;
        int mask = keys.length - 1;
        int i = (int) mix(identity) & mask;
        long k;
        while ((k = keys[i]) != 0) {
            if ((k & ~TYPE_BITS) == identity) {
                return (k & TYPE_BITS) == type ? SAME_TYPE : OTHER_TYPE;
            }
            i = (i + 1) & mask;
        }
        if (size >= capacity) {
            saturated = true;
            return NEW;
        }
        keys[i] = identity | type;
        size++;
        if (++table.size * 4L > keys.length * 3L) {
            table.grow();
        }
        return NEW;
    }

    private Table table(String partition) {
        String key = partition == null ? "" : partition;
        Table t = partitions.get(key);
        if (t == null) {
            // Past MAX_PARTITIONS every new key shares one table: a key, once placed, stays placed.
            t = partitions.size() < MAX_PARTITIONS ? new Table() : overflow;
            if (t != overflow) {
                partitions.put(key, t);
            }
        }
        lastPartitionKey = partition;
        lastPartition = t;
        return t;
    }

    /** True when more observations came than could be remembered. */
    boolean saturated() {
        return saturated;
    }

    int capacity() {
        return capacity;
    }

    private long typeId(String areaType) {
        if (areaType == lastType && lastType != null) {
            return lastTypeId;
        }
        String t = areaType == null ? "" : areaType;
        int id = typeIds.computeIfAbsent(t, x -> Math.min(typeIds.size() + 1, (int) TYPE_BITS));
        lastType = areaType;
        lastTypeId = id;
        return id;
    }

    /** One partition's observations. */
    private static final class Table {
        long[] keys = new long[1 << 4];
        int size;

        void grow() {
            long[] old = keys;
            keys = new long[old.length * 2];
            int mask = keys.length - 1;
            for (long k : old) {
                if (k != 0) {
                    int i = (int) mix(k & ~TYPE_BITS) & mask;
                    while (keys[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = k;
                }
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

    /**
     * Folds a field into the hash through {@link String#hashCode()} (cached in the string, and
     * the parser hands out one instance for a repeated cell) and its length, then mixes 64 bits.
     */
    private static long mixIn(long h, String f) {
        long v = f == null ? 0x9E3779B97F4A7C15L : ((long) f.length() << 32) ^ (f.hashCode() & 0xffffffffL);
        h = (h ^ v) * 0xbf58476d1ce4e5b9L;
        return h ^ (h >>> 31);
    }

    /** A hash of the fields, each separated from the next. */
    static long hash(String... fields) {
        long h = 0xcbf29ce484222325L;
        for (String f : fields) {
            h = mixIn(h, f);
        }
        return h;
    }

    /** The identity of an observation: everything but its area type and names, value included. */
    static long hash(ObservationRows o) {
        long h = 0xcbf29ce484222325L;
        h = mixIn(h, o.areaCode);
        h = mixIn(h, o.indicatorId);
        h = mixIn(h, o.indicatorName);
        h = mixIn(h, o.period);
        h = mixIn(h, o.sex);
        h = mixIn(h, o.age);
        h = mixIn(h, o.categoryType);
        h = mixIn(h, o.category);
        h = mixIn(h, o.unit);
        h = (h ^ Double.doubleToLongBits(o.value)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 29);
    }

    /** A note for the report when detection stopped remembering rows. */
    String saturationNote() {
        return "duplicate detection remembered the first " + capacity + " observations only;"
                + " later rows were not checked against each other";
    }
}
