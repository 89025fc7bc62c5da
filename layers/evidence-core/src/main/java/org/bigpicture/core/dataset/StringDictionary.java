package org.bigpicture.core.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Distinct strings of one column chunk, numbered in order of first appearance, with their
 * PLAIN encoding (length-prefixed UTF-8) kept ready for the dictionary page. Open addressing on
 * {@link String#hashCode()}, which each string computes once.
 */
final class StringDictionary {

    private String[] keys = new String[256];
    private int[] offsets = new int[257]; // entry i's UTF-8 bytes start at offsets[i] + 4 in plain
    private int[] slots = new int[512]; // id + 1, 0 = empty
    private int mask = 511;
    private int size;
    final ByteSink plain = new ByteSink(1 << 16);

    int size() {
        return size;
    }

    /** Bytes of the PLAIN-encoded dictionary page so far. */
    int plainBytes() {
        return plain.size();
    }

    /** The id of {@code s}, adding it when new. */
    int idOf(String s) {
        int h = s.hashCode();
        h ^= h >>> 16;
        int slot = h & mask;
        while (true) {
            int id = slots[slot] - 1;
            if (id < 0) {
                return add(s, slot);
            }
            String k = keys[id];
            if (k == s || k.equals(s)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int add(String s, int slot) {
        int id = size++;
        if (id == keys.length) {
            keys = Arrays.copyOf(keys, id * 2);
            offsets = Arrays.copyOf(offsets, id * 2 + 1);
        }
        keys[id] = s;
        slots[slot] = id + 1;
        offsets[id] = plain.size();
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        plain.putInt(utf8.length);
        plain.write(utf8, 0, utf8.length);
        offsets[id + 1] = plain.size();
        if (size * 2 > mask) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int capacity = slots.length * 2;
        slots = new int[capacity];
        mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            int h = keys[id].hashCode();
            h ^= h >>> 16;
            int slot = h & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    /** The smallest entry by unsigned byte order (Parquet's order for UTF-8), as bytes; null when empty. */
    byte[] min() {
        return extreme(-1);
    }

    byte[] max() {
        return extreme(1);
    }

    private byte[] extreme(int sign) {
        if (size == 0) {
            return null;
        }
        int best = 0;
        byte[] b = plain.array();
        for (int id = 1; id < size; id++) {
            int c = Arrays.compareUnsigned(b, offsets[id] + 4, offsets[id + 1], b, offsets[best] + 4, offsets[best + 1]);
            if (Integer.signum(c) == sign) {
                best = id;
            }
        }
        return Arrays.copyOfRange(b, offsets[best] + 4, offsets[best + 1]);
    }

    void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(slots, 0);
        size = 0;
        plain.reset();
        if (slots.length > 1 << 16) { // do not keep a huge table for the next row group
            slots = new int[512];
            mask = 511;
            keys = new String[256];
            offsets = new int[257];
        }
    }
}
