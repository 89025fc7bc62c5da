package org.bigpicture.core.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.ingest.Limits;
import org.bigpicture.core.ingest.TableInput;
import org.bigpicture.core.read.CsvDialect;
import org.bigpicture.core.read.CsvRecords;
import org.bigpicture.core.read.ReadAheadRecords;
import org.bigpicture.core.read.Records;
import org.bigpicture.core.read.Utf8CsvRecords;

/** A whole delimited text file as one table. */
final class CsvTable implements TableInput {

    private final String key;
    private final Path file;
    private final CsvDialect dialect;
    private final Limits limits;
    private final String datasetId;
    private List<List<String>> head;

    CsvTable(String key, Path file, CsvDialect dialect, Limits limits, String datasetId) {
        this.key = key;
        this.file = file;
        this.dialect = dialect;
        this.limits = limits;
        this.datasetId = datasetId;
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
        // UTF-8 (most uploads) is parsed as bytes; large files a batch ahead on a second thread (issue 6).
        Records records = dialect.encoding().charset().equals(java.nio.charset.StandardCharsets.UTF_8)
                ? Utf8CsvRecords.open(key, file, dialect, limits) : CsvRecords.open(key, file, dialect, limits);
        return ReadAheadRecords.wrap(records, java.nio.file.Files.size(file));
    }

    CsvDialect dialect() {
        return dialect;
    }
}
