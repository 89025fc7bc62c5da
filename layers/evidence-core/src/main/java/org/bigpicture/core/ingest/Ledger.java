package org.bigpicture.core.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;
import org.bigpicture.core.lake.HeldRecord;
import org.bigpicture.core.lake.IngestReport;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.LedgerJson;
import org.bigpicture.core.lake.Provenance;
import org.bigpicture.core.lake.QuarantineRecord;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;

/**
 * The last step of ingest, and the first look of the next event: the ledger's records in the lake
 * (reports, quarantine and held records) read and written as their typed records, and each report
 * handed to the officer notifier once written.
 */
final class Ledger {

    private final LedgerJson json = new LedgerJson();
    private final ObjectStore store;
    private final Buckets buckets;
    private final Notifier notifier;

    Ledger(ObjectStore store, Buckets buckets, Notifier notifier) {
        this.store = store;
        this.buckets = buckets;
        this.notifier = notifier;
    }

    Optional<IngestReport> report(String rawKey) throws IOException {
        return read(LakeKeys.reportKey(rawKey)).map(IngestReport::fromJson);
    }

    Optional<HeldRecord> held(String heldKey) throws IOException {
        return read(heldKey).map(HeldRecord::fromJson);
    }

    Optional<Provenance> provenance(String provenanceKey) throws IOException {
        return read(provenanceKey).map(Provenance::fromJson);
    }

    /** Writes the report, the ledger entry (last of all for an upload), then tells the officer. */
    void record(IngestReport report) throws IOException {
        byte[] bytes = json.bytes(report.toJson());
        store.put(buckets.lake(), LakeKeys.reportKey(report.key()), bytes, PutOptions.json());
        String subject = switch (report.status()) {
            case IngestReport.ACCEPTED -> "Accepted: " + report.key();
            case IngestReport.QUARANTINED -> "Quarantined: " + report.key();
            case IngestReport.CONFIGURATION -> "Configuration applied: " + report.key();
            case IngestReport.HELD -> "Held (personal data suspected), not published: " + report.key();
            default -> "Removed: " + report.key();
        };
        notifier.uploadResult(subject, new String(bytes, StandardCharsets.UTF_8));
    }

    void quarantine(String rawKey, QuarantineRecord record) throws IOException {
        store.put(buckets.lake(), LakeKeys.quarantineKey(rawKey), json.bytes(record.toJson()), PutOptions.json());
    }

    void hold(String rawKey, HeldRecord record) throws IOException {
        store.put(buckets.lake(), LakeKeys.heldKey(rawKey), json.bytes(record.toJson()), PutOptions.json());
    }

    void deleteQuarantine(String rawKey) throws IOException {
        store.delete(buckets.lake(), LakeKeys.quarantineKey(rawKey));
    }

    void deleteHeld(String rawKey) throws IOException {
        store.delete(buckets.lake(), LakeKeys.heldKey(rawKey));
    }

    /** True when the object's record in the lake is the one this report names (a rerun has nothing to do). */
    boolean exists(String lakeKey) throws IOException {
        return lakeKey != null && !lakeKey.isEmpty() && store.head(buckets.lake(), lakeKey).isPresent();
    }

    /** True when the event is older (by S3's sequencer) than the one the report records. */
    static boolean isStale(RawObjectEvent event, IngestReport previous) {
        String seen = previous.sequencer();
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

    static String stripQuotes(String etag) {
        return etag.replace("\"", "");
    }

    private Optional<Object> read(String lakeKey) throws IOException {
        byte[] bytes;
        try {
            bytes = store.readAllBytes(buckets.lake(), lakeKey);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(json.read(bytes));
    }
}
