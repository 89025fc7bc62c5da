package org.bigpicture.core.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parts of Parquet's Thrift metadata (compact protocol) that {@link ParquetDatasetReader}
 * needs: the footer's schema, row count and column chunks, and page headers. Fields it does not
 * need are skipped, so files with more metadata (statistics, indexes, key-value pairs) read too.
 * Like {@link ThriftWriter}, this keeps parquet-format's generated classes and shaded Thrift off the
 * class path.
 */
final class ThriftReader {

    private static final int STOP = 0;
    private static final int BOOLEAN_TRUE = 1;
    private static final int BOOLEAN_FALSE = 2;
    private static final int BYTE = 3;
    private static final int I16 = 4;
    private static final int I32 = 5;
    private static final int I64 = 6;
    private static final int DOUBLE = 7;
    private static final int BINARY = 8;
    private static final int LIST = 9;
    private static final int SET = 10;
    private static final int MAP = 11;
    private static final int STRUCT = 12;
    private static final int MAX_DEPTH = 64;

    private final byte[] buf;
    private int pos;
    private final int end;
    private final int[] lastField = new int[MAX_DEPTH + 1];
    private int depth;
    /** Type of the field just read; {@link #STOP} at a struct's end. */
    private int type;
    private int field;

    ThriftReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    int position() {
        return pos;
    }

    // ---------------------------------------------------------------------------- Parquet structures

    /** A leaf or group of the flattened schema. */
    record SchemaElement(String name, int type, boolean hasType, int repetition, int numChildren, int convertedType,
                         boolean logicalDate) {
    }

    /** One column chunk's metadata. */
    record Chunk(int codec, long values, long compressedBytes, long dataPageOffset, long dictionaryPageOffset) {
    }

    record RowGroup(long rows, List<Chunk> chunks) {
    }

    record Footer(List<SchemaElement> schema, long rows, List<RowGroup> rowGroups, String createdBy) {
    }

    /** A page header: {@code values} and {@code encoding} from its data or dictionary page header. */
    record PageHeader(int pageType, int uncompressedSize, int compressedSize, int values, int encoding,
                      int definitionLevelEncoding) {
    }

    Footer footer() throws IOException {
        List<SchemaElement> schema = new ArrayList<>();
        List<RowGroup> groups = new ArrayList<>();
        long rows = -1;
        String createdBy = null;
        beginStruct();
        while (nextField()) {
            switch (field) {
                case 2 -> {
                    int n = listOf(STRUCT);
                    for (int i = 0; i < n; i++) {
                        schema.add(schemaElement());
                    }
                }
                case 3 -> rows = readI64();
                case 4 -> {
                    int n = listOf(STRUCT);
                    for (int i = 0; i < n; i++) {
                        groups.add(rowGroup());
                    }
                }
                case 6 -> createdBy = readString();
                default -> skip(type);
            }
        }
        if (rows < 0 || schema.isEmpty()) {
            throw new IOException("corrupt Parquet footer: no schema or row count");
        }
        return new Footer(schema, rows, groups, createdBy);
    }

    private SchemaElement schemaElement() throws IOException {
        String name = null;
        int physical = -1;
        int repetition = 0;
        int children = 0;
        int converted = -1;
        boolean date = false;
        beginStruct();
        while (nextField()) {
            switch (field) {
                case 1 -> physical = readI32();
                case 3 -> repetition = readI32();
                case 4 -> name = readString();
                case 5 -> children = readI32();
                case 6 -> converted = readI32();
                case 10 -> date = logicalTypeIsDate();
                default -> skip(type);
            }
        }
        if (name == null) {
            throw new IOException("corrupt Parquet schema: an element without a name");
        }
        return new SchemaElement(name, physical, physical >= 0, repetition, children, converted, date);
    }

    /** LogicalType is a union; DATE is its field 6. */
    private boolean logicalTypeIsDate() throws IOException {
        boolean date = false;
        beginStruct();
        while (nextField()) {
            date |= field == 6;
            skip(type);
        }
        return date;
    }

