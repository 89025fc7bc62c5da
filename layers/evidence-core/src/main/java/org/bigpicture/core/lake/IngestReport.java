package org.bigpicture.core.lake;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The ingest report of one raw object ({@code reports/ingest/<key>.json}): the ledger entry, written
 * last of all, naming what the object's newest version became. One type for the writer (ingest) and
 * every reader (ingest itself on the next event, the officer notifier, the local audit and CLI); its
 * JSON Schema is {@code schemas/ingest-report.schema.json}. Which fields a report carries depends on
 * its {@code status}:
 * <ul>
 *   <li>{@code accepted}: {@code datasets}, {@code skipped};</li>
 *   <li>{@code held}: {@code reason}, {@code held_key}, {@code tables}, {@code skipped}, {@code release};</li>
 *   <li>{@code quarantined}: {@code reason}, {@code line} (where there is one), {@code quarantine_key};</li>
 *   <li>{@code configuration}: {@code config_key}, and {@code releases} for {@code config/publish.yaml};</li>
 *   <li>{@code removed}: {@code removed_at} and {@code retired_datasets}, no source.</li>
 * </ul>
 */
public record IngestReport(String key, String status, String sequencer, SourceObject source, String processedAt,
                           String codeVersion, List<Dataset> datasets, List<String> skipped, String reason, Long line,
                           String quarantineKey, String heldKey, String configKey, List<HeldRecord.Table> tables,
                           String release, List<ReleaseOutcome> releases, String removedAt,
                           List<Dataset> retiredDatasets) {

    public static final String ACCEPTED = "accepted";
    public static final String HELD = "held";
    public static final String QUARANTINED = "quarantined";
    public static final String CONFIGURATION = "configuration";
    public static final String REMOVED = "removed";

    /** One dataset an accepted upload became, with the conversion's counts and the screen's verdict. */
    public record Dataset(String id, String family, String kind, String layout, long rowsRead, long rowsWritten,
                          long rowsRejected, Map<String, Long> rejectedByReason, List<String> notes,
                          Map<String, Object> summary, ScreenSummary screen) {
        Object toJson() {
            Tree.Obj n = Tree.obj()
                    .with("id", id)
                    .with("family", family)
                    .with("kind", kind)
                    .with("layout", layout)
                    .with("rows_read", rowsRead)
                    .with("rows_written", rowsWritten)
                    .with("rows_rejected", rowsRejected)
                    .with("rejected_by_reason", LedgerJson.sorted(rejectedByReason))
                    .with("notes", LedgerJson.sorted(notes));
            if (summary != null && !summary.isEmpty()) {
                n.put("summary", LedgerJson.sorted(summary));
            }
            return n.withOptional("screen", screen == null ? null : screen.toJson());
        }

        static Dataset fromJson(Object node) {
            return new Dataset(Tree.text(node, "id"), Tree.text(node, "family"), Tree.text(node, "kind"),
                    Tree.text(node, "layout"), Tree.count(node, "rows_read"), Tree.count(node, "rows_written"),
                    Tree.count(node, "rows_rejected"), Tree.counts(node, "rejected_by_reason"),
                    Tree.strings(node, "notes"), Tree.object(node, "summary"),
                    ScreenSummary.fromJson(Tree.get(node, "screen")));
        }
    }

    /** What a {@code config/publish.yaml} did to one held or released upload. */
    public record ReleaseOutcome(String key, String sha256, String action, String outcome, List<String> datasets) {
        Object toJson() {
            return Tree.obj().with("key", key).with("sha256", sha256).with("action", action)
                    .with("outcome", outcome).withOptional("datasets", datasets);
        }

        static ReleaseOutcome fromJson(Object node) {
            return new ReleaseOutcome(Tree.text(node, "key"), Tree.text(node, "sha256"), Tree.text(node, "action"),
                    Tree.text(node, "outcome"), Tree.strings(node, "datasets"));
        }
    }

    /** A report whose fields beyond the common ones are all absent; set them with the {@code with…} copies. */
    public static IngestReport of(String key, String status, String sequencer, SourceObject source,
                                  String processedAt, String codeVersion) {
        return new IngestReport(key, status, sequencer, source, processedAt, codeVersion, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** The report of a deleted raw object: the datasets its previous outcome listed are retired. */
    public static IngestReport removed(String key, String sequencer, String removedAt, List<Dataset> retired) {
        return new IngestReport(key, REMOVED, sequencer, null, null, null, null, null, null, null, null, null, null,
                null, null, null, removedAt, retired);
    }

    public IngestReport accepted(List<Dataset> datasets, List<String> skipped) {
        return new IngestReport(key, status, sequencer, source, processedAt, codeVersion, datasets, skipped, reason,
                line, quarantineKey, heldKey, configKey, tables, release, releases, removedAt, retiredDatasets);
    }

    public IngestReport held(String reason, String heldKey, List<HeldRecord.Table> tables, List<String> skipped,
                             String release) {
        return new IngestReport(key, status, sequencer, source, processedAt, codeVersion, datasets, skipped, reason,
                line, quarantineKey, heldKey, configKey, tables, release, releases, removedAt, retiredDatasets);
    }

    public IngestReport quarantined(String reason, Long line, String quarantineKey) {
        return new IngestReport(key, status, sequencer, source, processedAt, codeVersion, datasets, skipped, reason,
                line, quarantineKey, heldKey, configKey, tables, release, releases, removedAt, retiredDatasets);
    }

    public IngestReport configuration(String configKey, List<ReleaseOutcome> releases) {
        return new IngestReport(key, status, sequencer, source, processedAt, codeVersion, datasets, skipped, reason,
                line, quarantineKey, heldKey, configKey, tables, release, releases, removedAt, retiredDatasets);
    }

    /** The dataset ids an accepted report lists (none for other outcomes). */
    public List<String> datasetIds() {
        if (datasets == null) {
            return List.of();
        }
        List<String> ids = new java.util.ArrayList<>(datasets.size());
        for (Dataset d : datasets) {
            if (d.id() != null && !d.id().isEmpty()) {
                ids.add(d.id());
            }
        }
        return ids;
    }

    /** The JSON tree, fields in the contract's order for the report's status. */
    public Object toJson() {
        if (REMOVED.equals(status)) {
            return Tree.obj()
                    .with("key", key)
                    .with("status", status)
                    .with("sequencer", sequencer)
                    .with("removed_at", removedAt)
                    // As the previous report listed them (null where it listed none: a quarantine, a configuration).
                    .with("retired_datasets", Tree.json(retiredDatasets, Dataset::toJson));
        }
        Tree.Obj r = Tree.obj()
                .with("key", key)
                .with("status", status)
                .with("sequencer", sequencer)
                .with("source", source == null ? null : source.toJson())
                .with("processed_at", processedAt)
                .with("code_version", codeVersion);
        r.withOptional("datasets", Tree.json(datasets, Dataset::toJson));
        r.withOptional("reason", reason);
        r.withOptional("line", line != null && line > 0 ? line : null);
        r.withOptional("quarantine_key", quarantineKey);
        r.withOptional("held_key", heldKey);
        r.withOptional("config_key", configKey);
        r.withOptional("tables", Tree.json(tables, HeldRecord.Table::toJson));
        r.withOptional("skipped", skipped == null ? null : LedgerJson.sorted(skipped));
        r.withOptional("release", release);
        r.withOptional("releases", Tree.json(releases, ReleaseOutcome::toJson));
        return r;
    }

    public byte[] bytes() {
        return new LedgerJson().bytes(toJson());
    }

    public static IngestReport fromJson(Object node) {
        return new IngestReport(Tree.text(node, "key"), Tree.text(node, "status"), Tree.text(node, "sequencer"),
                SourceObject.fromJson(Tree.get(node, "source")), Tree.text(node, "processed_at"),
                Tree.text(node, "code_version"), Tree.list(node, "datasets", Dataset::fromJson),
                Tree.strings(node, "skipped"), Tree.text(node, "reason"), Tree.number(node, "line"),
                Tree.text(node, "quarantine_key"), Tree.text(node, "held_key"), Tree.text(node, "config_key"),
                Tree.list(node, "tables", HeldRecord.Table::fromJson), Tree.text(node, "release"),
                Tree.list(node, "releases", ReleaseOutcome::fromJson), Tree.text(node, "removed_at"),
                Tree.list(node, "retired_datasets", Dataset::fromJson));
    }

    public static IngestReport parse(byte[] bytes) throws IOException {
        return fromJson(new LedgerJson().read(bytes));
    }
}
