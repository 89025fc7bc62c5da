package org.bigpicture.core.formats;

import java.io.IOException;
import java.util.List;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Records;
import org.bigpicture.core.read.Sheet;
import org.bigpicture.core.read.Workbook;

/** One sheet of a workbook (XLSX, ODS or XLS) as a table. */
final class SheetTable implements TableInput {

    private final String key;
    private final Workbook workbook;
    private final Sheet sheet;
    private final String datasetId;
    private List<List<String>> head;

    SheetTable(String key, Workbook workbook, Sheet sheet, String datasetId) {
        this.key = key;
        this.workbook = workbook;
        this.sheet = sheet;
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
        return sheet.name();
    }

    @Override
    public String datasetId() {
        return datasetId;
    }

    @Override
    public String physicalLayout() {
        return workbook.format() + ", sheet \"" + sheet.name() + "\"";
    }

    @Override
    public List<List<String>> head() {
        return head;
    }

    @Override
    public Records open() throws IOException {
        return workbook.open(sheet.index());
    }

    /** The sheet as its workbook lists it (visibility included). */
    Sheet sheetInfo() {
        return sheet;
    }

    @Override
    public List<String> readingNotes() {
        return workbook.notes();
    }
}
