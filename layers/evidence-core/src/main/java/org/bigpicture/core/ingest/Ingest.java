package org.bigpicture.core.ingest;

import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConfigValidator;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Workspace;
import org.bigpicture.core.lake.LedgerJson;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.util.ThreadFailures;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.formats.ScreenedOutput;
import org.bigpicture.core.convert.UploadTables;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.Sha256;
import org.bigpicture.core.sources.ResolvedSource;
import org.bigpicture.core.sources.Sources;
import org.bigpicture.core.screen.ColumnVerdict;
import org.bigpicture.core.screen.Redactor;
import org.bigpicture.core.screen.ScreenResult;
import org.bigpicture.core.store.ContentTypes;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;
import org.bigpicture.core.store.ScratchNames;

/**
 * Turns one raw upload into lake objects (DESIGN.md, "Flow" and "Lake layout"). Every raw object
 * ends as exactly one of: datasets (with {@code provenance.json} written last; respondent-level
 * files under {@code restricted/}), a quarantine record (the raw object stays), a configuration
 * record, or a held record (issue 11: the screen suspects personal data, nothing of the upload is
 * written until {@code config/publish.yaml} releases its sha256). A report under {@code reports/ingest/} is
 * written last of all: it is the ledger entry, so an upload whose report is missing was not
 * finished and a rerun completes it.
 *
 * <p>At-least-once delivery: an event older than the one already recorded for the key (by S3's
 * {@code sequencer}) is ignored, and an upload whose bytes equal those already recorded changes
 * nothing. Infrastructure failures propagate (Lambda retries); only input at fault is quarantined.
 *
 * <p>Cold start (issue 6): records are written and read through {@link LedgerJson} (jackson-core
 * only), the ingest path uses no streams, and configuration validators are found only when a
 * configuration file arrives.
 */
public final class Ingest {

    /** A JSON object under construction: fields in the order they are put. */
    private static final class Node extends LinkedHashMap<String, Object> {
        Node with(String field, Object value) {
            put(field, value);
            return this;
        }
    }

    private final LedgerJson json = new LedgerJson();
    private final ObjectStore store;
    private final Buckets buckets;
    private final Recognizer recognizer;
    private final Supplier<List<ConfigValidator>> validatorSource;
    private Map<String, ConfigValidator> validators;
    private final Notifier notifier;
    private final Clock clock;
    private final Supplier<byte[]> pseudonymKey;
    private final Path scratch;
    private final String codeVersion;

    /**
     * @param validators   configuration files ingest accepts under {@code config/}, by file name
     * @param pseudonymKey the survey pseudonymisation secret (read lazily, only for surveys)
     * @param scratch      local folder for downloads and conversions ({@code /tmp} in Lambda)
     */
    public Ingest(ObjectStore store, Buckets buckets, Recognizer recognizer, List<ConfigValidator> validators,
                  Notifier notifier, Clock clock, Supplier<byte[]> pseudonymKey, Path scratch) {
        this(store, buckets, recognizer, new Fixed(validators), notifier, clock, pseudonymKey, scratch);
    }

    /**
     * As the other constructor, with the validators found when the first configuration file
     * arrives (finding and building them is no part of ingesting data).
     */
    public Ingest(ObjectStore store, Buckets buckets, Recognizer recognizer,
                  Supplier<List<ConfigValidator>> validators, Notifier notifier, Clock clock,
                  Supplier<byte[]> pseudonymKey, Path scratch) {
        this.store = store;
        this.buckets = buckets;
        this.recognizer = recognizer;
        this.validatorSource = validators;
        this.notifier = notifier;
        this.clock = clock;
        this.pseudonymKey = pseudonymKey;
        this.scratch = scratch;
        this.codeVersion = codeVersion();
    }

