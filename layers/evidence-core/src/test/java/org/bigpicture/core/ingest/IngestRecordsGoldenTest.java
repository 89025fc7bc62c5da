package org.bigpicture.core.ingest;

import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConfigValidator;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Workspace;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JSON record ingest writes (reports, provenance, quarantine records) is byte for byte what
 * the {@code ObjectMapper}-based ingest wrote: {@code ingest-records.golden.txt} was recorded with
 * it (commit 512aa2e; run with {@code -Dgolden.record=true} to record it again after a deliberate
 * change). A format of this test's own makes the datasets (fixed files, awkward notes, rejected
 * counts and nested summaries), so that the records depend on ingest alone, not on the real
 * formats' wording or bytes. Covers accepted (one and two datasets per upload), quarantined,
 * configuration and removed outcomes, a replaced upload, an id clash, the same bytes again, and
 * keys with quotes, tabs and non-ASCII letters.
 */
class IngestRecordsGoldenTest {

    private static final Buckets BUCKETS = new Buckets("raw", "lake", "published");
    private static final Path GOLDEN = Path.of("src/test/resources/org/bigpicture/core/ingest/ingest-records.golden.txt");
    private static final String AWKWARD = "quote \" backslash \\ tab \t newline \n nul \u0000 del \u007f é ✓ 😀 \u2028";

    @TempDir
    Path dir;
    private FileObjectStore files;
    private Ingest ingest;
    private long sequence;
    private final StringBuilder transcript = new StringBuilder();
    private Map<String, String> lake = new TreeMap<>();

    /** Claims every table; "bad" keys or cells are input at fault, "pair" keys become two datasets. */
    private static final class FixedFormat implements Format {
        @Override
        public String family() {
            return "fixed";
        }

        @Override
        public boolean claims(TableInput table) {
            return true;
        }

        @Override
        public List<ConvertedDataset> convert(TableInput table, Workspace workspace) throws IOException {
            if (table.key().contains("bad") || table.head().toString().contains("bad")) {
                throw new BadInputException(table.key(), 3, "a \"quoted\" reason: " + AWKWARD);
            }
            List<ConvertedDataset> out = new ArrayList<>();
            out.add(dataset(table.datasetId(), workspace, table.key().contains("summary")));
            if (table.key().contains("pair")) {
                out.add(dataset(table.datasetId() + "-second", workspace, true));
            }
            return out;
        }

        private static ConvertedDataset dataset(String id, Workspace workspace, boolean summary) throws IOException {
            Path d = workspace.datasetDir(id);
            Files.write(d.resolve("data.parquet"), new byte[] {'P', 'A', 'R', '1', 0, 1, 2, 'P', 'A', 'R', '1'});
            Files.writeString(d.resolve("schema.json"), "{ \"fields\" : [ ] }\n");
            Map<String, Long> rejected = new LinkedHashMap<>();
            rejected.put("totals rows", 3L);
            rejected.put("duplicates", 1L);
            rejected.put("Ärger", 2L);
            Map<String, Object> facts = new LinkedHashMap<>();
            if (summary) {
                Map<String, Object> nested = new LinkedHashMap<>();
                nested.put("zeta", 1);
                nested.put("Alpha", List.of(3L, 2.5, "x", Map.of("b", true, "a", false)));
                nested.put("alpha", null);
                facts.put("respondents", 148L);
                facts.put("questions", 6);
                facts.put("share", 0.1);
                facts.put("big", 1e20);
                facts.put(AWKWARD, AWKWARD);
                facts.put("nested", nested);
                facts.put("empty", Map.of());
            }
            return new ConvertedDataset(id, "fixed", "fixed layout: " + AWKWARD, summary ? "survey" : "table", d,
                    9, 3, 6, rejected, List.of("a note", AWKWARD), facts);
        }
    }

