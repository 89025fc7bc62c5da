package org.bigpicture.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing keys without ETags, and handing scratch files over to the store. */
class FileObjectStoreTest {

    @TempDir
    Path dir;

    private FileObjectStore store() {
        return new FileObjectStore(dir.resolve("store"));
    }

    private static PutOptions json() {
        return PutOptions.json();
    }

    @Test
    void listKeysMatchesListAndOnlyWalksWhatThePrefixNames() throws IOException {
        FileObjectStore store = store();
        for (String key : List.of("datasets/a/data.parquet", "datasets/a/provenance.json", "datasets/ab/x.json",
                "datasets/b/deep/er/y.json", "reports/ingest/jsna/a.csv.json", "top.json")) {
            store.put("lake", key, key.getBytes(StandardCharsets.UTF_8), json());
        }
        // a put interrupted half way leaves its temporary file: never an object
        Files.writeString(store.root().resolve("lake/datasets/a/.put-123.tmp"), "partial");

        for (String prefix : List.of("", "datasets/", "datasets/a", "datasets/a/", "datasets/b/deep/",
                "datasets/b/de", "reports/", "top", "nothing/", "datasets/../datasets/", "./datasets/", "datasets//a/")) {
            List<String> fromList = new ArrayList<>();
            for (ObjectInfo o : store.list("lake", prefix)) {
                fromList.add(o.key());
                assertThat(o.etag()).startsWith("\"").hasSize(34);
            }
            assertThat(store.listKeys("lake", prefix)).as(prefix).isEqualTo(fromList).isSorted();
        }
        assertThat(store.listKeys("lake", "datasets/a")).containsExactly(
                "datasets/a/data.parquet", "datasets/a/provenance.json", "datasets/ab/x.json");
        assertThat(store.listKeys("lake", "")).hasSize(6);
        assertThat(store.listKeys("lake", "datasets/../datasets/")).isEmpty();
        assertThat(store.listKeys("absent-bucket", "")).isEmpty();
    }

    @Test
    void everyKeyS3AcceptsIsStoredAndListedExactlyAsGiven() throws IOException {
        FileObjectStore store = store();
        List<String> keys = new ArrayList<>(KeyPathsTest.HOSTILE);
        keys.addAll(List.of("tables/y.csv", "dot.csv", "trail/x.csv"));
        for (String key : keys) {
            store.put("raw", key, ("bytes of " + key).getBytes(StandardCharsets.UTF_8), json());
        }
        for (String key : keys) {
            assertThat(store.readAllBytes("raw", key)).as(key).isEqualTo(("bytes of " + key).getBytes(StandardCharsets.UTF_8));
            assertThat(store.pathOf("raw", key)).as(key).startsWith(store.root().resolve("raw"));
        }
        assertThat(store.listKeys("raw", "")).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(store.listKeys("raw", "surveys/")).containsExactly("surveys/../tables/y.csv");
        assertThat(store.listKeys("raw", "trail/")).containsExactlyInAnyOrder("trail/", "trail/x.csv",
                "trail//double.csv");
        assertThat(store.listKeys("raw", "ctl/a\u0001")).containsExactly("ctl/a\u0001b.csv");

        store.delete("raw", "surveys/../tables/y.csv");
        assertThat(store.head("raw", "tables/y.csv")).isPresent();
        assertThat(store.head("raw", "surveys/../tables/y.csv")).isEmpty();
    }

    @Test
    void aKeyAndTheKeysUnderItAreKeptSideBySide() throws IOException {
        FileObjectStore store = store();
        store.put("raw", "a", new byte[] {1}, json());
        store.put("raw", "a/b", new byte[] {2}, json()); // "a" moves into the folder "a" needs to be
        store.put("raw", "trail/", new byte[] {3}, json());
        store.put("raw", "trail//x.csv", new byte[] {4}, json());
        store.copy("raw", "a", "raw", "a/c/d", json());
        store.put("raw", "e/f", new byte[] {5}, json());
        store.put("raw", "e", new byte[] {6}, json()); // the folder came first

        assertThat(store.readAllBytes("raw", "a")).containsExactly(1);
        assertThat(store.readAllBytes("raw", "a/b")).containsExactly(2);
        assertThat(store.readAllBytes("raw", "a/c/d")).containsExactly(1);
        assertThat(store.readAllBytes("raw", "trail/")).containsExactly(3);
        assertThat(store.readAllBytes("raw", "e")).containsExactly(6);
        assertThat(store.listKeys("raw", "")).containsExactly("a", "a/b", "a/c/d", "e", "e/f", "trail/", "trail//x.csv");
        assertThat(store.pathOf("raw", "a")).isEqualTo(store.root().resolve("raw/a/%%"));

        store.delete("raw", "a");
        assertThat(store.head("raw", "a")).isEmpty();
        assertThat(store.listKeys("raw", "a")).containsExactly("a/b", "a/c/d");
    }

