package org.bigpicture.core.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes minimal legacy Excel files by hand for the tests: BIFF8 records ([MS-XLS]) in a version 3
 * compound file ([MS-CFB]: 512-byte sectors, one FAT sector, one directory sector, the Workbook
 * stream in regular sectors). Shared strings longer than a record continue in CONTINUE records as
 * Excel writes them (the continuation restates the character width).
 */
final class Biff8Writer {

    private final List<String> sst = new ArrayList<>();
    private final List<String> formats = new ArrayList<>();
    private final List<Sheet> sheets = new ArrayList<>();
    private boolean date1904;
    private boolean encrypted;

    /** One sheet's cell records, in the order given (rows ascending, as Excel writes them). */
    final class Sheet {
        final String name;
        final int state;
        final ByteArrayOutputStream cells = new ByteArrayOutputStream();

        Sheet(String name, int state) {
            this.name = name;
            this.state = state;
        }

        Sheet number(int row, int col, int xf, double v) {
            ByteBuffer b = le(14).putShort((short) row).putShort((short) col).putShort((short) xf).putDouble(v);
            record(cells, 0x0203, b.array());
            return this;
        }

        /** An RK cell: {@code rk} as Excel encodes it ([MS-XLS] 2.5.218). */
        Sheet rk(int row, int col, int xf, int rk) {
            record(cells, 0x027E, le(10).putShort((short) row).putShort((short) col).putShort((short) xf).putInt(rk).array());
            return this;
        }

        Sheet mulrk(int row, int firstCol, int xf, int... rks) {
            ByteBuffer b = le(6 + 6 * rks.length).putShort((short) row).putShort((short) firstCol);
            for (int rk : rks) {
                b.putShort((short) xf).putInt(rk);
            }
            b.putShort((short) (firstCol + rks.length - 1));
            record(cells, 0x00BD, b.array());
            return this;
        }

        /** A LABELSST cell with its string added to the shared strings. */
        Sheet text(int row, int col, String s) {
            int index = sst.indexOf(s);
            if (index < 0) {
                sst.add(s);
                index = sst.size() - 1;
            }
            record(cells, 0x00FD, le(10).putShort((short) row).putShort((short) col).putShort((short) 15).putInt(index)
                    .array());
            return this;
        }

        /** A formula cell whose cached result is text: FORMULA flagged as a string, then STRING. */
        Sheet formulaText(int row, int col, String result) {
            ByteBuffer f = le(26).putShort((short) row).putShort((short) col).putShort((short) 15)
                    .put(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF}).putShort((short) 0).putInt(0)
                    .putShort((short) 4).put(new byte[] {0x17, 0, 0, 0}); // a bogus formula body (ignored by readers)
            record(cells, 0x0006, f.array());
            record(cells, 0x0207, xlString(result, false));
            return this;
        }

        Sheet formulaNumber(int row, int col, int xf, double v) {
            ByteBuffer f = le(22).putShort((short) row).putShort((short) col).putShort((short) xf).putDouble(v)
                    .putShort((short) 0).putInt(0).putShort((short) 0);
            record(cells, 0x0006, f.array());
            return this;
        }

        Sheet error(int row, int col, int code) {
            record(cells, 0x0205, le(8).putShort((short) row).putShort((short) col).putShort((short) 15)
                    .put((byte) code).put((byte) 1).array());
            return this;
        }

