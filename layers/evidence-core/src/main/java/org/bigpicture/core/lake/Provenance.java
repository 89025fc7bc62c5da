package org.bigpicture.core.lake;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A dataset's {@code provenance.json} (DESIGN.md, "Lake layout"), written last by ingest, so a
 * dataset without one is not finished. The one type its writer (ingest) and every reader (headlines,
 * publish, the local audit) use; its JSON Schema is {@code schemas/provenance.schema.json}.
 *
 * @param datasetId   the lake id ({@code datasets/<id>/})
 * @param family      detected family ({@code fingertips}, {@code nomis-api}, {@code survey}, {@code table}…)
 * @param kind        {@code observations}, {@code table}, {@code survey} or another kind a format declares
 * @param layout      what was recognised, in words
 * @param source      the raw object it came from
 * @param rows        rows read, written and rejected (with reasons)
 * @param notes       remarks for people
 * @param summary     extra facts a format gives (a survey's respondents and questions), or null
 * @param screen      the personal-data screen's verdict
 * @param files       the dataset's files (respondent-level ones under {@code restricted/} carry their key)
 * @param licence     the licence id, as resolved at ingest
 * @param publishedBy who published it, as resolved at ingest
 * @param ingestedAt  when ingest wrote it (ISO 8601 instant)
 * @param codeVersion the version of the code that wrote it
 */
public record Provenance(String datasetId, String family, String kind, String layout, SourceObject source,
                         Rows rows, List<String> notes, Map<String, Object> summary, ScreenSummary screen,
                         List<FileEntry> files, String licence, PublishedBy publishedBy, String ingestedAt,
                         String codeVersion) {

    public static final String OBSERVATIONS = "observations";
    public static final String TABLE = "table";
    public static final String SURVEY = "survey";

    /** Rows read from the upload, written to the dataset, and rejected (counted by reason). */
    public record Rows(long read, long written, long rejected, Map<String, Long> rejectedByReason) {
        Object toJson() {
            return Tree.obj().with("read", read).with("written", written).with("rejected", rejected)
                    .with("rejected_by_reason", LedgerJson.sorted(rejectedByReason));
        }

        static Rows fromJson(Object node) {
            if (node == null) {
                return null;
            }
            return new Rows(Tree.count(node, "read"), Tree.count(node, "written"), Tree.count(node, "rejected"),
                    Tree.counts(node, "rejected_by_reason"));
        }
    }

    /**
     * One file of the dataset.
     *
     * @param key the lake key, given only where the file lives outside {@code datasets/<id>/}
     *            (respondent-level files under {@code restricted/<id>/})
     */
    public record FileEntry(String name, long bytes, String sha256, String key) {
        Object toJson() {
            return Tree.obj().with("name", name).with("bytes", bytes).with("sha256", sha256).withOptional("key", key);
        }

        static FileEntry fromJson(Object node) {
            return new FileEntry(Tree.text(node, "name"), Tree.count(node, "bytes"), Tree.text(node, "sha256"),
                    Tree.text(node, "key"));
        }
    }

    public boolean isSurvey() {
        return SURVEY.equals(kind);
    }

    public boolean isObservations() {
        return OBSERVATIONS.equals(kind);
    }

    /** The JSON tree, fields in the contract's order. */
    public Object toJson() {
        Tree.Obj p = Tree.obj()
                .with("dataset_id", datasetId)
                .with("family", family)
                .with("kind", kind)
                .with("layout", layout)
                .with("source", source == null ? null : source.toJson())
                .with("rows", rows == null ? null : rows.toJson())
                .with("notes", LedgerJson.sorted(notes));
        if (summary != null && !summary.isEmpty()) {
            p.put("summary", LedgerJson.sorted(summary));
        }
        return p.with("screen", screen == null ? null : screen.toJson())
                .with("files", Tree.json(files, FileEntry::toJson))
                .with("licence", licence)
                .with("published_by", publishedBy == null ? null : publishedBy.toJson())
                .with("ingested_at", ingestedAt)
                .with("code_version", codeVersion);
    }

    public byte[] bytes() {
        return new LedgerJson().bytes(toJson());
    }

    public static Provenance fromJson(Object node) {
        return new Provenance(Tree.text(node, "dataset_id"), Tree.text(node, "family"), Tree.text(node, "kind"),
                Tree.text(node, "layout"), SourceObject.fromJson(Tree.get(node, "source")),
                Rows.fromJson(Tree.get(node, "rows")), Tree.strings(node, "notes"), Tree.object(node, "summary"),
                ScreenSummary.fromJson(Tree.get(node, "screen")), Tree.list(node, "files", FileEntry::fromJson),
                Tree.text(node, "licence"), PublishedBy.fromJson(Tree.get(node, "published_by")),
                Tree.text(node, "ingested_at"), Tree.text(node, "code_version"));
    }

    /** Parses a {@code provenance.json}. */
    public static Provenance parse(byte[] bytes) throws IOException {
        return fromJson(new LedgerJson().read(bytes));
    }
}
