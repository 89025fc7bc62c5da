package org.bigpicture.core.util;

import java.nio.charset.StandardCharsets;

/**
 * The text {@link Double#toString(double)} gives for an ordinary non-integral number between 0.001
 * and 10,000,000, in about half the time: the fewest fraction digits whose decimal reads back as
 * the same double, found by scaling with exact powers of ten and checking the division (exact
 * below 2^53). Outside that range, or when no such decimal fits in a long, it answers null and the
 * caller falls back to {@link Double#toString(double)}. Tests compare the two on millions of values.
 */
public final class ShortestDecimal {

    private static final double[] POW10 = new double[18];
    private static final long[] LONG_POW10 = new long[18];
    private static final double TWO_53 = 9007199254740992.0;
    /** The most bytes {@link #format(double, byte[], int)} writes: sign, 7 whole digits, point, 17 fraction digits. */
    public static final int MAX_LENGTH = 32;

    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            TENS[i] = (byte) ('0' + i / 10);
            ONES[i] = (byte) ('0' + i % 10);
        }
        double p = 1;
        long q = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            LONG_POW10[i] = q;
            p *= 10;
            q *= 10;
        }
    }

    private ShortestDecimal() {
    }

    /** The shortest plain decimal for {@code d}, or null when this fast path does not apply. */
    public static String format(double d) {
        byte[] out = new byte[MAX_LENGTH];
        int end = format(d, out, 0);
        return end < 0 ? null : new String(out, 0, end, StandardCharsets.ISO_8859_1);
    }

    /**
     * Spells the shortest plain decimal for {@code d} as ASCII into {@code out} from {@code at}
     * (which must have {@link #MAX_LENGTH} bytes free); the CSV writer's path, with no String made.
     *
     * @return the position after the last byte written, or -1 (nothing written) when this fast path does not apply
     */
    public static int format(double d, byte[] out, int at) {
        double a = Math.abs(d);
        if (!(a >= 1e-3 && a < 1e7) || a == Math.rint(a)) {
            return -1;
        }
        int most = 17;
        while (most > 0 && a * POW10[most] >= TWO_53) {
            most--;
        }
        long m = most == 0 ? -1 : mantissa(a, most);
        if (m < 0) {
            return -1;
        }
        // Reading back is monotonic in the number of digits (m·10 works when m does), so the
        // fewest digits that read back are found by any search: most measured values need all
        // or all but one of the digits a double holds (two checks), the rest are bisected.
        int places = most;
        int lo = 1;
        if (most > 2) {
            long fewer = mantissa(a, most - 2);
            if (fewer < 0) {
                lo = most; // the answer is most - 1 or most
                long one = mantissa(a, most - 1);
                if (one >= 0) {
                    places = most - 1;
                    m = one;
                }
            } else {
                places = most - 2;
                m = fewer;
            }
        }
        while (lo < places) { // invariant: places reads back (its mantissa is m), lo - 1 does not
            int mid = (lo + places) >>> 1;
            long mm = mantissa(a, mid);
            if (mm >= 0) {
                places = mid;
                m = mm;
            } else {
                lo = mid + 1;
            }
        }
        // m / 10^places reads back as a, which is not whole: both have the same whole part.
        long whole = (long) a;
        long fraction = m - whole * LONG_POW10[places];
        int pos = at;
        if (d < 0) {
            out[pos++] = '-';
        }
        pos = digits(whole, out, pos);
        out[pos++] = '.';
        // Exactly that many fraction digits, leading zeros included.
        fixed(fraction, out, pos, places);
        return pos + places;
    }

    /** Writes a non-negative long in decimal; returns the position after it. */
    public static int digits(long v, byte[] out, int at) {
        int length = 1;
        while (length < LONG_POW10.length && v >= LONG_POW10[length]) {
            length++;
        }
        if (length == LONG_POW10.length && v >= LONG_POW10[length - 1] * 10) {
            length++; // 19 digits: beyond the table
        }
        fixed(v, out, at, length);
        return at + length;
    }

    /** Writes the last {@code length} decimal digits of a non-negative long, zero-padded, two at a time. */
    private static void fixed(long v, byte[] out, int at, int length) {
        int k = at + length;
        while (v >= Integer.MAX_VALUE && k > at + 1) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            out[--k] = ONES[r];
            out[--k] = TENS[r];
            v = q;
        }
        int w = (int) v; // int division is cheaper than long
        while (k > at + 1) {
            int q = w / 100;
            int r = w - q * 100;
            out[--k] = ONES[r];
            out[--k] = TENS[r];
            w = q;
        }
        if (k > at) {
            out[--k] = (byte) ('0' + w % 10);
        }
    }

    /** round(a·10^digits) when it reads back as {@code a} (divided by 10^digits), else -1. */
    private static long mantissa(double a, int digits) {
        long m = Math.round(a * POW10[digits]);
        return (double) m / POW10[digits] == a ? m : -1;
    }
}
