package org.bigpicture.core.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes one column's values into Parquet V1 data pages for the current row group: definition
 * levels RLE, strings dictionary-encoded (RLE_DICTIONARY over a PLAIN dictionary page, falling back
 * to PLAIN when the dictionary outgrows {@link #DICTIONARY_BYTES}), numbers, dates and booleans
 * PLAIN; pages ZSTD-compressed as they fill and held until the row group is written. Keeps the
 * chunk's statistics (null count, min, max) as it goes.
 */
final class ColumnChunkEncoder {

    // Parquet's Thrift enum values (parquet.thrift).
    static final int PLAIN = 0;
    static final int RLE = 3;
    static final int RLE_DICTIONARY = 8;
    static final int ZSTD = 6;
    static final int DATA_PAGE = 0;
    static final int DICTIONARY_PAGE = 2;

    static final int PAGE_ROWS = 20_000;
    static final int PAGE_BYTES = 1 << 20;
    static final int DICTIONARY_BYTES = 1 << 20;

    private final String name;
    private final ColumnType type;
    private final PageCompressor compressor;

    // The page being filled.
    private final int[] defs = new int[PAGE_ROWS];
    private final int[] ids = new int[PAGE_ROWS]; // dictionary ids, or booleans as 0/1
    private int pageRows;
    private int idCount;
    private final ByteSink values = new ByteSink(1 << 16);
    private final ByteSink page = new ByteSink(1 << 16);

    // The chunk (this column in the current row group).
    private final ByteSink chunk = new ByteSink(1 << 16);
    private final StringDictionary dictionary;
    private boolean dictionaryMode;
    private String lastString;
    private int lastStringId;
    private boolean usedDictionary;
    private boolean usedPlain;
    private long chunkValues;
    private long chunkNulls;
    private long uncompressedBytes;
    private long compressedBytes;
    // Statistics.
    private long minLong;
    private long maxLong;
    private double minDouble;
    private double maxDouble;
    private byte[] minBytes;
    private byte[] maxBytes;
    private boolean sawFalse;
    private boolean sawTrue;

    ColumnChunkEncoder(Column column, PageCompressor compressor) {
        this.name = column.name();
        this.type = column.type();
        this.compressor = compressor;
        this.dictionary = type == ColumnType.STRING ? new StringDictionary() : null;
        resetChunk();
    }

    private void resetChunk() {
        chunk.reset();
        if (dictionary != null) {
            dictionary.clear();
        }
        dictionaryMode = type == ColumnType.STRING;
        lastString = null;
        usedDictionary = false;
        usedPlain = false;
        chunkValues = 0;
        chunkNulls = 0;
        uncompressedBytes = 0;
        compressedBytes = 0;
        minLong = Long.MAX_VALUE;
        maxLong = Long.MIN_VALUE;
        minDouble = Double.POSITIVE_INFINITY;
        maxDouble = Double.NEGATIVE_INFINITY;
        minBytes = null;
        maxBytes = null;
        sawFalse = false;
        sawTrue = false;
    }

    /** Bytes held for this chunk so far (compressed pages, plus the open page and dictionary). */
    long bufferedBytes() {
        return chunk.size() + values.size() + idCount + (dictionary == null ? 0 : dictionary.plainBytes() / 2);
    }

    /** Adds column {@code c} of the batch's rows. */
    void add(ParquetDatasetWriter.RowBatch batch, int c) throws IOException {
        int n = batch.size;
        boolean[] present = batch.present[c];
        int r = 0;
        while (r < n) {
            if (pageRows == PAGE_ROWS || values.size() >= PAGE_BYTES) {
                flushPage();
            }
            int end = Math.min(n, r + PAGE_ROWS - pageRows);
            switch (type) {
                case STRING -> r = addStrings(batch.strings[c], present, r, end);
                case NUMBER -> r = addDoubles(batch.doubles[c], present, r, end);
                case INTEGER -> r = addLongs(batch.longs[c], present, r, end);
                case DATE -> r = addDates(batch.dates[c], present, r, end);
                case BOOLEAN -> r = addBooleans(batch.booleans[c], present, r, end);
            }
        }
    }

    private int addStrings(String[] cells, boolean[] present, int from, int to) throws IOException {
        int rows = pageRows;
        String last = lastString;
        int lastId = lastStringId;
        for (int r = from; r < to; r++) {
            if (!present[r]) {
                defs[rows++] = 0;
                chunkNulls++;
                continue;
            }
            defs[rows++] = 1;
            if (dictionaryMode) {
                String s = cells[r];
                if (s != last) { // readers hand out the same instance for a repeated cell: no hashing then
                    last = s;
                    lastId = dictionary.idOf(s);
                }
                ids[idCount++] = lastId;
                if (dictionary.plainBytes() > DICTIONARY_BYTES) {
                    lastString = null;
                    pageRows = rows;
                    chunkValues += r + 1 - from;
                    flushPage();
                    dictionaryMode = false; // the rest of this row group is PLAIN
                    return r + 1;
                }
            } else {
                byte[] utf8 = cells[r].getBytes(StandardCharsets.UTF_8);
                values.putInt(utf8.length);
                values.write(utf8, 0, utf8.length);
                if (minBytes == null || Arrays.compareUnsigned(utf8, minBytes) < 0) {
                    minBytes = utf8;
                }
                if (maxBytes == null || Arrays.compareUnsigned(utf8, maxBytes) > 0) {
                    maxBytes = utf8;
                }
                if (values.size() >= PAGE_BYTES) {
                    pageRows = rows;
                    chunkValues += r + 1 - from;
                    return r + 1;
                }
            }
        }
        pageRows = rows;
        chunkValues += to - from;
        lastString = last;
        lastStringId = lastId;
        return to;
    }

    private int addDoubles(double[] cells, boolean[] present, int from, int to) {
        values.ensure((to - from) * 8);
        int rows = pageRows;
        double min = minDouble;
        double max = maxDouble;
        for (int r = from; r < to; r++) {
            if (!present[r]) {
                defs[rows++] = 0;
                chunkNulls++;
                continue;
            }
            defs[rows++] = 1;
            double v = cells[r];
            values.putDouble(v);
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        minDouble = min;
        maxDouble = max;
        pageRows = rows;
        chunkValues += to - from;
        return to;
    }

    private int addLongs(long[] cells, boolean[] present, int from, int to) {
        int rows = pageRows;
        for (int r = from; r < to; r++) {
            if (!present[r]) {
                defs[rows++] = 0;
                chunkNulls++;
                continue;
            }
            defs[rows++] = 1;
            long v = cells[r];
            values.putLong(v);
            minLong = Math.min(minLong, v);
            maxLong = Math.max(maxLong, v);
        }
        pageRows = rows;
        chunkValues += to - from;
        return to;
    }

    private int addDates(int[] cells, boolean[] present, int from, int to) {
        int rows = pageRows;
        for (int r = from; r < to; r++) {
            if (!present[r]) {
                defs[rows++] = 0;
                chunkNulls++;
                continue;
            }
            defs[rows++] = 1;
            int v = cells[r];
            values.putInt(v);
            minLong = Math.min(minLong, v);
            maxLong = Math.max(maxLong, v);
        }
        pageRows = rows;
        chunkValues += to - from;
        return to;
    }

    private int addBooleans(boolean[] cells, boolean[] present, int from, int to) {
        int rows = pageRows;
        for (int r = from; r < to; r++) {
            if (!present[r]) {
                defs[rows++] = 0;
                chunkNulls++;
                continue;
            }
            defs[rows++] = 1;
            boolean v = cells[r];
            ids[idCount++] = v ? 1 : 0;
            if (v) {
                sawTrue = true;
            } else {
                sawFalse = true;
            }
        }
        pageRows = rows;
        chunkValues += to - from;
        return to;
    }

    /** Encodes and compresses the open page into the chunk. */
    private void flushPage() throws IOException {
        if (pageRows == 0) {
            return;
        }
        page.reset();
        page.putInt(0);
        Rle.encode(defs, pageRows, 1, page);
        page.setInt(0, page.size() - 4);
        int encoding;
        if (dictionaryMode && dictionary.size() > 0) {
            int bitWidth = Rle.bitWidth(dictionary.size() - 1);
            page.write(bitWidth);
            Rle.encode(ids, idCount, bitWidth, page);
            encoding = RLE_DICTIONARY;
            usedDictionary = true;
        } else if (type == ColumnType.BOOLEAN) {
            packBits(ids, idCount, page);
            encoding = PLAIN;
            usedPlain = true;
        } else {
            page.putSink(values);
            encoding = PLAIN;
            usedPlain = true;
        }
        writePage(DATA_PAGE, pageRows, encoding, page, chunk);
        pageRows = 0;
        idCount = 0;
        values.reset();
    }

    /** PLAIN booleans: one bit each, LSB first. */
    private static void packBits(int[] bits, int count, ByteSink out) {
        int bytes = (count + 7) / 8;
        out.ensure(bytes);
        for (int i = 0; i < count; i += 8) {
            int b = 0;
            for (int k = 0; k < 8 && i + k < count; k++) {
                b |= bits[i + k] << k;
            }
            out.buf[out.size++] = (byte) b;
        }
    }

    /**
     * Compresses {@code content}, then appends its page header (Thrift: type, sizes, then the data or
     * dictionary page header) and the compressed bytes.
     */
    private void writePage(int pageType, int values, int encoding, ByteSink content, OutputStream target)
            throws IOException {
        int compressed = compressor.compress(content.array(), content.size());
        ByteSink headerBytes = compressor.headerBuffer();
        headerBytes.reset();
        ThriftWriter t = new ThriftWriter(headerBytes);
        t.i32(1, pageType).i32(2, content.size()).i32(3, compressed);
        if (pageType == DATA_PAGE) {
            t.struct(5).i32(1, values).i32(2, encoding).i32(3, RLE).i32(4, RLE).endStruct();
        } else {
            t.struct(7).i32(1, values).i32(2, encoding).endStruct();
        }
        t.end();
        target.write(headerBytes.array(), 0, headerBytes.size());
        target.write(compressor.output(), 0, compressed);
        uncompressedBytes += headerBytes.size() + content.size();
        compressedBytes += headerBytes.size() + compressed;
    }

    /** What the footer says about one written column chunk. */
    record ChunkMeta(String name, int type, List<Integer> encodings, long values, long uncompressedBytes,
                     long compressedBytes, long dataPageOffset, long dictionaryPageOffset, long nullCount,
                     byte[] min, byte[] max) {

        long start() {
            return dictionaryPageOffset >= 0 ? dictionaryPageOffset : dataPageOffset;
        }

        /** ColumnChunk (Thrift) as a list element: file offset, then its ColumnMetaData. */
        void write(ThriftWriter t) {
            t.beginStruct().i64(2, start()).struct(3);
            t.i32(1, type).list(2, ThriftWriter.I32, encodings.size());
            for (int e : encodings) {
                t.element(e);
            }
            t.list(3, ThriftWriter.BINARY, 1).element(name);
            t.i32(4, ZSTD).i64(5, values).i64(6, uncompressedBytes).i64(7, compressedBytes).i64(9, dataPageOffset);
            if (dictionaryPageOffset >= 0) {
                t.i64(11, dictionaryPageOffset);
            }
            t.struct(12).i64(3, nullCount);
            if (min != null) {
                t.binary(5, max).binary(6, min);
            }
            t.endStruct(); // Statistics
            t.endStruct(); // ColumnMetaData
            t.endStruct(); // ColumnChunk
        }
    }

    /**
     * Writes this column's chunk (dictionary page first, then the data pages) at {@code position}
     * of the file and starts a new chunk for the next row group.
     */
    ChunkMeta writeChunk(OutputStream out, long position) throws IOException {
        flushPage();
        long dictionaryOffset = -1;
        long dataOffset = position;
        if (usedDictionary) {
            ByteSink dictionaryPage = new ByteSink(dictionary.plainBytes() / 2 + 64);
            writePage(DICTIONARY_PAGE, dictionary.size(), PLAIN, dictionary.plain, dictionaryPage);
            out.write(dictionaryPage.array(), 0, dictionaryPage.size());
            dictionaryOffset = position;
            dataOffset = position + dictionaryPage.size();
            if (minBytes == null || Arrays.compareUnsigned(dictionary.min(), minBytes) < 0) {
                minBytes = dictionary.min();
            }
            if (maxBytes == null || Arrays.compareUnsigned(dictionary.max(), maxBytes) > 0) {
                maxBytes = dictionary.max();
            }
        }
        out.write(chunk.array(), 0, chunk.size());

        List<Integer> encodings = new ArrayList<>(3);
        if (usedDictionary || usedPlain) {
            encodings.add(PLAIN);
        }
        encodings.add(RLE);
        if (usedDictionary) {
            encodings.add(RLE_DICTIONARY);
        }
        byte[][] minMax = minMax();
        ChunkMeta meta = new ChunkMeta(name, physicalType(type), encodings, chunkValues, uncompressedBytes,
                compressedBytes, dataOffset, dictionaryOffset, chunkNulls, minMax[0], minMax[1]);
        resetChunk();
        return meta;
    }

    /** The chunk's min and max as Parquet's statistics hold them (plain encoding), or nulls. */
    private byte[][] minMax() {
        byte[] min = null;
        byte[] max = null;
        switch (type) {
            case STRING -> {
                min = minBytes;
                max = maxBytes;
            }
            case NUMBER -> {
                if (minDouble <= maxDouble) {
                    // Parquet: a zero minimum is written as -0.0, a zero maximum as +0.0.
                    min = littleEndian(Double.doubleToRawLongBits(minDouble == 0.0 ? -0.0 : minDouble), 8);
                    max = littleEndian(Double.doubleToRawLongBits(maxDouble == 0.0 ? 0.0 : maxDouble), 8);
                }
            }
            case INTEGER -> {
                if (minLong <= maxLong) {
                    min = littleEndian(minLong, 8);
                    max = littleEndian(maxLong, 8);
                }
            }
            case DATE -> {
                if (minLong <= maxLong) {
                    min = littleEndian(minLong, 4);
                    max = littleEndian(maxLong, 4);
                }
            }
            case BOOLEAN -> {
                if (sawFalse || sawTrue) {
                    min = new byte[] {(byte) (sawFalse ? 0 : 1)};
                    max = new byte[] {(byte) (sawTrue ? 1 : 0)};
                }
            }
        }
        return new byte[][] {min, max};
    }

    private static byte[] littleEndian(long v, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** Parquet's physical type (Thrift enum value) for a column type. */
    static int physicalType(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> 0;
            case DATE -> 1; // INT32
            case INTEGER -> 2; // INT64
            case NUMBER -> 5; // DOUBLE
            case STRING -> 6; // BYTE_ARRAY
        };
    }
}
