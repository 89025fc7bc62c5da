package org.bigpicture.core.formats;

import org.bigpicture.core.convert.DatasetOutput;
import org.bigpicture.core.convert.UploadTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Workspace;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.read.EncodingCheck;
import org.bigpicture.core.read.TextEncoding;
import org.bigpicture.core.read.Sheet;
import org.bigpicture.core.read.Workbook;
import org.bigpicture.core.read.Workbooks;
import org.bigpicture.core.store.ScratchNames;

/**
 * Opens an upload (CSV in any supported encoding and delimiter, or XLSX) into its tables and picks
 * the {@link Format} for each, by content (DESIGN.md, "Recognised sources"). Bad input (empty,
 * binary, truncated, malformed, hostile or over a limit) ends in a {@link BadInputException}
 * naming the line where it can.
 */
public final class Recognizer {

    /** Sheet names that hold no table (cover, contents and notes sheets of ONS-style workbooks). */
    private static final Pattern NOTES_SHEET = Pattern.compile(
            "(?i)\\s*(cover( sheet)?|front page|title|contents|table of contents|index|notes?( and definitions)?"
                    + "|definitions|metadata|meta ?data|info|information|about|read ?me|guidance|sources?|methodology"
                    + "|glossary|quality|introduction|background|terms|terms and conditions|revisions|changes"
                    + "|admin geography hierarchy|user notes|footnotes)\\s*");

    private final List<Format> formats;
    private final Limits limits;
    private final ScreenedOutput screening;

    /** Formats as given; their writers are not screened (tests that bring their own formats). */
    public Recognizer(List<Format> formats, Limits limits) {
        this(formats, limits, null);
    }

    private Recognizer(List<Format> formats, Limits limits, ScreenedOutput screening) {
        this.formats = List.copyOf(formats);
        this.limits = limits;
        this.screening = screening;
    }

    /**
     * Every built-in format, most specific first, the generic table last, each writing through
     * the personal-data screen ({@link #screening()}).
     */
    public static Recognizer standard(Limits limits) {
        ScreenedOutput screening = new ScreenedOutput(DatasetOutput.PARQUET);
        return new Recognizer(standardFormats(screening), limits, screening);
    }

    /**
     * The screen the formats write through, or empty for a recognizer built from formats of its
     * own (whose datasets ingest then records as not screened, and publish leaves out).
     */
    public java.util.Optional<ScreenedOutput> screening() {
        return java.util.Optional.ofNullable(screening);
    }

    /**
     * The built-in formats in the order they are tried: the statistical families (each recognised
     * by a distinctive header), then surveys, then the generic table, which claims any table.
     */
    public static List<Format> standardFormats(DatasetOutput output) {
        List<Format> list = new ArrayList<>();
        list.add(new FingertipsFormat(output));
        list.add(new NomisApiFormat(output));
        list.add(new OnsV4Format(output));
        list.add(new Imd2019Format(output));
        list.add(new OnsWideFormat(output));
        list.add(new NomisWebFormat(output));
        // Survey exports: after the statistical formats, before the generic table.
        list.add(new org.bigpicture.core.survey.SurveyFormat(output::openRespondentLevel));
        list.add(new GenericTableFormat(output));
        return list;
    }

    /**
     * Opens the file. Throws {@link BadInputException} when it is empty, binary, truncated, unsupported
     * or over a limit.
     */
    public UploadTables open(String key, Path file) throws IOException {
        // A large file's encoding is confirmed by a scan running alongside the conversion (issue 6):
        // formatFor wraps the format so that nothing is taken as done before the scan agrees.
        EncodingCheck encoding = TextEncoding.detectAhead(key, file, limits.maxFileBytes());
        if (encoding.presumed().container() != TextEncoding.Container.TEXT) {
            return openWorkbook(key, file); // XLSX, ODS or legacy .xls, recognised by content
        }
        CsvTable table;
        try {
            table = openText(key, file, encoding);
        } catch (BadInputException e) {
            // The whole-file scan's refusal (binary, mixed encodings) explains a bad start better.
            TextEncoding.Detected confirmed = encoding.confirm();
            if (EncodingCheck.same(confirmed, encoding.presumed())) {
                throw e;
            }
            table = openText(key, file, EncodingCheck.confirmed(confirmed));
        } catch (IOException | RuntimeException e) {
            encoding.cancel();
            throw e;
        }
        return new UploadTables(List.of(table), List.of());
    }

    private CsvTable openText(String key, Path file, EncodingCheck encoding) throws IOException {
        CsvTable table = new CsvTable(key, file, encoding, limits, LakeKeys.datasetId(key)).load();
        int rows = Heads.nonBlankRecords(table.head());
        if (rows == 0) {
            throw new BadInputException(key, 0, "the file holds no table: every line is blank");
        }
        if (rows == 1) {
            int first = Heads.firstNonBlank(table.head());
            throw new BadInputException(key, first + 1L, "the file has a header row but no data rows");
        }
        return table;
    }

