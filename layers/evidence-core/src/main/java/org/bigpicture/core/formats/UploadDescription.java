package org.bigpicture.core.formats;

import java.util.List;
import java.util.Map;

/**
 * What ingesting an upload would do, from {@link Recognizer#describe}: accepted or not (with the
 * first problem and its line), and per table the family, layout and counts.
 *
 * @param key         the raw key
 * @param accepted    true when every table converts
 * @param problemLine line of the first problem (0 when not about a line)
 * @param problem     the first problem, or null
 * @param tables      one entry per table (per dataset)
 * @param skipped     sheets not converted, each with the reason
 */
public record UploadDescription(String key, boolean accepted, long problemLine, String problem, List<Table> tables,
                                List<String> skipped) {

    /**
     * One table's outcome.
     *
     * @param problem null when it converts
     */
    public record Table(String datasetId, String sheet, String physicalLayout, String family, String layout,
                        String kind, List<String> header, long rowsRead, long rowsWritten, long rowsRejected,
                        Map<String, Long> rejected, List<String> notes, long problemLine, String problem) {
    }

    /** A readable multi-line summary for the command line. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(key).append(": ").append(accepted ? "would be accepted" : "would be quarantined").append('\n');
        if (problem != null) {
            b.append("  problem").append(problemLine > 0 ? " (line " + problemLine + ")" : "").append(": ")
                    .append(problem).append('\n');
        }
        for (Table t : tables) {
            b.append("  dataset ").append(t.datasetId()).append(t.sheet() == null ? "" : " (sheet " + t.sheet() + ")")
                    .append('\n');
            if (t.family() != null) {
                b.append("    family: ").append(t.family()).append('\n');
            }
            if (t.layout() != null) {
                b.append("    layout: ").append(t.layout()).append('\n');
            } else {
                b.append("    file: ").append(t.physicalLayout()).append('\n');
            }
            if (!t.header().isEmpty()) {
                b.append("    header: ").append(String.join(" | ", t.header())).append('\n');
            }
            if (t.problem() == null) {
                b.append("    rows read ").append(t.rowsRead()).append(", written ").append(t.rowsWritten())
                        .append(", rejected ").append(t.rowsRejected()).append('\n');
                t.rejected().forEach((reason, n) -> b.append("      rejected ").append(n).append(": ").append(reason)
                        .append('\n'));
                for (String note : t.notes()) {
                    b.append("    note: ").append(note).append('\n');
                }
            } else {
                b.append("    problem").append(t.problemLine() > 0 ? " (line " + t.problemLine() + ")" : "")
                        .append(": ").append(t.problem()).append('\n');
            }
        }
        for (String s : skipped) {
            b.append("  skipped sheet ").append(s).append('\n');
        }
        return b.toString();
    }
}