    @Test
    void recordsAreByteIdenticalToTheObjectMapperOnes() throws IOException {
        files = new FileObjectStore(dir.resolve("store"));
        ConfigValidator themes = new ConfigValidator() {
            @Override
            public String name() {
                return "themes.yaml";
            }

            @Override
            public void validate(String key, String text) {
                if (!text.startsWith("themes:")) {
                    throw new BadInputException(key, 1, "expected \"themes:\" at the top");
                }
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00.120Z"), ZoneId.of("Europe/London"));
        ingest = new Ingest(files, BUCKETS, new Recognizer(List.of(new FixedFormat()), Limits.defaults()), List.of(themes),
                Notifier.NONE, clock, () -> new byte[32], Files.createDirectories(dir.resolve("scratch")));
        // A sources file of the test's own in the lake, so provenance's published_by depends on ingest
        // alone, not on edits to the shipped default-sources.yaml.
        files.put("lake", "config/sources.yaml", ("default:\n  publisher: {name: Example Council, url:"
                + " \"https://www.example.gov.uk/\"}\n  licence: OGL-UK-3.0\n  attribution: \"Contains public sector"
                + " information from Example Council.\"\n").getBytes(StandardCharsets.UTF_8),
                PutOptions.of("application/yaml"));

        byte[] csv = "Ward,Residents,Share\r\nBramhall North,11200,0.52\r\nReddish South,9800,0.31\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] other = "Ward,Residents\r\nHeald Green,8100\r\n".getBytes(StandardCharsets.UTF_8);
        created("jsna/Ward \"Residents\" é ✓.csv", csv);
        created("jsna/tab\there.csv", csv);
        created("jsna/Ward-\"Residents\" é ✓.csv", csv); // the same slug as the first
        created("jsna/tab\there.csv", csv); // the same bytes again
        created("surveys/summary.csv", csv);
        created("ons/pair.csv", csv);
        created("ons/pair.csv", other); // replaced
        created("ons/thing.csv", csv);
        created("ons/thing.csv", "Ward,Residents\r\nbad,1\r\n".getBytes(StandardCharsets.UTF_8)); // now bad
        created("ons/bad.csv", csv);
        created("config/themes.yaml", "themes:\n  - parks\n".getBytes(StandardCharsets.UTF_8));
        created("config/themes.yaml", "nonsense\n".getBytes(StandardCharsets.UTF_8));
        created("config/unknown.yaml", "x: 1\n".getBytes(StandardCharsets.UTF_8));
        removed("surveys/summary.csv");
        removed("ons/pair.csv");
        removed("ons/bad.csv");
        removed("config/unknown.yaml");

        String text = transcript.toString();
        if (Boolean.getBoolean("golden.record")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, text);
        }
        assertThat(text).isEqualTo(Files.readString(GOLDEN));
    }

    private void created(String key, byte[] bytes) throws IOException {
        files.put("raw", key, bytes, PutOptions.of("text/csv"));
        ObjectInfo info = files.head("raw", key).orElseThrow();
        sequence++;
        IngestResult r = ingest.onObjectCreated(new RawObjectEvent("raw", key, "v" + sequence, info.etag(), info.size(),
                String.format("%016X", sequence), Instant.parse("2026-11-26T09:00:00Z")));
        snapshot("created " + key + " -> " + r.status() + " " + r.datasets() + " " + r.rows() + " " + r.family());
    }

    private void removed(String key) throws IOException {
        files.delete("raw", key);
        sequence++;
        IngestResult r = ingest.onObjectRemoved(new RawObjectEvent("raw", key, null, null, 0,
                String.format("%016X", sequence), Instant.parse("2026-11-26T09:30:00Z")));
        snapshot("removed " + key + " -> " + r.status());
    }

    /** The JSON objects in the lake that each step wrote or deleted, whole. */
    private void snapshot(String step) throws IOException {
        transcript.append("=== ").append(step).append('\n');
        Map<String, String> now = new TreeMap<>();
        for (ObjectInfo o : files.list("lake", "")) {
            String k = o.key();
            boolean record = k.startsWith(LakeKeys.REPORTS) || k.startsWith(LakeKeys.QUARANTINE)
                    || k.startsWith(LakeKeys.CONFIG) || k.endsWith("/" + LakeKeys.PROVENANCE);
            if (record) {
                now.put(k, new String(files.readAllBytes("lake", k), StandardCharsets.UTF_8));
            }
        }
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!e.getValue().equals(lake.get(e.getKey()))) {
                transcript.append("--- ").append(e.getKey()).append('\n').append(e.getValue()).append('\n');
            }
        }
        for (String k : lake.keySet()) {
            if (!now.containsKey(k)) {
                transcript.append("--- deleted ").append(k).append('\n');
            }
        }
        lake = now;
    }
}
