package org.bigpicture.core.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.bigpicture.core.convert.BadInputException;

/**
 * A reader for the Compound File Binary format ([MS-CFB], the OLE2 container of .xls files):
 * header, DIFAT, FAT, directory and mini stream, with every count, sector number and chain checked
 * against the file's size before it is followed (a cyclic or out-of-range chain is "damaged", never
 * a loop or an allocation). Streams are read through the file channel sector by sector, never
 * loaded whole.
 */
final class CompoundFile {

    private static final long SIGNATURE = 0xE11AB1A1E011CFD0L;
    private static final int END_OF_CHAIN = 0xFFFFFFFE;
    private static final int FREE = 0xFFFFFFFF;
    private static final int MAX_REGULAR = 0xFFFFFFFA;

    private final String key;
    private final FileChannel channel;
    private final long fileSize;
    private final int sectorSize;
    private final int miniSectorSize;
    private final long miniCutoff;
    private final int[] fat;
    private final int[] miniFat;
    private final List<Entry> directory;
    private final int[] miniStreamSectors;

    /** A directory entry: name, type (1 storage, 2 stream, 5 root), first sector and size. */
    record Entry(String name, int type, int start, long size) {
    }

    static boolean isCompoundFile(byte[] head) {
        return ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() == SIGNATURE;
    }

    private CompoundFile(String key, FileChannel channel) throws IOException {
        this.key = key;
        this.channel = channel;
        this.fileSize = channel.size();
        ByteBuffer h = read(0, 512);
        if (h.getLong(0) != SIGNATURE) {
            throw damaged("its signature is not a compound file's");
        }
        int major = h.getShort(26) & 0xffff;
        int shift = h.getShort(30) & 0xffff;
        int miniShift = h.getShort(32) & 0xffff;
        if (!(major == 3 && shift == 9 || major == 4 && shift == 12) || miniShift != 6) {
            throw damaged("its header declares sectors of 2^" + shift + " bytes (version " + major + ")");
        }
        sectorSize = 1 << shift;
        miniSectorSize = 1 << miniShift;
        long sectors = (fileSize - sectorSize + sectorSize - 1) / sectorSize; // sectors after the header
        if (fileSize < sectorSize || sectors > Integer.MAX_VALUE / 2) {
            throw damaged("it is shorter than its header says");
        }
        int fatSectors = h.getInt(44);
        int firstDir = h.getInt(48);
        miniCutoff = h.getInt(56) & 0xffffffffL;
        int firstMiniFat = h.getInt(60);
        int miniFatSectors = h.getInt(64);
        int firstDifat = h.getInt(68);
        int difatSectors = h.getInt(72);
        if (fatSectors < 0 || fatSectors > sectors || miniFatSectors < 0 || miniFatSectors > sectors
                || difatSectors < 0 || difatSectors > sectors) {
            throw damaged("its header counts more sectors than the file holds");
        }
        // DIFAT: 109 FAT sector numbers in the header, the rest in a chain of DIFAT sectors.
        int[] fatList = new int[fatSectors];
        int n = 0;
        for (int i = 0; i < 109 && n < fatSectors; i++) {
            int s = h.getInt(76 + 4 * i);
            if (s == FREE || s == END_OF_CHAIN) {
                break;
            }
            fatList[n++] = checkSector(s, sectors);
        }
        int perDifat = sectorSize / 4 - 1;
        int difat = firstDifat;
        BitSet seen = new BitSet();
        for (int d = 0; n < fatSectors && d < difatSectors && difat != END_OF_CHAIN; d++) {
            checkSector(difat, sectors);
            if (seen.get(difat)) {
                throw damaged("its DIFAT chain loops");
            }
            seen.set(difat);
            ByteBuffer b = sector(difat);
            for (int i = 0; i < perDifat && n < fatSectors; i++) {
                int s = b.getInt(4 * i);
                if (s == FREE || s == END_OF_CHAIN) {
                    continue;
                }
                fatList[n++] = checkSector(s, sectors);
            }
            difat = b.getInt(4 * perDifat);
        }
        if (n < fatSectors) {
            throw damaged("its allocation table is incomplete");
        }
        int perSector = sectorSize / 4;
        long fatEntries = (long) fatSectors * perSector;
        fat = new int[(int) Math.min(fatEntries, sectors + perSector)];
        for (int i = 0; i < fatSectors; i++) {
            ByteBuffer b = sector(fatList[i]);
            for (int k = 0; k < perSector; k++) {
                long at = (long) i * perSector + k;
                if (at < fat.length) {
                    fat[(int) at] = b.getInt(4 * k);
                }
            }
        }
        // The directory: 128-byte entries in its own chain.
        directory = new ArrayList<>();
        for (int s : chain(firstDir, sectors)) {
            ByteBuffer b = sector(s);
            for (int off = 0; off + 128 <= sectorSize; off += 128) {
                int nameBytes = b.getShort(off + 64) & 0xffff;
                int type = b.get(off + 66) & 0xff;
                String name = "";
                if (nameBytes >= 2 && nameBytes <= 64) {
                    byte[] nb = new byte[nameBytes - 2];
                    b.get(off, nb, 0, nb.length);
                    name = new String(nb, StandardCharsets.UTF_16LE);
                }
                int start = b.getInt(off + 116);
                long size = b.getLong(off + 120);
                if (major == 3) {
                    size &= 0xffffffffL; // version 3 files keep junk in the high half
                }
                directory.add(new Entry(name, type, start, size));
            }
        }
        if (directory.isEmpty() || directory.get(0).type() != 5) {
            throw damaged("it has no root entry");
        }
        // The mini FAT and the mini stream (held in the root entry's chain).
        List<Integer> miniFatChain = firstMiniFat == END_OF_CHAIN || miniFatSectors == 0 ? List.of()
                : chain(firstMiniFat, sectors);
        miniFat = new int[miniFatChain.size() * perSector];
        for (int i = 0; i < miniFatChain.size(); i++) {
            ByteBuffer b = sector(miniFatChain.get(i));
            for (int k = 0; k < perSector; k++) {
                miniFat[i * perSector + k] = b.getInt(4 * k);
            }
        }
        Entry root = directory.get(0);
        List<Integer> miniChain = root.start() == END_OF_CHAIN || root.size() == 0 ? List.of() : chain(root.start(), sectors);
        miniStreamSectors = new int[miniChain.size()];
        for (int i = 0; i < miniStreamSectors.length; i++) {
            miniStreamSectors[i] = miniChain.get(i);
        }
    }

