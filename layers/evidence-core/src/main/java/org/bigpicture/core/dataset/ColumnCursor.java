package org.bigpicture.core.dataset;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one column chunk value by value, row by row: V1 data pages with RLE definition levels and
 * PLAIN or dictionary-encoded values (what {@link ColumnChunkEncoder} writes). Pages are
 * decompressed one at a time; dictionary strings are decoded once each.
 */
final class ColumnCursor {

    // Parquet's Thrift enum values.
    static final int BOOLEAN = 0;
    static final int INT32 = 1;
    static final int INT64 = 2;
    static final int DOUBLE = 5;
    static final int BYTE_ARRAY = 6;
    private static final int PLAIN = 0;
    private static final int PLAIN_DICTIONARY = 2;
    private static final int RLE = 3;
    private static final int RLE_DICTIONARY = 8;
    private static final int DATA_PAGE = 0;
    private static final int DICTIONARY_PAGE = 2;
    private static final int DATA_PAGE_V2 = 3;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final String name;
    private final int type;
    private final boolean optional;
    private final byte[] chunk;
    private final int codec;
    private final List<ThriftReader.PageHeader> headers = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private int nextPage;

    // Dictionary (PLAIN-encoded page): entry i at dictionaryStart[i], length dictionaryLength[i].
    private byte[] dictionaryData;
    private int[] dictionaryStart;
    private int[] dictionaryLength;
    private long[] dictionaryFixed; // INT32/INT64/DOUBLE dictionaries, as raw bits
    private String[] dictionaryStrings;

    // Current page.
    private byte[] data;
    private int[] defs = new int[0];
    private int rowsInPage;
    private int row = -1;
    private boolean dictionaryPage;
    private int[] ids = new int[0];
    private int idIndex;
    private int position; // PLAIN: offset of the current value
    private int bitIndex; // PLAIN booleans

    ColumnCursor(String name, int type, boolean optional, byte[] chunk, int codec, long values)
            throws IOException {
        this.name = name;
        this.type = type;
        this.optional = optional;
        this.chunk = chunk;
        this.codec = codec;
        int at = 0;
        long seen = 0;
        while (seen < values && at < chunk.length) {
            ThriftReader t = new ThriftReader(chunk, at, chunk.length - at);
            ThriftReader.PageHeader header = t.pageHeader();
            int payload = t.position();
            if (header.compressedSize() < 0 || payload + header.compressedSize() > chunk.length) {
                throw new IOException("column " + name + ": page runs past its column chunk");
            }
            at = payload + header.compressedSize();
            switch (header.pageType()) {
                case DICTIONARY_PAGE -> readDictionary(header, payload);
                case DATA_PAGE -> {
                    headers.add(header);
                    offsets.add(payload);
                    seen += header.values();
                }
                case DATA_PAGE_V2 -> throw new IOException("column " + name + ": V2 data pages are not supported");
                default -> {
                    // index pages carry no values
                }
            }
        }
    }

    private void readDictionary(ThriftReader.PageHeader header, int payload) throws IOException {
        byte[] page = PageDecompressor.decompress(codec, chunk, payload, header.compressedSize(),
                header.uncompressedSize());
        int n = header.values();
        switch (type) {
            case BYTE_ARRAY -> {
                dictionaryData = page;
                dictionaryStart = new int[n];
                dictionaryLength = new int[n];
                dictionaryStrings = new String[n];
                int p = 0;
                for (int i = 0; i < n; i++) {
                    int length = (int) INT.get(page, p);
                    dictionaryStart[i] = p + 4;
                    dictionaryLength[i] = length;
                    p += 4 + length;
                }
            }
            case INT32 -> {
                dictionaryFixed = new long[n];
                for (int i = 0; i < n; i++) {
                    dictionaryFixed[i] = (int) INT.get(page, i * 4);
                }
            }
            case INT64, DOUBLE -> {
                dictionaryFixed = new long[n];
                for (int i = 0; i < n; i++) {
                    dictionaryFixed[i] = (long) LONG.get(page, i * 8);
                }
            }
            default -> throw new IOException("column " + name + ": dictionary for " + type + " not supported");
        }
    }

    /** Moves to the next row of this chunk. */
    void advance() throws IOException {
        if (row >= 0 && defs[row] == 1) {
            skipValue();
        }
        row++;
        if (row >= rowsInPage) {
            loadPage();
        }
    }

    private void skipValue() {
        if (dictionaryPage) {
            idIndex++;
            return;
        }
        switch (type) {
            case BYTE_ARRAY -> position += 4 + (int) INT.get(data, position);
            case INT64, DOUBLE -> position += 8;
            case INT32 -> position += 4;
            case BOOLEAN -> bitIndex++;
            default -> throw new IllegalStateException("unsupported type " + type);
        }
    }

