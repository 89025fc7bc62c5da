package org.bigpicture.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bigpicture.core.Buckets;
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
 * it (run with {@code -Dgolden.record=true} to record it again, after a deliberate change).
 * Covers accepted, quarantined, configuration and removed outcomes, a survey's summary, rejected
 * rows, a replaced upload, keys with quotes, tabs and non-ASCII letters.
 */
class IngestRecordsGoldenTest {

    private static final Buckets BUCKETS = new Buckets("raw", "lake", "published");
    private static final Path GOLDEN = Path.of("src/test/resources/org/bigpicture/core/ingest/ingest-records.golden.txt");
    private static final Path SAMPLES = Path.of("../../samples");

    @TempDir
    Path dir;
    private FileObjectStore files;
    private Ingest ingest;
    private long sequence;
    private final StringBuilder transcript = new StringBuilder();
    private Map<String, String> lake = new TreeMap<>();

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
        ingest = new Ingest(files, BUCKETS, Recognizer.standard(Limits.defaults()), List.of(themes), Notifier.NONE,
                clock, () -> "a pseudonym secret of 32 bytes!".getBytes(StandardCharsets.UTF_8), Files.createDirectories(dir.resolve("scratch")));

        String csv = "Ward,Residents,Share\r\nBramhall North,11200,0.52\r\nReddish South,9800,0.31\r\n";
        created("jsna/Ward \"Residents\" é ✓.csv", csv.getBytes(StandardCharsets.UTF_8));
        created("jsna/tab\there.csv", csv.getBytes(StandardCharsets.UTF_8));
        created("jsna/Ward-\"Residents\" é ✓.csv", csv.getBytes(StandardCharsets.UTF_8)); // the same slug
        created("jsna/tab\there.csv", csv.getBytes(StandardCharsets.UTF_8)); // the same bytes again
        created("jsna/Life expectancy at birth.csv", Files.readAllBytes(SAMPLES.resolve("jsna/Life expectancy at birth.csv")));
        created("surveys/business recovery.csv",
                Files.readAllBytes(SAMPLES.resolve("surveys/stockport-business-recovery-survey-google-forms.csv")));
        created("imd/IMD2019 File 1.csv", Files.readAllBytes(SAMPLES.resolve("imd/IMD2019 File 1.csv")));
        created("ons/bad.csv", "Ward,Residents\r\n\"unterminated,1\r\n".getBytes(StandardCharsets.UTF_8));
        created("ons/bad.csv", csv.getBytes(StandardCharsets.UTF_8)); // corrected
        created("ons/empty.csv", new byte[0]);
        created("config/themes.yaml", "themes:\n  - parks\n".getBytes(StandardCharsets.UTF_8));
        created("config/themes.yaml", "nonsense\n".getBytes(StandardCharsets.UTF_8));
        created("config/unknown.yaml", "x: 1\n".getBytes(StandardCharsets.UTF_8));
        removed("jsna/Life expectancy at birth.csv");
        removed("ons/empty.csv");
        removed("surveys/business recovery.csv");
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