    /** Opens the container (the caller closes it). */
    static CompoundFile open(String key, Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new CompoundFile(key, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The stream entry named {@code name} (case-insensitive, as [MS-CFB] compares names), or null. */
    Entry stream(String name) {
        for (Entry e : directory) {
            if (e.type() == 2 && e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    /** A stream's bytes, read on demand through the file channel; seekable. */
    StreamReader open(Entry e) throws IOException {
        long sectors = (fileSize - sectorSize + sectorSize - 1) / sectorSize;
        boolean mini = e.size() < miniCutoff;
        int unit = mini ? miniSectorSize : sectorSize;
        List<Integer> chain = mini ? miniChain(e.start()) : chain(e.start(), sectors);
        if ((long) chain.size() * unit < e.size()) {
            throw damaged("stream \"" + e.name() + "\" is longer than its sectors (" + e.size() + " bytes)");
        }
        int[] list = new int[chain.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = chain.get(i);
        }
        return new StreamReader(list, unit, mini, e.size());
    }

    /** A sector chain from {@code start}, checked: every sector in the file, none twice, no longer than the file. */
    private List<Integer> chain(int start, long sectors) {
        List<Integer> out = new ArrayList<>();
        BitSet seen = new BitSet();
        int s = start;
        while (s != END_OF_CHAIN) {
            if (s < 0 || s >= sectors || s >= fat.length || Integer.compareUnsigned(s, MAX_REGULAR) > 0) {
                throw damaged("a sector chain points outside the file");
            }
            if (seen.get(s)) {
                throw damaged("a sector chain loops");
            }
            seen.set(s);
            out.add(s);
            s = fat[s];
        }
        return out;
    }

    private List<Integer> miniChain(int start) {
        List<Integer> out = new ArrayList<>();
        BitSet seen = new BitSet();
        long capacity = (long) miniStreamSectors.length * sectorSize / miniSectorSize;
        int s = start;
        while (s != END_OF_CHAIN) {
            if (s < 0 || s >= miniFat.length || s >= capacity) {
                throw damaged("a mini-stream chain points outside the mini stream");
            }
            if (seen.get(s)) {
                throw damaged("a mini-stream chain loops");
            }
            seen.set(s);
            out.add(s);
            s = miniFat[s];
        }
        return out;
    }

    private int checkSector(int s, long sectors) {
        if (s < 0 || s >= sectors) {
            throw damaged("its allocation table points outside the file");
        }
        return s;
    }

    private ByteBuffer sector(int s) throws IOException {
        return read((long) (s + 1) * sectorSize, sectorSize);
    }

    private ByteBuffer read(long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int r = channel.read(b, at + b.position());
            if (r < 0) {
                if (at + b.position() >= fileSize && b.position() > 0) {
                    break; // the last sector may be short: the rest reads as zeros
                }
                throw damaged("it is truncated");
            }
        }
        b.clear();
        return b;
    }

    BadInputException damaged(String why) {
        return new BadInputException(key, 0, "the .xls workbook is damaged (" + why + ")");
    }

    void close() throws IOException {
        channel.close();
    }

    /** Reads a stream's bytes in order from a position, sector by sector. */
    final class StreamReader extends InputStream {
        private final int[] sectors;
        private final int unit;
        private final boolean mini;
        private final long size;
        private long position;

        StreamReader(int[] sectors, int unit, boolean mini, long size) {
            this.sectors = sectors;
            this.unit = unit;
            this.mini = mini;
            this.size = size;
        }

        long size() {
            return size;
        }

        void seek(long p) {
            if (p < 0 || p > size) {
                throw damaged("a record points outside its stream");
            }
            position = p;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= size) {
                return -1;
            }
            int total = 0;
            while (len > 0 && position < size) {
                int index = (int) (position / unit);
                int within = (int) (position % unit);
                int n = (int) Math.min(Math.min(len, unit - within), size - position);
                long at = mini ? miniOffset(sectors[index], within) : (long) (sectors[index] + 1) * sectorSize + within;
                ByteBuffer bb = ByteBuffer.wrap(b, off, n);
                while (bb.hasRemaining()) {
                    int r = channel.read(bb, at + (bb.position() - off));
                    if (r < 0) {
                        throw damaged("it is truncated");
                    }
                }
                off += n;
                len -= n;
                total += n;
                position += n;
            }
            return total;
        }

        private long miniOffset(int miniSector, int within) {
            long inMini = (long) miniSector * miniSectorSize + within;
            int s = miniStreamSectors[(int) (inMini / sectorSize)];
            return (long) (s + 1) * sectorSize + inMini % sectorSize;
        }
    }
}
