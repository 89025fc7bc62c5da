package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same edition, byte for byte, on Java 17 (what the local stack runs here) and on every JDK
 * of 19 or later this machine has (issue 12: Lambda runs Java 21, and {@code Double.toString}
 * changed in JDK 19). The CLI's {@code run} over the samples, with awkward numbers added, is run
 * in a child process under each JDK on a store with the same pseudonym secret; every file of the
 * edition and every dataset file of the lake are compared, the manifest without its creation
 * time. A JDK found but older than 19 is not compared; none found: the test says so, by name.
 */
class SameBytesOnEveryJdkIT {

    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)");

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> theEditionIsTheSameOnJava17AndOnEveryNewerJdk() throws Exception {
        List<Path> newer = newerJdks();
        List<DynamicTest> tests = new ArrayList<>();
        if (newer.isEmpty()) {
            tests.add(DynamicTest.dynamicTest("no JDK of 19 or later under /usr/lib/jvm or $JAVA_HOMES",
                    () -> assumeTrue(false, "no JDK of 19 or later found: the comparison is skipped")));
            return tests;
        }
        Path corpus = corpus();
        Map<String, byte[]> reference = edition(javaOf(Path.of(System.getProperty("java.home"))), corpus, "17");
        for (Path jdk : newer) {
            tests.add(DynamicTest.dynamicTest("Java " + version(jdk) + " (" + jdk + ") writes what Java 17 wrote",
                    () -> {
                        Map<String, byte[]> other = edition(javaOf(jdk), corpus, jdk.getFileName().toString());
                        assertThat(other.keySet()).isEqualTo(reference.keySet());
                        List<String> differ = new ArrayList<>();
                        for (String name : reference.keySet()) {
                            if (!java.util.Arrays.equals(reference.get(name), other.get(name))) {
                                differ.add(name);
                            }
                        }
                        assertThat(differ).as("files whose bytes differ").isEmpty();
                        assertThat(reference).hasSizeGreaterThan(30);
                    }));
        }
        return tests;
    }

    /** The samples plus a table of numbers whose shortest decimals JDK 17 and 19+ spell differently. */
    private Path corpus() throws IOException {
        Path corpus = tmp.resolve("corpus");
        try (Stream<Path> walk = Files.walk(RepoFiles.samples())) {
            for (Path p : walk.toList()) {
                Path target = corpus.resolve(RepoFiles.samples().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        StringBuilder csv = new StringBuilder("area_code,area_name,value\r\n");
        // 2.0E-3 and 1.0E23 are among the values JDK 17 spelt with a digit too many (JDK-4511638);
        // the random ones cover the rest.
        String[] awkward = {"0.002", "1.0E23", "2.82879384806159E17", "1.9400994884341945E25", "5.0E-324",
            "1.7976931348623157E308", "0.30000000000000004", "9007199254740991", "4.35", "-0.0"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < 300; i++) {
            String v = i < awkward.length ? awkward[i]
                    : Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL));
            csv.append("E0800").append(String.format("%04d", i)).append(",Area ").append(i).append(',').append(v).append("\r\n");
        }
        Files.createDirectories(corpus.resolve("tables"));
        Files.writeString(corpus.resolve("tables/awkward numbers.csv"), csv.toString());
        return corpus;
    }

    /** Runs {@code run} under one JDK and returns the edition's and the lake's files by name. */
    private Map<String, byte[]> edition(Path javaBinary, Path corpus, String label) throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store-" + label));
        Path secrets = Files.createDirectories(store.resolve("secrets"));
        Files.writeString(secrets.resolve("pseudonym-key"),
                java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("out-" + label);
        Path root = RepoFiles.root();
        String classpath = root.resolve("local/target/classes") + java.io.File.pathSeparator
                + Files.readString(root.resolve("local/target/cli.classpath")).strip();
        ProcessBuilder pb = new ProcessBuilder(javaBinary.toString(), "-Dbigpicture.home=" + root, "-cp", classpath,
                "org.bigpicture.local.Cli", "run", corpus.toString(), "--out", out.toString(), "--data",
                store.toString(), "--date", "2026-11-26").redirectErrorStream(true);
        Process p = pb.start();
        byte[] log = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(new String(log, StandardCharsets.UTF_8)).isZero();

        Map<String, byte[]> files = new TreeMap<>();
        collect(out.resolve("published/bundles/2026-11-26"), "edition/", files);
        collect(out.resolve("lake/datasets"), "lake/", files);
        collect(out.resolve("lake/headlines"), "headlines/", files);
        files.remove("headlines/state.json"); // the snapshot's time
        return files;
    }

    private static void collect(Path dir, String prefix, Map<String, byte[]> files) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                String name = prefix + dir.relativize(f).toString().replace('\\', '/');
                byte[] bytes = Files.readAllBytes(f);
                if (name.endsWith("datapackage.json")) {
                    ObjectNode pkg = (ObjectNode) json.readTree(bytes);
                    pkg.remove("created"); // when it was made: the one field that is a time
                    bytes = json.writeValueAsBytes(pkg);
                } else if (name.endsWith("provenance.json")) {
                    ObjectNode p = (ObjectNode) json.readTree(bytes);
                    p.remove("ingested_at");
                    ((ObjectNode) p.get("source")).remove("version_id"); // the store's, per upload
                    ((ObjectNode) p.get("source")).remove("sequencer"); // the order uploads landed in
                    bytes = json.writeValueAsBytes(p);
                } else if (name.endsWith(".html") || name.endsWith(".xml")) {
                    // pages name the edition's creation time: masked, the rest compared
                    bytes = Pattern.compile("20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[^\"<\\s]*")
                            .matcher(new String(bytes, StandardCharsets.UTF_8)).replaceAll("…").getBytes(StandardCharsets.UTF_8);
                } else if (name.endsWith("SHA256SUMS")) {
                    // the checksums of the files holding the creation time go; every other line is compared
                    bytes = Pattern.compile("(?m)^[0-9a-f]{64}  (datapackage\\.json|\\S+\\.html|\\S+\\.xml)\\n")
                            .matcher(new String(bytes, StandardCharsets.UTF_8)).replaceAll("").getBytes(StandardCharsets.UTF_8);
                }
                files.put(name, bytes);
            }
        }
    }

    /** JDKs of 19 or later: under /usr/lib/jvm, and the folders listed in $JAVA_HOMES. */
    private static List<Path> newerJdks() throws Exception {
        List<Path> candidates = new ArrayList<>();
        Path jvm = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvm)) {
            try (Stream<Path> s = Files.list(jvm)) {
                candidates.addAll(s.filter(d -> Files.isExecutable(javaOf(d))).sorted().toList());
            }
        }
        String extra = System.getenv("JAVA_HOMES");
        if (extra != null) {
            for (String d : extra.split(java.io.File.pathSeparator)) {
                if (!d.isBlank()) {
                    candidates.add(Path.of(d));
                }
            }
        }
        List<Path> newer = new ArrayList<>();
        for (Path d : candidates) {
            if (!Files.isSymbolicLink(d) && version(d) >= 19) {
                newer.add(d);
            }
        }
        return newer;
    }

    private static Path javaOf(Path home) {
        return home.resolve("bin/java");
    }

    private static int version(Path home) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(javaOf(home).toString(), "-version").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        Matcher m = VERSION.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
