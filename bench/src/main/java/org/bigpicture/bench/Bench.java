package org.bigpicture.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Issue 6's benchmark: our ingest path against DuckDB JDBC, side by side in one run, every
 * measurement in a fresh child JVM, alternating for several rounds. Writes {@code bench/RESULTS.md}.
 *
 * <p>Run with {@code bench/run} (builds, then runs this). Options: {@code --rows N} (2,000,000),
 * {@code --rounds N} (3), {@code --cold-runs N} (5), {@code --memory-rows N} (6,000,000, about
 * 1.5 GB; 0 skips), {@code --out FILE} (bench/RESULTS.md), {@code --data DIR} (bench/target/data).
 */
public final class Bench {

    static final long SEED = 6;
    static final String OURS_HEAP = "-Xmx256m";

    private final Path root;
    private final Path data;
    private final String oursClassPath;
    private final String duckClassPath;
    private final List<String> log = new ArrayList<>();

    Bench(Path root, Path data, String oursClassPath, String duckClassPath) {
        this.root = root;
        this.data = data;
        this.oursClassPath = oursClassPath;
        this.duckClassPath = duckClassPath;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path root = repositoryRoot();
        Path benchTarget = root.resolve("bench/target");
        String[] entries = Files.readString(benchTarget.resolve("bench-classpath.txt")).trim().split(File.pathSeparator);
        String classes = benchTarget.resolve("classes").toAbsolutePath().toString();
        String ours = Stream.concat(Stream.of(classes), Arrays.stream(entries).filter(e -> !e.contains("duckdb")))
                .collect(Collectors.joining(File.pathSeparator));
        String duck = Stream.concat(Stream.of(classes), Arrays.stream(entries).filter(e -> e.contains("duckdb")))
                .collect(Collectors.joining(File.pathSeparator));
        Path data = Path.of(options.getOrDefault("data", root.resolve("bench/target/data").toString()));
        Bench bench = new Bench(root, data, ours, duck);
        String report = bench.run(Long.parseLong(options.getOrDefault("rows", "2000000")),
                Integer.parseInt(options.getOrDefault("rounds", "3")),
                Integer.parseInt(options.getOrDefault("cold-runs", "5")),
                Long.parseLong(options.getOrDefault("memory-rows", "6000000")),
                String.join(" ", args));
        Path out = Path.of(options.getOrDefault("out", root.resolve("bench/RESULTS.md").toString()));
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("written to " + out);
    }

    String run(long rows, int rounds, int coldRuns, long memoryRows, String commandLine) throws Exception {
        Files.createDirectories(data);
        FingertipsCsv.Generated csv = generate("fingertips-" + rows, rows);
        say("generated " + csv);

        // Throughput: ours (-Xmx256m) and DuckDB with 1 and 2 threads, alternating order by round.
        Map<String, List<Map<String, String>>> runs = new LinkedHashMap<>();
        runs.put("ours", new ArrayList<>());
        runs.put("duck1", new ArrayList<>());
        runs.put("duck2", new ArrayList<>());
        boolean fullIngest = false;
        for (int round = 0; round < rounds; round++) {
            List<String> order = round % 2 == 0 ? List.of("ours", "duck1", "duck2") : List.of("duck2", "duck1", "ours");
            for (String who : order) {
                Map<String, String> r = switch (who) {
                    case "ours" -> ours("convert", csv.file(), data.resolve("ours-out"), List.of(OURS_HEAP));
                    case "duck1" -> duck(csv.file(), data.resolve("duck1.parquet"), 1, List.of());
                    default -> duck(csv.file(), data.resolve("duck2.parquet"), 2, List.of());
                };
                runs.get(who).add(r);
                say("round " + (round + 1) + " " + who + ": " + r);
            }
        }
        Map<String, String> oursLast = runs.get("ours").get(runs.get("ours").size() - 1);
        String oursPath = oursLast.getOrDefault("path", "?");

        // The whole Ingest (download, sha256, convert, upload, provenance, report), once formats exist.
        List<Map<String, String>> ingestRuns = new ArrayList<>();
        if (oursPath.equals("core-formats")) {
            for (int round = 0; round < Math.max(1, rounds / 2); round++) {
                Map<String, String> r = ours("ingest", csv.file(), data.resolve("ours-ingest"), List.of(OURS_HEAP));
                ingestRuns.add(r);
                say("ingest " + r);
            }
            fullIngest = true;
        }

        // Correctness: DuckDB reads our Parquet back with the CSV's row count and sum of Value.
        Path oursParquet = Path.of(oursLast.get("parquet"));
        long[] count = new long[1];
        double[] sum = new double[1];
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("SET threads=1");
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(value), count(value) FROM read_parquet('"
                    + oursParquet.toAbsolutePath() + "')")) {
                rs.next();
                count[0] = rs.getLong(1);
                sum[0] = rs.getDouble(2);
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            say("correctness check could not run: " + e);
            count[0] = -1;
        }
        boolean sameCount = count[0] == csv.rows();
        boolean sameSum = Math.abs(sum[0] - csv.valueSum()) <= Math.abs(csv.valueSum()) * 1e-9;

