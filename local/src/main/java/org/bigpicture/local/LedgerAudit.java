package org.bigpicture.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.lake.HeldRecord;
import org.bigpicture.core.lake.IngestReport;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.Provenance;
import org.bigpicture.core.lake.Sha256;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectStore;

/**
 * Checks the ledger (issue 7, "Nothing lost"): every raw object, as it is now, ended as exactly
 * one dataset set, quarantine record, configuration record or held record (issue 11), recorded by
 * its ingest report; no dataset, respondent-level file or held record is left over from a raw
 * object that is gone or that became something else; no event failed for good. Works on the local stack's buckets or on a {@code run --out} folder (through
 * {@link org.bigpicture.core.store.FileObjectStore}).
 */
public final class LedgerAudit {

    /** One thing that is not as the ledger promises. */
    public record Gap(String key, String problem) {
        @Override
        public String toString() {
            return key + ": " + problem;
        }
    }

    /** What the audit found. {@code outcomes} counts raw objects by status (accepted, quarantined, configuration, held). */
    public record Result(int rawObjects, Map<String, Integer> outcomes, int datasets, List<Gap> gaps) {
        public boolean clean() {
            return gaps.isEmpty();
        }
    }

    private final ObjectStore store;
    private final Buckets buckets;

    public LedgerAudit(ObjectStore store, Buckets buckets) {
        this.store = store;
        this.buckets = buckets;
    }

    /**
     * @param failures events that failed for good (the on-failure list); each is a gap unless a later
     *                 version of the same raw object has been processed since
     */
    public Result audit(List<Dispatcher.Failure> failures) throws IOException {
        List<Gap> gaps = new ArrayList<>();
        Map<String, ObjectInfo> raw = new TreeMap<>();
        for (ObjectInfo o : store.list(buckets.raw(), "")) {
            raw.put(o.key(), o);
        }
        Map<String, IngestReport> reports = new TreeMap<>();
        for (ObjectInfo o : store.list(buckets.lake(), LakeKeys.REPORTS)) {
            IngestReport report = IngestReport.parse(store.readAllBytes(buckets.lake(), o.key()));
            String key = report.key();
            if (key == null) {
                gaps.add(new Gap(o.key(), "ingest report without the raw key it is about"));
                continue;
            }
            reports.put(key, report);
        }

        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (ObjectInfo o : raw.values()) {
            IngestReport report = reports.get(o.key());
            if (report == null) {
                gaps.add(new Gap(o.key(), "no ingest report: the upload was never processed"));
                continue;
            }
            String status = report.status() == null ? "" : report.status();
            if (!sameVersion(o, report)) {
                gaps.add(new Gap(o.key(), "the ingest report is about an older version (sequencer "
                        + (report.sequencer() == null ? "?" : report.sequencer()) + "): the current version was not processed"));
                continue;
            }
            switch (status) {
                case "accepted" -> {
                    if (report.datasetIds().isEmpty()) {
                        gaps.add(new Gap(o.key(), "accepted, but the report names no dataset"));
                    }
                    for (String id : report.datasetIds()) {
                        Optional<Provenance> provenance = provenance(id);
                        String owner = provenance.isEmpty() || provenance.get().source() == null ? null
                                : provenance.get().source().key();
                        if (provenance.isEmpty()) {
                            gaps.add(new Gap(o.key(), "accepted as dataset " + id + ", but datasets/" + id
                                    + "/provenance.json is missing (dataset incomplete)"));
                        } else if (!o.key().equals(owner)) {
                            gaps.add(new Gap(o.key(), "dataset " + id + " belongs to another raw object: " + owner));
                        }
                    }
                    if (exists(buckets.lake(), LakeKeys.quarantineKey(o.key()))) {
                        gaps.add(new Gap(o.key(), "accepted, yet a quarantine record remains"));
                    }
                    if (exists(buckets.lake(), LakeKeys.heldKey(o.key()))) {
                        gaps.add(new Gap(o.key(), "accepted, yet a held record remains"));
                    }
                }
                case "held" -> {
                    String h = report.heldKey() == null ? LakeKeys.heldKey(o.key()) : report.heldKey();
                    if (!exists(buckets.lake(), h)) {
                        gaps.add(new Gap(o.key(), "held, but the held record " + h + " is missing"));
                    }
                    if (!report.datasetIds().isEmpty()) {
                        gaps.add(new Gap(o.key(), "held, yet the report names datasets"));
                    }
                }
                case "quarantined" -> {
                    String q = report.quarantineKey() == null ? LakeKeys.quarantineKey(o.key()) : report.quarantineKey();
                    if (!exists(buckets.lake(), q)) {
                        gaps.add(new Gap(o.key(), "quarantined, but the quarantine record " + q + " is missing"));
                    }
                }
                case "configuration" -> {
                    String c = report.configKey() == null ? "" : report.configKey();
                    if (c.isEmpty() || !exists(buckets.lake(), c)) {
                        gaps.add(new Gap(o.key(), "configuration, but the lake's " + c + " is missing"));
                    }
                }
                default -> gaps.add(new Gap(o.key(), "the report's status is " + (status.isEmpty() ? "missing" : status)
                        + ", yet the raw object exists"));
            }
            outcomes.merge(status, 1, Integer::sum);
        }

        // Outcomes whose raw object is gone must have been retired.
        for (Map.Entry<String, IngestReport> e : reports.entrySet()) {
            String status = String.valueOf(e.getValue().status());
            if (!raw.containsKey(e.getKey()) && !status.equals("removed")) {
                gaps.add(new Gap(e.getKey(), "the raw object is gone but its outcome (" + status + ") was not retired"));
            }
        }

        // Every dataset must be the current outcome of exactly one raw object.
        int datasets = 0;
        Map<String, String> owners = new LinkedHashMap<>();
        reports.forEach((key, report) -> {
            if (IngestReport.ACCEPTED.equals(report.status()) && raw.containsKey(key)) {
                report.datasetIds().forEach(id -> owners.put(id, key));
            }
        });
        // Respondent-level files (restricted/<id>/) belong to a current dataset.
        for (ObjectInfo o : store.list(buckets.lake(), LakeKeys.RESTRICTED)) {
            String rest = o.key().substring(LakeKeys.RESTRICTED.length());
            int slash = rest.indexOf('/');
            String id = slash <= 0 ? rest : rest.substring(0, slash);
            if (!owners.containsKey(id)) {
                gaps.add(new Gap(o.key(), "a respondent-level file no current ingest report's dataset owns (left over)"));
            }
        }
        // A held record is the current outcome of its raw object.
        for (ObjectInfo o : store.list(buckets.lake(), LakeKeys.HELD)) {
            HeldRecord record = HeldRecord.parse(store.readAllBytes(buckets.lake(), o.key()));
            String key = record.file() == null ? "" : record.file();
            IngestReport report = reports.get(key);
            if (!raw.containsKey(key) || report == null || !IngestReport.HELD.equals(report.status())) {
                gaps.add(new Gap(o.key(), "a held record for " + key + ", which is not held now (left over)"));
            }
        }
        Map<String, Boolean> datasetHasProvenance = new TreeMap<>();
        for (ObjectInfo o : store.list(buckets.lake(), LakeKeys.DATASETS)) {
            String rest = o.key().substring(LakeKeys.DATASETS.length());
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                continue;
            }
            String id = rest.substring(0, slash);
            boolean provenance = rest.substring(slash + 1).equals(LakeKeys.PROVENANCE);
            datasetHasProvenance.merge(id, provenance, Boolean::logicalOr);
        }
        for (Map.Entry<String, Boolean> d : datasetHasProvenance.entrySet()) {
            datasets++;
            if (!d.getValue()) {
                gaps.add(new Gap("datasets/" + d.getKey(), "files without provenance.json (a half-written dataset)"));
            } else if (!owners.containsKey(d.getKey())) {
                gaps.add(new Gap("datasets/" + d.getKey(), "no current ingest report lists this dataset (left over)"));
            }
        }