    /** Handles {@code s3:ObjectCreated:*} on the raw bucket. */
    public IngestResult onObjectCreated(RawObjectEvent event) throws IOException {
        guardSource(event);
        String key = event.key();
        Optional<Object> previous = readJson(LakeKeys.reportKey(key));
        if (previous.isPresent() && isStale(event, previous.get())) {
            return IngestResult.skipped(key, "an event newer than this one was already processed for this key");
        }
        if (previous.isPresent() && event.etag() != null && !status(previous.get()).equals("removed")
                && stripQuotes(event.etag()).equals(LedgerJson.text(LedgerJson.path(previous.get(), "source", "etag"), null))
                && lakeHoldsOutcome(previous.get())) {
            return IngestResult.skipped(key, "the same bytes were already ingested");
        }

        Path work = ScratchNames.newDirectory(scratch, "ingest-");
        try {
            Path file = work.resolve("upload");
            Source source = download(event, file);
            if (previous.isPresent()
                    && source.sha256().equals(LedgerJson.text(LedgerJson.path(previous.get(), "source", "sha256"), null))
                    && !status(previous.get()).equals("removed") && lakeHoldsOutcome(previous.get())) {
                return IngestResult.skipped(key, "the same bytes were already ingested");
            }
            if (key.startsWith(LakeKeys.CONFIG)) {
                return configuration(event, source, file);
            }
            return data(event, source, file, work, previous);
        } finally {
            deleteRecursively(work);
        }
    }

    /** Handles {@code s3:ObjectRemoved:*} on the raw bucket: retires what the object had become. */
    public IngestResult onObjectRemoved(RawObjectEvent event) throws IOException {
        guardSource(event);
        String key = event.key();
        Optional<Object> previous = readJson(LakeKeys.reportKey(key));
        if (previous.isEmpty()) {
            return IngestResult.skipped(key, "nothing was recorded for this key");
        }
        if (isStale(event, previous.get())) {
            return IngestResult.skipped(key, "an event newer than this one was already processed for this key");
        }
        retire(previous.get(), Set.of());
        store.delete(buckets.lake(), LakeKeys.quarantineKey(key));
        store.delete(buckets.lake(), LakeKeys.heldKey(key));
        if (status(previous.get()).equals("configuration")) {
            store.delete(buckets.lake(), LedgerJson.text(LedgerJson.path(previous.get(), "config_key"), ""));
            if (key.equals(LakeKeys.CONFIG + PublishReleases.CONFIG_NAME)) {
                applyReleases(PublishReleases.none()); // every release withdrawn: what they released is held again
            }
        }
        Node report = new Node()
                .with("key", key)
                .with("status", "removed")
                .with("sequencer", event.sequencer())
                .with("removed_at", LedgerJson.instant(clock.instant()));
        // As the previous report listed them (null where it listed none: a quarantine, a configuration).
        report.put("retired_datasets", LedgerJson.path(previous.get(), "datasets"));
        writeReport(key, report);
        return new IngestResult(key, "removed", List.of(), null, 0, "the raw object was deleted; its datasets are retired");
    }

    // ----------------------------------------------------------------------------------------------

    /** What converting an upload gave: its datasets, the screen's verdict on each, the sheets skipped. */
    private static final class Conversion {
        final List<ConvertedDataset> datasets = new ArrayList<>();
        final List<ScreenResult> screens = new ArrayList<>();
        final List<String> sheets = new ArrayList<>();
        List<String> skipped = List.of();
        PublishReleases.Release release;

        /** True when some dataset is held (a survey never is: its converter drops personal columns itself). */
        boolean held() {
            for (int i = 0; i < datasets.size(); i++) {
                if (!"survey".equals(datasets.get(i).kind()) && screens.get(i).held()) {
                    return true;
                }
            }
            return false;
        }

