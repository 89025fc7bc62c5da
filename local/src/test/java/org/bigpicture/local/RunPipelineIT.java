package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ./bigpicture run} on samples/ with the real template.yaml and the real handlers. */
class RunPipelineIT {

    @TempDir
    Path tmp;

    @Test
    void runIngestsEverySamplePublishesAndMirrorsAndASecondRunChangesNothing() throws Exception {
        Path store = tmp.resolve("store");
        Path out = tmp.resolve("out");

        CliRunner.Outcome first = CliRunner.run("run", RepoFiles.samples().toString(), "--out", out.toString(),
                "--data", store.toString(), "--date", "2026-11-26");

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Skipped (dotfiles and documentation): README.md")
                .contains("accepted       jsna/Life expectancy at birth.csv")
                .contains("Ledger: ").contains("no gaps")
                .contains("Publish: published edition 2026-11-26")
                .doesNotContain("QUARANTINED").doesNotContain("NOT PROCESSED");
        long samples;
        try (Stream<Path> s = Files.walk(RepoFiles.samples())) {
            samples = s.filter(Files::isRegularFile).filter(p -> !Pipeline.skip(RepoFiles.samples().relativize(p).toString()))
                    .count();
        }
        try (Stream<Path> s = Files.list(out.resolve("lake/datasets"))) {
            assertThat(s.filter(d -> Files.exists(d.resolve("provenance.json"))).count()).isGreaterThanOrEqualTo(samples);
        }
        assertThat(out.resolve("published/bundles/2026-11-26/datapackage.json")).exists();
        assertThat(out.resolve("published/bundles/latest/index.html")).exists();
        assertThat(out.resolve("raw/jsna/Life expectancy at birth.csv")).hasSameBinaryContentAs(
                RepoFiles.samples().resolve("jsna/Life expectancy at birth.csv"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from read_parquet('"
                     + out.resolve("lake/datasets/jsna-life-expectancy-at-birth/data.parquet") + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isPositive();
        }
        assertThat(CliRunner.run("audit", "--out", out.toString()).exit()).isZero();

        CliRunner.Outcome second = CliRunner.run("run", RepoFiles.samples().toString(), "--out", out.toString(),
                "--data", store.toString(), "--date", "2026-11-26");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.out()).contains("Publish: unchanged");
        try (Stream<Path> s = Files.list(out.resolve("published/bundles"))) {
            assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("2026-11-26", "latest");
        }
    }

    @Test
    void aBadFileIsQuarantinedWithItsReasonAndTheRunExitsThree() throws Exception {
        Path dir = tmp.resolve("upload");
        Files.createDirectories(dir.resolve("ons"));
        Files.writeString(dir.resolve("ons/good.csv"), "code,name,value\nE08000007,Stockport,1\nE08000008,Tameside,2\n");
        Files.writeString(dir.resolve("ons/empty.csv"), "");
        Files.writeString(dir.resolve(".hidden.csv"), "a,b\n1,2\n");

        CliRunner.Outcome r = CliRunner.run("run", dir.toString(), "--out", tmp.resolve("out").toString(), "--data",
                tmp.resolve("store").toString(), "--date", "2026-11-26");

        assertThat(r.exit()).as(r.toString()).isEqualTo(Pipeline.QUARANTINED);
        assertThat(r.out()).contains("accepted       ons/good.csv").contains("QUARANTINED    ons/empty.csv")
                .contains("Skipped (dotfiles and documentation): .hidden.csv")
                .contains("Publish: published");
    }

    @Test
    void aContactsTableIsHeldTheRunExitsFourAndAReleaseInPublishYamlPublishesIt() throws Exception {
        Path dir = tmp.resolve("upload");
        Files.createDirectories(dir.resolve("ons"));
        Files.createDirectories(dir.resolve("tables"));
        Files.writeString(dir.resolve("ons/good.csv"), "code,name,value\nE08000007,Stockport,1\nE08000008,Tameside,2\n");
        StringBuilder contacts = new StringBuilder("Name,Email,Phone\n");
        for (int i = 0; i < 6; i++) {
            contacts.append("Person Number").append((char) ('A' + i)).append(" Smith,p").append(i)
                    .append("@example.org,07700 90012").append(i).append('\n');
        }
        Files.writeString(dir.resolve("tables/contacts.csv"), contacts);
        Path store = tmp.resolve("store");
        Path out = tmp.resolve("out");

        CliRunner.Outcome r = CliRunner.run("run", dir.toString(), "--out", out.toString(), "--data", store.toString(),
                "--date", "2026-11-26");

        assertThat(r.exit()).as(r.toString()).isEqualTo(Pipeline.HELD);
        assertThat(r.out()).contains("accepted       ons/good.csv").contains("HELD           tables/contacts.csv")
                .contains("column \"Email\"").contains("config/publish.yaml").contains("no gaps")
                .contains("Publish: published");
        assertThat(out.resolve("lake/held/tables/contacts.csv.json")).exists();
        assertThat(out.resolve("lake/datasets/tables-contacts")).doesNotExist();
        try (Stream<Path> s = Files.walk(out.resolve("published"))) {
            assertThat(s.filter(Files::isRegularFile).map(Path::toString).filter(n -> n.contains("contacts"))).isEmpty();
        }
        assertThat(CliRunner.run("audit", "--out", out.toString()).exit()).isZero();
        CliRunner.Outcome check = CliRunner.run("check", dir.resolve("tables/contacts.csv").toString(), "--key",
                "tables/contacts.csv");
        assertThat(check.exit()).as(check.toString()).isEqualTo(Pipeline.HELD);
        assertThat(check.out()).contains("would be HELD").contains("HELD: column \"Phone\"");

        String sha = org.bigpicture.core.lake.Sha256.hex(dir.resolve("tables/contacts.csv"));
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/publish.yaml"), "version: 1\nrelease:\n  - sha256: " + sha
                + "\n    reason: \"test contacts, invented\"\n");
        CliRunner.Outcome released = CliRunner.run("run", dir.toString(), "--out", out.toString(), "--data",
                store.toString(), "--date", "2026-11-26");
        assertThat(released.exit()).as(released.toString()).isZero();
        assertThat(released.out()).contains("accepted       tables/contacts.csv").contains("no gaps");
        assertThat(Files.readString(out.resolve("published/bundles/latest/data/tables-contacts.csv")))
                .contains("p0@example.org");
    }

