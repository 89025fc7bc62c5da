package org.bigpicture.core.ingest;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConfigValidator;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.UploadTables;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.lake.HeldRecord;
import org.bigpicture.core.lake.IngestReport;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.LedgerJson;
import org.bigpicture.core.lake.Provenance;
import org.bigpicture.core.lake.QuarantineRecord;
import org.bigpicture.core.lake.ScreenSummary;
import org.bigpicture.core.lake.SourceObject;
import org.bigpicture.core.screen.ColumnVerdict;
import org.bigpicture.core.screen.Redactor;
import org.bigpicture.core.screen.ScreenResult;
import org.bigpicture.core.sources.ResolvedSource;
import org.bigpicture.core.sources.Sources;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.store.ObjectInfo;
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
 * <p>The steps, each a class of its own: download and hash ({@link RawUpload}), recognise and
 * convert through the screen ({@link Converter}), write ({@link LakeWriter}), record
 * ({@link Ledger}). This class decides between the outcomes.
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

    private final ObjectStore store;
    private final Buckets buckets;
    private final Supplier<List<ConfigValidator>> validatorSource;
    private Map<String, ConfigValidator> validators;
    private final Clock clock;
    private final Path scratch;
    private final String codeVersion;
    private final Converter converter;
    private final LakeWriter writer;
    private final Ledger ledger;

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
        this.validatorSource = validators;
        this.clock = clock;
        this.scratch = scratch;
        this.codeVersion = codeVersion();
        this.converter = new Converter(recognizer, store, buckets, pseudonymKey);
        this.ledger = new Ledger(store, buckets, notifier);
        this.writer = new LakeWriter(store, buckets, ledger);
    }

    /** Handles {@code s3:ObjectCreated:*} on the raw bucket. */
    public IngestResult onObjectCreated(RawObjectEvent event) throws IOException {
        guardSource(event);
        String key = event.key();
        Optional<IngestReport> previous = ledger.report(key);
        if (previous.isPresent() && Ledger.isStale(event, previous.get())) {
            return IngestResult.skipped(key, "an event newer than this one was already processed for this key");
        }
        if (previous.isPresent() && event.etag() != null && !IngestReport.REMOVED.equals(previous.get().status())
                && previous.get().source() != null
                && Ledger.stripQuotes(event.etag()).equals(previous.get().source().etag())
                && lakeHoldsOutcome(previous.get())) {
            return IngestResult.skipped(key, "the same bytes were already ingested");
        }

        Path work = ScratchNames.newDirectory(scratch, "ingest-");
        try {
            Path file = work.resolve("upload");
            RawUpload upload = RawUpload.download(store, event.bucket(), event.key(), file);
            if (previous.isPresent() && previous.get().source() != null
                    && upload.sha256().equals(previous.get().source().sha256())
                    && !IngestReport.REMOVED.equals(previous.get().status()) && lakeHoldsOutcome(previous.get())) {
                return IngestResult.skipped(key, "the same bytes were already ingested");
            }
            if (key.startsWith(LakeKeys.CONFIG)) {
                return configuration(event, upload);
            }
            return data(event, upload, work, previous);
        } finally {
            deleteRecursively(work);
        }
    }

    /** Handles {@code s3:ObjectRemoved:*} on the raw bucket: retires what the object had become. */
    public IngestResult onObjectRemoved(RawObjectEvent event) throws IOException {
        guardSource(event);
        String key = event.key();
        Optional<IngestReport> previous = ledger.report(key);
        if (previous.isEmpty()) {
            return IngestResult.skipped(key, "nothing was recorded for this key");
        }
        if (Ledger.isStale(event, previous.get())) {
            return IngestResult.skipped(key, "an event newer than this one was already processed for this key");
        }
        writer.retire(previous.get().datasetIds(), Set.of());
        ledger.deleteQuarantine(key);
        ledger.deleteHeld(key);
        if (IngestReport.CONFIGURATION.equals(previous.get().status())) {
            String configKey = previous.get().configKey();
            store.delete(buckets.lake(), configKey == null ? "" : configKey);
            if (key.equals(LakeKeys.CONFIG + PublishReleases.CONFIG_NAME)) {
                applyReleases(PublishReleases.none()); // every release withdrawn: what they released is held again
            }
        }
        ledger.record(IngestReport.removed(key, event.sequencer(), LedgerJson.instant(clock.instant()),
                previous.get().datasets()));
        return new IngestResult(key, "removed", List.of(), null, 0, "the raw object was deleted; its datasets are retired");
    }

    // ----------------------------------------------------------------------------------------------

    private IngestResult data(RawObjectEvent event, RawUpload upload, Path work, Optional<IngestReport> previous)
            throws IOException {
        String key = event.key();
        Sources.Pending sources = Sources.loadInBackground(store, buckets.lake()); // read while converting
        Converter.Conversion conversion;
        try {
            UploadTables tables = converter.open(key, upload);
            conversion = converter.convert(tables, work.resolve("out"), false);
            // Only an upload the screen held or redacted asks whether it was released: reading
            // publish.yaml is no part of a clean upload's path.
            if (conversion.held() || conversion.redacted()) {
                Optional<PublishReleases.Release> release = releases().find(upload.sha256());
                if (release.isPresent()) {
                    // "A released upload is written and published as uploaded": convert again, unredacted.
                    deleteRecursively(work.resolve("out"));
                    conversion = converter.convert(tables, work.resolve("released"), true);
                    conversion.release = release.get();
                }
            }
        } catch (BadInputException bad) {
            return quarantine(event, upload, bad, previous);
        } finally {
            converter.discardUnder(work);
        }
        if (conversion.release == null && conversion.held()) {
            return hold(event, upload, conversion, previous);
        }
        List<ConvertedDataset> converted = conversion.datasets;
        SourceObject source = upload.source(event);

        Set<String> ids = new LinkedHashSet<>();
        Sources terms = sources.get();
        List<ScreenSummary> screens = new ArrayList<>();
        for (int i = 0; i < converted.size(); i++) {
            ConvertedDataset d = converted.get(i);
            String id = writer.uniqueId(d.datasetId(), key);
            ids.add(id);
            ScreenSummary screen = screenSummary(d, conversion.screens.get(i), conversion.release);
            screens.add(screen);
            List<Provenance.FileEntry> files = writer.writeFiles(id, d);
            ResolvedSource published = terms.resolve(key, d.family());
            // Who published it, as config/sources.yaml said at upload time (publish resolves again).
            writer.finish(new Provenance(id, d.family(), d.kind(), d.layout(), source,
                    new Provenance.Rows(d.rowsRead(), d.rowsWritten(), d.rowsRejected(), d.rejected()),
                    d.notes(), d.summary(), screen, files, published.licence().id(), published.toRecord(),
                    LedgerJson.instant(clock.instant()), codeVersion));
        }
        if (previous.isPresent()) {
            writer.retire(previous.get().datasetIds(), ids);
        }
        ledger.deleteQuarantine(key);
        ledger.deleteHeld(key);

        List<IngestReport.Dataset> datasets = new ArrayList<>();
        List<String> ordered = new ArrayList<>(ids);
        long rows = 0;
        Set<String> families = new LinkedHashSet<>();
        for (int i = 0; i < converted.size(); i++) {
            ConvertedDataset d = converted.get(i);
            datasets.add(new IngestReport.Dataset(ordered.get(i), d.family(), d.kind(), d.layout(), d.rowsRead(),
                    d.rowsWritten(), d.rowsRejected(), d.rejected(), d.notes(), d.summary(), screens.get(i)));
            rows += d.rowsWritten();
            families.add(d.family());
        }
        ledger.record(report(event, source, IngestReport.ACCEPTED).accepted(datasets, conversion.skipped));
        return new IngestResult(key, "accepted", ordered, String.join(", ", families), rows, null);
    }

    /**
     * The upload is held (personal data suspected): nothing of it is written to the lake but a held
     * record and the report, which say which tables and columns, why, and how to release it. The
     * raw object stays in the raw bucket, under its access controls. What the key became before is
     * retired, so that the ledger has one outcome for the object.
     */
    private IngestResult hold(RawObjectEvent event, RawUpload upload, Converter.Conversion conversion,
                              Optional<IngestReport> previous) throws IOException {
        String key = event.key();
        String sha = upload.sha256();
        List<HeldRecord.Table> tables = new ArrayList<>();
        List<String> named = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        for (int i = 0; i < conversion.datasets.size(); i++) {
            ConvertedDataset d = conversion.datasets.get(i);
            ScreenResult r = conversion.screens.get(i);
            boolean held = !"survey".equals(d.kind()) && r.held();
            List<ScreenSummary.PersonalColumn> columns = new ArrayList<>();
            for (ColumnVerdict v : r.personalColumns()) {
                // A header is text from the upload: were it itself an identifier, the record must not keep it.
                String column = Redactor.redact(v.header());
                columns.add(new ScreenSummary.PersonalColumn(column, v.reason()));
                named.add("\"" + column + "\" (" + v.reason() + ")");
            }
            if (r.recordsAboutPeople() != null) {
                named.add(r.recordsAboutPeople());
            }
            tables.add(new HeldRecord.Table(d.datasetId(), conversion.sheets.get(i), d.family(), d.kind(),
                    d.rowsWritten(), held, columns, r.recordsAboutPeople()));
            families.add(d.family());
        }
        String release = releaseInstructions(sha);
        String reason = "personal data suspected: " + String.join("; ", named);
        SourceObject source = upload.source(event);
        ledger.hold(key, new HeldRecord(key, sha, reason, tables, conversion.skipped, release, source,
                LedgerJson.instant(clock.instant())));
        if (previous.isPresent()) {
            writer.retire(previous.get().datasetIds(), Set.of());
        }
        ledger.deleteQuarantine(key);
        ledger.record(report(event, source, IngestReport.HELD)
                .held(reason, LakeKeys.heldKey(key), tables, conversion.skipped, release));
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
    private static ScreenSummary screenSummary(ConvertedDataset d, ScreenResult r, PublishReleases.Release release) {
        String verdict;
        if (release != null) {
            verdict = ScreenSummary.RELEASED;
        } else if (r == ScreenResult.NONE) {
            verdict = ScreenSummary.NOT_SCREENED;
        } else {
            verdict = ScreenSummary.PASSED;
        }
        List<ScreenSummary.PersonalColumn> columns = new ArrayList<>();
        if (!"survey".equals(d.kind())) {
            for (ColumnVerdict v : r.personalColumns()) {
                columns.add(new ScreenSummary.PersonalColumn(Redactor.redact(v.header()), v.reason()));
            }
        }
        Map<String, Long> redacted = new TreeMap<>();
        for (Map.Entry<String, ? extends Number> e : r.redactions().entrySet()) {
            redacted.put(e.getKey(), e.getValue().longValue());
        }
        return new ScreenSummary(verdict, r.columnsChecked(), columns,
                "survey".equals(d.kind()) ? null : r.recordsAboutPeople(), r.redactionCount(), redacted,
                release == null ? null : new ScreenSummary.Release(release.sha256(), release.reason(), release.by()));
    }

    /**
     * Applies a new set of releases: every held upload whose sha256 it lists is converted again and
     * written as uploaded; every released dataset whose sha256 it no longer lists is screened again
     * (and so held). Each raw object is read as it is now: when its bytes no longer match the sha256
     * released, the key was uploaded again since, that version has its own outcome, and the entry
     * says so.
     */
    private List<IngestReport.ReleaseOutcome> applyReleases(PublishReleases releases) throws IOException {
        List<IngestReport.ReleaseOutcome> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String heldKey : store.listKeys(buckets.lake(), LakeKeys.HELD)) {
            Optional<HeldRecord> record = ledger.held(heldKey);
            if (record.isEmpty()) {
                continue;
            }
            String sha = record.get().sha256();
            String rawKey = record.get().file();
            if (rawKey == null || releases.find(sha).isEmpty() || !done.add(rawKey)) {
                continue;
            }
            out.add(reprocess(rawKey, sha, record.get().source(), "released"));
        }
        for (String k : store.listKeys(buckets.lake(), LakeKeys.DATASETS)) {
            if (!k.endsWith("/" + LakeKeys.PROVENANCE)) {
                continue;
            }
            Optional<Provenance> provenance = ledger.provenance(k);
            if (provenance.isEmpty() || provenance.get().screen() == null
                    || !ScreenSummary.RELEASED.equals(provenance.get().screen().verdict())) {
                continue;
            }
            ScreenSummary.Release release = provenance.get().screen().release();
            String sha = release == null ? null : release.sha256();
            String rawKey = provenance.get().source() == null ? null : provenance.get().source().key();
            if (rawKey == null || releases.find(sha).isPresent() || !done.add(rawKey)) {
                continue;
            }
            out.add(reprocess(rawKey, sha, provenance.get().source(), "release withdrawn"));
        }
        return out;
    }

    /** Converts the raw object again as it is now, when its bytes are still those of {@code sha256}. */
    private IngestReport.ReleaseOutcome reprocess(String rawKey, String sha256, SourceObject recorded, String why)
            throws IOException {
        Optional<ObjectInfo> head = store.head(buckets.raw(), rawKey);
        if (head.isEmpty()) {
            return new IngestReport.ReleaseOutcome(rawKey, sha256, why, "none: the raw object is gone", null);
        }
        Path work = ScratchNames.newDirectory(scratch, "release-");
        try {
            RawUpload upload = RawUpload.download(store, buckets.raw(), rawKey, work.resolve("upload"));
            if (!sha256.equals(upload.sha256())) {
                return new IngestReport.ReleaseOutcome(rawKey, sha256, why, "none: the raw object's current bytes"
                        + " (sha256 " + upload.sha256() + ") no longer match sha256 " + sha256
                        + "; the key was uploaded again since, and that version has its own outcome", null);
            }
            Optional<IngestReport> previous = ledger.report(rawKey);
            String etag = head.get().etag() == null ? null : Ledger.stripQuotes(head.get().etag());
            RawObjectEvent event = new RawObjectEvent(buckets.raw(), rawKey,
                    recorded == null ? null : recorded.versionId(), etag, upload.bytes,
                    recorded == null ? null : recorded.sequencer(), clock.instant());
            IngestResult r = data(event, upload, work, previous);
            return new IngestReport.ReleaseOutcome(rawKey, sha256, why, r.status(), r.datasets());
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

    private IngestResult configuration(RawObjectEvent event, RawUpload upload) throws IOException {
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
            text = decodeUtf8(key, Files.readAllBytes(upload.file));
            validator.validate(key, text);
        } catch (BadInputException bad) {
            // The last good configuration stays in place (nothing is retired): only the record of this upload changes.
            return quarantine(event, upload, bad, Optional.empty());
        }
        String configKey = LakeKeys.CONFIG + name;
        store.put(buckets.lake(), configKey, upload.file, PutOptions.of(LakeWriter.contentType(name)));
        ledger.deleteQuarantine(key);
        List<IngestReport.ReleaseOutcome> releases = name.equals(PublishReleases.CONFIG_NAME)
                ? applyReleases(PublishReleases.parse(key, text)) : null;
        ledger.record(report(event, upload.source(event), IngestReport.CONFIGURATION)
                .configuration(configKey, releases));
        return new IngestResult(key, "configuration", List.of(), "configuration", 0, null);
    }

    private IngestResult quarantine(RawObjectEvent event, RawUpload upload, BadInputException bad,
                                    Optional<IngestReport> previous) throws IOException {
        String key = event.key();
        SourceObject source = upload.source(event);
        Long line = bad.line() > 0 ? bad.line() : null;
        ledger.quarantine(key, new QuarantineRecord(key, line, bad.reason(), bad.getMessage(), source,
                LedgerJson.instant(clock.instant())));
        ledger.deleteHeld(key);
        if (previous.isPresent()) {
            // The raw object now holds this bad version: what the key became before is retired,
            // so that the ledger has exactly one outcome for the object.
            writer.retire(previous.get().datasetIds(), Set.of());
        }
        ledger.record(report(event, source, IngestReport.QUARANTINED)
                .quarantined(bad.reason(), line, LakeKeys.quarantineKey(key)));
        return new IngestResult(key, "quarantined", List.of(), null, 0, bad.getMessage());
    }

    private boolean lakeHoldsOutcome(IngestReport report) throws IOException {
        switch (report.status() == null ? "" : report.status()) {
            case IngestReport.ACCEPTED:
                for (String id : report.datasetIds()) {
                    if (!ledger.exists(LakeKeys.provenanceKey(id))) {
                        return false;
                    }
                }
                return true;
            case IngestReport.QUARANTINED:
                return ledger.exists(report.quarantineKey());
            case IngestReport.CONFIGURATION:
                return ledger.exists(report.configKey());
            case IngestReport.HELD:
                // Held bytes the officer has since released are not "already ingested": they are written now.
                return ledger.exists(report.heldKey())
                        && releases().find(report.source() == null ? null : report.source().sha256()).isEmpty();
            default:
                return false;
        }
    }

    private IngestReport report(RawObjectEvent event, SourceObject source, String status) {
        return IngestReport.of(event.key(), status, event.sequencer(), source, LedgerJson.instant(clock.instant()),
                codeVersion);
    }

    private void guardSource(RawObjectEvent event) {
        // Never act on events from a bucket this function writes to.
        if (!event.bucket().equals(buckets.raw())) {
            throw new IllegalArgumentException("ingest only handles the raw bucket " + buckets.raw()
                    + ", not " + event.bucket());
        }
    }

    static int compareSequencers(String a, String b) {
        return Ledger.compareSequencers(a, b);
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
        return LakeWriter.contentType(name);
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
}
