package org.bigpicture.core.publish;

import org.bigpicture.core.util.Decimals;
import org.bigpicture.core.store.ContentTypes;
import org.bigpicture.core.lake.RecordSchemas;
import org.bigpicture.core.lake.Sha256;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectVersion;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;
import org.bigpicture.core.store.ScratchNames;

/**
 * Publishes the lake as a dated, immutable edition in the published bucket (DESIGN.md,
 * "Published bundle"), and withdraws editions.
 *
 * <p>Order of writes, so that nobody sees a half-made edition: the data files, headlines, report,
 * changes and checksums first; then {@code datapackage.json} with If-None-Match (the edition
 * exists from this moment, and an existing one is never overwritten); then
 * {@code bundles/catalog.json}; then the copy in {@code bundles/latest/} and
 * {@code bundles/latest.json}. A crash part-way leaves at most unreferenced files, and the next
 * publish repairs catalogue and latest.
 *
 * <p>Idempotent: when the lake's data files and headlines hash to what the newest edition holds,
 * nothing is written. Changed content on a date that already has an edition becomes
 * {@code <date>.2}, {@code .3}, …. Only one publish or withdrawal may run at a time (reserved
 * concurrency 1 in AWS); If-None-Match on the manifest turns a violation into an error, not a
 * corrupted edition.
 */
public final class BundlePublisher {

    private static final Logger LOG = Logger.getLogger(BundlePublisher.class.getName());

    public static final String BUNDLES = "bundles/";
    public static final String LATEST = BUNDLES + "latest/";
    public static final String LATEST_JSON = BUNDLES + "latest.json";
    public static final String CATALOG_JSON = BUNDLES + "catalog.json";
    public static final String MANIFEST = "datapackage.json";

    /** Editions never change: browsers and the CDN may keep them for a year. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** latest, latest.json and the catalogue move: five minutes. */
    public static final String SHORT = "public, max-age=300";

    private final ObjectStore store;
    private final Buckets buckets;
    private final String baseUrl;
    private final Clock clock;
    private final Path workRoot;
    private final EdgeCache edge;

    /**
     * @param baseUrl where the published bucket is served (CloudFront domain in AWS,
     *                {@code http://127.0.0.1:4566/<published bucket>} locally); edition URLs start with it
     * @param clock   Europe/London: today's date and the manifest's {@code created}
     */
    public BundlePublisher(ObjectStore store, Buckets buckets, String baseUrl, Clock clock) {
        this(store, buckets, baseUrl, clock, Path.of(System.getProperty("java.io.tmpdir")), EdgeCache.NONE);
    }

    /**
     * @param workRoot local folder for the edition being assembled (Lambda: /tmp, sized in template.yaml)
     * @param edge     the CDN to purge on withdrawal
     */
    public BundlePublisher(ObjectStore store, Buckets buckets, String baseUrl, Clock clock, Path workRoot,
                           EdgeCache edge) {
        this.store = store;
        this.buckets = buckets;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clock = clock;
        this.workRoot = workRoot;
        this.edge = edge;
    }

    /** Publishes for today's date in the clock's zone (the schedule). */
    public PublishResult publishToday() throws IOException {
        return publish(LocalDate.now(clock));
    }

    /** Publishes the lake as the edition for {@code date}, unless nothing changed. */
    public PublishResult publish(LocalDate date) throws IOException {
        Files.createDirectories(workRoot);
        Path work = ScratchNames.newDirectory(workRoot, "edition-");
        try {
            return publish(date, work);
        } finally {
            EditionAssembler.deleteTree(work);
        }
    }

