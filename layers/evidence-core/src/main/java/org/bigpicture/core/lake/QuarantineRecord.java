package org.bigpicture.core.lake;

import java.io.IOException;

/**
 * {@code quarantine/<key>.error.json}: why an upload could not be used, naming the file and the
 * line (the raw object stays). JSON Schema {@code schemas/quarantine-record.schema.json}.
 *
 * @param line the 1-based line at fault, or null when the problem is not about one line
 */
public record QuarantineRecord(String file, Long line, String reason, String message, SourceObject source,
                               String quarantinedAt) {

    public Object toJson() {
        return Tree.obj()
                .with("file", file)
                .with("line", line != null && line > 0 ? line : null)
                .with("reason", reason)
                .with("message", message)
                .with("source", source == null ? null : source.toJson())
                .with("quarantined_at", quarantinedAt);
    }

    public byte[] bytes() {
        return new LedgerJson().bytes(toJson());
    }

    public static QuarantineRecord fromJson(Object node) {
        return new QuarantineRecord(Tree.text(node, "file"), Tree.number(node, "line"), Tree.text(node, "reason"),
                Tree.text(node, "message"), SourceObject.fromJson(Tree.get(node, "source")),
                Tree.text(node, "quarantined_at"));
    }

    public static QuarantineRecord parse(byte[] bytes) throws IOException {
        return fromJson(new LedgerJson().read(bytes));
    }
}
