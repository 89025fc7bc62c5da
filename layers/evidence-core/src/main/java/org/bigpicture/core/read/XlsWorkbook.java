package org.bigpicture.core.read;

import org.bigpicture.core.convert.Records;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;

/**
 * A legacy Excel workbook (.xls: BIFF8 in a compound file; [MS-CFB], [MS-XLS]) read by our own
 * small streaming reader: the workbook globals (BOF, BOUNDSHEET8, SST with its CONTINUE records,
 * FORMAT, XF, DATEMODE for the 1904 date system; FILEPASS, meaning encrypted, is refused), each
 * within {@link Limits}; then each sheet streamed from its BOUNDSHEET8 offset by
 * {@link XlsSheetRecords}. Excel 5.0/95 (BIFF5) and older are refused with what to do.
 */
final class XlsWorkbook implements Workbook {

    static final int BOF = 0x0809;
    static final int EOF = 0x000A;

    private final String key;
    private final Path file;
    private final Limits limits;
    private final List<Sheet> sheets;
    private final long[] offsets;
    private final boolean date1904;
    private final String[] sst;
    private final int sstCount;
    private final int[] xfFormats;
    private final Map<Integer, String> formatCodes;
    private final CellFormat[] formatsByXf;

    private XlsWorkbook(String key, Path file, Limits limits, List<Sheet> sheets, long[] offsets, boolean date1904,
                        String[] sst, int sstCount, int[] xfFormats, Map<Integer, String> formatCodes) {
        this.key = key;
        this.file = file;
        this.limits = limits;
        this.sheets = List.copyOf(sheets);
        this.offsets = offsets;
        this.date1904 = date1904;
        this.sst = sst;
        this.sstCount = sstCount;
        this.xfFormats = xfFormats;
        this.formatCodes = formatCodes;
        this.formatsByXf = new CellFormat[xfFormats.length];
    }

    static XlsWorkbook open(String key, Path file, Limits limits) throws IOException {
        CompoundFile cf = CompoundFile.open(key, file);
        try {
            CompoundFile.Entry stream = workbookStream(key, cf);
            CompoundFile.StreamReader in = cf.open(stream);
            BiffInput biff = new BiffInput(key, new BufferedInputStream(in, 1 << 16));
            if (!biff.next() || biff.type() != BOF || biff.length() < 4) {
                throw new BadInputException(key, 0, "the .xls workbook is damaged: its stream does not start with a"
                        + " BOF record");
            }
            int version = biff.u16(0);
            if (version != 0x0600) {
                throw old(key, version);
            }
            List<Sheet> sheets = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            boolean date1904 = false;
            String[] sst = new String[0];
            int sstCount = 0;
            int[] xfs = new int[64];
            int xfCount = 0;
            Map<Integer, String> codes = new HashMap<>();
            while (biff.next() && biff.type() != EOF) {
                switch (biff.type()) {
                    case 0x002F -> throw new BadInputException(key, 0, "the .xls workbook is password-protected"
                            + " (encrypted): save it without a password, preferably as .xlsx, and upload it again");
                    case 0x0022 -> date1904 = biff.length() >= 2 && biff.u16(0) == 1;
                    case 0x0085 -> {
                        if (sheets.size() == limits.maxSheets()) {
                            throw new BadInputException(key, 0, "the .xls workbook has more than " + limits.maxSheets()
                                    + " sheets, the limit");
                        }
                        long offset = biff.u32(0);
                        int state = biff.u8(4) & 0x03;
                        int dt = biff.u8(5);
                        String name = biff.stringAt(6, true);
                        String kind = switch (dt) {
                            case 0 -> "worksheet";
                            case 1 -> "macrosheet";
                            case 2 -> "chartsheet";
                            default -> "other";
                        };
                        if (offset >= stream.size()) {
                            throw biff.damaged("sheet \"" + name + "\" starts outside the workbook stream");
                        }
                        sheets.add(new Sheet(sheets.size(), name, state == 1 ? "HIDDEN" : state == 2 ? "VERY_HIDDEN"
                                : "VISIBLE", kind));
                        offsets.add(offset);
                    }
                    case 0x041E -> {
                        if (codes.size() >= limits.maxStyles()) {
                            throw styleLimit(key, limits);
                        }
                        codes.put(biff.u16(0), biff.stringAt(2, false));
                    }
                    case 0x00E0 -> {
                        if (xfCount >= limits.maxStyles()) {
                            throw styleLimit(key, limits);
                        }
                        if (xfCount == xfs.length) {
                            xfs = Arrays.copyOf(xfs, xfCount * 2);
                        }
                        xfs[xfCount++] = biff.u16(2);
                    }
                    case 0x00FC -> {
                        long unique = biff.u32(4);
                        if (unique > limits.maxSharedStrings()) {
                            throw new BadInputException(key, 0, "the .xls workbook declares " + unique
                                    + " shared strings, more than the limit of " + limits.maxSharedStrings());
                        }
                        sst = new String[(int) Math.min(unique, 1 << 16)];
                        long chars = 0;
                        biff.seekBody(8);
                        for (long i = 0; i < unique; i++) {
                            String s = biff.string(true, limits.maxCellChars());
                            chars += s.length();
                            if (chars > limits.maxSharedStringChars()) {
                                throw new BadInputException(key, 0, "the .xls workbook's shared strings hold more than "
                                        + limits.maxSharedStringChars() + " characters in all, the limit");
                            }
                            if (sstCount == sst.length) {
                                sst = Arrays.copyOf(sst, Math.max(16, sstCount * 2));
                            }
                            sst[sstCount++] = s;
                        }
                    }
                    default -> {
                        // other globals (fonts, palette, names, …) are not needed to read cells
                    }
                }
            }
            long[] at = new long[offsets.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = offsets.get(i);
            }
            return new XlsWorkbook(key, file, limits, sheets, at, date1904, sst, sstCount, Arrays.copyOf(xfs, xfCount),
                    codes);
        } finally {
            cf.close();
        }
    }