        for (Dispatcher.Failure f : failures) {
            IngestReport report = f.event().bucket().equals(buckets.raw()) ? reports.get(f.event().key()) : null;
            String processed = report == null ? null : report.sequencer();
            if (processed != null && processed.compareTo(f.event().sequencer()) > 0) {
                continue; // a later version of the object was processed: the failure is superseded
            }
            gaps.add(new Gap(f.event().bucket() + "/" + f.event().key(), f.function() + " failed after " + f.attempts()
                    + " attempts (" + f.errorType() + ": " + f.errorMessage() + ")"
                    + (f.record() == null ? "" : "; event kept in " + f.record())));
        }
        return new Result(raw.size(), outcomes, datasets, List.copyOf(gaps));
    }

    /** The report is about the object as it is now: same ETag, else same sha256 (a same-bytes re-upload). */
    private boolean sameVersion(ObjectInfo o, IngestReport report) throws IOException {
        String etag = unquote(o.etag());
        String reported = report.source() == null ? null : report.source().etag();
        if (etag != null && etag.equals(reported)) {
            return true;
        }
        String sha = report.source() == null ? null : report.source().sha256();
        return sha != null && sha.equals(sha256(buckets.raw(), o.key()));
    }

    private String sha256(String bucket, String key) throws IOException {
        try (InputStream in = store.open(bucket, key)) {
            return Sha256.hex(in);
        }
    }

    private Optional<Provenance> provenance(String datasetId) throws IOException {
        try {
            return Optional.of(Provenance.parse(store.readAllBytes(buckets.lake(), LakeKeys.provenanceKey(datasetId))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private boolean exists(String bucket, String key) throws IOException {
        return store.head(bucket, key).isPresent();
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