        // Cold start: a 100-row file, fresh JVM with C1 only (as Lambda runs), process start to exit.
        FingertipsCsv.Generated small = generate("fingertips-100", 100);
        List<String> c1 = List.of("-XX:TieredStopAtLevel=1", OURS_HEAP);
        List<Double> oursCold = new ArrayList<>();
        List<Double> duckCold = new ArrayList<>();
        List<Double> ingestCold = new ArrayList<>();
        for (int i = 0; i < coldRuns; i++) {
            oursCold.add(Double.parseDouble(ours("convert", small.file(), data.resolve("cold-ours"), c1).get("wall_ms")));
            duckCold.add(Double.parseDouble(duck(small.file(), data.resolve("cold-duck.parquet"), 1, c1).get("wall_ms")));
            if (fullIngest) {
                ingestCold.add(Double.parseDouble(
                        ours("ingest", small.file(), data.resolve("cold-ingest"), c1).get("wall_ms")));
            }
        }
        say("cold ours " + oursCold + " duckdb " + duckCold + " ingest " + ingestCold);

        // Memory: a 1.5 GB CSV within -Xmx256m.
        Map<String, String> memory = null;
        FingertipsCsv.Generated big = null;
        if (memoryRows > 0) {
            big = generate("fingertips-" + memoryRows, memoryRows);
            memory = ours("convert", big.file(), data.resolve("ours-big"), List.of(OURS_HEAP));
            say("memory " + memory);
            OursConvert.deleteRecursively(data.resolve("ours-big"));
        }