    /** The BIFF8 "Workbook" stream, or a refusal saying what the compound file is instead. */
    private static CompoundFile.Entry workbookStream(String key, CompoundFile cf) {
        CompoundFile.Entry e = cf.stream("Workbook");
        if (e != null) {
            return e;
        }
        if (cf.stream("Book") != null) {
            throw old(key, 0x0500);
        }
        if (cf.stream("EncryptedPackage") != null) {
            throw new BadInputException(key, 0, "the file is a password-protected (encrypted) Office document: save it"
                    + " without a password and upload it again");
        }
        if (cf.stream("WordDocument") != null) {
            throw new BadInputException(key, 0, "the file is an old-style Word document (.doc), not a spreadsheet:"
                    + " save the table as .xlsx or CSV");
        }
        if (cf.stream("PowerPoint Document") != null) {
            throw new BadInputException(key, 0, "the file is an old-style PowerPoint presentation (.ppt), not a"
                    + " spreadsheet: save the table as .xlsx or CSV");
        }
        throw new BadInputException(key, 0, "the file is an OLE2 compound document but not an Excel workbook:"
                + " it has no Workbook stream");
    }

    private static BadInputException old(String key, int version) {
        return new BadInputException(key, 0, "the file is an Excel " + (version == 0x0500 ? "5.0/95" : "2.x–4.0")
                + " workbook (an older format than Excel 97's .xls), which is not supported: save it as .xlsx"
                + " or CSV and upload that");
    }

    private static BadInputException styleLimit(String key, Limits limits) {
        return new BadInputException(key, 0, "the .xls workbook defines more than " + limits.maxStyles()
                + " cell styles or number formats, the limit");
    }

    @Override
    public String format() {
        return "XLS";
    }

    @Override
    public List<Sheet> sheets() {
        return sheets;
    }

    @Override
    public List<String> notes() {
        return date1904 ? List.of("dates in the 1904 date system (read as such)") : List.of();
    }

    @Override
    public Records open(int index) throws IOException {
        Sheet sheet = sheets.get(index);
        CompoundFile cf = CompoundFile.open(key, file);
        try {
            CompoundFile.StreamReader in = cf.open(workbookStream(key, cf));
            in.seek(offsets[index]);
            BiffInput biff = new BiffInput(key, new BufferedInputStream(in, 1 << 16));
            return new XlsSheetRecords(key, sheet.name(), biff, cf, this, limits);
        } catch (IOException | RuntimeException e) {
            cf.close();
            throw e;
        }
    }

    boolean date1904() {
        return date1904;
    }

    String sharedString(long index, long row) {
        if (index < 0 || index >= sstCount) {
            throw new BadInputException(key, row, "a cell on row " + row + " points to shared string " + index
                    + ", but the workbook has " + sstCount + ": the workbook is damaged");
        }
        return sst[(int) index];
    }

    /** How cell style (XF) {@code xf} shows numbers (cached per XF). */
    CellFormat format(int xf) {
        if (xf < 0 || xf >= xfFormats.length) {
            return CellFormat.GENERAL;
        }
        CellFormat f = formatsByXf[xf];
        if (f == null) {
            int id = xfFormats[xf];
            String code = formatCodes.get(id);
            f = CellFormat.of(code != null ? code : CellFormat.builtIn(id));
            formatsByXf[xf] = f;
        }
        return f;
    }
}
