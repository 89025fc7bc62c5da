package org.bigpicture.core.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.DatasetWriter;

/**
 * Where a format's rows go: {@link #PARQUET} (the dataset files) in production; a recording or
 * counting writer in tests and in {@link Recognizer#describe}.
 */
@FunctionalInterface
public interface DatasetOutput {

    DatasetOutput PARQUET = DatasetWriter::open;

    DatasetWriter open(Path dir, List<Column> columns) throws IOException;
}
