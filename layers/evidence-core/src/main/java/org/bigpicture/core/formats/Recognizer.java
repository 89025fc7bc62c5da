package org.bigpicture.core.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bigpicture.core.ingest.Format;
import org.bigpicture.core.ingest.Limits;
import org.bigpicture.core.ingest.TableInput;

/**
 * Opens an upload (CSV in any supported encoding and delimiter, or XLSX) into its tables and picks
 * the {@link Format} for each. Placeholder until the formats helper lands.
 */
public final class Recognizer {

    private final List<Format> formats;
    private final Limits limits;

    public Recognizer(List<Format> formats, Limits limits) {
        this.formats = List.copyOf(formats);
        this.limits = limits;
    }

    /** Every built-in format, most specific first, the generic table last. */
    public static Recognizer standard(Limits limits) {
        throw new UnsupportedOperationException("formats not written yet");
    }

    /**
     * Opens the file. Throws {@link org.bigpicture.core.ingest.BadInputException} when it is empty,
     * binary, truncated, unsupported or over a limit.
     */
    public UploadTables open(String key, Path file) throws IOException {
        throw new UnsupportedOperationException("formats not written yet");
    }

    /** The first format that claims the table (the generic table format claims any well-formed table). */
    public Format formatFor(TableInput table) {
        for (Format f : formats) {
            if (f.claims(table)) {
                return f;
            }
        }
        throw new IllegalStateException("no format claims " + table.key());
    }

    public Limits limits() {
        return limits;
    }
}
