package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.KeyPaths;
import org.bigpicture.core.store.S3ObjectStore;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 16: every key S3 accepts stands on its own on the local stack: stored, listed, copied,
 * deleted and ingested exactly as given, by the SDK and by Debian's {@code aws} CLI, whatever a
 * file system makes of it (control characters, {@code ..} and {@code .} segments, trailing and
 * double slashes, 245-byte segments, unicode, {@code %} and {@code +}, a key under another
 * object's key).
 */
class HostileKeysIT {

    static final String LONG = "long/" + "L".repeat(245) + ".csv";
    /** Side by side with their look-alikes, which they must not overwrite. */
    static final List<String> KEYS = List.of("ctl/a\u0001b.csv", "ctl/tab\tand\nnewline.csv", "del/x\u007f.csv",
            "esc/\u001b[31mred.csv", "surveys/../tables/y.csv", "tables/y.csv", "./dot.csv", "dot.csv", "a/./b.csv",
            "a/b.csv", "trail/", "trail/x.csv", "double//slash.csv", "double/slash.csv", LONG, "uni/é漢🙂.csv",
            "pct/a%20b+c.csv", "pct/a b+c.csv", "back\\slash.csv", ".put-1.tmp", "/leading.csv", "leading.csv",
            // UTF-16 puts U+1F642 before U+FF21; S3 (UTF-8 bytes) after.
            "sort/\uFF21.csv", "sort/🙂.csv");

    /**
     * The plain keys the hostile ones look like. They slug alike ({@code ./dot.csv} and
     * {@code dot.csv} are both dataset {@code dot}), and the core's choice of a suffix for the second
     * one is check-then-act: two such uploads ingested at the same moment can take the same dataset.
     * So the look-alikes go up once the others are done (the race is the core's, reported).
     */
    static final List<String> LOOKALIKES = List.of("tables/y.csv", "dot.csv", "a/b.csv", "trail/x.csv",
            "double/slash.csv", "pct/a b+c.csv", "leading.csv");

    @TempDir
    Path store;
    LocalStack stack;
    S3Client s3;

    void start(boolean ingest) throws Exception {
        LocalStack.Options o = LocalStack.Options.defaults(store, RepoFiles.templateYaml()).port(0).holder("HostileKeysIT");
        stack = LocalStack.start(ingest ? o.onlyFunctions(Set.of("IngestFunction")) : o.dispatch(false));
        s3 = stack.client();
    }

    @AfterEach
    void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static String body(String key) {
        return "code,value\nE08000007," + Math.abs(key.hashCode()) + "\n";
    }

    void putAll(List<String> keys) {
        for (String key : keys) {
            s3.putObject(b -> b.bucket(stack.buckets().raw()).key(key), RequestBody.fromString(body(key)));
        }
    }

    List<String> listAll(String prefix, int pageSize) {
        List<String> keys = new ArrayList<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(stack.buckets().raw()).prefix(prefix)
                .maxKeys(pageSize).encodingType(EncodingType.URL)).contents()) {
            keys.add(o.key());
        }
        return keys;
    }

    static List<String> inS3Order(List<String> keys) {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparing(k -> k.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned));
        return sorted;
    }

    @Test
    void everyKeyIsStoredIngestedAndAuditedExactlyAsGiven() throws Exception {
        start(true);
        List<String> first = new ArrayList<>(KEYS);
        first.removeAll(LOOKALIKES);
        putAll(first);
        assertThat(stack.awaitIdle(Duration.ofMinutes(3))).isTrue();
        putAll(LOOKALIKES);
        assertThat(stack.awaitIdle(Duration.ofMinutes(3))).isTrue();

        String raw = stack.buckets().raw();
        for (String key : KEYS) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(raw).key(key)).asUtf8String()).as(key).isEqualTo(body(key));
            JsonNode report = new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(stack.buckets().lake())
                    .key(LakeKeys.reportKey(key))).asByteArray());
            assertThat(report.path("key").asText()).isEqualTo(key);
            assertThat(report.path("status").asText()).as(key).isEqualTo("accepted");
        }
        assertThat(listAll("", 1000)).isEqualTo(inS3Order(KEYS));
        assertThat(stack.dispatcher().orElseThrow().failures()).isEmpty();
        LedgerAudit.Result audit = new LedgerAudit(new S3ObjectStore(s3), stack.buckets()).audit(List.of());
        assertThat(audit.gaps()).isEmpty();
        assertThat(audit.rawObjects()).isEqualTo(KEYS.size());
        assertThat(audit.datasets()).as("a dataset of its own for each key").isEqualTo(KEYS.size());
        // A key under another object's key (which a file system cannot make both a file and a folder).
        s3.putObject(b -> b.bucket(raw).key("dot.csv/under"), RequestBody.fromString(body("dot.csv/under")));
        s3.putObject(b -> b.bucket(raw).key("trail//x.csv"), RequestBody.fromString(body("trail//x.csv")));
        assertThat(stack.awaitIdle(Duration.ofMinutes(3))).isTrue();
        for (String key : List.of("dot.csv", "dot.csv/under", "trail/", "trail//x.csv")) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(raw).key(key)).asUtf8String()).as(key).isEqualTo(body(key));
        }
        LedgerAudit.Result after = new LedgerAudit(new S3ObjectStore(s3), stack.buckets()).audit(List.of());
        assertThat(after.gaps()).isEmpty();
        assertThat(after.rawObjects()).isEqualTo(KEYS.size() + 2);

        // run and audit on that store, as an officer would, with a control character in a file name too.
        stop();
        stack = null;
        s3 = null;
        Path folder = store.resolveSibling(store.getFileName() + "-upload");
        Files.createDirectories(folder.resolve("ctl"));
        Files.writeString(folder.resolve("ctl/from\u0001disk.csv"), body("from disk"));
        Path out = store.resolveSibling(store.getFileName() + "-out");
        CliRunner.Outcome run = CliRunner.run("run", folder.toString(), "--out", out.toString(), "--data",
                store.toString(), "--date", "2026-11-26");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("accepted       ctl/from\\u0001disk.csv").contains("no gaps")
                .contains("Publish: published edition 2026-11-26");
        CliRunner.Outcome mirrored = CliRunner.run("audit", "--out", out.toString());
        assertThat(mirrored.exit()).as(mirrored.toString()).isZero();
        assertThat(mirrored.out()).contains((KEYS.size() + 3) + " raw objects");
        assertThat(out.resolve("raw/dot.csv/%%")).hasContent(body("dot.csv"));
        assertThat(CliRunner.run("audit", "--data", store.toString()).exit()).isZero();
    }

    @Test
    void listingsPageAndGroupInS3OrderOverHostileKeys() throws Exception {
        start(false);
        putAll(KEYS);
        String raw = stack.buckets().raw();

        assertThat(listAll("", 3)).as("pages of three").isEqualTo(inS3Order(KEYS));
        assertThat(listAll("trail/", 1)).containsExactly("trail/", "trail/x.csv");
        assertThat(listAll("surveys/.", 1000)).containsExactly("surveys/../tables/y.csv");
        assertThat(listAll("ctl/a\u0001", 1000)).containsExactly("ctl/a\u0001b.csv");
        assertThat(listAll("long/LLL", 1000)).containsExactly(LONG);

        List<String> prefixes = new ArrayList<>();
        List<String> top = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(raw).delimiter("/").maxKeys(4)
                    .encodingType(EncodingType.URL).continuationToken(t));
            page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(prefixes::add);
            page.contents().stream().map(S3Object::key).forEach(top::add);
            assertThat(page.keyCount()).isLessThanOrEqualTo(4);
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        assertThat(prefixes).containsExactlyInAnyOrder("/", "./", "a/", "ctl/", "del/", "double/", "esc/", "long/",
                "pct/", "sort/", "surveys/", "tables/", "trail/", "uni/");
        assertThat(listAll("sort/", 1)).containsExactly("sort/\uFF21.csv", "sort/🙂.csv");
        assertThat(top).containsExactlyInAnyOrder(".put-1.tmp", "back\\slash.csv", "dot.csv", "leading.csv");

        List<String> v1 = new ArrayList<>();
        String marker = null;
        while (true) {
            String m = marker;
            software.amazon.awssdk.services.s3.model.ListObjectsResponse page = s3.listObjects(b -> b.bucket(raw)
                    .maxKeys(5).encodingType(EncodingType.URL).marker(m));
            page.contents().forEach(o -> v1.add(o.key()));
            if (!page.isTruncated()) {
                break;
            }
            marker = page.nextMarker() != null ? page.nextMarker() : page.contents().get(page.contents().size() - 1).key();
        }
        assertThat(v1).as("ListObjects (v1) with markers").isEqualTo(inS3Order(KEYS));
    }

    @Test
    void copiesMultipartUploadsAndDeletesTouchOnlyTheKeyNamed() throws Exception {
        start(false);
        putAll(KEYS);
        String raw = stack.buckets().raw();

        s3.copyObject(b -> b.sourceBucket(raw).sourceKey("surveys/../tables/y.csv").destinationBucket(raw)
                .destinationKey("copies/./z\u0002.csv"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(raw).key("copies/./z\u0002.csv")).asUtf8String())
                .isEqualTo(body("surveys/../tables/y.csv"));

        // (No control character here: S3Proxy writes the key into its CreateMultipartUpload answer
        // as XML, which cannot hold one; README says so.)
        String big = "multi/" + "M".repeat(300) + "/../part%+.csv";
        String id = s3.createMultipartUpload(b -> b.bucket(raw).key(big)).uploadId();
        byte[] part = new byte[5 * 1024 * 1024];
        String e1 = s3.uploadPart(b -> b.bucket(raw).key(big).uploadId(id).partNumber(1), RequestBody.fromBytes(part)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(raw).key(big).uploadId(id).partNumber(2), RequestBody.fromString("tail"))
                .eTag();
        s3.completeMultipartUpload(b -> b.bucket(raw).key(big).uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        assertThat(s3.headObject(b -> b.bucket(raw).key(big)).contentLength()).isEqualTo(part.length + 4L);

        s3.deleteObject(b -> b.bucket(raw).key("surveys/../tables/y.csv"));
        s3.deleteObjects(b -> b.bucket(raw).delete(d -> d.objects(ObjectIdentifier.builder().key("./dot.csv").build(),
                ObjectIdentifier.builder().key("trail/").build())));

        List<String> left = listAll("", 1000);
        assertThat(left).doesNotContain("surveys/../tables/y.csv", "./dot.csv", "trail/")
                .contains("tables/y.csv", "dot.csv", "trail/x.csv", "copies/./z\u0002.csv", big);
        s3.copyObject(b -> b.sourceBucket(raw).sourceKey("dot.csv").destinationBucket(raw).destinationKey("dot.csv/copy"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(raw).key("dot.csv")).asUtf8String()).isEqualTo(body("dot.csv"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(raw).key("dot.csv/copy")).asUtf8String()).isEqualTo(body("dot.csv"));
        assertThat(stack.ledger().history()).extracting(VersionLedger.Entry::key)
                .contains("surveys/../tables/y.csv", "./dot.csv", "trail/", big)
                .noneMatch(k -> k.contains(NotifyingBlobStore.MULTIPART_STUB_PREFIX));
    }

    @Test
    void theAwsCliCopiesListsAndFetchesHostileKeysAsAnOfficerWould() throws Exception {
        Path aws = Stream.of("/usr/bin/aws", "/usr/local/bin/aws").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        Assumptions.assumeTrue(aws != null, "aws CLI not installed (apt-get install awscli)");
        start(false);
        Path file = store.resolve("upload.csv");
        Files.writeString(file, "code,value\nE08000007,1\n");
        // (Not "trail/": aws s3 cp takes a trailing slash as a folder to copy the file into.)
        List<String> keys = List.of("surveys/../tables/y.csv", "./dot.csv", "ctl/a\u0001b.csv", "double//slash.csv",
                "uni/é漢.csv", "pct/50% sure+.csv", LONG);
        String raw = stack.buckets().raw();
        for (String key : keys) {
            Cmd r = aws(aws, "s3", "cp", file.toString(), "s3://" + raw + "/" + key);
            assertThat(r.exit()).as(key + ": " + r.out()).isZero();
        }
        s3.putObject(b -> b.bucket(raw).key("tables/y.csv"), RequestBody.fromString("the other one"));

        Cmd ls = aws(aws, "s3", "ls", "--recursive", "s3://" + raw + "/");
        assertThat(ls.exit()).as(ls.out()).isZero();
        for (String key : keys) {
            assertThat(ls.out()).as(ls.out()).contains(" " + key + "\n");
        }
        Cmd api = aws(aws, "s3api", "list-objects-v2", "--bucket", raw, "--output", "json");
        assertThat(api.exit()).as(api.out()).isZero();
        Set<String> listed = new HashSet<>();
        new ObjectMapper().readTree(api.out()).path("Contents").forEach(o -> listed.add(o.path("Key").asText()));
        Set<String> expected = new HashSet<>(keys);
        expected.add("tables/y.csv");
        assertThat(listed).isEqualTo(expected);

        Cmd get = aws(aws, "s3", "cp", "s3://" + raw + "/ctl/a\u0001b.csv", "-");
        assertThat(get.out()).isEqualTo("code,value\nE08000007,1\n");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(raw).key("tables/y.csv")).asUtf8String()).isEqualTo("the other one");
    }

    @Test
    void aStoreWrittenBeforeKeysWereEncodedIsMovedToEncodedPathsOnce() throws Exception {
        Properties props = new Properties();
        Files.createDirectories(store.resolve("s3"));
        props.setProperty("jclouds.filesystem.basedir", store.resolve("s3").toString());
        BlobStore files = BlobStores.create("filesystem", props);
        files.createContainer("bigpicture-raw");
        for (String legacy : List.of("pct/50% sure.csv", "ctl/a\u0001b.csv", "plain/x.csv")) {
            files.putBlob(PutObjectRequest.builder().bucket("bigpicture-raw").key(legacy).build(),
                    new ByteArrayInputStream(body(legacy).getBytes(StandardCharsets.UTF_8)));
        }

        start(false);

        assertThat(stack.recovery().movedKeys()).containsExactlyInAnyOrder("bigpicture-raw/pct/50% sure.csv",
                "bigpicture-raw/ctl/a\u0001b.csv");
        for (String key : List.of("pct/50% sure.csv", "ctl/a\u0001b.csv", "plain/x.csv")) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket("bigpicture-raw").key(key)).asUtf8String()).isEqualTo(body(key));
            assertThat(store.resolve("s3/bigpicture-raw").resolve(KeyPaths.encode(key))).isRegularFile();
        }
        stop();
        stack = null;
        s3 = null;
        start(false);
        assertThat(stack.recovery().movedKeys()).as("once").isEmpty();
        assertThat(listAll("", 1000)).containsExactly("ctl/a\u0001b.csv", "pct/50% sure.csv", "plain/x.csv");
    }

    record Cmd(int exit, String out) {
    }

    Cmd aws(Path aws, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(aws.toString(), "--endpoint-url", stack.endpoint().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_ACCESS_KEY_ID", LocalStack.ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", LocalStack.SECRET_KEY);
        pb.environment().put("AWS_DEFAULT_REGION", S3Events.REGION);
        pb.environment().put("HOME", store.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Cmd(p.waitFor(), out);
    }
}
