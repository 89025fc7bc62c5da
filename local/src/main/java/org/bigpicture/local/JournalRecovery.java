package org.bigpicture.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * What a start does about a stack that stopped without warning (a crash, {@code kill -9}): every
 * write it answered has its event in the ledger (written before the answer), but a write the
 * store made whose answer never left (the process died between the two) has none, and the client
 * may never send it again ({@code aws s3 sync} sees the object already there). So, before taking
 * writes, the objects that a notification rule watches are compared with the ledger's last event
 * for their key: an object the ledger does not know in its current bytes gets an
 * {@code ObjectCreated:Put}, and a key the ledger says exists but the store lacks an
 * {@code ObjectRemoved} event. Those are then owed like any other undelivered event.
 */
final class JournalRecovery {

    private JournalRecovery() {
    }

    /** @return the events recorded for writes the ledger had missed */
    static List<ObjectEvent> reconcile(KeyEncodingBlobStore store, VersionLedger ledger,
                                       List<LocalTemplate.S3Rule> rules, Set<String> versionedBuckets) {
        Map<String, Set<String>> prefixes = new LinkedHashMap<>();
        for (LocalTemplate.S3Rule r : rules) {
            prefixes.computeIfAbsent(r.bucket(), b -> new LinkedHashSet<>()).add(r.prefix());
        }
        List<ObjectEvent> recorded = new ArrayList<>();
        Set<String> present = new java.util.HashSet<>();
        for (Map.Entry<String, Set<String>> bucket : prefixes.entrySet()) {
            String b = bucket.getKey();
            if (!store.containerExists(b)) {
                continue;
            }
            for (String prefix : widest(bucket.getValue())) {
                for (software.amazon.awssdk.services.s3.model.S3Object o : store.decodedObjects(b, prefix)) {
                    if (NotifyingBlobStore.isStub(o.key()) || !watched(rules, b, "ObjectCreated:Put", o.key())) {
                        continue;
                    }
                    present.add(b + "\u0000" + o.key());
                    Optional<VersionLedger.Entry> known = ledger.latest(b, o.key());
                    if (known.isPresent() && !known.get().removed() && o.eTag() != null
                            && NotifyingBlobStore.unquote(o.eTag()).equals(known.get().etag())) {
                        continue; // the usual case: the ledger knows these bytes (no need to ask again)
                    }
                    HeadObjectResponse head = store.blobMetadataIfPresent(b, o.key());
                    if (head == null) {
                        continue;
                    }
                    String etag = NotifyingBlobStore.unquote(head.eTag());
                    Optional<VersionLedger.Entry> last = ledger.latest(b, o.key());
                    if (last.isEmpty() || last.get().removed() || !etag.equals(last.get().etag())) {
                        long size = head.contentLength() == null ? 0 : head.contentLength();
                        recorded.add(ledger.record(b, o.key(), "ObjectCreated:Put", etag, size));
                    }
                }
            }
        }
        for (VersionLedger.Entry e : ledger.latestEntries()) {
            String removal = versionedBuckets.contains(e.bucket()) ? "ObjectRemoved:DeleteMarkerCreated"
                    : "ObjectRemoved:Delete";
            if (e.removed() || !prefixes.containsKey(e.bucket()) || present.contains(e.bucket() + "\u0000" + e.key())
                    || !watched(rules, e.bucket(), "ObjectCreated:Put", e.key())
                    || !watched(rules, e.bucket(), removal, e.key())) {
                continue;
            }
            if (store.blobMetadataIfPresent(e.bucket(), e.key()) == null) {
                recorded.add(ledger.record(e.bucket(), e.key(), removal, null, 0));
            }
        }
        ledger.sync();
        return recorded;
    }

    private static boolean watched(List<LocalTemplate.S3Rule> rules, String bucket, String eventName, String key) {
        for (LocalTemplate.S3Rule r : rules) {
            if (r.matches(bucket, eventName, key)) {
                return true;
            }
        }
        return false;
    }

    /** The prefixes to list: none that another one already covers. */
    private static List<String> widest(Set<String> prefixes) {
        List<String> out = new ArrayList<>();
        for (String p : prefixes) {
            boolean covered = false;
            for (String q : prefixes) {
                if (!q.equals(p) && p.startsWith(q)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                out.add(p);
            }
        }
        return out;
    }
}