        Sheet bool(int row, int col, boolean v) {
            record(cells, 0x0205, le(8).putShort((short) row).putShort((short) col).putShort((short) 15)
                    .put((byte) (v ? 1 : 0)).put((byte) 0).array());
            return this;
        }
    }

    Sheet sheet(String name) {
        return sheet(name, 0);
    }

    /** @param state 0 visible, 1 hidden, 2 very hidden */
    Sheet sheet(String name, int state) {
        Sheet s = new Sheet(name, state);
        sheets.add(s);
        return s;
    }

    /** A cell style (XF) showing numbers with {@code code}; returns its XF index. */
    int style(String code) {
        formats.add(code);
        return 16 + formats.size() - 1;
    }

    Biff8Writer date1904() {
        this.date1904 = true;
        return this;
    }

    Biff8Writer encrypted() {
        this.encrypted = true;
        return this;
    }

    Path write(Path file) throws IOException {
        Files.write(file, compound(workbookStream(-1), false));
        return file;
    }

    /** A workbook whose SST declares {@code count} strings and holds none. */
    static Path withSstCount(Path file, long count) throws IOException {
        Biff8Writer w = new Biff8Writer();
        w.sheet("Data").number(0, 0, 15, 1);
        Files.write(file, compound(w.workbookStream(count), false));
        return file;
    }

    /** A workbook whose Workbook stream's first sector points to itself in the FAT. */
    static Path withLoopingChain(Path file) throws IOException {
        Biff8Writer w = new Biff8Writer();
        w.sheet("Data").number(0, 0, 15, 1);
        Files.write(file, compound(w.workbookStream(-1), true));
        return file;
    }

    private byte[] workbookStream(long sstCountOverride) {
        ByteArrayOutputStream g = new ByteArrayOutputStream();
        record(g, 0x0809, bof(0x0005));
        if (encrypted) {
            record(g, 0x002F, new byte[6]);
        }
        record(g, 0x0042, le(2).putShort((short) 1200).array()); // CODEPAGE: UTF-16
        if (date1904) {
            record(g, 0x0022, le(2).putShort((short) 1).array());
        }
        for (int i = 0; i < formats.size(); i++) {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.writeBytes(le(2).putShort((short) (164 + i)).array());
            f.writeBytes(xlString(formats.get(i), false));
            record(g, 0x041E, f.toByteArray());
        }
        for (int i = 0; i < 16; i++) {
            record(g, 0x00E0, xf(0, true));
        }
        for (int i = 0; i < formats.size(); i++) {
            record(g, 0x00E0, xf(164 + i, false));
        }
        // BOUNDSHEET8 records: their offsets are patched once the globals' length is known
        List<Integer> patch = new ArrayList<>();
        for (Sheet s : sheets) {
            byte[] name = s.name.getBytes(StandardCharsets.ISO_8859_1);
            ByteBuffer b = le(8 + name.length).putInt(0).put((byte) s.state).put((byte) 0).put((byte) name.length)
                    .put((byte) 0).put(name);
            patch.add(g.size() + 4);
            record(g, 0x0085, b.array());
        }
        sst(g, sstCountOverride);
        record(g, 0x000A, new byte[0]);
        byte[] globals = g.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(globals);
        List<Integer> offsets = new ArrayList<>();
        for (Sheet s : sheets) {
            offsets.add(all.size());
            record(all, 0x0809, bof(0x0010));
            record(all, 0x0200, le(14).putInt(0).putInt(65536).putShort((short) 0).putShort((short) 256).putShort((short) 0)
                    .array()); // DIMENSIONS declaring the whole BIFF8 grid: never used to size anything
            all.writeBytes(s.cells.toByteArray());
            record(all, 0x000A, new byte[0]);
        }
        byte[] stream = all.toByteArray();
        for (int i = 0; i < patch.size(); i++) {
            ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN).putInt(patch.get(i), offsets.get(i));
        }
        // at least 4,096 bytes, so that the stream lives in regular sectors (padding after the last EOF)
        return stream.length >= 4096 ? stream : java.util.Arrays.copyOf(stream, 4096);
    }

    /** SST with its strings, continued in CONTINUE records when a record is full. */
    private void sst(ByteArrayOutputStream g, long countOverride) {
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        long count = countOverride >= 0 ? countOverride : sst.size();
        rec.writeBytes(le(8).putInt((int) count).putInt((int) count).array());
        boolean first = true;
        if (countOverride < 0) {
            for (String s : sst) {
                boolean wide = !StandardCharsets.ISO_8859_1.newEncoder().canEncode(s);
                int headerBytes = 3;
                if (BiffInput.MAX_RECORD - rec.size() < headerBytes + (wide ? 2 : 1)) {
                    record(g, first ? 0x00FC : 0x003C, rec.toByteArray());
                    first = false;
                    rec.reset();
                }
                rec.writeBytes(le(3).putShort((short) s.length()).put((byte) (wide ? 1 : 0)).array());
                int i = 0;
                while (i < s.length()) {
                    int room = (BiffInput.MAX_RECORD - rec.size()) / (wide ? 2 : 1);
                    if (room == 0) {
                        record(g, first ? 0x00FC : 0x003C, rec.toByteArray());
                        first = false;
                        rec.reset();
                        rec.write(wide ? 1 : 0); // the continuation restates the width
                        continue;
                    }
                    int n = Math.min(room, s.length() - i);
                    for (int k = 0; k < n; k++) {
                        char c = s.charAt(i + k);
                        rec.write(c & 0xff);
                        if (wide) {
                            rec.write(c >> 8);
                        }
                    }
                    i += n;
                }
            }
        }
        record(g, first ? 0x00FC : 0x003C, rec.toByteArray());
    }

    private static byte[] bof(int dt) {
        return le(16).putShort((short) 0x0600).putShort((short) dt).putShort((short) 0x0DBB).putShort((short) 0x07CC)
                .putInt(0).putInt(0x06).array();
    }

    private static byte[] xf(int format, boolean style) {
        ByteBuffer b = le(20).putShort((short) 0).putShort((short) format).putShort((short) (style ? 0xFFF5 : 0x0001));
        return b.array();
    }

    /** XLUnicodeString: a 2-byte count, the width flag, the characters. */
    static byte[] xlString(String s, boolean forceWide) {
        boolean wide = forceWide || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(s);
        ByteBuffer b = le(3 + s.length() * (wide ? 2 : 1)).putShort((short) s.length()).put((byte) (wide ? 1 : 0));
        for (char c : s.toCharArray()) {
            if (wide) {
                b.putChar(c);
            } else {
                b.put((byte) c);
            }
        }
        return b.array();
    }

    static void record(ByteArrayOutputStream out, int type, byte[] body) {
        if (body.length > BiffInput.MAX_RECORD) {
            throw new IllegalArgumentException("record too long");
        }
        out.writeBytes(le(4).putShort((short) type).putShort((short) body.length).array());
        out.writeBytes(body);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The Workbook stream in a version 3 compound file. */
    static byte[] compound(byte[] stream, boolean loop) {
        int sectors = (stream.length + 511) / 512;
        if (sectors > 126) {
            throw new IllegalArgumentException("one FAT sector holds streams up to 126 sectors");
        }
        ByteBuffer f = le(512 * (3 + sectors));
        // header
        f.putLong(0xE11AB1A1E011CFD0L).put(new byte[16]).putShort((short) 0x3E).putShort((short) 3)
                .putShort((short) 0xFFFE).putShort((short) 9).putShort((short) 6).put(new byte[6]).putInt(0).putInt(1)
                .putInt(1).putInt(0).putInt(4096).putInt(0xFFFFFFFE).putInt(0).putInt(0xFFFFFFFE).putInt(0).putInt(0);
        for (int i = 1; i < 109; i++) {
            f.putInt(0xFFFFFFFF);
        }
        // sector 0: the FAT
        f.position(512);
        f.putInt(0xFFFFFFFD).putInt(0xFFFFFFFE);
        for (int i = 0; i < sectors; i++) {
            f.putInt(loop && i == 0 ? 2 : i == sectors - 1 ? 0xFFFFFFFE : 3 + i);
        }
        while (f.position() < 1024) {
            f.putInt(0xFFFFFFFF);
        }
        // sector 1: the directory (root, Workbook, two unused entries)
        f.position(1024);
        dirEntry(f, "Root Entry", 5, 1, 0xFFFFFFFE, 0);
        dirEntry(f, "Workbook", 2, -1, 2, stream.length);
        dirEntry(f, "", 0, -1, 0, 0);
        dirEntry(f, "", 0, -1, 0, 0);
        f.position(1536);
        f.put(stream);
        return f.array();
    }

    private static void dirEntry(ByteBuffer f, String name, int type, int child, int start, long size) {
        int at = f.position();
        byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
        f.put(n);
        f.position(at + 64);
        f.putShort((short) (name.isEmpty() ? 0 : n.length + 2)).put((byte) type).put((byte) 1).putInt(-1).putInt(-1)
                .putInt(child).put(new byte[16]).putInt(0).putLong(0).putLong(0).putInt(start).putLong(size);
    }
}
