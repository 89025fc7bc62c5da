package org.bigpicture.core.headlines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.PutOptions;

/** A lake in a folder, filled the way ingest fills it: dataset files first, provenance.json last. */
final class TestLake {

    static final String LAKE = "lake";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final FileObjectStore store;

    TestLake(Path root) {
        this.root = root;
        this.store = new FileObjectStore(root);
    }

    /** An observations row from alternating column names and values. */
    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    void observations(String id, String family, List<Map<String, Object>> rows) throws IOException {
        Path dir = store.pathOf(LAKE, LakeKeys.datasetPrefix(id) + "x").getParent();
        ObservationFiles.write(dir, rows);
        provenance(id, family, "observations", rows.size(), "2026-11-01T10:00:00Z");
    }

    void survey(String id, String summaryJson, String ingestedAt) throws IOException {
        store.put(LAKE, LakeKeys.datasetPrefix(id) + "summary.json", summaryJson.getBytes(StandardCharsets.UTF_8),
                PutOptions.json());
        provenance(id, "survey", "survey", 100, ingestedAt);
    }

    void provenance(String id, String family, String kind, long rows, String ingestedAt) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("dataset_id", id);
        p.put("family", family);
        p.put("layout", "test");
        p.put("kind", kind);
        ObjectNode source = p.putObject("source");
        source.put("bucket", "raw");
        source.put("key", id + ".csv");
        source.put("sha256", LakeKeys.sha256(id + rows));
        ObjectNode r = p.putObject("rows");
        r.put("read", rows);
        r.put("written", rows);
        r.put("rejected", 0);
        p.put("ingested_at", ingestedAt);
        store.put(LAKE, LakeKeys.provenanceKey(id), JSON.writeValueAsBytes(p), PutOptions.json());
    }

    void config(String yaml) throws IOException {
        store.put(LAKE, "config/headlines.yaml", yaml.getBytes(StandardCharsets.UTF_8), PutOptions.of("text/yaml"));
    }

    void remove(String id) throws IOException {
        store.delete(LAKE, LakeKeys.provenanceKey(id));
    }

    HeadlineEngine engine() {
        return engine(new HeadlineEngine.Hooks() { }, Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"),
                ZoneId.of("Europe/London")));
    }

    HeadlineEngine engine(HeadlineEngine.Hooks hooks, Clock clock) {
        return new HeadlineEngine(store, LAKE, clock, org.bigpicture.core.dataset.DatasetReader::open, hooks);
    }

    byte[] bytes(String key) throws IOException {
        return Files.readAllBytes(store.pathOf(LAKE, key));
    }

    String text(String key) throws IOException {
        return new String(bytes(key), StandardCharsets.UTF_8);
    }

    boolean exists(String key) {
        return Files.exists(store.pathOf(LAKE, key));
    }
}