    @Test
    void putMovingRenamesTheScratchFileIntoPlace() throws IOException {
        FileObjectStore store = store();
        store.put("lake", "datasets/a/data.parquet", "old".getBytes(StandardCharsets.UTF_8), json());
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Path file = Files.writeString(scratch.resolve("data.parquet"), "new bytes");
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        store.putMoving("lake", "datasets/a/data.parquet", file, PutOptions.of("application/vnd.apache.parquet"));

        Path object = store.pathOf("lake", "datasets/a/data.parquet");
        assertThat(file).doesNotExist();
        assertThat(Files.readString(object)).isEqualTo("new bytes");
        if (inode != null) { // the same file, renamed: nothing was copied
            assertThat(Files.readAttributes(object, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
        }
        assertThat(store.listKeys("lake", "datasets/")).containsExactly("datasets/a/data.parquet");
    }

    @Test
    void putMovingFromAnotherFileSystemCopiesThenLetsGoOfTheFile() throws IOException {
        FileObjectStore store = store();
        Path zip = dir.resolve("scratch.zip");
        try (FileSystem other = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"))) {
            Path file = Files.writeString(other.getPath("/data.json"), "[ ]");

            store.putMoving("lake", "datasets/a/data.json", file, json());

            assertThat(file).doesNotExist();
            assertThat(Files.readString(store.pathOf("lake", "datasets/a/data.json"))).isEqualTo("[ ]");
        }
        assertThat(store.listKeys("lake", "")).containsExactly("datasets/a/data.json");
    }

    @Test
    void putMovingALinkStoresWhatItPointsTo() throws IOException {
        FileObjectStore store = store();
        Path target = Files.writeString(dir.resolve("kept.json"), "{ }");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);

        store.putMoving("lake", "x/link.json", link, json());

        Path object = store.pathOf("lake", "x/link.json");
        assertThat(Files.isSymbolicLink(object)).isFalse();
        assertThat(Files.readString(object)).isEqualTo("{ }");
        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(target).hasContent("{ }"); // only the link was given up
    }

    @Test
    void defaultPutMovingPutsThenDeletesAndDefaultListKeysComesFromList() throws IOException {
        FileObjectStore files = store();
        List<String> calls = new ArrayList<>();
        ObjectStore plain = new ObjectStore() {
            @Override
            public Optional<ObjectInfo> head(String bucket, String key) throws IOException {
                return files.head(bucket, key);
            }

            @Override
            public InputStream open(String bucket, String key) throws IOException {
                return files.open(bucket, key);
            }

            @Override
            public void download(String bucket, String key, Path target) throws IOException {
                files.download(bucket, key, target);
            }

            @Override
            public void put(String bucket, String key, Path file, PutOptions options) throws IOException {
                calls.add("put " + key + " exists=" + Files.exists(file));
                files.put(bucket, key, file, options);
            }

            @Override
            public void put(String bucket, String key, byte[] bytes, PutOptions options) throws IOException {
                files.put(bucket, key, bytes, options);
            }

            @Override
            public boolean putIfAbsent(String bucket, String key, byte[] bytes, PutOptions options) throws IOException {
                return files.putIfAbsent(bucket, key, bytes, options);
            }

            @Override
            public List<ObjectInfo> list(String bucket, String prefix) throws IOException {
                calls.add("list " + prefix);
                return files.list(bucket, prefix);
            }

            @Override
            public void delete(String bucket, String key) throws IOException {
                files.delete(bucket, key);
            }

            @Override
            public void copy(String sb, String sk, String tb, String tk, PutOptions options) throws IOException {
                files.copy(sb, sk, tb, tk, options);
            }
        };
        Path file = Files.writeString(dir.resolve("schema.json"), "{}");

        plain.putMoving("lake", "d/schema.json", file, json());

        assertThat(file).doesNotExist();
        assertThat(files.readAllBytes("lake", "d/schema.json")).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(plain.listKeys("lake", "d/")).containsExactly("d/schema.json");
        assertThat(calls).containsExactly("put d/schema.json exists=true", "list d/");
    }
}
