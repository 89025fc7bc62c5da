package org.bigpicture.core.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a ZIP by hand (local headers, data, central directory), so that a test can put in it what
 * no ZIP library would: a part that inflates to 1.5 GB from a few megabytes, made by repeating one
 * deflated block (after a full flush the deflater starts afresh, so the same input yields the same
 * bytes), without the test ever holding or compressing 1.5 GB.
 */
final class RawZip {

    private record Entry(String name, int method, long crc, long compressed, long size, long offset) {
    }

    private final OutputStream out;
    private final List<Entry> entries = new ArrayList<>();
    private long written;

    RawZip(Path file) throws IOException {
        this.out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /** A deflated entry holding {@code bytes}. */
    RawZip add(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(bytes);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        byte[] data = z.toByteArray();
        entry(name, 8, crc.getValue(), data.length, bytes.length, List.of(data), 1);
        return this;
    }

    /** A stored (uncompressed) entry, as the ODS {@code mimetype} must be. */
    RawZip stored(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry(name, 0, crc.getValue(), bytes.length, bytes.length, List.of(bytes), 1);
        return this;
    }

    /** A deflated entry holding {@code head}, then {@code repeat} copies of {@code body}, then {@code tail}. */
    RawZip repeated(String name, String head, String body, long repeat, String tail) throws IOException {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        byte[] zh = deflate(d, h, Deflater.FULL_FLUSH);
        byte[] zb = deflate(d, b, Deflater.FULL_FLUSH);
        byte[] zt = deflate(d, t, -1);
        d.end();
        CRC32 crc = new CRC32();
        crc.update(h);
        for (long i = 0; i < repeat; i++) {
            crc.update(b);
        }
        crc.update(t);
        long size = h.length + (long) b.length * repeat + t.length;
        long compressed = zh.length + (long) zb.length * repeat + zt.length;
        long offset = written;
        header(name, 8, crc.getValue(), compressed, size);
        write(zh);
        for (long i = 0; i < repeat; i++) {
            write(zb);
        }
        write(zt);
        entries.add(new Entry(name, 8, crc.getValue(), compressed, size, offset));
        return this;
    }

    private static byte[] deflate(Deflater d, byte[] input, int flush) {
        d.setInput(input);
        if (flush < 0) {
            d.finish();
        }
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        if (flush < 0) {
            while (!d.finished()) {
                z.write(buf, 0, d.deflate(buf));
            }
        } else {
            int n;
            do {
                n = d.deflate(buf, 0, buf.length, flush);
                z.write(buf, 0, n);
            } while (n == buf.length);
        }
        return z.toByteArray();
    }

    private void entry(String name, int method, long crc, long compressed, long size, List<byte[]> data, int times)
            throws IOException {
        long offset = written;
        header(name, method, crc, compressed, size);
        for (int i = 0; i < times; i++) {
            for (byte[] d : data) {
                write(d);
            }
        }
        entries.add(new Entry(name, method, crc, compressed, size, offset));
    }

    private void header(String name, int method, long crc, long compressed, long size) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer h = ByteBuffer.allocate(30 + n.length).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) method)
                .putShort((short) 0).putShort((short) 0x21).putInt((int) crc).putInt((int) compressed).putInt((int) size)
                .putShort((short) n.length).putShort((short) 0).put(n);
        write(h.array());
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        written += b.length;
    }

    void close() throws IOException {
        long cd = written;
        for (Entry e : entries) {
            byte[] n = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = ByteBuffer.allocate(46 + n.length).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800)
                    .putShort((short) e.method()).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc())
                    .putInt((int) e.compressed()).putInt((int) e.size()).putShort((short) n.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) e.offset()).put(n);
            write(h.array());
        }
        long size = written - cd;
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt((int) size).putInt((int) cd).putShort((short) 0);
        write(end.array());
        out.close();
    }
}
