package org.bigpicture.core.dataset;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/** ZSTD for pages, one context and one output buffer reused for every page of a file (one thread). */
final class PageCompressor implements AutoCloseable {

    /**
     * ZSTD level 1, not parquet-java's 3: our pages are small and mostly dictionary ids already,
     * and level 1 made smaller files from every real extract in shared/realdata (IMD 2019 0.2%,
     * Nomis census 5%, ONS MYE 12%) and from the benchmark's 2M-row Fingertips file (1%), with
     * about 0.2 s less CPU for the latter (issue 6).
     */
    static final int ZSTD_LEVEL = 1;

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