    private PublishResult publish(LocalDate date, Path work) throws IOException {
        long started = System.nanoTime();
        Catalog catalog = reconciledCatalog();
        Optional<Catalog.Entry> newest = catalog.newestPublic();
        EditionId previous = newest.map(Catalog.Entry::id).orElse(null);
        JsonNode previousPackage = previous == null ? null : readJson(editionKey(previous, MANIFEST));
        Edition.Content content = new EditionAssembler(store, buckets.lake(), reusable(previous, previousPackage))
                .assemble(work);
        long assembled = System.nanoTime();
        String fingerprint = content.fingerprint();

        if (newest.isPresent() && fingerprint.equals(newest.get().contentSha256())) {
            Catalog.Entry e = newest.get();
            repairLatest(catalog);
            return new PublishResult(PublishResult.Outcome.UNCHANGED, e.id().toString(), e.url(), e.report(),
                    e.datapackageSha256(), List.of(), List.of(), List.of(), 0, content.withheld(), 0, 0,
                    "The lake holds what edition " + e.id() + " holds: no new edition.");
        }
        for (Catalog.Entry e : catalog.editions()) {
            if (e.withdrawn() && fingerprint.equals(e.contentSha256())) {
                repairLatest(catalog);
                return new PublishResult(PublishResult.Outcome.WITHDRAWN_CONTENT, null, null, null, null,
                        List.of(), List.of(), List.of(), 0, content.withheld(), 0, 0,
                        "The lake holds exactly what withdrawn edition " + e.id() + " held (withdrawn: "
                                + e.withdrawnReason() + "). Correct or remove the data, then publish again.");
            }
        }

        EditionId id = catalog.nextFor(date);
        while (store.head(buckets.published(), editionKey(id, MANIFEST)).isPresent()) {
            id = id.next(); // an edition the catalogue lost: never overwrite it
        }
        String editionUrl = baseUrl + "/" + BUNDLES + id + "/";
        String created = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

        JsonNode previousHeadlines = previous == null ? null : readJson(editionKey(previous, "headlines.json"));
        Changes.Result changes = Changes.compute(id, content, previous, previousPackage, previousHeadlines);

        List<Edition.File> files = new ArrayList<>(content.files());
        files.add(EditionAssembler.write(work, "CHANGES.md", Changes.toMarkdown(changes), Edition.MARKDOWN));
        files.add(EditionAssembler.write(work, "changes.json", Changes.toJson(changes), Edition.JSON));
        // The JSON Schemas of every record a partner finds here and in the lake (issue 12).
        for (String schema : RecordSchemas.ALL) {
            files.add(EditionAssembler.write(work, "schemas/" + schema, RecordSchemas.bytes(schema), Edition.JSON));
        }
        files.add(EditionAssembler.write(work, "index.html", ReportPage.render(content, changes,
                new ReportPage.About(id, created, editionUrl, baseUrl + "/" + BUNDLES)), Edition.HTML));
        ObjectNode manifest = DataPackage.build(content, new DataPackage.About(id, created, editionUrl));
        byte[] manifestBytes = Json.bytes(manifest);
        Edition.File manifestFile = EditionAssembler.write(work, MANIFEST, manifestBytes, Edition.JSON);
        files.add(manifestFile);
        files.sort(java.util.Comparator.comparing(Edition.File::path));
        Edition.File sums = EditionAssembler.write(work, "SHA256SUMS", sha256sums(files), Edition.TEXT);

        // 1. Everything but the manifest. The work files are handed over (putMoving): nothing reads
        // them again, and a local store then renames instead of copying 600 MB of CSV (issue 6).
        long prepared = System.nanoTime();
        long bytes = 0;
        for (Edition.File f : files) {
            bytes += f.bytes();
            if (f.copyFrom() != null) {
                store.copy(buckets.published(), f.copyFrom(), buckets.published(), editionKey(id, f.path()),
                        immutable(f.contentType()));
            } else if (f != manifestFile) {
                store.putMoving(buckets.published(), editionKey(id, f.path()), f.local(), immutable(f.contentType()));
            }
        }
        store.putMoving(buckets.published(), editionKey(id, sums.path()), sums.local(), immutable(sums.contentType()));
        // 2. The manifest: the edition exists from here on.
        if (!store.putIfAbsent(buckets.published(), editionKey(id, MANIFEST), manifestBytes, immutable(Edition.JSON))
                && !java.util.Arrays.equals(manifestBytes, store.readAllBytes(buckets.published(), editionKey(id, MANIFEST)))) {
            // (Equal bytes: our own write, answered 412 on the SDK's retry after a lost response.)
            throw new IllegalStateException("edition " + id + " appeared while this one was being written:"
                    + " another publish ran at the same time; nothing was overwritten, run publish again");
        }
        Catalog.Entry entry = new Catalog.Entry(id, editionUrl + MANIFEST, editionUrl + "index.html",
                manifestFile.sha256(), fingerprint, false, null, null);
        // 3. The catalogue, then 4. latest.
        catalog = catalog.with(entry);
        store.put(buckets.published(), CATALOG_JSON, catalog.toJson(), shortLived(Edition.JSON));
        long uploaded = System.nanoTime();
        List<String> paths = new ArrayList<>(files.stream().map(Edition.File::path).toList());
        paths.add(sums.path());
        pointLatestAt(entry, paths);

        LOG.info("published edition " + id + ": " + (files.size() + 1) + " files, " + bytes + " bytes; lake read and"
                + " tables written " + Decimals.fixed((assembled - started) / 1e9, 1) + " s, report and manifest "
                + Decimals.fixed((prepared - assembled) / 1e9, 1) + " s, upload " + Decimals.fixed((uploaded - prepared) / 1e9, 1)
                + " s, latest " + Decimals.fixed((System.nanoTime() - uploaded) / 1e9, 1) + " s");
        return new PublishResult(PublishResult.Outcome.PUBLISHED, id.toString(), entry.url(), entry.report(),
                entry.datapackageSha256(), ids(changes.added()), ids(changes.changed()), ids(changes.removed()),
                changes.valueChanges().size(), content.withheld(), files.size() + 1, bytes + sums.bytes(),
                "Published edition " + id + (previous == null ? " (the first)." : " (previous: " + previous + ")."));
    }

