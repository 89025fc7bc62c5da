package org.bigpicture.core.formats;

import org.bigpicture.core.convert.DatasetOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.dataset.Observations;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Workspace;
import org.bigpicture.core.convert.Records;

/**
 * Shared life cycle of the statistical formats: open an observations writer in the dataset's
 * folder, let the format write its rows, finish the files (or close them on failure) and report
 * honest counts.
 */
abstract class ObservationFormat implements Format {

    final DatasetOutput output;

    ObservationFormat(DatasetOutput output) {
        this.output = output;
    }

    @Override
    public final List<ConvertedDataset> convert(TableInput table, Workspace workspace) throws IOException {
        Path dir = workspace.datasetDir(table.datasetId());
        DatasetWriter writer = output.open(dir, Observations.COLUMNS);
        boolean finished = false;
        try {
            ObservationRows rows = new ObservationRows(writer);
            Tally tally = new Tally();
            String layout = write(table, rows, tally);
            for (String note : table.readingNotes()) {
                tally.note(note);
            }
            long written = rows.rows();
            writer.finish();
            finished = true;
            return List.of(tally.result(table.datasetId(), family(), layout, "observations", dir, written));
        } finally {
            if (!finished) {
                try {
                    writer.close();
                } catch (IOException | RuntimeException ignored) {
                    // the conversion's own failure is the one to report
                }
            }
        }
    }

    /** Writes every observation; returns the layout sentence. */
    abstract String write(TableInput table, ObservationRows rows, Tally tally) throws IOException;

    static BadInputException noData(TableInput table, long headerLine) {
        return new BadInputException(table.key(), headerLine, "the table has a header row but no data rows");
    }

    /** "Persons", "Male" or "Female" for the many ways sources write them; other text unchanged. */
    static String sex(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "total", "all", "persons", "person", "all persons", "people", "all people", "both sexes", "all sexes" -> "Persons";
            case "male", "males", "men", "m" -> "Male";
            case "female", "females", "women", "f" -> "Female";
            default -> s.trim();
        };
    }

    /** "All ages" for the ways sources write it; other text unchanged. */
    static String age(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        if (t.equalsIgnoreCase("all ages") || t.equalsIgnoreCase("all age") || t.equalsIgnoreCase("total")
                || t.equalsIgnoreCase("all")) {
            return "All ages";
        }
        return t;
    }

    static String range(java.util.SortedSet<String> values) {
        if (values.isEmpty()) {
            return "none";
        }
        return values.size() == 1 ? values.first() : values.first() + " to " + values.last() + " (" + values.size() + ")";
    }

    /** "1 footnote row", "3 footnote rows". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String list(java.util.Collection<String> values, int max) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (String v : values) {
            if (i == max) {
                b.append(", … (").append(values.size()).append(" in all)");
                break;
            }
            if (i > 0) {
                b.append(", ");
            }
            b.append(v);
            i++;
        }
        return b.toString();
    }
}
