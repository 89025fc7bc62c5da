package org.bigpicture.core.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.VersionParser;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The {@link DatasetReader} behind {@link DatasetReader#open}: reads flat Parquet files such as
 * ours without parquet-hadoop's file reader (whose options build a Hadoop codec factory). The
 * footer and page headers are read with parquet-format's Thrift classes, pages are decompressed
 * by {@link Codecs}, and values decoded by parquet-column's {@link ColumnReaderImpl}. One row
 * group's compressed column chunks are held in memory at a time.
 */
final class ParquetDatasetReader implements DatasetReader {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /** Values are pulled from the column readers; claiming dictionary support makes them keep dictionary ids. */
    private static final PrimitiveConverter NO_CONVERTER = new PrimitiveConverter() {
        @Override
        public boolean hasDictionarySupport() {
            return true;
        }

        @Override
        public void setDictionary(org.apache.parquet.column.Dictionary dictionary) {
        }
    };

    private final Path path;
    private final FileChannel channel;
    private final FileMetaData footer;
    private final List<Column> columns;
    private final ColumnDescriptor[] descriptors;
    private final VersionParser.ParsedVersion writerVersion;
    private final long rowCount;

    private int nextGroup;
    private long rowsInGroup;
    private long rowInGroup;
    private ColumnReaderImpl[] readers;
    private ChunkPages[] chunks;
    /** Per column, the strings decoded so far for each dictionary id of the current row group. */
    private String[][] dictionaryStrings;

    private ParquetDatasetReader(Path path, FileChannel channel, FileMetaData footer) throws IOException {
        this.path = path;
        this.channel = channel;
        this.footer = footer;
        List<SchemaElement> schema = footer.getSchema();
        if (schema == null || schema.isEmpty()) {
            throw new IOException(path + ": the Parquet footer has no schema");
        }
        int n = schema.get(0).getNum_children();
        if (schema.size() != n + 1) {
            throw new IOException(path + ": only flat Parquet schemas are supported");
        }
        List<Column> cols = new ArrayList<>(n);
        descriptors = new ColumnDescriptor[n];
        for (int i = 0; i < n; i++) {
            SchemaElement e = schema.get(i + 1);
            if (!e.isSetType() || e.getNum_children() > 0) {
                throw new IOException(path + ": column " + e.getName() + " is nested; only flat schemas are supported");
            }
            if (e.getRepetition_type() == FieldRepetitionType.REPEATED) {
                throw new IOException(path + ": column " + e.getName() + " is repeated; not supported");
            }
            ColumnType type = columnType(e);
            boolean optional = e.getRepetition_type() != FieldRepetitionType.REQUIRED;
            PrimitiveTypeName physical = switch (e.getType()) {
                case BYTE_ARRAY -> PrimitiveTypeName.BINARY;
                case FIXED_LEN_BYTE_ARRAY -> PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
                default -> PrimitiveTypeName.valueOf(e.getType().name());
            };
            Types.PrimitiveBuilder<PrimitiveType> builder = Types.primitive(physical,
                    optional ? Repetition.OPTIONAL : Repetition.REQUIRED);
            if (physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
                builder = builder.length(e.getType_length());
            }
            if (type == ColumnType.STRING && physical == PrimitiveTypeName.BINARY) {
                builder = builder.as(LogicalTypeAnnotation.stringType());
            } else if (type == ColumnType.DATE) {
                builder = builder.as(LogicalTypeAnnotation.dateType());
            }
            PrimitiveType primitive = builder.named(e.getName());
            descriptors[i] = new ColumnDescriptor(new String[] {e.getName()}, primitive, 0, optional ? 1 : 0);
            cols.add(Column.of(e.getName(), type));
        }
        this.columns = List.copyOf(cols);
        this.writerVersion = parseVersion(footer.getCreated_by());
        this.rowCount = footer.getNum_rows();
    }

    static DatasetReader open(Path parquet) throws IOException {
        FileChannel channel = FileChannel.open(parquet, StandardOpenOption.READ);
        try {
            return new ParquetDatasetReader(parquet, channel, readFooter(parquet, channel));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileMetaData readFooter(Path path, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 12) {
            throw new IOException(path + " is not a Parquet file (" + size + " bytes)");
        }
        ByteBuffer tail = ByteBuffer.allocate(8);
        readFully(channel, tail, size - 8);
        byte[] t = tail.array();
        if (t[4] != MAGIC[0] || t[5] != MAGIC[1] || t[6] != MAGIC[2] || t[7] != MAGIC[3]) {
            throw new IOException(path + " is not a Parquet file (no PAR1 at the end)");
        }
        int footerLength = (t[0] & 0xff) | (t[1] & 0xff) << 8 | (t[2] & 0xff) << 16 | (t[3] & 0xff) << 24;
        if (footerLength <= 0 || footerLength > size - 12) {
            throw new IOException(path + ": corrupt Parquet footer length " + footerLength);
        }
        ByteBuffer footer = ByteBuffer.allocate(footerLength);
        readFully(channel, footer, size - 8 - footerLength);
        return Util.readFileMetaData(new ArrayInput(footer.array(), 0, footerLength));
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + at);
            }
            at += n;
        }
    }

    private static VersionParser.ParsedVersion parseVersion(String createdBy) {
        if (createdBy == null) {
            return null;
        }
        try {
            return VersionParser.parse(createdBy);
        } catch (VersionParser.VersionParseException | RuntimeException e) {
            return null;
        }
    }

    private ColumnType columnType(SchemaElement e) throws IOException {
        boolean date = (e.isSetConverted_type() && e.getConverted_type() == ConvertedType.DATE)
                || (e.isSetLogicalType() && e.getLogicalType().isSetDATE());
        return switch (e.getType()) {
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> ColumnType.STRING;
            case INT64 -> ColumnType.INTEGER;
            case INT32 -> date ? ColumnType.DATE : ColumnType.INTEGER;
            case DOUBLE, FLOAT -> ColumnType.NUMBER;
            case BOOLEAN -> ColumnType.BOOLEAN;
            default -> throw new IOException(path + ": column " + e.getName() + " has unsupported type " + e.getType());
        };
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public long rowCount() {
        return rowCount;
    }

    @Override
    public boolean next() throws IOException {
        if (readers != null && ++rowInGroup < rowsInGroup) {
            for (ColumnReaderImpl r : readers) {
                r.consume();
            }
            return true;
        }
        readers = null;
        List<RowGroup> groups = footer.getRow_groups();
        while (groups != null && nextGroup < groups.size()) {
            RowGroup group = groups.get(nextGroup++);
            if (group.getNum_rows() > 0) {
                load(group);
                return true;
            }
        }
        return false;
    }

    private void load(RowGroup group) throws IOException {
        List<ColumnChunk> chunkList = group.getColumns();
        if (chunkList.size() != descriptors.length) {
            throw new IOException(path + ": row group has " + chunkList.size() + " columns, schema " + descriptors.length);
        }
        ColumnReaderImpl[] newReaders = new ColumnReaderImpl[descriptors.length];
        ChunkPages[] newChunks = new ChunkPages[descriptors.length];
        String[][] strings = new String[descriptors.length][];
        for (int c = 0; c < descriptors.length; c++) {
            ColumnMetaData meta = chunkList.get(c).getMeta_data();
            long start = meta.getData_page_offset();
            if (meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0) {
                start = Math.min(start, meta.getDictionary_page_offset());
            }
            long length = meta.getTotal_compressed_size();
            if (length < 0 || length > Integer.MAX_VALUE - 16 || start < 4 || start + length > channel.size()) {
                throw new IOException(path + ": corrupt column chunk for " + columns.get(c).name());
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) length);
            readFully(channel, bytes, start);
            CompressionCodecName codec = CompressionCodecName.valueOf(meta.getCodec().name());
            ChunkPages pages = new ChunkPages(bytes.array(), codec, meta.getNum_values());
            newChunks[c] = pages;
            newReaders[c] = new ColumnReaderImpl(descriptors[c], pages, NO_CONVERTER, writerVersion);
            if (pages.dictionarySize > 0 && columns.get(c).type() == ColumnType.STRING) {
                strings[c] = new String[pages.dictionarySize];
            }
        }
        readers = newReaders;
        chunks = newChunks;
        dictionaryStrings = strings;
        rowsInGroup = group.getNum_rows();
        rowInGroup = 0;
    }

    private ColumnReaderImpl reader(int column) {
        if (readers == null) {
            throw new IllegalStateException("no current row: call next() first");
        }
        return readers[column];
    }

    @Override
    public boolean isNull(int column) {
        return reader(column).getCurrentDefinitionLevel() < descriptors[column].getMaxDefinitionLevel();
    }

    private ColumnReaderImpl value(int column) {
        ColumnReaderImpl r = reader(column);
        if (r.getCurrentDefinitionLevel() < descriptors[column].getMaxDefinitionLevel()) {
            throw new IllegalStateException("cell " + columns.get(column).name() + " is null");
        }
        return r;
    }

    @Override
    public String getString(int column) {
        ColumnReaderImpl r = reader(column);
        if (r.getCurrentDefinitionLevel() < descriptors[column].getMaxDefinitionLevel()) {
            return null;
        }
        String[] cache = dictionaryStrings[column];
        if (cache != null && chunks[column].dictionaryEncodedPage) {
            int id = r.getCurrentValueDictionaryID();
            String s = cache[id];
            if (s == null) {
                s = r.getBinary().toStringUsingUTF8();
                cache[id] = s;
            }
            return s;
        }
        return switch (descriptors[column].getPrimitiveType().getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> r.getBinary().toStringUsingUTF8();
            case INT64 -> Long.toString(r.getLong());
            case INT32 -> columns.get(column).type() == ColumnType.DATE
                    ? java.time.LocalDate.ofEpochDay(r.getInteger()).toString() : Integer.toString(r.getInteger());
            case DOUBLE -> Double.toString(r.getDouble());
            case FLOAT -> Float.toString(r.getFloat());
            case BOOLEAN -> Boolean.toString(r.getBoolean());
            default -> throw new IllegalStateException("unsupported type");
        };
    }

    @Override
    public long getLong(int column) {
        ColumnReaderImpl r = value(column);
        return switch (descriptors[column].getPrimitiveType().getPrimitiveTypeName()) {
            case INT64 -> r.getLong();
            case INT32 -> r.getInteger();
            default -> throw wrongType(column, "getLong");
        };
    }

    @Override
    public double getDouble(int column) {
        ColumnReaderImpl r = value(column);
        return switch (descriptors[column].getPrimitiveType().getPrimitiveTypeName()) {
            case DOUBLE -> r.getDouble();
            case FLOAT -> r.getFloat();
            case INT64 -> r.getLong();
            case INT32 -> r.getInteger();
            default -> throw wrongType(column, "getDouble");
        };
    }

    @Override
    public boolean getBoolean(int column) {
        ColumnReaderImpl r = value(column);
        if (descriptors[column].getPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BOOLEAN) {
            throw wrongType(column, "getBoolean");
        }
        return r.getBoolean();
    }

    @Override
    public int getDate(int column) {
        ColumnReaderImpl r = value(column);
        if (columns.get(column).type() != ColumnType.DATE) {
            throw wrongType(column, "getDate");
        }
        return r.getInteger();
    }

    private IllegalStateException wrongType(int column, String getter) {
        return new IllegalStateException(getter + " on column " + columns.get(column).name() + " of type "
                + columns.get(column).type());
    }

    @Override
    public void close() throws IOException {
        readers = null;
        chunks = null;
        channel.close();
    }

    /** The pages of one column chunk, held compressed and decompressed one at a time on demand. */
    private static final class ChunkPages implements PageReader {
        private final byte[] bytes;
        private final CompressionCodecName codec;
        private final long totalValues;
        private final List<PageHeader> headers = new ArrayList<>();
        private final List<Integer> offsets = new ArrayList<>();
        private PageHeader dictionaryHeader;
        private int dictionaryOffset;
        final int dictionarySize;
        private int nextPage;
        /** Whether the page most recently handed to the column reader holds dictionary ids. */
        boolean dictionaryEncodedPage;

        ChunkPages(byte[] bytes, CompressionCodecName codec, long totalValues) throws IOException {
            this.bytes = bytes;
            this.codec = codec;
            this.totalValues = totalValues;
            ArrayInput in = new ArrayInput(bytes, 0, bytes.length);
            long values = 0;
            while (values < totalValues && in.position < bytes.length) {
                PageHeader header = Util.readPageHeader(in);
                int payload = in.position;
                in.position += header.getCompressed_page_size();
                if (in.position > bytes.length || header.getCompressed_page_size() < 0) {
                    throw new IOException("corrupt page header: page runs past its column chunk");
                }
                switch (header.getType()) {
                    case DICTIONARY_PAGE -> {
                        dictionaryHeader = header;
                        dictionaryOffset = payload;
                    }
                    case DATA_PAGE -> {
                        headers.add(header);
                        offsets.add(payload);
                        values += header.getData_page_header().getNum_values();
                    }
                    case DATA_PAGE_V2 -> {
                        headers.add(header);
                        offsets.add(payload);
                        values += header.getData_page_header_v2().getNum_values();
                    }
                    default -> {
                        // index pages and unknown page types carry no values
                    }
                }
            }
            dictionarySize = dictionaryHeader == null ? 0 : dictionaryHeader.getDictionary_page_header().getNum_values();
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            if (dictionaryHeader == null) {
                return null;
            }
            try {
                byte[] page = Codecs.decompress(codec, bytes, dictionaryOffset,
                        dictionaryHeader.getCompressed_page_size(), dictionaryHeader.getUncompressed_page_size());
                return new DictionaryPage(BytesInput.from(page), dictionarySize,
                        encoding(dictionaryHeader.getDictionary_page_header().getEncoding()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read dictionary page", e);
            }
        }

        @Override
        public long getTotalValueCount() {
            return totalValues;
        }

        @Override
        public DataPage readPage() {
            if (nextPage >= headers.size()) {
                return null;
            }
            PageHeader header = headers.get(nextPage);
            int offset = offsets.get(nextPage);
            nextPage++;
            try {
                if (header.isSetData_page_header()) {
                    DataPageHeader h = header.getData_page_header();
                    Encoding values = encoding(h.getEncoding());
                    dictionaryEncodedPage = values.usesDictionary();
                    byte[] page = Codecs.decompress(codec, bytes, offset, header.getCompressed_page_size(),
                            header.getUncompressed_page_size());
                    return new DataPageV1(BytesInput.from(page), h.getNum_values(), header.getUncompressed_page_size(),
                            null, encoding(h.getRepetition_level_encoding()),
                            encoding(h.getDefinition_level_encoding()), values);
                }
                DataPageHeaderV2 h = header.getData_page_header_v2();
                Encoding values = encoding(h.getEncoding());
                dictionaryEncodedPage = values.usesDictionary();
                int rl = h.getRepetition_levels_byte_length();
                int dl = h.getDefinition_levels_byte_length();
                BytesInput repetition = BytesInput.from(bytes, offset, rl);
                BytesInput definition = BytesInput.from(bytes, offset + rl, dl);
                int dataCompressed = header.getCompressed_page_size() - rl - dl;
                int dataUncompressed = header.getUncompressed_page_size() - rl - dl;
                boolean compressed = !h.isSetIs_compressed() || h.isIs_compressed();
                byte[] data = Codecs.decompress(compressed ? codec : CompressionCodecName.UNCOMPRESSED, bytes,
                        offset + rl + dl, dataCompressed, dataUncompressed);
                return DataPageV2.uncompressed(h.getNum_rows(), h.getNum_nulls(), h.getNum_values(),
                        repetition, definition, values, BytesInput.from(data), null);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read data page", e);
            }
        }

        private static Encoding encoding(org.apache.parquet.format.Encoding e) {
            return Encoding.valueOf(e.name());
        }
    }

    /** An input stream over part of a byte array whose position the page parser reads. */
    private static final class ArrayInput extends InputStream {
        private final byte[] bytes;
        private final int end;
        int position;

        ArrayInput(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() {
            return position < end ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= end) {
                return -1;
            }
            int n = Math.min(len, end - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return end - position;
        }
    }
}
