package org.bigpicture.core.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.read.CsvDialect;
import org.bigpicture.core.read.CsvRecords;
import org.bigpicture.core.read.EncodingCheck;
import org.bigpicture.core.read.TextEncoding;
import org.bigpicture.core.read.ReadAheadRecords;
import org.bigpicture.core.convert.Records;

/** A whole delimited text file as one table. */
final class CsvTable implements TableInput {

    private final String key;
    private final Path file;
    private final Limits limits;
    private final String datasetId;
    private final EncodingCheck encoding;
    private CsvDialect dialect;
    private List<List<String>> head;
    /** The whole-file scan's note (mixed encodings), once it has confirmed the encoding. */
    private String confirmedNote;

    /** @param encoding the file's encoding, presumed (its whole-file scan may still be running) or confirmed */
    CsvTable(String key, Path file, EncodingCheck encoding, Limits limits, String datasetId) throws IOException {
        this.key = key;
        this.file = file;
        this.encoding = encoding;
        this.limits = limits;
        this.datasetId = datasetId;
        this.dialect = CsvDialect.detect(file, encoding.presumed());
    }

    /** Reads the head now (so limits and malformed starts fail at open time). */
    CsvTable load() throws IOException {
        head = Heads.read(this);
        return this;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String sheet() {
        return null;
    }

    @Override
    public String datasetId() {
        return datasetId;
    }

    @Override
    public String physicalLayout() {
        return dialect.describe();
    }

    @Override
    public List<List<String>> head() {
        return head;
    }

    @Override
    public Records open() throws IOException {
        // One byte-level parser for every encoding; large files a batch ahead on a second thread (issue 6).
        Records records = CsvRecords.open(key, file, dialect, limits);
        return ReadAheadRecords.wrap(records, java.nio.file.Files.size(file));
    }

    CsvDialect dialect() {
        return dialect;
    }

    @Override
    public List<String> readingNotes() {
        String note = confirmedNote != null ? confirmedNote : dialect.encoding().note();
        return note == null ? List.of() : List.of(note);
    }

    EncodingCheck encoding() {
        return encoding;
    }

    /**
     * Waits for the whole-file encoding scan. When it found another encoding than the one read
     * with (Windows-1252 bytes after the first megabyte), the table switches to it: dialect and
     * head are read again, and the answer is true (what was read so far must be read again).
     * Throws the scan's {@link org.bigpicture.core.convert.BadInputException} when it refuses the file.
     */
    boolean confirmEncoding() throws IOException {
        TextEncoding.Detected confirmed = encoding.confirm();
        confirmedNote = confirmed.note();
        if (EncodingCheck.same(confirmed, dialect.encoding())) {
            return false;
        }
        dialect = CsvDialect.detect(file, confirmed);
        load();
        return true;
    }
}