    @Test
    void runRefusesAStoreHeldByAServe() throws Exception {
        Path store = tmp.resolve("store");
        try (LocalStack serve = LocalStack.start(LocalStack.Options.defaults(store, RepoFiles.templateYaml()).port(0)
                .holder("bigpicture serve"))) {
            CliRunner.Outcome r = CliRunner.run("run", RepoFiles.samples().toString(), "--out",
                    tmp.resolve("out").toString(), "--data", store.toString());

            assertThat(r.exit()).isEqualTo(Pipeline.FAILED);
            assertThat(r.err()).contains("is in use by bigpicture serve on " + serve.endpoint());
        }
    }

    @Test
    void withServeRunningAnUploadBecomesADatasetAndOnlyBundlesAreReadableAnonymously() throws Exception {
        Path store = tmp.resolve("store");
        try (LocalStack serve = LocalStack.start(LocalStack.Options.defaults(store, RepoFiles.templateYaml()).port(0)
                .holder("bigpicture serve"));
             S3Client s3 = serve.client()) {
            Path aws = Stream.of("/usr/bin/aws", "/usr/local/bin/aws").map(Path::of).filter(Files::isExecutable)
                    .findFirst().orElse(null);
            Path file = tmp.resolve("x.csv");
            Files.writeString(file, "code,name,value\nE08000007,Stockport,295243\n");
            if (aws != null) {
                ProcessBuilder pb = new ProcessBuilder(aws.toString(), "--endpoint-url", serve.endpoint().toString(),
                        "s3", "cp", file.toString(), "s3://" + serve.buckets().raw() + "/ons/x.csv");
                pb.environment().put("AWS_ACCESS_KEY_ID", LocalStack.ACCESS_KEY);
                pb.environment().put("AWS_SECRET_ACCESS_KEY", LocalStack.SECRET_KEY);
                pb.environment().put("AWS_DEFAULT_REGION", S3Events.REGION);
                pb.environment().put("HOME", tmp.toString());
                pb.redirectErrorStream(true);
                Process p = pb.start();
                String printed = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor()).as(printed).isZero();
            } else {
                s3.putObject(b -> b.bucket(serve.buckets().raw()).key("ons/x.csv"), RequestBody.fromFile(file));
            }
            assertThat(serve.awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(s3.headObject(b -> b.bucket(serve.buckets().lake()).key("datasets/ons-x/provenance.json"))
                    .contentLength()).isPositive();

            CliRunner.Outcome published = CliRunner.run("publish", "--data", store.toString(), "--date", "2026-11-26");
            assertThat(published.exit()).as(published.toString()).isZero();
            assertThat(published.err()).contains("through the running bigpicture serve");

            HttpClient http = HttpClient.newHttpClient();
            for (String key : List.of("bundles/latest/datapackage.json", "bundles/2026-11-26/index.html")) {
                HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(serve.publicUrl(key))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ok.statusCode()).as(key).isEqualTo(200);
            }
            for (String url : List.of(serve.endpoint() + "/" + serve.buckets().raw() + "/ons/x.csv",
                    serve.endpoint() + "/" + serve.buckets().lake() + "/datasets/ons-x/provenance.json")) {
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(url).isEqualTo(403);
            }
            assertThat(CliRunner.run("audit", "--data", store.toString()).exit()).isZero();

            CliRunner.Outcome withdrawn = CliRunner.run("withdraw", "2026-11-26", "--reason", "published in error",
                    "--data", store.toString());
            assertThat(withdrawn.exit()).as(withdrawn.toString()).isZero();
            HttpResponse<String> gone = http.send(HttpRequest.newBuilder(URI.create(
                    serve.publicUrl("bundles/2026-11-26/index.html"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(gone.statusCode()).isEqualTo(404);
            HttpResponse<String> catalog = http.send(HttpRequest.newBuilder(URI.create(
                    serve.publicUrl("bundles/catalog.json"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(catalog.body()).contains("published in error");
        }
    }

    @Test
    void auditSaysWhatTheJournalOwesAndRunFinishesItFirst() throws Exception {
        Path store = tmp.resolve("store");
        // A store whose serve took an upload and stopped before delivering it (as after kill -9).
        CliRunner.Outcome empty = CliRunner.run("run", writeFolder("first", "ons/first.csv"), "--out",
                tmp.resolve("out0").toString(), "--data", store.toString(), "--date", "2026-11-26");
        assertThat(empty.exit()).as(empty.toString()).isZero();
        try (LocalStack taken = LocalStack.start(LocalStack.Options.defaults(store, RepoFiles.templateYaml()).port(0)
                .dispatch(false).holder("bigpicture serve"));
             S3Client s3 = taken.client()) {
            s3.putObject(b -> b.bucket(taken.buckets().raw()).key("ons/left behind.csv"),
                    RequestBody.fromString("code,name,value\nE08000007,Stockport,7\n"));
        }

        CliRunner.Outcome audit = CliRunner.run("audit", "--data", store.toString());
        assertThat(audit.exit()).isEqualTo(Pipeline.FAILED);
        assertThat(audit.out()).contains("Journal: 1 event was never delivered")
                .contains("ons/left behind.csv: no ingest report");

        CliRunner.Outcome run = CliRunner.run("run", writeFolder("second", "ons/second.csv"), "--out",
                tmp.resolve("out").toString(), "--data", store.toString(), "--date", "2026-11-27");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Recovery: finishing 1 event the last stop left undelivered")
                .contains("accepted       ons/second.csv").contains("no gaps");
        assertThat(tmp.resolve("out/lake/datasets/ons-left-behind/provenance.json")).exists();
        CliRunner.Outcome after = CliRunner.run("audit", "--data", store.toString());
        assertThat(after.exit()).as(after.toString()).isZero();
        assertThat(after.out()).doesNotContain("Journal:");
    }

    private String writeFolder(String name, String key) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve(key).getParent());
        Files.writeString(dir.resolve(key), "code,name,value\nE08000007,Stockport," + name.length() + "\n");
        return dir.toString();
    }
}