    private void loadPage() throws IOException {
        if (nextPage >= headers.size()) {
            throw new IOException("column " + name + ": fewer values than rows");
        }
        ThriftReader.PageHeader header = headers.get(nextPage);
        int offset = offsets.get(nextPage);
        nextPage++;
        data = PageDecompressor.decompress(codec, chunk, offset, header.compressedSize(), header.uncompressedSize());
        rowsInPage = header.values();
        if (defs.length < rowsInPage) {
            defs = new int[rowsInPage];
        }
        int p = 0;
        int present = rowsInPage;
        if (optional) {
            if (header.definitionLevelEncoding() != RLE) {
                throw new IOException("column " + name + ": definition level encoding " + header.definitionLevelEncoding());
            }
            int length = (int) INT.get(data, 0);
            decodeHybrid(data, 4, 4 + length, 1, defs, rowsInPage);
            p = 4 + length;
            present = 0;
            for (int i = 0; i < rowsInPage; i++) {
                present += defs[i];
            }
        } else {
            java.util.Arrays.fill(defs, 0, rowsInPage, 1);
        }
        int encoding = header.encoding();
        dictionaryPage = encoding == RLE_DICTIONARY || encoding == PLAIN_DICTIONARY;
        if (dictionaryPage) {
            if (dictionaryStart == null && dictionaryFixed == null) {
                throw new IOException("column " + name + ": dictionary-encoded page without a dictionary");
            }
            int bitWidth = data[p] & 0xFF;
            if (ids.length < present) {
                ids = new int[present];
            }
            decodeHybrid(data, p + 1, data.length, bitWidth, ids, present);
            idIndex = 0;
        } else if (encoding == PLAIN) {
            position = p;
            bitIndex = p * 8;
        } else {
            throw new IOException("column " + name + ": encoding " + encoding + " is not supported");
        }
        row = 0;
    }

    /** Parquet's RLE/bit-packing hybrid. */
    static void decodeHybrid(byte[] buf, int pos, int end, int bitWidth, int[] out, int count) throws IOException {
        int n = 0;
        int valueBytes = (bitWidth + 7) / 8;
        int mask = bitWidth == 32 ? -1 : (1 << bitWidth) - 1;
        while (n < count) {
            if (pos >= end) {
                throw new IOException("RLE data ends early");
            }
            int header = 0;
            int shift = 0;
            int b;
            do {
                b = buf[pos++] & 0xFF;
                header |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if ((header & 1) == 0) {
                int run = header >>> 1;
                int value = 0;
                for (int i = 0; i < valueBytes; i++) {
                    value |= (buf[pos++] & 0xFF) << (8 * i);
                }
                int stop = Math.min(count, n + run);
                java.util.Arrays.fill(out, n, stop, value);
                n = stop;
            } else {
                int values = (header >>> 1) * 8;
                long acc = 0;
                int bits = 0;
                for (int i = 0; i < values; i++) {
                    while (bits < bitWidth) {
                        acc |= (long) (buf[pos++] & 0xFF) << bits;
                        bits += 8;
                    }
                    if (n < count) {
                        out[n++] = (int) (acc & mask);
                    }
                    acc >>>= bitWidth;
                    bits -= bitWidth;
                }
            }
        }
    }

    boolean isNull() {
        return defs[row] == 0;
    }

    String getString() {
        if (dictionaryPage) {
            int id = ids[idIndex];
            String s = dictionaryStrings[id];
            if (s == null) {
                s = new String(dictionaryData, dictionaryStart[id], dictionaryLength[id], StandardCharsets.UTF_8);
                dictionaryStrings[id] = s;
            }
            return s;
        }
        int length = (int) INT.get(data, position);
        return new String(data, position + 4, length, StandardCharsets.UTF_8);
    }

    long getLong() {
        if (dictionaryPage) {
            return dictionaryFixed[ids[idIndex]];
        }
        return type == INT32 ? (int) INT.get(data, position) : (long) LONG.get(data, position);
    }

    int getInt() {
        return (int) getLong();
    }

    double getDouble() {
        if (type == DOUBLE) {
            return Double.longBitsToDouble(dictionaryPage ? dictionaryFixed[ids[idIndex]] : (long) LONG.get(data, position));
        }
        return getLong();
    }

    boolean getBoolean() {
        return (data[bitIndex >>> 3] >>> (bitIndex & 7) & 1) == 1;
    }
}
