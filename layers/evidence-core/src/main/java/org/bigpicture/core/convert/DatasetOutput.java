package org.bigpicture.core.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.DatasetWriter;

/**
 * Where a format's rows go: {@link #PARQUET} (the dataset files) in production, through a
 * {@link ScreenedOutput} that screens every cell; a recording or counting writer in tests and in
 * {@link Recognizer#describe}.
 */
@FunctionalInterface
public interface DatasetOutput {

    DatasetOutput PARQUET = DatasetWriter::open;

    DatasetWriter open(Path dir, List<Column> columns) throws IOException;

    /**
     * A writer for a respondent-level file (a survey's {@code respondents} and {@code responses}):
     * never published, kept under the lake's restricted prefix. The screen redacts it more strictly.
     */
    default DatasetWriter openRespondentLevel(Path dir, List<Column> columns) throws IOException {
        return open(dir, columns);
    }
}
