package org.bigpicture.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bigpicture.core.Buckets;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.formats.UploadTables;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.Sha256;
import org.bigpicture.core.store.ContentTypes;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;

/**
 * Turns one raw upload into lake objects (DESIGN.md, "Flow" and "Lake layout"). Every raw object
 * ends as exactly one of: datasets (with {@code provenance.json} written last), a quarantine record
 * (the raw object stays), or a configuration record. A report under {@code reports/ingest/} is
 * written last of all: it is the ledger entry, so an upload whose report is missing was not
 * finished and a rerun completes it.
 *
 * <p>At-least-once delivery: an event older than the one already recorded for the key (by S3's
 * {@code sequencer}) is ignored, and an upload whose bytes equal those already recorded changes
 * nothing. Infrastructure failures propagate (Lambda retries); only input at fault is quarantined.
 */
public final class Ingest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ObjectStore store;
    private final Buckets buckets;
    private final Recognizer recognizer;
    private final Map<String, ConfigValidator> validators;
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
        this.store = store;
        this.buckets = buckets;
        this.recognizer = recognizer;
        Map<String, ConfigValidator> byName = new LinkedHashMap<>();
        for (ConfigValidator v : validators) {
            byName.put(v.name(), v);
        }
        this.validators = Map.copyOf(byName);
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
        Optional<JsonNode> previous = readJson(LakeKeys.reportKey(key));
        if (previous.isPresent() && isStale(event, previous.get())) {
            return IngestResult.skipped(key, "an event newer than this one was already processed for this key");
        }
        if (previous.isPresent() && event.etag() != null && !previous.get().path("status").asText().equals("removed")
                && stripQuotes(event.etag()).equals(previous.get().path("source").path("etag").asText(null))
                && lakeHoldsOutcome(previous.get())) {
            return IngestResult.skipped(key, "the same bytes were already ingested");
        }

        Path work = Files.createTempDirectory(scratch, "ingest-");
        try {
            Path file = work.resolve("upload");
            Source source = download(event, file);
            if (previous.isPresent() && source.sha256().equals(previous.get().path("source").path("sha256").asText(null))
                    && !previous.get().path("status").asText().equals("removed") && lakeHoldsOutcome(previous.get())) {
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
        Optional<JsonNode> previous = readJson(LakeKeys.reportKey(key));
        if (previous.isEmpty()) {
            return IngestResult.skipped(key, "nothing was recorded for this key");
        }
        if (isStale(event, previous.get())) {
            return IngestResult.skipped(key, "an event newer than this one was already processed for this key");
        }
        retire(previous.get(), Set.of());
        store.delete(buckets.lake(), LakeKeys.quarantineKey(key));
        if (previous.get().path("status").asText().equals("configuration")) {
            store.delete(buckets.lake(), previous.get().path("config_key").asText());
        }
        ObjectNode report = JSON.createObjectNode();
        report.put("key", key);
        report.put("status", "removed");
        report.put("sequencer", event.sequencer());
        report.put("removed_at", clock.instant().toString());
        report.set("retired_datasets", previous.get().path("datasets").deepCopy());
        writeReport(key, report);
        return new IngestResult(key, "removed", List.of(), null, 0, "the raw object was deleted; its datasets are retired");
    }

    // ----------------------------------------------------------------------------------------------

    private IngestResult data(RawObjectEvent event, Source source, Path file, Path work, Optional<JsonNode> previous)
            throws IOException {
        String key = event.key();
        List<ConvertedDataset> converted = new ArrayList<>();
        UploadTables tables;
        try {
            if (source.bytes > recognizer.limits().maxFileBytes()) {
                throw new BadInputException(key, 0, "the file is " + source.bytes + " bytes, over the limit of "
                        + recognizer.limits().maxFileBytes() + " bytes");
            }
            tables = recognizer.open(key, file);
            LocalWorkspace workspace = new LocalWorkspace(work.resolve("out"));
            for (TableInput table : tables.tables()) {
                Format format = recognizer.formatFor(table);
                converted.addAll(format.convert(table, workspace));
            }
            if (converted.isEmpty()) {
                throw new BadInputException(key, 0, "no table with data was found"
                        + (tables.skipped().isEmpty() ? "" : " (skipped: " + String.join("; ", tables.skipped()) + ")"));
            }
        } catch (BadInputException bad) {
            return quarantine(event, source, bad, previous);
        }

        Set<String> ids = new LinkedHashSet<>();
        for (ConvertedDataset d : converted) {
            String id = uniqueId(d.datasetId(), key);
            ids.add(id);
            upload(id, d, event, source);
        }
        if (previous.isPresent()) {
            retire(previous.get(), ids);
        }
        store.delete(buckets.lake(), LakeKeys.quarantineKey(key));

        ObjectNode report = baseReport(event, source, "accepted");
        ArrayNode datasets = report.putArray("datasets");
        List<String> ordered = new ArrayList<>(ids);
        for (int i = 0; i < converted.size(); i++) {
            ConvertedDataset d = converted.get(i);
            ObjectNode n = datasets.addObject();
            n.put("id", ordered.get(i));
            n.put("family", d.family());
            n.put("kind", d.kind());
            n.put("layout", d.layout());
            n.put("rows_read", d.rowsRead());
            n.put("rows_written", d.rowsWritten());
            n.put("rows_rejected", d.rowsRejected());
            n.set("rejected_by_reason", JSON.valueToTree(new java.util.TreeMap<>(d.rejected())));
            n.set("notes", JSON.valueToTree(d.notes()));
            if (d.summary() != null && !d.summary().isEmpty()) {
                n.set("summary", JSON.valueToTree(d.summary()));
            }
        }
        report.set("skipped", JSON.valueToTree(tables.skipped()));
        writeReport(key, report);
        long rows = converted.stream().mapToLong(ConvertedDataset::rowsWritten).sum();
        String families = converted.stream().map(ConvertedDataset::family).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("");
        return new IngestResult(key, "accepted", ordered, families, rows, null);
    }

    private IngestResult configuration(RawObjectEvent event, Source source, Path file)
            throws IOException {
        String key = event.key();
        String name = key.substring(LakeKeys.CONFIG.length());
        try {
            ConfigValidator validator = validators.get(name);
            if (validator == null) {
                throw new BadInputException(key, 0, "unknown configuration file; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(validators.keySet())) + " directly under config/");
            }
            String text = decodeUtf8(key, Files.readAllBytes(file));
            validator.validate(key, text);
        } catch (BadInputException bad) {
            // The last good configuration stays in place (nothing is retired): only the record of this upload changes.
            return quarantine(event, source, bad, Optional.empty());
        }
        String configKey = LakeKeys.CONFIG + name;
        store.put(buckets.lake(), configKey, file, PutOptions.of(contentType(name)));
        store.delete(buckets.lake(), LakeKeys.quarantineKey(key));
        ObjectNode report = baseReport(event, source, "configuration");
        report.put("config_key", configKey);
        writeReport(key, report);
        return new IngestResult(key, "configuration", List.of(), "configuration", 0, null);
    }

    private IngestResult quarantine(RawObjectEvent event, Source source, BadInputException bad,
                                    Optional<JsonNode> previous) throws IOException {
        String key = event.key();
        ObjectNode record = JSON.createObjectNode();
        record.put("file", key);
        if (bad.line() > 0) {
            record.put("line", bad.line());
        } else {
            record.putNull("line");
        }
        record.put("reason", bad.reason());
        record.put("message", bad.getMessage());
        record.set("source", sourceNode(event, source));
        record.put("quarantined_at", clock.instant().toString());
        store.put(buckets.lake(), LakeKeys.quarantineKey(key), bytes(record), PutOptions.json());
        if (previous.isPresent()) {
            // The raw object now holds this bad version: what the key became before is retired,
            // so that the ledger has exactly one outcome for the object.
            retire(previous.get(), Set.of());
        }
        ObjectNode report = baseReport(event, source, "quarantined");
        report.put("reason", bad.reason());
        if (bad.line() > 0) {
            report.put("line", bad.line());
        }
        report.put("quarantine_key", LakeKeys.quarantineKey(key));
        writeReport(key, report);
        return new IngestResult(key, "quarantined", List.of(), null, 0, bad.getMessage());
    }

    private void upload(String id, ConvertedDataset d, RawObjectEvent event, Source source) throws IOException {
        String prefix = LakeKeys.datasetPrefix(id);
        // Provenance goes first on the way out and last on the way in, so a half-written dataset
        // is never taken as done.
        store.delete(buckets.lake(), LakeKeys.provenanceKey(id));
        List<Path> files;
        try (Stream<Path> s = Files.list(d.dir())) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Set<String> written = new LinkedHashSet<>();
        ArrayNode fileNodes = JSON.createArrayNode();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.equals(LakeKeys.PROVENANCE)) {
                continue;
            }
            ObjectNode fn = fileNodes.addObject();
            fn.put("name", name);
            fn.put("bytes", Files.size(f));
            fn.put("sha256", Sha256.hex(f));
            // The scratch copy is not needed again: a local store takes it by a rename, not a copy.
            store.putMoving(buckets.lake(), prefix + name, f, PutOptions.of(contentType(name)));
            written.add(prefix + name);
        }
        for (String old : store.listKeys(buckets.lake(), prefix)) {
            if (!written.contains(old) && !old.equals(LakeKeys.provenanceKey(id))) {
                store.delete(buckets.lake(), old);
            }
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("dataset_id", id);
        p.put("family", d.family());
        p.put("kind", d.kind());
        p.put("layout", d.layout());
        p.set("source", sourceNode(event, source));
        ObjectNode rows = p.putObject("rows");
        rows.put("read", d.rowsRead());
        rows.put("written", d.rowsWritten());
        rows.put("rejected", d.rowsRejected());
        rows.set("rejected_by_reason", JSON.valueToTree(new java.util.TreeMap<>(d.rejected())));
        p.set("notes", JSON.valueToTree(d.notes()));
        if (d.summary() != null && !d.summary().isEmpty()) {
            p.set("summary", JSON.valueToTree(d.summary()));
        }
        p.set("files", fileNodes);
        p.put("licence", "OGL-UK-3.0");
        p.put("ingested_at", clock.instant().toString());
        p.put("code_version", codeVersion);
        store.put(buckets.lake(), LakeKeys.provenanceKey(id), bytes(p), PutOptions.json());
    }

    /** Deletes the datasets a previous outcome listed, except those being kept. */
    private void retire(JsonNode previousReport, Set<String> keep) throws IOException {
        for (JsonNode d : previousReport.path("datasets")) {
            String id = d.path("id").asText();
            if (id.isEmpty() || keep.contains(id)) {
                continue;
            }
            store.delete(buckets.lake(), LakeKeys.provenanceKey(id));
            for (String k : store.listKeys(buckets.lake(), LakeKeys.datasetPrefix(id))) {
                store.delete(buckets.lake(), k);
            }
        }
    }

    /** Two raw keys may slug alike ({@code a b.csv}, {@code a-b.csv}); the later one gets a suffix. */
    private String uniqueId(String id, String key) throws IOException {
        Optional<JsonNode> existing = readJson(LakeKeys.provenanceKey(id));
        if (existing.isEmpty() || key.equals(existing.get().path("source").path("key").asText())) {
            return id;
        }
        return id + "-" + LakeKeys.sha256(key).substring(0, 8);
    }

    private boolean lakeHoldsOutcome(JsonNode report) throws IOException {
        switch (report.path("status").asText()) {
            case "accepted":
                for (JsonNode d : report.path("datasets")) {
                    if (store.head(buckets.lake(), LakeKeys.provenanceKey(d.path("id").asText())).isEmpty()) {
                        return false;
                    }
                }
                return true;
            case "quarantined":
                return store.head(buckets.lake(), report.path("quarantine_key").asText()).isPresent();
            case "configuration":
                return store.head(buckets.lake(), report.path("config_key").asText()).isPresent();
            default:
                return false;
        }
    }

    private static boolean isStale(RawObjectEvent event, JsonNode previous) {
        String seen = previous.path("sequencer").asText(null);
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
        CompletableFuture<String> sha = new CompletableFuture<>();
        Thread hasher = new Thread(() -> {
            try {
                sha.complete(Sha256.hex(file));
            } catch (Throwable t) {
                sha.completeExceptionally(t);
            }
        }, "ingest-sha256");
        hasher.setDaemon(true);
        hasher.start();
        return new Source(bytes, sha);
    }

    private ObjectNode baseReport(RawObjectEvent event, Source source, String status) throws IOException {
        ObjectNode report = JSON.createObjectNode();
        report.put("key", event.key());
        report.put("status", status);
        report.put("sequencer", event.sequencer());
        report.set("source", sourceNode(event, source));
        report.put("processed_at", clock.instant().toString());
        report.put("code_version", codeVersion);
        return report;
    }

    private static ObjectNode sourceNode(RawObjectEvent event, Source source) throws IOException {
        ObjectNode s = JSON.createObjectNode();
        s.put("bucket", event.bucket());
        s.put("key", event.key());
        s.put("version_id", event.versionId());
        s.put("etag", event.etag() == null ? null : stripQuotes(event.etag()));
        s.put("sequencer", event.sequencer());
        s.put("sha256", source.sha256());
        s.put("bytes", source.bytes);
        return s;
    }

    private void writeReport(String key, ObjectNode report) throws IOException {
        byte[] json = bytes(report);
        store.put(buckets.lake(), LakeKeys.reportKey(key), json, PutOptions.json());
        String status = report.path("status").asText();
        String subject = switch (status) {
            case "accepted" -> "Accepted: " + key;
            case "quarantined" -> "Quarantined: " + key;
            case "configuration" -> "Configuration applied: " + key;
            default -> "Removed: " + key;
        };
        notifier.uploadResult(subject, new String(json, StandardCharsets.UTF_8));
    }

    private Optional<JsonNode> readJson(String lakeKey) throws IOException {
        try {
            return Optional.of(JSON.readTree(store.readAllBytes(buckets.lake(), lakeKey)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The upload's size, and its sha256 as it is being computed. */
    private record Source(long bytes, CompletableFuture<String> hash) {
        String sha256() throws IOException {
            try {
                return hash.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            }
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
