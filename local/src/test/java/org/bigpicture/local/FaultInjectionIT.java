package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, "Fault injection": with a fifth of the embedded S3's requests failing (500
 * InternalError, 503 SlowDown, connections cut), a run over samples/ still finishes, and its
 * datasets, headlines and bundle data files are byte for byte those of a clean run.
 */
class FaultInjectionIT {

    /** Both stores get the same survey secret, so pseudonymous respondent ids are comparable. */
    private static final String SHARED_SECRET = "fault-injection-it-shared-secret-0123456789abcdef";
    private static final Pattern INJECTED = Pattern.compile("Faults injected: \\{INTERNAL_ERROR=(\\d+), SLOW_DOWN=(\\d+), "
            + "CONNECTION_CUT=(\\d+)} of (\\d+) requests");

    @TempDir
    Path tmp;

    @Test
    void aRunWithTwentyPercentFaultsMatchesACleanRunByteForByte() throws Exception {
        long t0 = System.nanoTime();
        CliRunner.Outcome clean = run("clean");
        long t1 = System.nanoTime();
        CliRunner.Outcome faulty = run("faulty", "--fault-rate", "0.2", "--fault-seed", "7");
        long t2 = System.nanoTime();

        assertThat(clean.exit()).as(clean.toString()).isZero();
        assertThat(faulty.exit()).as(faulty.toString()).isZero();
        Matcher m = INJECTED.matcher(faulty.out());
        assertThat(m.find()).as(faulty.out()).isTrue();
        long faults = Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3));
        long requests = Long.parseLong(m.group(4));
        assertThat(Long.parseLong(m.group(3))).as("connections cut").isPositive();
        assertThat((double) faults / requests).isBetween(0.15, 0.25);
        System.out.printf("fault injection: clean run %.1f s; faulty run %.1f s with %d of %d requests failed (%s)%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, faults, requests, m.group());

        Path a = tmp.resolve("clean-out");
        Path b = tmp.resolve("faulty-out");
        // Datasets (everything but provenance.json, which records when and which version was ingested).
        TreeMap<String, Path> datasets = files(a.resolve("lake/datasets"), p -> !p.endsWith("provenance.json"));
        assertThat(datasets).isNotEmpty();
        assertSameBytes(datasets, a.resolve("lake/datasets"), b.resolve("lake/datasets"));
        assertThat(files(b.resolve("lake/datasets"), p -> !p.endsWith("provenance.json")).keySet())
                .isEqualTo(datasets.keySet());
        // Headlines.
        for (String f : List.of("headlines.json", "headlines.csv")) {
            assertThat(b.resolve("lake/headlines").resolve(f)).hasSameBinaryContentAs(a.resolve("lake/headlines").resolve(f));
        }
        // The bundle's data files.
        Path data = Path.of("published/bundles/2026-11-26/data");
        TreeMap<String, Path> bundle = files(a.resolve(data), p -> true);
        assertThat(bundle).isNotEmpty();
        assertSameBytes(bundle, a.resolve(data), b.resolve(data));
        assertThat(files(b.resolve(data), p -> true).keySet()).isEqualTo(bundle.keySet());
    }

    private CliRunner.Outcome run(String name, String... extra) throws IOException {
        Path store = tmp.resolve(name + "-store");
        Path secret = LocalStack.pseudonymKeyFile(store);
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, SHARED_SECRET + "\n");
        List<String> args = new java.util.ArrayList<>(List.of("run", RepoFiles.samples().toString(), "--out",
                tmp.resolve(name + "-out").toString(), "--data", store.toString(), "--date", "2026-11-26"));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static TreeMap<String, Path> files(Path root, java.util.function.Predicate<Path> keep) throws IOException {
        TreeMap<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).filter(keep).forEach(p -> out.put(root.relativize(p).toString(), p));
        }
        return out;
    }

    private static void assertSameBytes(TreeMap<String, Path> expected, Path rootA, Path rootB) {
        expected.keySet().forEach(rel -> assertThat(rootB.resolve(rel)).as(rel).hasSameBinaryContentAs(rootA.resolve(rel)));
    }
}
