package org.bigpicture.core.headlines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.Provenance;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectStore;

/**
 * The inputs of one headline run: every finished dataset (those with a {@code provenance.json},
 * which ingest writes last) and the officer's spec, if any, with a fingerprint of them all. Two
 * snapshots with the same fingerprint give the same headlines.
 */
final class LakeSnapshot {

    static final String CONFIG_KEY = LakeKeys.CONFIG + "headlines.yaml";

    final List<DatasetInfo> datasets;
    final String configText;
    final String fingerprint;

    private LakeSnapshot(List<DatasetInfo> datasets, String configText, String fingerprint) {
        this.datasets = datasets;
        this.configText = configText;
        this.fingerprint = fingerprint;
    }

    static LakeSnapshot read(ObjectStore store, String lake) throws IOException {
        List<DatasetInfo> datasets = new ArrayList<>();
        StringBuilder fp = new StringBuilder();
        for (ObjectInfo o : store.list(lake, LakeKeys.DATASETS)) {
            String key = o.key();
            if (!key.endsWith("/" + LakeKeys.PROVENANCE)) {
                continue;
            }
            String rest = key.substring(LakeKeys.DATASETS.length(), key.length() - LakeKeys.PROVENANCE.length() - 1);
            if (rest.isEmpty() || rest.contains("/")) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = store.readAllBytes(lake, key);
            } catch (NoSuchFileException e) {
                continue; // removed between list and read: the run that follows the removal sees it
            }
            fp.append(key).append('=').append(LakeKeys.sha256(new String(bytes, StandardCharsets.ISO_8859_1))).append('\n');
            parse(rest, bytes).ifPresent(datasets::add);
        }
        datasets.sort(Comparator.comparing(DatasetInfo::id));
        String config = null;
        try {
            config = new String(store.readAllBytes(lake, CONFIG_KEY), StandardCharsets.UTF_8);
            fp.append(CONFIG_KEY).append('=').append(LakeKeys.sha256(config)).append('\n');
        } catch (NoSuchFileException e) {
            // no officer's spec: the shipped default applies
        }
        return new LakeSnapshot(List.copyOf(datasets), config, LakeKeys.sha256(fp.toString()));
    }

    /** Only the fingerprint, to see whether the lake moved on during a run. */
    static String fingerprint(ObjectStore store, String lake) throws IOException {
        return read(store, lake).fingerprint;
    }

    /** A provenance record as the lake's typed record; empty when it is not JSON (a dataset not done). */
    static Optional<DatasetInfo> parse(String datasetIdFromKey, byte[] bytes) {
        Provenance p;
        try {
            p = Provenance.parse(bytes);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(new DatasetInfo(datasetIdFromKey, p.family(), p.kind(), p.layout(),
                p.source() == null ? null : p.source().key(), p.source() == null ? null : p.source().sha256(),
                p.rows() == null ? null : p.rows().written(), p.ingestedAt()));
    }
}
