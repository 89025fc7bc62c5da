package org.bigpicture.core.headlines;

import java.io.IOException;
import java.nio.file.Path;
import org.bigpicture.core.dataset.DatasetReader;

/** Opens a downloaded {@code data.parquet}; {@link DatasetReader#open(Path)} in production. */
@FunctionalInterface
interface DatasetOpener {
    DatasetReader open(Path parquet) throws IOException;
}
