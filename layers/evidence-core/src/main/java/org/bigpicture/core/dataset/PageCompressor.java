package org.bigpicture.core.dataset;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/** ZSTD for pages, one context and one output buffer reused for every page of a file (one thread). */
final class PageCompressor implements AutoCloseable {

    /** parquet-java's default ZSTD level: a good balance of speed and size. */
    static final int ZSTD_LEVEL = 3;

    private final ZstdCompressCtx context;
    private byte[] output = new byte[1 << 16];
    private final ByteSink header = new ByteSink(256);

    PageCompressor(int level) {
        ZstdNatives.prepare();
        context = new ZstdCompressCtx();
        context.setLevel(level);
    }

    /** Compresses {@code src[0..length)} into {@link #output()}; returns the compressed length. */
    int compress(byte[] src, int length) {
        int bound = (int) Zstd.compressBound(length);
        if (output.length < bound) {
            output = new byte[Math.max(bound, output.length * 2)];
        }
        return context.compressByteArray(output, 0, output.length, src, 0, length);
    }

    byte[] output() {
        return output;
    }

    /** Scratch space for a page header. */
    ByteSink headerBuffer() {
        return header;
    }

    @Override
    public void close() {
        context.close();
    }
}
