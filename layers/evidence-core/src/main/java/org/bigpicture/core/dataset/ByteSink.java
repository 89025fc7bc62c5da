package org.bigpicture.core.dataset;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable little-endian byte buffer (Parquet's byte order), reused between pages. */
final class ByteSink extends OutputStream {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] buf;
    int size;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    void ensure(int extra) {
        int needed = size + extra;
        if (needed > buf.length) {
            if (needed < 0) {
                throw new IllegalStateException("buffer over 2 GB");
            }
            buf = Arrays.copyOf(buf, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 16, buf.length * 2L)));
        }
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void putInt(int v) {
        ensure(4);
        INT.set(buf, size, v);
        size += 4;
    }

    void putLong(long v) {
        ensure(8);
        LONG.set(buf, size, v);
        size += 8;
    }

    void putDouble(double v) {
        putLong(Double.doubleToRawLongBits(v));
    }

    /** Overwrites 4 bytes at {@code position} (a length prefix written before its content). */
    void setInt(int position, int v) {
        INT.set(buf, position, v);
    }

    /** Unsigned LEB128, as the RLE/bit-packing hybrid's run headers. */
    void putVarInt(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    void putSink(ByteSink other) {
        write(other.buf, 0, other.size);
    }
}
