package org.bigpicture.core.dataset;

/**
 * Parquet's RLE/bit-packing hybrid encoding (definition levels, dictionary ids): runs of eight or
 * more equal values become RLE runs, the rest is bit-packed in groups of eight, LSB first.
 */
final class Rle {

    /** Bit-packed runs are kept to 63 groups so their header is one byte, as parquet-java does. */
    private static final int MAX_GROUPS = 63;

    private Rle() {
    }

    /** Bits needed for values up to {@code max}. */
    static int bitWidth(int max) {
        return 32 - Integer.numberOfLeadingZeros(max);
    }

    /** Appends {@code values[0..count)} encoded with {@code bitWidth} bits each (no length prefix). */
    static void encode(int[] values, int count, int bitWidth, ByteSink out) {
        int pending = -1; // start of values waiting to be bit-packed
        int i = 0;
        while (i < count) {
            int v = values[i];
            int j = i + 1;
            while (j < count && values[j] == v) {
                j++;
            }
            int run = j - i;
            if (run >= 8) {
                if (pending < 0) {
                    rleRun(v, run, bitWidth, out);
                    i = j;
                    continue;
                }
                int fill = (8 - (i - pending) % 8) % 8; // complete the last bit-packed group from this run
                if (run - fill >= 8) {
                    bitPack(values, pending, i + fill - pending, count, bitWidth, out);
                    pending = -1;
                    rleRun(v, run - fill, bitWidth, out);
                    i = j;
                    continue;
                }
            } else if (pending < 0) {
                pending = i;
            }
            i = j;
        }
        if (pending >= 0) {
            bitPack(values, pending, count - pending, count, bitWidth, out);
        }
    }

    private static void rleRun(int value, int run, int bitWidth, ByteSink out) {
        out.putVarInt(run << 1);
        int bytes = (bitWidth + 7) / 8;
        for (int b = 0; b < bytes; b++) {
            out.write((value >>> (8 * b)) & 0xFF);
        }
    }

    /** Bit-packs {@code n} values from {@code start}, padding the last group of eight with zeros. */
    private static void bitPack(int[] values, int start, int n, int count, int bitWidth, ByteSink out) {
        int groups = (n + 7) / 8;
        int at = start;
        while (groups > 0) {
            int chunk = Math.min(groups, MAX_GROUPS);
            out.putVarInt(chunk << 1 | 1);
            out.ensure(chunk * bitWidth);
            byte[] buf = out.buf;
            int pos = out.size;
            long acc = 0;
            int bits = 0;
            int end = at + chunk * 8;
            for (int k = at; k < end; k++) {
                int v = k < count && k < start + n ? values[k] : 0;
                acc |= (v & 0xFFFFFFFFL) << bits;
                bits += bitWidth;
                while (bits >= 8) {
                    buf[pos++] = (byte) acc;
                    acc >>>= 8;
                    bits -= 8;
                }
            }
            out.size = pos;
            at = end;
            groups -= chunk;
        }
    }
}