    private UploadTables openWorkbook(String key, Path file) throws IOException {
        Workbook workbook = Workbooks.open(key, file, limits);
        String base = LakeKeys.datasetId(key);
        List<TableInput> tables = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Sheet s : workbook.sheets()) {
            if (s.isHidden()) {
                // A hidden sheet is not what the officer sees, and often what they forgot was there
                // (lookups, raw extracts, contact lists): it is not read at all, and the report says so.
                skipped.add(s.name() + ": " + ("VERY_HIDDEN".equals(s.visibility()) ? "very hidden" : "hidden")
                        + " sheet, not read");
                continue;
            }
            if (!s.isWorksheet()) {
                skipped.add(s.name() + ": " + s.kind() + ", no table");
                continue;
            }
            String slug = LakeKeys.slug(s.name());
            String id = base + "-" + (slug.isEmpty() ? "sheet-" + (s.index() + 1) : slug);
            while (!ids.add(id)) {
                id = id + "-" + (s.index() + 1);
            }
            SheetTable table = new SheetTable(key, workbook, s, id).load();
            String reason = skipReason(s.name(), table.head());
            if (reason != null) {
                skipped.add(s.name() + ": " + reason);
            } else {
                tables.add(table);
            }
        }
        if (tables.isEmpty()) {
            throw new BadInputException(key, 0, "the workbook holds no table"
                    + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")"));
        }
        return new UploadTables(List.copyOf(tables), List.copyOf(skipped));
    }

    /** Why a sheet is not converted, or null when it holds a table. */
    static String skipReason(String name, List<List<String>> head) {
        if (Heads.firstNonBlank(head) < 0) {
            return "empty sheet";
        }
        if (NOTES_SHEET.matcher(name).matches()) {
            return "cover or notes sheet";
        }
        int widest = 0;
        for (List<String> row : head) {
            widest = Math.max(widest, Heads.nonBlank(row));
        }
        if (widest < 2) {
            return "text only, no table";
        }
        if (Heads.nonBlankRecords(head) < 2) {
            return "a header row but no data rows";
        }
        return null;
    }

    /** The first format that claims the table (the generic table format claims any well-formed table). */
    public Format formatFor(TableInput table) {
        if (table instanceof CsvTable csv && !csv.encoding().isConfirmed()) {
            return new EncodingConfirmingFormat(csv);
        }
        return claimant(table);
    }

    private Format claimant(TableInput table) {
        for (Format f : formats) {
            if (f.claims(table)) {
                return f;
            }
        }
        throw new BadInputException(table.key(), 0, "no recognised layout and not a well-formed table");
    }

    public Limits limits() {
        return limits;
    }

    public List<Format> formats() {
        return formats;
    }

    /**
     * Recognises and validates the file and says what ingesting it would do, writing nothing that
     * outlives the call (conversions run into a temporary folder that is then deleted). Used by
     * {@code ./bigpicture check FILE}.
     */
    public UploadDescription describe(String key, Path file) throws IOException {
        UploadTables upload;
        try {
            upload = open(key, file);
        } catch (BadInputException e) {
            return new UploadDescription(key, false, e.line(), e.reason(), List.of(), List.of());
        }
        Path scratch = ScratchNames.newDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bigpicture-check-");
        try {
            Workspace workspace = new ScratchWorkspace(scratch, limits);
            List<UploadDescription.Table> tables = new ArrayList<>();
            boolean accepted = true;
            long problemLine = 0;
            String problem = null;
            for (TableInput t : upload.tables()) {
                String family = null;
                try {
                    Format f = formatFor(t);
                    family = f.family();
                    for (ConvertedDataset d : f.convert(t, workspace)) {
                        tables.add(new UploadDescription.Table(d.datasetId(), t.sheet(), t.physicalLayout(), d.family(),
                                d.layout(), d.kind(), header(t), d.rowsRead(), d.rowsWritten(), d.rowsRejected(),
                                d.rejected(), d.notes(), 0, null));
                    }
                } catch (BadInputException e) {
                    accepted = false;
                    if (problem == null) {
                        problem = e.reason();
                        problemLine = e.line();
                    }
                    tables.add(new UploadDescription.Table(t.datasetId(), t.sheet(), t.physicalLayout(), family, null,
                            null, header(t), 0, 0, 0, java.util.Map.of(), List.of(), e.line(), e.reason()));
                }
            }
            return new UploadDescription(key, accepted, problemLine, problem, List.copyOf(tables), upload.skipped());
        } finally {
            if (screening != null) {
                screening.discardUnder(scratch);
            }
            deleteTree(scratch);
        }
    }

    private static List<String> header(TableInput t) {
        int i = GenericTableFormat.headerIndex(t.head());
        if (i < 0) {
            return List.of();
        }
        List<String> row = t.head().get(i);
        int n = row.size();
        while (n > 0 && row.get(n - 1).isBlank()) {
            n--;
        }
        return List.copyOf(row.subList(0, Math.min(n, 40)));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Converts a CSV table whose encoding scan was still running, then waits for the scan: a
     * conversion is returned only once the whole file is known to be in the encoding it was read
     * with. When the scan refuses the file, its reason wins (also over a conversion that failed,
     * since binary bytes explain a parse error); when it finds Windows-1252 bytes late in a file
     * read as UTF-8, the table is read again in Windows-1252 and recognised afresh.
     */
    private final class EncodingConfirmingFormat implements Format {
        private final CsvTable table;
        private final Format format;

        EncodingConfirmingFormat(CsvTable table) {
            this.table = table;
            this.format = claimant(table);
        }

        @Override
        public String family() {
            return format.family();
        }

        @Override
        public boolean claims(TableInput t) {
            return format.claims(t);
        }

        @Override
        public List<ConvertedDataset> convert(TableInput t, Workspace workspace) throws IOException {
            if (t != table) {
                return format.convert(t, workspace);
            }
            List<ConvertedDataset> converted;
            try {
                converted = format.convert(table, workspace);
            } catch (BadInputException e) {
                if (table.confirmEncoding()) {
                    return claimant(table).convert(table, workspace);
                }
                throw e;
            } catch (IOException | RuntimeException e) {
                table.encoding().cancel();
                throw e;
            }
            if (table.confirmEncoding()) {
                return claimant(table).convert(table, workspace);
            }
            return converted;
        }
    }
}