    private RowGroup rowGroup() throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        long rows = -1;
        beginStruct();
        while (nextField()) {
            switch (field) {
                case 1 -> {
                    int n = listOf(STRUCT);
                    for (int i = 0; i < n; i++) {
                        chunks.add(columnChunk());
                    }
                }
                case 3 -> rows = readI64();
                default -> skip(type);
            }
        }
        return new RowGroup(rows, chunks);
    }

    private Chunk columnChunk() throws IOException {
        Chunk chunk = null;
        beginStruct();
        while (nextField()) {
            if (field == 3 && type == STRUCT) {
                chunk = columnMetaData();
            } else {
                skip(type);
            }
        }
        if (chunk == null) {
            throw new IOException("column chunk without metadata (metadata in another file is not supported)");
        }
        return chunk;
    }

    private Chunk columnMetaData() throws IOException {
        int codec = 0;
        long values = 0;
        long compressed = -1;
        long data = -1;
        long dictionary = -1;
        beginStruct();
        while (nextField()) {
            switch (field) {
                case 4 -> codec = readI32();
                case 5 -> values = readI64();
                case 7 -> compressed = readI64();
                case 9 -> data = readI64();
                case 11 -> dictionary = readI64();
                default -> skip(type);
            }
        }
        return new Chunk(codec, values, compressed, data, dictionary);
    }

    PageHeader pageHeader() throws IOException {
        int pageType = -1;
        int uncompressed = -1;
        int compressed = -1;
        int[] inner = {0, 0, 0};
        beginStruct();
        while (nextField()) {
            switch (field) {
                case 1 -> pageType = readI32();
                case 2 -> uncompressed = readI32();
                case 3 -> compressed = readI32();
                case 5, 7 -> { // DataPageHeader, DictionaryPageHeader: num_values, encoding (+ levels' encoding)
                    if (type != STRUCT) {
                        skip(type);
                        break;
                    }
                    beginStruct();
                    while (nextField()) {
                        if (type == I32 && field >= 1 && field <= 3) {
                            inner[field - 1] = readI32();
                        } else {
                            skip(type);
                        }
                    }
                }
                default -> skip(type);
            }
        }
        if (pageType < 0 || uncompressed < 0 || compressed < 0) {
            throw new IOException("corrupt Parquet page header");
        }
        return new PageHeader(pageType, uncompressed, compressed, inner[0], inner[1], inner[2]);
    }

    // ------------------------------------------------------------------------------ compact protocol

    private void beginStruct() throws IOException {
        if (depth == MAX_DEPTH) {
            throw new IOException("Thrift structures nested too deeply");
        }
        lastField[++depth] = 0;
    }

    /** Reads the next field header of the current struct; false (and the struct ends) at its stop. */
    private boolean nextField() throws IOException {
        int b = readByte();
        if (b == STOP) {
            depth--;
            return false;
        }
        type = b & 0x0F;
        int delta = (b >>> 4) & 0x0F;
        field = delta != 0 ? lastField[depth] + delta : (short) zigzag32(readVarint32());
        lastField[depth] = field;
        return true;
    }

    /** A list header whose elements must be of {@code elementType}; returns the size. */
    private int listOf(int elementType) throws IOException {
        if (type != LIST) {
            throw new IOException("Thrift: expected a list, found type " + type);
        }
        int b = readByte();
        int size = (b >>> 4) & 0x0F;
        if (size == 15) {
            size = readVarint32();
        }
        if ((b & 0x0F) != elementType || size < 0) {
            throw new IOException("Thrift: unexpected list element type " + (b & 0x0F));
        }
        return size;
    }

    private void skip(int t) throws IOException {
        switch (t) {
            case BOOLEAN_TRUE, BOOLEAN_FALSE -> {
                // a field's boolean is in its header
            }
            case BYTE -> readByte();
            case I16, I32, I64 -> readVarint64();
            case DOUBLE -> advance(8);
            case BINARY -> advance(readVarint32());
            case LIST, SET -> {
                int b = readByte();
                int size = (b >>> 4) & 0x0F;
                if (size == 15) {
                    size = readVarint32();
                }
                int element = b & 0x0F;
                for (int i = 0; i < size; i++) {
                    skipElement(element);
                }
            }
            case MAP -> {
                int size = readVarint32();
                if (size > 0) {
                    int kinds = readByte();
                    for (int i = 0; i < size; i++) {
                        skipElement(kinds >>> 4);
                        skipElement(kinds & 0x0F);
                    }
                }
            }
            case STRUCT -> {
                beginStruct();
                while (nextField()) {
                    skip(type);
                }
            }
            default -> throw new IOException("Thrift: unknown type " + t);
        }
    }

    /** Elements of a list or map: booleans take a byte there. */
    private void skipElement(int t) throws IOException {
        if (t == BOOLEAN_TRUE || t == BOOLEAN_FALSE) {
            readByte();
        } else {
            skip(t);
        }
    }

    private void advance(int n) throws IOException {
        if (n < 0 || n > end - pos) {
            throw new IOException("Thrift data ends early");
        }
        pos += n;
    }

    private int readByte() throws IOException {
        if (pos >= end) {
            throw new IOException("Thrift data ends early");
        }
        return buf[pos++] & 0xFF;
    }

    private int readI32() throws IOException {
        return zigzag32(readVarint32());
    }

    private long readI64() throws IOException {
        long v = readVarint64();
        return (v >>> 1) ^ -(v & 1);
    }

    private String readString() throws IOException {
        int n = readVarint32();
        if (n < 0 || n > end - pos) {
            throw new IOException("Thrift data ends early");
        }
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private int readVarint32() throws IOException {
        return (int) readVarint64();
    }

    private long readVarint64() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("Thrift: malformed varint");
    }

    private static int zigzag32(int n) {
        return (n >>> 1) ^ -(n & 1);
    }
}