    /**
     * Withdraws an edition: its files leave public reach (deleted, and purged from the CDN), the
     * catalogue keeps it marked withdrawn with the reason, and latest moves back to the newest
     * edition left. Running it again on a withdrawn edition completes a withdrawal cut short.
     */
    public WithdrawResult withdraw(String edition, String reason) throws IOException {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a withdrawal needs a reason (it is published in the catalogue)");
        }
        EditionId id = EditionId.parse(edition.trim());
        Catalog catalog = reconciledCatalog();
        Catalog.Entry entry = catalog.find(id).orElseThrow(() ->
                new IllegalArgumentException("no edition " + id + " in " + CATALOG_JSON));
        if (!entry.withdrawn()) {
            String at = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            catalog = catalog.with(entry.withdraw(reason.trim(), at));
            store.put(buckets.published(), CATALOG_JSON, catalog.toJson(), shortLived(Edition.JSON));
        }
        // The manifest first: from then on the edition is incomplete for anyone who looks. Every
        // version goes, not only the current one: with versioning and Object Lock on the published
        // bucket a plain delete would leave the withdrawn files recoverable behind a delete marker.
        String prefix = BUNDLES + id + "/";
        int deleted = 0;
        int versions = 0;
        List<ObjectVersion> all = store.listVersions(buckets.published(), prefix);
        for (boolean manifest : new boolean[] {true, false}) {
            for (ObjectVersion v : all) {
                if (v.key().equals(prefix + MANIFEST) == manifest) {
                    store.deleteVersion(buckets.published(), v.key(), v.versionId());
                    versions++;
                    if (v.latest() && !v.deleteMarker()) {
                        deleted++;
                    }
                }
            }
        }
        Optional<Catalog.Entry> latest = repairLatest(catalog);
        // latest/ was overwritten with the edition left; its earlier versions still hold copies of
        // the withdrawn one, so they go too (each is a copy of an edition kept under its own name).
        versions += purgeSupersededVersions(LATEST);
        versions += purgeSupersededVersions(LATEST_JSON);
        edge.invalidate(List.of("/" + prefix + "*", "/" + LATEST + "*", "/" + LATEST_JSON, "/" + CATALOG_JSON));
        LOG.info("withdrew edition " + id + " (" + deleted + " files, " + versions + " versions): " + reason);
        return new WithdrawResult(id.toString(), reason.trim(), deleted, versions,
                latest.map(e -> e.id().toString()).orElse(null));
    }

    /**
     * Removes every version under a prefix except the current ones: noncurrent versions and
     * markers first, then current delete markers (once nothing older is left behind them, removing
     * a marker brings nothing back). A store without versions has nothing to purge.
     */
    private int purgeSupersededVersions(String prefix) throws IOException {
        List<ObjectVersion> all = store.listVersions(buckets.published(), prefix);
        int purged = 0;
        for (ObjectVersion v : all) {
            if (!v.latest() && v.versionId() != null) {
                store.deleteVersion(buckets.published(), v.key(), v.versionId());
                purged++;
            }
        }
        for (ObjectVersion v : all) {
            if (v.latest() && v.deleteMarker() && v.versionId() != null) {
                store.deleteVersion(buckets.published(), v.key(), v.versionId());
                purged++;
            }
        }
        return purged;
    }

    /**
     * Tables of the previous edition whose CSV and JSON a new edition may copy rather than write
     * again: written by this exporter version, and still in the bucket with the size the manifest
     * states. Whether a table is reused is decided later, by its Parquet twin's sha256.
     */
    private Map<String, Edition.Reusable> reusable(EditionId previous, JsonNode manifest) throws IOException {
        Map<String, Edition.Reusable> out = new HashMap<>();
        if (previous == null || manifest == null || !manifest.path("resources").isArray()) {
            return out;
        }
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode r : manifest.get("resources")) {
            String name = Json.text(r, "name");
            if (name != null) {
                byName.put(name, r);
            }
        }
        for (JsonNode r : manifest.get("resources")) {
            String name = Json.text(r, "name");
            if (name == null || Json.text(r, "dataset") == null || !"csv".equals(Json.text(r, "format"))) {
                continue;
            }
            JsonNode parquet = byName.get(name + "-parquet");
            JsonNode json = byName.get(name + "-json");
            Edition.File csv = copyable(previous, r, Edition.CSV);
            Edition.File jsonFile = json == null ? null : copyable(previous, json, Edition.JSON);
            Double rows = Json.number(r, "rows");
            if (parquet == null || Json.text(parquet, "hash") == null || csv == null || rows == null
                    || (json != null && jsonFile == null)) {
                continue;
            }
            out.put(name, new Edition.Reusable(hex(Json.text(parquet, "hash")), rows.longValue(), csv, jsonFile));
        }
        return out;
    }

    private Edition.File copyable(EditionId previous, JsonNode resource, String contentType) throws IOException {
        String path = Json.text(resource, "path");
        String hash = Json.text(resource, "hash");
        Double bytes = Json.number(resource, "bytes");
        if (path == null || hash == null || bytes == null || !path.startsWith("data/")
                || !TableExport.VERSION.equals(Json.text(resource, "export_version"))) {
            return null;
        }
        String key = editionKey(previous, path);
        Optional<ObjectInfo> info = store.head(buckets.published(), key);
        if (info.isEmpty() || info.get().size() != bytes.longValue()) {
            return null;
        }
        return new Edition.File(path, null, bytes.longValue(), hex(hash), contentType, key);
    }

    private static String hex(String hash) {
        return hash.substring(hash.indexOf(':') + 1);
    }

    /** The catalogue as stored, plus any edition whose manifest exists but that the catalogue lacks. */
    private Catalog reconciledCatalog() throws IOException {
        Catalog catalog = Catalog.empty();
        if (store.head(buckets.published(), CATALOG_JSON).isPresent()) {
            catalog = Catalog.parse(store.readAllBytes(buckets.published(), CATALOG_JSON));
        }
        boolean changed = false;
        for (ObjectInfo o : store.list(buckets.published(), BUNDLES)) {
            String rest = o.key().substring(BUNDLES.length());
            if (!rest.endsWith("/" + MANIFEST) || rest.indexOf('/') != rest.length() - MANIFEST.length() - 1) {
                continue;
            }
            String name = rest.substring(0, rest.indexOf('/'));
            if (!EditionId.isValid(name) || catalog.find(EditionId.parse(name)).isPresent()) {
                continue;
            }
            EditionId id = EditionId.parse(name);
            // A publish stopped after its manifest: adopt the edition as it is.
            byte[] manifest = store.readAllBytes(buckets.published(), o.key());
            String url = baseUrl + "/" + BUNDLES + id + "/";
            catalog = catalog.with(new Catalog.Entry(id, url + MANIFEST, url + "index.html", Sha256.hex(manifest),
                    contentFingerprintOf(id, manifest), false, null, null));
            changed = true;
        }
        if (changed) {
            store.put(buckets.published(), CATALOG_JSON, catalog.toJson(), shortLived(Edition.JSON));
        }
        return catalog;
    }

    /** The content fingerprint of a stored edition, from its SHA256SUMS and its manifest's terms. */
    private String contentFingerprintOf(EditionId id, byte[] manifest) throws IOException {
        String key = editionKey(id, "SHA256SUMS");
        if (store.head(buckets.published(), key).isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String line : new String(store.readAllBytes(buckets.published(), key), StandardCharsets.UTF_8)
                .split("\n")) {
            int sep = line.indexOf("  ");
            if (sep == 64 && Edition.isContent(line.substring(sep + 2))) {
                lines.add(line.substring(sep + 2) + " " + line.substring(0, sep));
            }
        }
        lines.addAll(Changes.termsLines(Json.parse(manifest)).values());
        return Edition.fingerprintOf(lines);
    }

    /** Makes latest show the newest public edition (or nothing when none is left). */
    private Optional<Catalog.Entry> repairLatest(Catalog catalog) throws IOException {
        Optional<Catalog.Entry> newest = catalog.newestPublic();
        JsonNode latest = readJson(LATEST_JSON);
        String current = Json.text(latest, "edition");
        if (newest.isEmpty()) {
            if (latest != null || !store.list(buckets.published(), LATEST).isEmpty()) {
                store.delete(buckets.published(), LATEST_JSON);
                for (ObjectInfo o : store.list(buckets.published(), LATEST)) {
                    store.delete(buckets.published(), o.key());
                }
            }
            return newest;
        }
        Catalog.Entry e = newest.get();
        if (!e.id().toString().equals(current)) {
            List<String> paths = new ArrayList<>();
            String prefix = BUNDLES + e.id() + "/";
            for (ObjectInfo o : store.list(buckets.published(), prefix)) {
                paths.add(o.key().substring(prefix.length()));
            }
            pointLatestAt(e, paths);
        }
        return newest;
    }

    /** Copies the edition into latest/ (manifest last), drops files it no longer has, then writes latest.json. */
    private void pointLatestAt(Catalog.Entry entry, List<String> paths) throws IOException {
        String from = BUNDLES + entry.id() + "/";
        Set<String> keep = new HashSet<>(paths);
        // What latest/ holds before the copies: listing after them would have a local store
        // compute ETags of the files just copied (a full read of a 600 MB CSV) for nothing.
        List<String> stale = new ArrayList<>();
        for (ObjectInfo o : store.list(buckets.published(), LATEST)) {
            if (!keep.contains(o.key().substring(LATEST.length()))) {
                stale.add(o.key());
            }
        }
        for (String p : paths) {
            if (!p.equals(MANIFEST)) {
                store.copy(buckets.published(), from + p, buckets.published(), LATEST + p,
                        shortLived(contentTypeOf(p)));
            }
        }
        if (keep.contains(MANIFEST)) {
            store.copy(buckets.published(), from + MANIFEST, buckets.published(), LATEST + MANIFEST,
                    shortLived(Edition.JSON));
        }
        for (String key : stale) {
            store.delete(buckets.published(), key);
        }
        ObjectNode latest = Json.object();
        latest.put("edition", entry.id().toString());
        latest.put("url", entry.url());
        latest.put("datapackage_sha256", entry.datapackageSha256());
        latest.put("report", entry.report());
        store.put(buckets.published(), LATEST_JSON, Json.bytes(latest), shortLived(Edition.JSON));
    }

    /** coreutils format: {@code <hex>  <path>} per line, LF, sorted by path; checked with {@code sha256sum -c}. */
    static byte[] sha256sums(List<Edition.File> files) {
        StringBuilder sb = new StringBuilder();
        files.stream().sorted(java.util.Comparator.comparing(Edition.File::path))
                .forEach(f -> sb.append(f.sha256()).append("  ").append(f.path()).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String contentTypeOf(String path) {
        return ContentTypes.of(path, Edition.TEXT); // SHA256SUMS
    }

    private JsonNode readJson(String key) throws IOException {
        if (store.head(buckets.published(), key).isEmpty()) {
            return null;
        }
        return Json.parse(store.readAllBytes(buckets.published(), key));
    }

    private static String editionKey(EditionId id, String path) {
        return BUNDLES + id + "/" + path;
    }

    private static PutOptions immutable(String contentType) {
        return PutOptions.of(contentType).withCacheControl(IMMUTABLE);
    }

    private static PutOptions shortLived(String contentType) {
        return PutOptions.of(contentType).withCacheControl(SHORT);
    }

    private static List<String> ids(List<Changes.DatasetChange> list) {
        return list.stream().map(Changes.DatasetChange::id).toList();
    }
}
