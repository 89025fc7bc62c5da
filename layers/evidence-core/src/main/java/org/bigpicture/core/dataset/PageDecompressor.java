package org.bigpicture.core.dataset;

import com.github.luben.zstd.Zstd;
import java.io.IOException;

/** Decompresses pages of the codecs our writer uses: ZSTD, and UNCOMPRESSED. */
final class PageDecompressor {

    /** Parquet's CompressionCodec values (parquet.thrift). */
    static final int UNCOMPRESSED = 0;
    static final int ZSTD = 6;

    private PageDecompressor() {
    }

    static byte[] decompress(int codec, byte[] src, int offset, int length, int uncompressedSize)
            throws IOException {
        if (uncompressedSize < 0) {
            throw new IOException("corrupt page: negative size");
        }
        byte[] out = new byte[uncompressedSize];
        switch (codec) {
            case UNCOMPRESSED -> {
                if (length != uncompressedSize) {
                    throw new IOException("uncompressed page of " + length + " bytes, header says " + uncompressedSize);
                }
                System.arraycopy(src, offset, out, 0, length);
            }
            case ZSTD -> {
                ZstdNatives.prepare();
                long n = Zstd.decompressByteArray(out, 0, uncompressedSize, src, offset, length);
                if (Zstd.isError(n) || n != uncompressedSize) {
                    throw new IOException("corrupt ZSTD page: " + (Zstd.isError(n) ? Zstd.getErrorName(n) : n + " bytes"));
                }
            }
            default -> throw new IOException("compression codec " + codec + " is not supported (only files we write are read)");
        }
        return out;
    }
}
