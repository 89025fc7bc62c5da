package org.bigpicture.core.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.ingest.Limits;
import org.bigpicture.core.ingest.TableInput;
import org.bigpicture.core.read.Records;
import org.bigpicture.core.read.XlsxRecords;

/** One worksheet of an XLSX workbook as a table. */
final class SheetTable implements TableInput {

    private final String key;
    private final Path file;
    private final int index;
    private final String sheet;
    private final Limits limits;
    private final String datasetId;
    private List<List<String>> head;

    SheetTable(String key, Path file, int index, String sheet, Limits limits, String datasetId) {
        this.key = key;
        this.file = file;
        this.index = index;
        this.sheet = sheet;
        this.limits = limits;
        this.datasetId = datasetId;
    }

    SheetTable load() throws IOException {
        head = Heads.read(this);
        return this;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String sheet() {
        return sheet;
    }

    @Override
    public String datasetId() {
        return datasetId;
    }

    @Override
    public String physicalLayout() {
        return "XLSX, sheet \"" + sheet + "\"";
    }

    @Override
    public List<List<String>> head() {
        return head;
    }

    @Override
    public Records open() throws IOException {
        return XlsxRecords.open(key, file, index, limits);
    }
}
