package org.bigpicture.core.lake;

import java.io.IOException;
import java.util.List;

/**
 * {@code held/<key>.json} (issue 11): an upload the personal-data screen held. Nothing of it was
 * written to the lake; this record names the bytes (by sha256), each table and column and why, and
 * how to release it. JSON Schema {@code schemas/held-record.schema.json}.
 */
public record HeldRecord(String file, String sha256, String reason, List<Table> tables, List<String> skipped,
                         String release, SourceObject source, String heldAt) {

    /**
     * One table of a held upload.
     *
     * @param held               true when this table is why the upload is held
     * @param personalColumns    its personal columns (headers redacted)
     * @param recordsAboutPeople why its rows look like records about people, or null
     */
    public record Table(String datasetId, String sheet, String family, String kind, long rows, boolean held,
                        List<ScreenSummary.PersonalColumn> personalColumns, String recordsAboutPeople) {
        Object toJson() {
            return Tree.obj()
                    .with("dataset_id", datasetId)
                    .with("sheet", sheet)
                    .with("family", family)
                    .with("kind", kind)
                    .with("rows", rows)
                    .with("held", held)
                    .with("personal_columns", Tree.json(personalColumns, ScreenSummary.PersonalColumn::toJson))
                    .with("records_about_people", recordsAboutPeople);
        }

        static Table fromJson(Object node) {
            Boolean held = Tree.bool(node, "held");
            return new Table(Tree.text(node, "dataset_id"), Tree.text(node, "sheet"), Tree.text(node, "family"),
                    Tree.text(node, "kind"), Tree.count(node, "rows"), held != null && held,
                    Tree.list(node, "personal_columns", ScreenSummary.PersonalColumn::fromJson),
                    Tree.text(node, "records_about_people"));
        }
    }

    public Object toJson() {
        return Tree.obj()
                .with("file", file)
                .with("status", "held")
                .with("sha256", sha256)
                .with("reason", reason)
                .with("tables", Tree.json(tables, Table::toJson))
                .with("skipped", LedgerJson.sorted(skipped))
                .with("release", release)
                .with("source", source == null ? null : source.toJson())
                .with("held_at", heldAt);
    }

    public byte[] bytes() {
        return new LedgerJson().bytes(toJson());
    }

    public static HeldRecord fromJson(Object node) {
        return new HeldRecord(Tree.text(node, "file"), Tree.text(node, "sha256"), Tree.text(node, "reason"),
                Tree.list(node, "tables", Table::fromJson), Tree.strings(node, "skipped"), Tree.text(node, "release"),
                SourceObject.fromJson(Tree.get(node, "source")), Tree.text(node, "held_at"));
    }

    public static HeldRecord parse(byte[] bytes) throws IOException {
        return fromJson(new LedgerJson().read(bytes));
    }
}