        boolean redacted() {
            for (ScreenResult r : screens) {
                if (r.redactedCells() > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private IngestResult data(RawObjectEvent event, Source source, Path file, Path work, Optional<Object> previous)
            throws IOException {
        String key = event.key();
        Sources.Pending sources = Sources.loadInBackground(store, buckets.lake()); // read while converting
        Conversion conversion;
        try {
            if (source.bytes > recognizer.limits().maxFileBytes()) {
                throw new BadInputException(key, 0, "the file is " + source.bytes + " bytes, over the limit of "
                        + recognizer.limits().maxFileBytes() + " bytes");
            }
            UploadTables tables = recognizer.open(key, file);
            conversion = convert(tables, work.resolve("out"), false);
            // Only an upload the screen held or redacted asks whether it was released: reading
            // publish.yaml is no part of a clean upload's path.
            if (conversion.held() || conversion.redacted()) {
                Optional<PublishReleases.Release> release = releases().find(source.sha256());
                if (release.isPresent()) {
                    // "A released upload is written and published as uploaded": convert again, unredacted.
                    deleteRecursively(work.resolve("out"));
                    conversion = convert(tables, work.resolve("released"), true);
                    conversion.release = release.get();
                }
            }
        } catch (BadInputException bad) {
            return quarantine(event, source, bad, previous);
        } finally {
            if (recognizer.screening().isPresent()) {
                recognizer.screening().get().discardUnder(work);
            }
        }
        if (conversion.release == null && conversion.held()) {
            return hold(event, source, conversion, previous);
        }
        List<ConvertedDataset> converted = conversion.datasets;

        Set<String> ids = new LinkedHashSet<>();
        Sources terms = sources.get();
        List<Node> screens = new ArrayList<>();
        for (int i = 0; i < converted.size(); i++) {
            ConvertedDataset d = converted.get(i);
            String id = uniqueId(d.datasetId(), key);
            ids.add(id);
            Node screen = screenNode(d, conversion.screens.get(i), conversion.release);
            screens.add(screen);
            upload(id, d, event, source, screen, terms.resolve(key, d.family()));
        }
        if (previous.isPresent()) {
            retire(previous.get(), ids);
        }
        store.delete(buckets.lake(), LakeKeys.quarantineKey(key));
        store.delete(buckets.lake(), LakeKeys.heldKey(key));

        Node report = baseReport(event, source, "accepted");
        List<Object> datasets = new ArrayList<>();
        report.put("datasets", datasets);
        List<String> ordered = new ArrayList<>(ids);
        long rows = 0;
        Set<String> families = new LinkedHashSet<>();
        for (int i = 0; i < converted.size(); i++) {
            ConvertedDataset d = converted.get(i);
            Node n = new Node()
                    .with("id", ordered.get(i))
                    .with("family", d.family())
                    .with("kind", d.kind())
                    .with("layout", d.layout())
                    .with("rows_read", d.rowsRead())
                    .with("rows_written", d.rowsWritten())
                    .with("rows_rejected", d.rowsRejected())
                    .with("rejected_by_reason", LedgerJson.sorted(d.rejected()))
                    .with("notes", LedgerJson.sorted(d.notes()));
            if (d.summary() != null && !d.summary().isEmpty()) {
                n.put("summary", LedgerJson.sorted(d.summary()));
            }
            n.put("screen", screens.get(i));
            datasets.add(n);
            rows += d.rowsWritten();
            families.add(d.family());
        }
        report.put("skipped", LedgerJson.sorted(conversion.skipped));
        writeReport(key, report);
        return new IngestResult(key, "accepted", ordered, String.join(", ", families), rows, null);
    }

    /** Converts every table of the upload under {@code root} (observed only, never redacted, when released). */
    private Conversion convert(UploadTables tables, Path root, boolean released) throws IOException {
        Conversion c = new Conversion();
        c.skipped = tables.skipped();
        LocalWorkspace workspace = new LocalWorkspace(root);
        ScreenedOutput screening = recognizer.screening().orElse(null);
        ScreenedOutput.Observation observation = released && screening != null ? screening.observeUnder(root) : null;
        try {
            for (TableInput table : tables.tables()) {
                Format format = recognizer.formatFor(table);
                for (ConvertedDataset d : format.convert(table, workspace)) {
                    c.datasets.add(d);
                    c.screens.add(screening == null ? ScreenResult.NONE : screening.collect(d.dir()));
                    c.sheets.add(table.sheet());
                }
            }
        } finally {
            if (observation != null) {
                observation.close();
            }
        }
        if (c.datasets.isEmpty()) {
            throw new BadInputException(tables.tables().isEmpty() ? "" : tables.tables().get(0).key(), 0,
                    "no table with data was found"
                    + (tables.skipped().isEmpty() ? "" : " (skipped: " + String.join("; ", tables.skipped()) + ")"));
        }
        return c;
    }

    /**
     * The upload is held (personal data suspected): nothing of it is written to the lake but a held
     * record and the report, which say which tables and columns, why, and how to release it. The
     * raw object stays in the raw bucket, under its access controls. What the key became before is
     * retired, so that the ledger has one outcome for the object.
     */
    private IngestResult hold(RawObjectEvent event, Source source, Conversion conversion, Optional<Object> previous)
            throws IOException {
        String key = event.key();
        String sha = source.sha256();
        List<Object> tables = new ArrayList<>();
        List<String> named = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        for (int i = 0; i < conversion.datasets.size(); i++) {
            ConvertedDataset d = conversion.datasets.get(i);
            ScreenResult r = conversion.screens.get(i);
            boolean held = !"survey".equals(d.kind()) && r.held();
            List<Object> columns = new ArrayList<>();
            for (ColumnVerdict v : r.personalColumns()) {
                // A header is text from the upload: were it itself an identifier, the record must not keep it.
                String column = Redactor.redact(v.header());
                columns.add(new Node().with("column", column).with("reason", v.reason()));
                named.add("\"" + column + "\" (" + v.reason() + ")");
            }
            if (r.recordsAboutPeople() != null) {
                named.add(r.recordsAboutPeople());
            }
            tables.add(new Node()
                    .with("dataset_id", d.datasetId())
                    .with("sheet", conversion.sheets.get(i))
                    .with("family", d.family())
                    .with("kind", d.kind())
                    .with("rows", d.rowsWritten())
                    .with("held", held)
                    .with("personal_columns", columns)
                    .with("records_about_people", r.recordsAboutPeople()));
            families.add(d.family());
        }
        String release = releaseInstructions(sha);
        String reason = "personal data suspected: " + String.join("; ", named);
        Node record = new Node()
                .with("file", key)
                .with("status", "held")
                .with("sha256", sha)
                .with("reason", reason)
                .with("tables", tables)
                .with("skipped", LedgerJson.sorted(conversion.skipped))
                .with("release", release)
                .with("source", sourceNode(event, source))
                .with("held_at", LedgerJson.instant(clock.instant()));
        store.put(buckets.lake(), LakeKeys.heldKey(key), json.bytes(record), PutOptions.json());
        if (previous.isPresent()) {
            retire(previous.get(), Set.of());
        }
        store.delete(buckets.lake(), LakeKeys.quarantineKey(key));
        Node report = baseReport(event, source, "held");
        report.put("reason", reason);
        report.put("held_key", LakeKeys.heldKey(key));
        report.put("tables", tables);
        report.put("skipped", LedgerJson.sorted(conversion.skipped));
        report.put("release", release);
        writeReport(key, report);
        return new IngestResult(key, "held", List.of(), String.join(", ", families), 0, reason + ". " + release);
    }

    /** What the officer does to release a held upload. */
    static String releaseInstructions(String sha256) {
        return "Nothing from this upload was published or written to the lake. Upload it again without those columns,"
                + " or, if it may be published as it is, list sha256 " + sha256 + " in config/publish.yaml with a reason:"
                + " 'version: 1' and 'release: [{sha256: " + sha256 + ", reason: \"why it may be published\"}]'."
                + " The release is by these exact bytes: a later upload under the same key is screened again.";
    }

    /** The {@code screen} field of provenance and of the report's dataset entries. */
    private static Node screenNode(ConvertedDataset d, ScreenResult r, PublishReleases.Release release) {
        String verdict;
        if (release != null) {
            verdict = "released";
        } else if (r == ScreenResult.NONE) {
            verdict = "not screened";
        } else {
            verdict = "passed";
        }
        Node n = new Node()
                .with("verdict", verdict)
                .with("columns_checked", (long) r.columnsChecked());
        List<Object> columns = new ArrayList<>();
        if (!"survey".equals(d.kind())) {
            for (ColumnVerdict v : r.personalColumns()) {
                columns.add(new Node().with("column", Redactor.redact(v.header())).with("reason", v.reason()));
            }
        }
        n.put("personal_columns", columns);
        n.put("records_about_people", "survey".equals(d.kind()) ? null : r.recordsAboutPeople());
        n.put("redactions", r.redactionCount());
        n.put("redacted", LedgerJson.sorted(r.redactions()));
        if (release != null) {
            n.put("release", new Node()
                    .with("sha256", release.sha256())
                    .with("reason", release.reason())
                    .with("by", release.by()));
        }
        return n;
    }

    /**
     * Applies a new set of releases: every held upload whose sha256 it lists is converted again and
     * written as uploaded; every released dataset whose sha256 it no longer lists is screened again
     * (and so held). Each raw object is read as it is now: when its bytes no longer match the sha256
     * released, the key was uploaded again since, that version has its own outcome, and the entry
     * says so.
     */
    private List<Object> applyReleases(PublishReleases releases) throws IOException {
        List<Object> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String heldKey : store.listKeys(buckets.lake(), LakeKeys.HELD)) {
            Optional<Object> record = readJson(heldKey);
            if (record.isEmpty()) {
                continue;
            }
            String sha = LedgerJson.text(LedgerJson.path(record.get(), "sha256"), null);
            String rawKey = LedgerJson.text(LedgerJson.path(record.get(), "file"), null);
            if (rawKey == null || releases.find(sha).isEmpty() || !done.add(rawKey)) {
                continue;
            }
            out.add(reprocess(rawKey, sha, LedgerJson.path(record.get(), "source"), "released"));
        }
        for (String k : store.listKeys(buckets.lake(), LakeKeys.DATASETS)) {
            if (!k.endsWith("/" + LakeKeys.PROVENANCE)) {
                continue;
            }
            Optional<Object> provenance = readJson(k);
            if (provenance.isEmpty() || !"released".equals(LedgerJson.text(LedgerJson.path(provenance.get(), "screen", "verdict"), ""))) {
                continue;
            }
            String sha = LedgerJson.text(LedgerJson.path(provenance.get(), "screen", "release", "sha256"), null);
            String rawKey = LedgerJson.text(LedgerJson.path(provenance.get(), "source", "key"), null);
            if (rawKey == null || releases.find(sha).isPresent() || !done.add(rawKey)) {
                continue;
            }
            out.add(reprocess(rawKey, sha, LedgerJson.path(provenance.get(), "source"), "release withdrawn"));
        }
        return out;
    }

    /** Converts the raw object again as it is now, when its bytes are still those of {@code sha256}. */
    private Node reprocess(String rawKey, String sha256, Object recordedSource, String why) throws IOException {
        Node n = new Node().with("key", rawKey).with("sha256", sha256).with("action", why);
        Optional<org.bigpicture.core.store.ObjectInfo> head = store.head(buckets.raw(), rawKey);
        if (head.isEmpty()) {
            return n.with("outcome", "none: the raw object is gone");
        }
        Path work = ScratchNames.newDirectory(scratch, "release-");
        try {
            Path file = work.resolve("upload");
            store.download(buckets.raw(), rawKey, file);
            Source source = new Source(Files.size(file), file);
            source.start();
            if (!sha256.equals(source.sha256())) {
                return n.with("outcome", "none: the raw object's current bytes (sha256 " + source.sha256()
                        + ") no longer match sha256 " + sha256 + "; the key was uploaded again since, and that"
                        + " version has its own outcome");
            }
            Optional<Object> previous = readJson(LakeKeys.reportKey(rawKey));
            String etag = head.get().etag() == null ? null : stripQuotes(head.get().etag());
            RawObjectEvent event = new RawObjectEvent(buckets.raw(), rawKey,
                    LedgerJson.text(LedgerJson.path(recordedSource, "version_id"), null), etag, source.bytes,
                    LedgerJson.text(LedgerJson.path(recordedSource, "sequencer"), null), clock.instant());
            IngestResult r = data(event, source, file, work, previous);
            return n.with("outcome", r.status()).with("datasets", r.datasets());
        } finally {
            deleteRecursively(work);
        }
    }

    /** The validated releases in the lake's {@code config/publish.yaml}, or none. */
    private PublishReleases releases() throws IOException {
        byte[] bytes;
        try {
            bytes = store.readAllBytes(buckets.lake(), LakeKeys.CONFIG + PublishReleases.CONFIG_NAME);
        } catch (NoSuchFileException e) {
            return PublishReleases.none();
        }
        String key = LakeKeys.CONFIG + PublishReleases.CONFIG_NAME;
        try {
            return PublishReleases.parse(key, decodeUtf8(key, bytes));
        } catch (BadInputException e) {
            // The lake holds only validated copies: one that does not parse was written by something else.
            // Not this upload's fault, so not its quarantine: fail the event (retried, then kept on the queue).
            throw new IllegalStateException("the lake's " + key + " is not valid (" + e.getMessage()
                    + "); upload a valid config/publish.yaml to the raw bucket", e);
        }
    }

    private IngestResult configuration(RawObjectEvent event, Source source, Path file)
            throws IOException {
        String key = event.key();
        String name = key.substring(LakeKeys.CONFIG.length());
        String text;
        try {
            Map<String, ConfigValidator> known = validators();
            ConfigValidator validator = known.get(name);
            if (validator == null) {
                throw new BadInputException(key, 0, "unknown configuration file; expected one of "
                        + String.join(", ", new TreeSet<>(known.keySet())) + " directly under config/");
            }
            text = decodeUtf8(key, Files.readAllBytes(file));
            validator.validate(key, text);
        } catch (BadInputException bad) {
            // The last good configuration stays in place (nothing is retired): only the record of this upload changes.
            return quarantine(event, source, bad, Optional.empty());
        }
        String configKey = LakeKeys.CONFIG + name;
        store.put(buckets.lake(), configKey, file, PutOptions.of(contentType(name)));
        store.delete(buckets.lake(), LakeKeys.quarantineKey(key));
        Node report = baseReport(event, source, "configuration");
        report.put("config_key", configKey);
        if (name.equals(PublishReleases.CONFIG_NAME)) {
            report.put("releases", applyReleases(PublishReleases.parse(key, text)));
        }
        writeReport(key, report);
        return new IngestResult(key, "configuration", List.of(), "configuration", 0, null);
    }

    private IngestResult quarantine(RawObjectEvent event, Source source, BadInputException bad,
                                    Optional<Object> previous) throws IOException {
        String key = event.key();
        Node record = new Node()
                .with("file", key)
                .with("line", bad.line() > 0 ? (Object) bad.line() : null)
                .with("reason", bad.reason())
                .with("message", bad.getMessage())
                .with("source", sourceNode(event, source))
                .with("quarantined_at", LedgerJson.instant(clock.instant()));
        store.put(buckets.lake(), LakeKeys.quarantineKey(key), json.bytes(record), PutOptions.json());
        store.delete(buckets.lake(), LakeKeys.heldKey(key));
        if (previous.isPresent()) {
            // The raw object now holds this bad version: what the key became before is retired,
            // so that the ledger has exactly one outcome for the object.
            retire(previous.get(), Set.of());
        }
        Node report = baseReport(event, source, "quarantined");
        report.put("reason", bad.reason());
        if (bad.line() > 0) {
            report.put("line", bad.line());
        }
        report.put("quarantine_key", LakeKeys.quarantineKey(key));
        writeReport(key, report);
        return new IngestResult(key, "quarantined", List.of(), null, 0, bad.getMessage());
    }

    private void upload(String id, ConvertedDataset d, RawObjectEvent event, Source source, Node screen,
                        ResolvedSource terms)
            throws IOException {
        String prefix = LakeKeys.datasetPrefix(id);
        String restricted = LakeKeys.restrictedPrefix(id);
        // Provenance goes first on the way out and last on the way in, so a half-written dataset
        // is never taken as done.
        store.delete(buckets.lake(), LakeKeys.provenanceKey(id));
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d.dir())) {
            for (Path f : entries) {
                if (Files.isRegularFile(f)) {
                    files.add(f);
                }
            }
        }
        Collections.sort(files);
        Set<String> written = new LinkedHashSet<>();
        List<Object> fileNodes = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.equals(LakeKeys.PROVENANCE)) {
                continue;
            }
            // Respondent-level files live under restricted/, a prefix the publishing roles are denied.
            String target = (LakeKeys.isRespondentLevel(name) ? restricted : prefix) + name;
            Node node = new Node()
                    .with("name", name)
                    .with("bytes", Files.size(f))
                    .with("sha256", Sha256.hex(f));
            if (LakeKeys.isRespondentLevel(name)) {
                node.put("key", target);
            }
            fileNodes.add(node);
            // The scratch copy is not needed again: a local store takes it by a rename, not a copy.
            store.putMoving(buckets.lake(), target, f, PutOptions.of(contentType(name)));
            written.add(target);
        }
        for (String old : store.listKeys(buckets.lake(), prefix)) {
            if (!written.contains(old) && !old.equals(LakeKeys.provenanceKey(id))) {
                store.delete(buckets.lake(), old);
            }
        }
        for (String old : store.listKeys(buckets.lake(), restricted)) {
            if (!written.contains(old)) {
                store.delete(buckets.lake(), old);
            }
        }
        Node p = new Node()
                .with("dataset_id", id)
                .with("family", d.family())
                .with("kind", d.kind())
                .with("layout", d.layout())
                .with("source", sourceNode(event, source))
                .with("rows", new Node()
                        .with("read", d.rowsRead())
                        .with("written", d.rowsWritten())
                        .with("rejected", d.rowsRejected())
                        .with("rejected_by_reason", LedgerJson.sorted(d.rejected())))
                .with("notes", LedgerJson.sorted(d.notes()));
        if (d.summary() != null && !d.summary().isEmpty()) {
            p.put("summary", LedgerJson.sorted(d.summary()));
        }
        p.with("screen", screen)
                .with("files", fileNodes)
                // Who published it, as config/sources.yaml said at upload time (publish resolves again).
                .with("licence", terms.licence().id())
                .with("published_by", terms.toRecord())
                .with("ingested_at", LedgerJson.instant(clock.instant()))
                .with("code_version", codeVersion);
        store.put(buckets.lake(), LakeKeys.provenanceKey(id), json.bytes(p), PutOptions.json());
    }

    /** Deletes the datasets a previous outcome listed, except those being kept. */
    private void retire(Object previousReport, Set<String> keep) throws IOException {
        for (Object d : LedgerJson.elements(LedgerJson.path(previousReport, "datasets"))) {
            String id = LedgerJson.text(LedgerJson.path(d, "id"), "");
            if (id.isEmpty() || keep.contains(id)) {
                continue;
            }
            store.delete(buckets.lake(), LakeKeys.provenanceKey(id));
            for (String k : store.listKeys(buckets.lake(), LakeKeys.datasetPrefix(id))) {
                store.delete(buckets.lake(), k);
            }
            for (String k : store.listKeys(buckets.lake(), LakeKeys.restrictedPrefix(id))) {
                store.delete(buckets.lake(), k);
            }
        }
    }

    /** Two raw keys may slug alike ({@code a b.csv}, {@code a-b.csv}); the later one gets a suffix. */
    private String uniqueId(String id, String key) throws IOException {
        Optional<Object> existing = readJson(LakeKeys.provenanceKey(id));
        if (existing.isEmpty() || key.equals(LedgerJson.text(LedgerJson.path(existing.get(), "source", "key"), ""))) {
            return id;
        }
        return id + "-" + LakeKeys.sha256(key).substring(0, 8);
    }

    private boolean lakeHoldsOutcome(Object report) throws IOException {
        switch (status(report)) {
            case "accepted":
                for (Object d : LedgerJson.elements(LedgerJson.path(report, "datasets"))) {
                    String id = LedgerJson.text(LedgerJson.path(d, "id"), "");
                    if (store.head(buckets.lake(), LakeKeys.provenanceKey(id)).isEmpty()) {
                        return false;
                    }
                }
                return true;
            case "quarantined":
                return store.head(buckets.lake(), LedgerJson.text(LedgerJson.path(report, "quarantine_key"), ""))
                        .isPresent();
            case "configuration":
                return store.head(buckets.lake(), LedgerJson.text(LedgerJson.path(report, "config_key"), ""))
                        .isPresent();
            case "held":
                // Held bytes the officer has since released are not "already ingested": they are written now.
                return store.head(buckets.lake(), LedgerJson.text(LedgerJson.path(report, "held_key"), "")).isPresent()
                        && releases().find(LedgerJson.text(LedgerJson.path(report, "source", "sha256"), null)).isEmpty();
            default:
                return false;
        }
    }

    /** A report's {@code status}, or "" where it has none. */
    private static String status(Object report) {
        return LedgerJson.text(LedgerJson.path(report, "status"), "");
    }

    private static boolean isStale(RawObjectEvent event, Object previous) {
        String seen = LedgerJson.text(LedgerJson.path(previous, "sequencer"), null);
        if (seen == null || seen.isEmpty() || event.sequencer() == null || event.sequencer().isEmpty()) {
            return false;
        }
        return compareSequencers(event.sequencer(), seen) < 0;
    }

    /** S3 sequencers are hex strings of varying length: pad on the right with zeros and compare. */
    static int compareSequencers(String a, String b) {
        int n = Math.max(a.length(), b.length());
        String pa = (a + "0".repeat(n - a.length())).toUpperCase(Locale.ROOT);
        String pb = (b + "0".repeat(n - b.length())).toUpperCase(Locale.ROOT);
        return pa.compareTo(pb);
    }

    private void guardSource(RawObjectEvent event) {
        // Never act on events from a bucket this function writes to.
        if (!event.bucket().equals(buckets.raw())) {
            throw new IllegalArgumentException("ingest only handles the raw bucket " + buckets.raw()
                    + ", not " + event.bucket());
        }
    }

    /**
     * Copies the upload to scratch, then hashes the copy on a second thread while the conversion
     * runs: the sha256 is needed only for the records written at the end, and hashing it in line
     * was a second sequential pass over the file before any conversion could start (issue 6).
     */
    private Source download(RawObjectEvent event, Path file) throws IOException {
        store.download(event.bucket(), event.key(), file);
        long bytes = Files.size(file);
        Source source = new Source(bytes, file);
        source.start();
        return source;
    }

    private Node baseReport(RawObjectEvent event, Source source, String status) throws IOException {
        return new Node()
                .with("key", event.key())
                .with("status", status)
                .with("sequencer", event.sequencer())
                .with("source", sourceNode(event, source))
                .with("processed_at", LedgerJson.instant(clock.instant()))
                .with("code_version", codeVersion);
    }

    private static Node sourceNode(RawObjectEvent event, Source source) throws IOException {
        return new Node()
                .with("bucket", event.bucket())
                .with("key", event.key())
                .with("version_id", event.versionId())
                .with("etag", event.etag() == null ? null : stripQuotes(event.etag()))
                .with("sequencer", event.sequencer())
                .with("sha256", source.sha256())
                .with("bytes", source.bytes);
    }

    private void writeReport(String key, Node report) throws IOException {
        byte[] json = this.json.bytes(report);
        store.put(buckets.lake(), LakeKeys.reportKey(key), json, PutOptions.json());
        String status = (String) report.get("status");
        String subject = switch (status) {
            case "accepted" -> "Accepted: " + key;
            case "quarantined" -> "Quarantined: " + key;
            case "configuration" -> "Configuration applied: " + key;
            case "held" -> "Held (personal data suspected), not published: " + key;
            default -> "Removed: " + key;
        };
        notifier.uploadResult(subject, new String(json, StandardCharsets.UTF_8));
    }

    private Optional<Object> readJson(String lakeKey) throws IOException {
        byte[] bytes;
        try {
            bytes = store.readAllBytes(buckets.lake(), lakeKey);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(json.read(bytes));
    }

    /** The configuration validators by file name, found on first use. */
    private synchronized Map<String, ConfigValidator> validators() {
        if (validators == null) {
            Map<String, ConfigValidator> byName = new LinkedHashMap<>();
            for (ConfigValidator v : validatorSource.get()) {
                byName.put(v.name(), v);
            }
            validators = Collections.unmodifiableMap(byName);
        }
        return validators;
    }

    private static String decodeUtf8(String key, byte[] bytes) {
        try {
            int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                    && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInputException(key, 0, "configuration files must be UTF-8 text");
        }
    }

    static String contentType(String name) {
        return ContentTypes.of(name, ContentTypes.BINARY);
    }

    private static String stripQuotes(String etag) {
        return etag.replace("\"", "");
    }

    private static String codeVersion() {
        String v = Ingest.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Deletes a folder and what it holds; links are deleted, not followed. */
    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path p : entries) {
                    deleteRecursively(p);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    /**
     * The upload's size, and its sha256 computed on a thread of its own ({@link #sha256} waits for
     * it). A plain thread: a {@code CompletableFuture} brings the fork-join pool's classes to every
     * cold start.
     */
    private static final class Source extends Thread {
        final long bytes;
        private final Path file;
        private String hex;
        private Throwable failure;

        Source(long bytes, Path file) {
            super("ingest-sha256");
            this.bytes = bytes;
            this.file = file;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                hex = Sha256.hex(file);
            } catch (Throwable t) {
                failure = t;
            }
        }

        String sha256() throws IOException {
            try {
                join(); // publishes hex and failure to this thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while hashing the upload");
            }
            return failure == null ? hex : ThreadFailures.rethrow(failure);
        }
    }

    /** Validators given as a list. */
    private static final class Fixed implements Supplier<List<ConfigValidator>> {
        private final List<ConfigValidator> validators;

        Fixed(List<ConfigValidator> validators) {
            this.validators = List.copyOf(validators);
        }

        @Override
        public List<ConfigValidator> get() {
            return validators;
        }
    }

    /** Scratch folders under one work dir; configuration read from the lake. */
    private final class LocalWorkspace implements Workspace {
        private final Path root;

        LocalWorkspace(Path root) throws IOException {
            this.root = Files.createDirectories(root);
        }

        @Override
        public Path datasetDir(String datasetId) throws IOException {
            return Files.createDirectories(root.resolve(LakeKeys.slug(datasetId) + "-" + System.nanoTime()));
        }

        @Override
        public Limits limits() {
            return recognizer.limits();
        }

        @Override
        public Optional<String> config(String name) throws IOException {
            try {
                return Optional.of(new String(store.readAllBytes(buckets.lake(), LakeKeys.CONFIG + name),
                        StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public byte[] pseudonymKey() {
            return pseudonymKey.get();
        }
    }
}
