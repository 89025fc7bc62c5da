package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.lake.Sha256;
import org.bigpicture.core.store.S3ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Issue 16, "an acknowledged upload is never lost": {@code ./bigpicture serve} runs as a process of
 * its own, takes a burst of uploads, and is killed with {@code kill -9} part-way. A new
 * {@code serve} on the same store delivers what the dead one owed: every upload it acknowledged has
 * its ingest report (about its bytes), {@code audit} is clean, and the ledger has no torn line and
 * no sequencer twice.
 */
class CrashRecoveryIT {

    static final int UPLOADS = 240;
    static final int KILL_AFTER = 60;
    private static final Pattern ENDPOINT = Pattern.compile("endpoint\\s+(http://127\\.0\\.0\\.1:\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws Exception {
        for (Process p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Timeout(120)
    void everyUploadAcknowledgedBeforeAKillIsIngestedAfterTheRestartAndTheAuditIsClean() throws Exception {
        Path store = tmp.resolve("store");
        long t0 = System.nanoTime();
        Serve first = serve(store);
        Buckets buckets = new Buckets("bigpicture-raw", "bigpicture-lake", "bigpicture-published");

        // The burst: eight clients, no retries (a refused connection after the kill is an upload not acknowledged).
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER);
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (S3Client s3 = client(first.endpoint(), false)) {
            for (int i = 0; i < UPLOADS; i++) {
                String key = String.format("burst/branch %03d.csv", i);
                String body = "library,visits,open\nBranch " + i + "," + (1000 + i) + ",true\nCentral," + (5000 + i) + ",false\n";
                pool.submit(() -> {
                    try {
                        s3.putObject(b -> b.bucket(buckets.raw()).key(key), RequestBody.fromString(body));
                        acknowledged.put(key, Sha256.hex(body.getBytes(StandardCharsets.UTF_8)));
                        enough.countDown();
                    } catch (RuntimeException refused) {
                        failed.incrementAndGet();
                    }
                });
            }
            assertThat(enough.await(60, TimeUnit.SECONDS)).as("uploads acknowledged before the kill").isTrue();
            kill9(first.process());
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        long t1 = System.nanoTime();
        assertThat(failed.get()).as("the kill came part-way through the burst").isPositive();
        assertThat(acknowledged.size()).isBetween(KILL_AFTER, UPLOADS - 1);

        Serve second = serve(store);
        try (S3Client s3 = client(second.endpoint(), true)) {
            S3ObjectStore objects = new S3ObjectStore(s3);
            // Every acknowledged upload gets its ingest report, about the bytes that were acknowledged.
            long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            List<String> missing = new ArrayList<>(acknowledged.keySet());
            while (!missing.isEmpty() && System.nanoTime() < deadline) {
                missing.removeIf(key -> reportAbout(s3, buckets, key, acknowledged.get(key)));
                if (!missing.isEmpty()) {
                    Thread.sleep(500);
                }
            }
            assertThat(missing).as("acknowledged uploads without their ingest report\n" + second.output()).isEmpty();
            long t2 = System.nanoTime();

            // audit: every raw object in the bucket (acknowledged or stored just before the kill) ended
            // as one outcome; nothing left on the failure list.
            LedgerAudit.Result audit = null;
            while (System.nanoTime() < deadline) {
                audit = new LedgerAudit(objects, buckets).audit(FailureRecords.read(store));
                if (audit.clean()) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(audit.gaps()).as(second.output()).isEmpty();
            assertThat(audit.rawObjects()).isGreaterThanOrEqualTo(acknowledged.size());
            CliRunner.Outcome cli = CliRunner.run("audit", "--data", store.toString());
            assertThat(cli.exit()).as(cli.toString()).isZero();

            List<String> lines = Files.readAllLines(store.resolve("versions.log"));
            List<VersionLedger.Entry> ledger = VersionLedger.read(store.resolve("versions.log"));
            assertThat(ledger).as("no torn line").hasSameSizeAs(lines);
            assertThat(ledger).extracting(VersionLedger.Entry::sequencer).as("no sequencer twice").isSorted()
                    .doesNotHaveDuplicates();
            assertThat(second.output()).contains("recovery");
            System.out.printf("crash recovery: %d of %d uploads acknowledged before kill -9 (%.1f s in); %d raw objects"
                    + " in the bucket; all acknowledged ingested %.1f s after the restart; %s%n", acknowledged.size(),
                    UPLOADS, (t1 - t0) / 1e9, audit.rawObjects(), (t2 - t1) / 1e9, second.recoveryLine());
        }
        second.process().destroy(); // Ctrl-C: serve finishes its queue (up to 30 s) and stops
        assertThat(second.process().waitFor(40, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean reportAbout(S3Client s3, Buckets buckets, String key, String sha256) {
        try {
            JsonNode report = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(buckets.lake())
                    .key(LakeKeys.reportKey(key))).asByteArray());
            return sha256.equals(report.path("source").path("sha256").asText());
        } catch (NoSuchKeyException notYet) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Serve(Process process, URI endpoint, StringBuffer out) {
        String output() {
            return out.toString();
        }

        String recoveryLine() {
            return output().lines().filter(l -> l.contains("recovery")).findFirst().orElse("(no recovery line)").trim();
        }
    }

    /** {@code ./bigpicture serve --port 0 --data STORE}, as its own JVM, with the classpath the script uses. */
    private Serve serve(Path store) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbigpicture.home=" + RepoFiles.root(), "-cp", classpath(), Cli.class.getName(), "serve", "--port", "0",
                "--data", store.toString(), "--template", RepoFiles.templateYaml().toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        processes.add(p);
        StringBuffer out = new StringBuffer();
        CountDownLatch started = new CountDownLatch(1);
        String[] endpoint = new String[1];
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    out.append(line).append('\n');
                    Matcher m = ENDPOINT.matcher(line);
                    if (m.find()) {
                        endpoint[0] = m.group(1);
                    }
                    if (line.startsWith("Ctrl-C stops it.")) {
                        started.countDown();
                    }
                }
            } catch (IOException gone) {
                // the process was killed
            }
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        assertThat(started.await(60, TimeUnit.SECONDS)).as("serve started\n" + out).isTrue();
        return new Serve(p, URI.create(endpoint[0]), out);
    }

    private static void kill9(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start();
        if (kill.waitFor() != 0) {
            p.destroyForcibly(); // SIGKILL too, where there is no kill(1)
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
    }

    private static String classpath() throws IOException {
        Path classes = RepoFiles.root().resolve("local/target/classes");
        Path file = RepoFiles.root().resolve("local/target/cli.classpath");
        if (Files.isDirectory(classes) && Files.isRegularFile(file)) {
            return classes + java.io.File.pathSeparator + Files.readString(file).trim();
        }
        return System.getProperty("java.class.path");
    }

    private static S3Client client(URI endpoint, boolean retries) {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(30)))
                .endpointOverride(endpoint)
                .region(Region.of(S3Events.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalStack.ACCESS_KEY,
                        LocalStack.SECRET_KEY)))
                .forcePathStyle(true)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(retries ? LocalStack.MAX_ATTEMPTS : 1).circuitBreakerEnabled(false).build()))
                .build();
    }
}
