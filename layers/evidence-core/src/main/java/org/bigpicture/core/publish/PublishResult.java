package org.bigpicture.core.publish;

import org.bigpicture.core.lake.Sha256;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one publish did.
 *
 * @param outcome  what happened
 * @param edition  the edition published, or the current one when nothing changed (null when none exists)
 * @param url      the edition's {@code datapackage.json} URL, or null
 * @param report   the edition's {@code index.html} URL, or null
 * @param added    dataset ids new since the previous edition (empty unless published)
 * @param changed  dataset ids whose files changed
 * @param removed  dataset ids retired
 * @param headlinesChanged headlines whose value, period or status changed
 * @param withheld dataset ids kept out (respondent-level tables under surveys/ that are not surveys)
 * @param files    files in the edition
 * @param bytes    their total size
 * @param message  one sentence for a person
 */
public record PublishResult(Outcome outcome, String edition, String url, String report, String datapackageSha256,
                            List<String> added, List<String> changed, List<String> removed, int headlinesChanged,
                            List<String> withheld, int files, long bytes, String message) {

    /** The three ways a publish ends without an error. */
    public enum Outcome {
        /** A new edition was written, and latest and the catalogue point at it. */
        PUBLISHED,
        /** The lake holds what the newest edition holds: nothing was written. */
        UNCHANGED,
        /** The lake holds exactly what a withdrawn edition held: refused, so a withdrawal is never undone by the schedule. */
        WITHDRAWN_CONTENT
    }

    public boolean published() {
        return outcome == Outcome.PUBLISHED;
    }

    /** For the Lambda response and the CLI's JSON output. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        m.put("edition", edition);
        m.put("url", url);
        m.put("report", report);
        m.put("datapackage_sha256", datapackageSha256);
        m.put("added", added);
        m.put("changed", changed);
        m.put("removed", removed);
        m.put("headlines_changed", headlinesChanged);
        m.put("withheld", withheld);
        m.put("files", files);
        m.put("bytes", bytes);
        m.put("message", message);
        return m;
    }
}
