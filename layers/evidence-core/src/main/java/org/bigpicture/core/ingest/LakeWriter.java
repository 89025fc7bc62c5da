package org.bigpicture.core.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.Provenance;
import org.bigpicture.core.lake.Sha256;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.store.ContentTypes;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;

/**
 * The writing step of ingest: a converted dataset's files into the lake (respondent-level ones
 * under {@code restricted/}, a prefix the publishing roles are denied), stale files of an earlier
 * version removed, and {@code provenance.json} last, so a half-written dataset is never taken as
 * done; and the retiring of datasets an object no longer makes.
 */
final class LakeWriter {

    private final ObjectStore store;
    private final Buckets buckets;
    private final Ledger ledger;

    LakeWriter(ObjectStore store, Buckets buckets, Ledger ledger) {
        this.store = store;
        this.buckets = buckets;
        this.ledger = ledger;
    }

    /** Two raw keys may slug alike ({@code a b.csv}, {@code a-b.csv}); the later one gets a suffix. */
    String uniqueId(String id, String key) throws IOException {
        Optional<Provenance> existing = ledger.provenance(LakeKeys.provenanceKey(id));
        if (existing.isEmpty() || existing.get().source() == null || key.equals(existing.get().source().key())) {
            return id;
        }
        return id + "-" + LakeKeys.sha256(key).substring(0, 8);
    }

    /**
     * Takes the dataset's files from scratch (a local store by a rename) and returns what was
     * written, in name order. The dataset's provenance is deleted first: it comes back last,
     * through {@link #finish}.
     */
    List<Provenance.FileEntry> writeFiles(String id, ConvertedDataset d) throws IOException {
        String prefix = LakeKeys.datasetPrefix(id);
        String restricted = LakeKeys.restrictedPrefix(id);
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
        List<Provenance.FileEntry> entries = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.equals(LakeKeys.PROVENANCE)) {
                continue;
            }
            boolean respondentLevel = LakeKeys.isRespondentLevel(name);
            String target = (respondentLevel ? restricted : prefix) + name;
            entries.add(new Provenance.FileEntry(name, Files.size(f), Sha256.hex(f), respondentLevel ? target : null));
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
        return entries;
    }

    /** Writes the provenance, last: from now on the dataset counts as done. */
    void finish(Provenance provenance) throws IOException {
        store.put(buckets.lake(), LakeKeys.provenanceKey(provenance.datasetId()), provenance.bytes(), PutOptions.json());
    }

    /** Deletes the datasets a previous outcome listed, except those being kept. */
    void retire(List<String> ids, Set<String> keep) throws IOException {
        for (String id : ids) {
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

    static String contentType(String name) {
        return ContentTypes.of(name, ContentTypes.BINARY);
    }
}