        return report(commandLine, csv, rounds, runs, ingestRuns, oursPath, count[0], sum[0], sameCount, sameSum,
                oursCold, duckCold, ingestCold, big, memory);
    }

    private String report(String commandLine, FingertipsCsv.Generated csv, int rounds,
                          Map<String, List<Map<String, String>>> runs, List<Map<String, String>> ingestRuns,
                          String oursPath, long count, double sum, boolean sameCount, boolean sameSum,
                          List<Double> oursCold, List<Double> duckCold, List<Double> ingestCold,
                          FingertipsCsv.Generated big, Map<String, String> memory) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results (issue 6)\n\n");
        md.append("Produced by `bench/run").append(commandLine.isBlank() ? "" : " " + commandLine).append("` on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(". Every number comes from a fresh child JVM; ")
                .append("ours and DuckDB alternate over ").append(rounds).append(" rounds; medians shown.\n\n");
        md.append(String.format(Locale.ROOT, "Input: %,d rows in the 26-column Fingertips layout, %.1f MB, seed %d.%n%n",
                csv.rows(), csv.bytes() / 1e6, SEED));
        md.append("Ours ran: `").append(oursPath).append("`");
        if (oursPath.equals("interim-fastcsv")) {
            md.append(" (the formats helper's Fingertips format had not landed: FastCSV feeding the real"
                    + " DatasetWriter stands in for it)");
        } else if (oursPath.equals("core-formats")) {
            md.append(" (Recognizer → Fingertips Format → DatasetWriter, the ingest Lambda's code)");
        }
        md.append(".\n\n");

        double oursMs = median(runs.get("ours"), "ms");
        double duck1Ms = median(runs.get("duck1"), "ms");
        double duck2Ms = median(runs.get("duck2"), "ms");
        md.append("## Throughput (CSV → ZSTD Parquet)\n\n");
        md.append("| path | JVM | seconds | rows/s | MB/s | DuckDB 1 thread ÷ this (≥ 1.0 is as fast) | CPU s | peak RSS MB | Parquet bytes |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        throughputRow(md, "ours: " + oursPath, "-Xmx256m", oursMs, csv, duck1Ms, runs.get("ours"));
        if (!ingestRuns.isEmpty()) {
            throughputRow(md, "ours: whole Ingest.onObjectCreated (local store)", "-Xmx256m", median(ingestRuns, "ms"),
                    csv, duck1Ms, ingestRuns);
        }
        throughputRow(md, "DuckDB JDBC, threads=1", "default", duck1Ms, csv, duck1Ms, runs.get("duck1"));
        throughputRow(md, "DuckDB JDBC, threads=2", "default", duck2Ms, csv, duck1Ms, runs.get("duck2"));
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Per round (ms): ours %s; DuckDB 1 thread %s; DuckDB 2 threads %s. "
                        + "One-minute load average during the runs: %s (2 cores; above 2 the machine was shared and "
                        + "wall times stretch).%n%n",
                values(runs.get("ours"), "ms"), values(runs.get("duck1"), "ms"), values(runs.get("duck2"), "ms"),
                runs.values().stream().flatMap(List::stream).map(r -> r.get("load")).collect(Collectors.joining(", "))));

        md.append("## Correctness\n\n");
        md.append(String.format(Locale.ROOT, "DuckDB reading our Parquet: %,d rows (CSV %,d) %s; sum of value %.6f "
                        + "(CSV %.6f) %s.%n%n", count, csv.rows(), sameCount ? "✓" : "✗", sum, csv.valueSum(),
                sameSum ? "✓" : "✗"));

        double oursColdMs = median(oursCold);
        double duckColdMs = median(duckCold);
        md.append("## Cold start (100-row file, fresh JVM, -XX:TieredStopAtLevel=1, process start → exit)\n\n");
        md.append("| path | ms (median) | ÷ DuckDB | runs (ms) |\n|---|---:|---:|---|\n");
        md.append(String.format(Locale.ROOT, "| ours: %s | %.0f | %.2f | %s |%n", oursPath, oursColdMs,
                oursColdMs / duckColdMs, oursCold));
        if (!ingestCold.isEmpty()) {
            md.append(String.format(Locale.ROOT, "| ours: whole Ingest (local store) | %.0f | %.2f | %s |%n",
                    median(ingestCold), median(ingestCold) / duckColdMs, ingestCold));
        }
        md.append(String.format(Locale.ROOT, "| DuckDB JDBC (connect + COPY) | %.0f | 1.00 | %s |%n%n", duckColdMs,
                duckCold));

        md.append("## Memory\n\n");
        if (memory != null) {
            md.append(String.format(Locale.ROOT, "%,d rows, %.2f GB CSV with -Xmx256m: %.1f s, peak RSS %.0f MB, "
                            + "%,d rows written.%n%n", big.rows(), big.bytes() / 1e9,
                    Double.parseDouble(memory.get("ms")) / 1000, Double.parseDouble(memory.get("rss_kb")) / 1024,
                    Long.parseLong(memory.get("rows"))));
        } else {
            md.append("Skipped (--memory-rows 0).\n\n");
        }
        md.append("XLSX of 100 MB: not measured yet (needs the formats helper's XLSX reader).\n\n");

        md.append("## Artifact sizes\n\n");
        md.append(artifacts());
        md.append("\n## Publish\n\nNot measured yet: the publish helper's bundle publisher has not landed.\n");
        return md.toString();
    }

    private void throughputRow(StringBuilder md, String name, String jvm, double ms, FingertipsCsv.Generated csv,
                               double duck1Ms, List<Map<String, String>> runs) {
        double seconds = ms / 1000;
        md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %,.0f | %.1f | %.2f | %.2f | %.0f | %,d |%n", name,
                jvm, seconds, csv.rows() / seconds, csv.bytes() / 1e6 / seconds, duck1Ms / ms,
                median(runs, "cpu_ms") / 1000, median(runs, "rss_kb") / 1024, (long) median(runs, "bytes")));
    }

    private String artifacts() throws IOException {
        List<Path> zips = new ArrayList<>();
        try (var files = Files.walk(root, 4)) {
            files.filter(p -> p.toString().endsWith(".zip") && p.getParent().getFileName().toString().equals("target"))
                    .filter(p -> p.startsWith(root.resolve("layers")) || p.startsWith(root.resolve("functions")))
                    .sorted().forEach(zips::add);
        }
        if (zips.isEmpty()) {
            return "No layer or function zips found: run `mvn package` first.\n";
        }
        StringBuilder md = new StringBuilder("| artifact | MB |\n|---|---:|\n");
        long total = 0;
        for (Path zip : zips) {
            long size = Files.size(zip);
            total += size;
            md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", root.relativize(zip), size / 1e6));
        }
        md.append(String.format(Locale.ROOT, "| **total** (target ≤ 25 MB) | **%.2f** %s |%n", total / 1e6,
                total <= 25_000_000 ? "✓" : "✗"));
        return md.toString();
    }

    private FingertipsCsv.Generated generate(String name, long rows) throws IOException {
        Path file = data.resolve(name + ".csv");
        Path meta = data.resolve(name + ".meta");
        if (Files.exists(file) && Files.exists(meta)) {
            String[] m = Files.readString(meta).trim().split(" ");
            if (m.length == 4 && Long.parseLong(m[0]) == Files.size(file)) {
                return new FingertipsCsv.Generated(file, rows, Long.parseLong(m[0]), Double.parseDouble(m[1]),
                        Long.parseLong(m[2]));
            }
        }
        FingertipsCsv.Generated g = FingertipsCsv.write(file, rows, SEED);
        Files.writeString(meta, g.bytes() + " " + g.valueSum() + " " + g.valueCount() + " " + SEED + "\n");
        return g;
    }

    private Map<String, String> ours(String mode, Path csv, Path work, List<String> jvm) throws Exception {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("-cp", oursClassPath, OursConvert.class.getName(), mode, csv.toString(), work.toString()));
        return child(command);
    }

    private Map<String, String> duck(Path csv, Path out, int threads, List<String> jvm) throws Exception {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("-cp", duckClassPath, DuckDbConvert.class.getName(), csv.toString(), out.toString(),
                Integer.toString(threads)));
        return child(command);
    }

    private Map<String, String> child(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        double load = ChildResult.loadAverage();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("child timed out: " + command);
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            String what = args.stream().filter(a -> !a.contains(File.pathSeparator)).collect(Collectors.joining(" "));
            throw new IOException("child failed (" + p.exitValue() + "): " + what + "\n" + text);
        }
        Map<String, String> result = ChildResult.parse(text);
        result.put("wall_ms", String.format(Locale.ROOT, "%.1f", wallMs));
        result.put("load", String.format(Locale.ROOT, "%.1f", Math.max(load, ChildResult.loadAverage())));
        return result;
    }

    private void say(String line) {
        log.add(line);
        System.err.println(line);
    }

    static double median(List<Map<String, String>> runs, String key) {
        return median(runs.stream().map(r -> Double.parseDouble(r.getOrDefault(key, "NaN"))).toList());
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String values(List<Map<String, String>> runs, String key) {
        return runs.stream().map(r -> String.format(Locale.ROOT, "%.0f", Double.parseDouble(r.get(key))))
                .collect(Collectors.joining(", "));
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("bench")) && Files.exists(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("layers"))) {
                return p;
            }
        }
        throw new IllegalStateException("run from inside the repository");
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: bench/run [--rows N] [--rounds N] [--cold-runs N] "
                        + "[--memory-rows N] [--out FILE] [--data DIR]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
