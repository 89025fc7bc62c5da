package org.bigpicture.core.dataset;

import java.nio.charset.StandardCharsets;

/**
 * The few pieces of Thrift's compact protocol that Parquet page headers and footers need, written
 * straight into a {@link ByteSink}. parquet-format's generated classes do the same, but loading them
 * (and the shaded Thrift runtime) costs some 150 classes at every cold start; the bytes are the same
 * (checked against them in the tests). Fields must be written in increasing id order.
 */
final class ThriftWriter {

    static final int BOOLEAN_TRUE = 1;
    static final int BOOLEAN_FALSE = 2;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteSink out;
    private final int[] lastField = new int[16];
    private int depth;

    ThriftWriter(ByteSink out) {
        this.out = out;
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastField[depth];
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag32(id));
        }
        lastField[depth] = id;
    }

    ThriftWriter i32(int id, int value) {
        fieldHeader(id, I32);
        varint(zigzag32(value));
        return this;
    }

    ThriftWriter i64(int id, long value) {
        fieldHeader(id, I64);
        varint64(zigzag64(value));
        return this;
    }

    ThriftWriter binary(int id, byte[] value) {
        fieldHeader(id, BINARY);
        varint(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    ThriftWriter string(int id, String value) {
        return binary(id, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a struct field; end it with {@link #endStruct()}. */
    ThriftWriter struct(int id) {
        fieldHeader(id, STRUCT);
        return beginStruct();
    }

    /** Starts a struct that is a list element (no field header). */
    ThriftWriter beginStruct() {
        lastField[++depth] = 0;
        return this;
    }

    ThriftWriter endStruct() {
        out.write(0);
        depth--;
        return this;
    }

    /** Starts a list field of {@code size} elements of {@code elementType}; write the elements next. */
    ThriftWriter list(int id, int elementType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xF0 | elementType);
            varint(size);
        }
        return this;
    }

    /** An i32 list element. */
    ThriftWriter element(int value) {
        varint(zigzag32(value));
        return this;
    }

    /** A string list element. */
    ThriftWriter element(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        varint(bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    /** Ends the outermost struct (the message). */
    void end() {
        out.write(0);
    }

    private void varint(int v) {
        out.putVarInt(v);
    }

    private void varint64(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static int zigzag32(int n) {
        return (n << 1) ^ (n >> 31);
    }

    private static long zigzag64(long n) {
        return (n << 1) ^ (n >> 63);
    }
}
