package org.bigpicture.core.ingest;

import org.bigpicture.core.NeedsSharedData;
import org.bigpicture.core.convert.Limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.Wiring;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No false alarms on real statistics (issue 11): every file of {@code shared/realdata},
 * {@code realdata2} and {@code realdata3} goes through the real ingest, screen included, under its
 * own path as the key; none may be held (area and local-authority name columns are not people's
 * names, statistical tables are not records about people). Skips when the folders are absent.
 */
@NeedsSharedData
class RealDataNotHeldTest {

    private static final Buckets BUCKETS = new Buckets("raw", "lake", "published");

    @TempDir
    Path dir;

    @Test
    void noRealFileIsHeld() throws IOException {
        List<Path> roots = new ArrayList<>();
        for (String name : List.of("realdata", "realdata2", "realdata3")) {
            shared(name).ifPresent(roots::add);
        }
        assumeTrue(!roots.isEmpty(), "shared/realdata* not found");
        FileObjectStore store = new FileObjectStore(dir.resolve("store"));
        Ingest ingest = new Ingest(store, BUCKETS, Recognizer.standard(Limits.defaults()), Wiring.configValidators(),
                Notifier.NONE, Clock.fixed(Instant.parse("2026-12-05T09:00:00Z"), ZoneId.of("Europe/London")),
                () -> "a-test-secret-of-some-length".getBytes(StandardCharsets.UTF_8),
                Files.createDirectories(dir.resolve("scratch")));
        ObjectMapper json = new ObjectMapper();
        List<String> held = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        List<String> redacted = new ArrayList<>();
        long sequence = 0;
        int files = 0;
        for (Path root : roots) {
            List<Path> all;
            try (Stream<Path> walk = Files.walk(root)) {
                all = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
            }
            for (Path f : all) {
                String key = root.getFileName() + "/" + root.relativize(f).toString().replace('\\', '/');
                store.put(BUCKETS.raw(), key, f, PutOptions.of("application/octet-stream"));
                ObjectInfo info = store.head(BUCKETS.raw(), key).orElseThrow();
                IngestResult r = ingest.onObjectCreated(new RawObjectEvent(BUCKETS.raw(), key, "v1", info.etag(),
                        info.size(), String.format("%016X", ++sequence), Instant.parse("2026-12-05T08:00:00Z")));
                files++;
                outcomes.add(r.status() + "  " + key + (r.family() == null ? "" : "  [" + r.family() + "]"));
                if (r.status().equals("accepted")) {
                    JsonNode report = json.readTree(store.readAllBytes(BUCKETS.lake(), LakeKeys.reportKey(key)));
                    for (JsonNode d : report.path("datasets")) {
                        if (!d.path("kind").asText().equals("survey") && d.path("screen").path("redactions").asLong() > 0) {
                            redacted.add(key + " → " + d.path("id").asText() + ": " + d.path("screen").path("redacted"));
                        }
                    }
                }
                if (r.status().equals("held")) {
                    JsonNode report = json.readTree(store.readAllBytes(BUCKETS.lake(), LakeKeys.reportKey(key)));
                    held.add(key + ": " + report.path("reason").asText());
                }
            }
        }
        System.out.println("RealDataNotHeldTest, " + files + " files:\n  " + String.join("\n  ", outcomes));
        assertThat(files).isGreaterThan(10);
        assertThat(held).as("real statistics held as personal data").isEmpty();
        // Nor is anything in a real statistical table taken for an identifier and redacted.
        assertThat(redacted).as("values of real statistics redacted").isEmpty();
        assertThat(store.list(BUCKETS.lake(), LakeKeys.HELD)).isEmpty();
    }

    /** {@code shared/<name>} found by walking up from the working directory. */
    static java.util.Optional<Path> shared(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve(name);
            if (Files.isDirectory(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }
}
