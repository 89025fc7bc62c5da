package org.bigpicture.core.dataset;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet compression over zstd-jni and snappy-java. parquet-java's own {@code CodecFactory}
 * loads Hadoop classes even for UNCOMPRESSED (NOTES.md), and Hadoop is not on the Lambda
 * classpath, so the writer and reader use this instead.
 *
 * <p>A compressor reuses its input and output buffers between pages: the page writer copies the
 * result before the next call, so one compressor must not be shared between threads.
 */
final class Codecs implements CompressionCodecFactory {

    /** parquet-java's default ZSTD level: a good balance of speed and size. */
    static final int ZSTD_LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return compressor(codec, ZSTD_LEVEL);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec, int level) {
        return compressor(codec, level);
    }

    static BytesInputCompressor compressor(CompressionCodecName codec, int level) {
        return switch (codec) {
            case ZSTD -> new ZstdCompressor(level);
            case SNAPPY -> new SnappyCompressor();
            case UNCOMPRESSED -> new NoCompressor();
            default -> throw new UnsupportedOperationException("compression " + codec + " is not supported");
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new Decompressor(codec);
    }

    @Override
    public void release() {
    }

    /** Decompresses one page held in a byte array. */
    static byte[] decompress(CompressionCodecName codec, byte[] src, int offset, int length, int uncompressedSize)
            throws IOException {
        byte[] out = new byte[uncompressedSize];
        switch (codec) {
            case UNCOMPRESSED -> {
                if (length != uncompressedSize) {
                    throw new IOException("uncompressed page of " + length + " bytes, header says " + uncompressedSize);
                }
                System.arraycopy(src, offset, out, 0, length);
            }
            case ZSTD -> {
                long n = Zstd.decompressByteArray(out, 0, uncompressedSize, src, offset, length);
                if (Zstd.isError(n) || n != uncompressedSize) {
                    throw new IOException("corrupt ZSTD page: " + (Zstd.isError(n) ? Zstd.getErrorName(n) : n + " bytes"));
                }
            }
            case SNAPPY -> {
                int n = Snappy.uncompress(src, offset, length, out, 0);
                if (n != uncompressedSize) {
                    throw new IOException("corrupt Snappy page: " + n + " bytes, expected " + uncompressedSize);
                }
            }
            default -> throw new IOException("compression " + codec + " is not supported");
        }
        return out;
    }

    /** A growable byte array whose contents are readable without copying. */
    static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }

        void ensureCapacity(int size) {
            if (buf.length < size) {
                buf = new byte[Math.max(size, buf.length * 2)];
            }
        }
    }

    private abstract static class ReusingCompressor implements BytesInputCompressor {
        final Buffer input = new Buffer(1 << 20);
        byte[] output = new byte[1 << 20];

        @Override
        public final BytesInput compress(BytesInput bytes) throws IOException {
            input.reset();
            bytes.writeAllTo(input);
            int n = input.size();
            int bound = maxCompressedLength(n);
            if (output.length < bound) {
                output = new byte[Math.max(bound, output.length * 2)];
            }
            int written = compress(input.array(), n, output);
            return BytesInput.from(output, 0, written);
        }

        abstract int maxCompressedLength(int n);

        abstract int compress(byte[] src, int length, byte[] dst) throws IOException;

        @Override
        public void release() {
        }
    }

    private static final class ZstdCompressor extends ReusingCompressor {
        private final ZstdCompressCtx context;

        ZstdCompressor(int level) {
            context = new ZstdCompressCtx();
            context.setLevel(level);
        }

        @Override
        int maxCompressedLength(int n) {
            return (int) Zstd.compressBound(n);
        }

        @Override
        int compress(byte[] src, int length, byte[] dst) {
            return context.compressByteArray(dst, 0, dst.length, src, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
            context.close();
        }
    }

    private static final class SnappyCompressor extends ReusingCompressor {
        @Override
        int maxCompressedLength(int n) {
            return Snappy.maxCompressedLength(n);
        }

        @Override
        int compress(byte[] src, int length, byte[] dst) throws IOException {
            return Snappy.compress(src, 0, length, dst, 0);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }
    }

    private static final class NoCompressor implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) {
            return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {
        }
    }

    private static final class Decompressor implements BytesInputDecompressor {
        private final CompressionCodecName codec;

        Decompressor(CompressionCodecName codec) {
            this.codec = codec;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] src = bytes.toByteArray();
            return BytesInput.from(Codecs.decompress(codec, src, 0, src.length, uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] src = new byte[compressedSize];
            input.duplicate().get(src);
            output.put(Codecs.decompress(codec, src, 0, compressedSize, uncompressedSize));
        }

        @Override
        public void release() {
        }
    }
}
