package org.bigpicture.core.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Statistics;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

/**
 * Encodes one column's values into Parquet V1 data pages for the current row group: definition
 * levels RLE, strings dictionary-encoded (RLE_DICTIONARY over a PLAIN dictionary page, falling back
 * to PLAIN when the dictionary outgrows {@link #DICTIONARY_BYTES}), numbers, dates and booleans
 * PLAIN; pages ZSTD-compressed as they fill and held until the row group is written. Keeps the
 * chunk's statistics (null count, min, max) as it goes.
 */
final class ColumnChunkEncoder {

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
        Encoding encoding;
        if (dictionaryMode && dictionary.size() > 0) {
            int bitWidth = Rle.bitWidth(dictionary.size() - 1);
            page.write(bitWidth);
            Rle.encode(ids, idCount, bitWidth, page);
            encoding = Encoding.RLE_DICTIONARY;
            usedDictionary = true;
        } else if (type == ColumnType.BOOLEAN) {
            packBits(ids, idCount, page);
            encoding = Encoding.PLAIN;
            usedPlain = true;
        } else {
            page.putSink(values);
            encoding = Encoding.PLAIN;
            usedPlain = true;
        }
        PageHeader header = new PageHeader(PageType.DATA_PAGE, page.size(), 0);
        header.setData_page_header(new DataPageHeader(pageRows, encoding, Encoding.RLE, Encoding.RLE));
        writePage(header, page, chunk);
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

    /** Compresses {@code content}, then appends the header (with the compressed size) and the bytes. */
    private void writePage(PageHeader header, ByteSink content, OutputStream target) throws IOException {
        int compressed = compressor.compress(content.array(), content.size());
        header.setCompressed_page_size(compressed);
        ByteSink headerBytes = compressor.headerBuffer();
        headerBytes.reset();
        Util.writePageHeader(header, headerBytes);
        target.write(headerBytes.array(), 0, headerBytes.size());
        target.write(compressor.output(), 0, compressed);
        uncompressedBytes += headerBytes.size() + content.size();
        compressedBytes += headerBytes.size() + compressed;
    }

    /**
     * Writes this column's chunk (dictionary page first, then the data pages) at {@code position}
     * of the file and starts a new chunk for the next row group.
     */
    ColumnChunk writeChunk(OutputStream out, long position) throws IOException {
        flushPage();
        long dictionaryOffset = -1;
        long dataOffset = position;
        if (usedDictionary) {
            ByteSink dictionaryPage = new ByteSink(compressor.headerBuffer().size() + 64);
            PageHeader header = new PageHeader(PageType.DICTIONARY_PAGE, dictionary.plainBytes(), 0);
            header.setDictionary_page_header(new DictionaryPageHeader(dictionary.size(), Encoding.PLAIN));
            writePage(header, dictionary.plain, dictionaryPage);
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

        List<Encoding> encodings = new ArrayList<>(3);
        if (usedDictionary || usedPlain) {
            encodings.add(Encoding.PLAIN);
        }
        encodings.add(Encoding.RLE);
        if (usedDictionary) {
            encodings.add(Encoding.RLE_DICTIONARY);
        }
        ColumnMetaData meta = new ColumnMetaData(physicalType(type), encodings, List.of(name), CompressionCodec.ZSTD,
                chunkValues, uncompressedBytes, compressedBytes, dataOffset);
        if (dictionaryOffset >= 0) {
            meta.setDictionary_page_offset(dictionaryOffset);
        }
        meta.setStatistics(statistics());
        ColumnChunk columnChunk = new ColumnChunk(dictionaryOffset >= 0 ? dictionaryOffset : dataOffset);
        columnChunk.setMeta_data(meta);
        resetChunk();
        return columnChunk;
    }

    private Statistics statistics() {
        Statistics s = new Statistics();
        s.setNull_count(chunkNulls);
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
        if (min != null) {
            s.setMin_value(min);
            s.setMax_value(max);
        }
        return s;
    }

    private static byte[] littleEndian(long v, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    static Type physicalType(ColumnType type) {
        return switch (type) {
            case STRING -> Type.BYTE_ARRAY;
            case INTEGER -> Type.INT64;
            case NUMBER -> Type.DOUBLE;
            case BOOLEAN -> Type.BOOLEAN;
            case DATE -> Type.INT32;
        };
    }
}
