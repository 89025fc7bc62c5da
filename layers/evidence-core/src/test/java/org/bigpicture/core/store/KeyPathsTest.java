package org.bigpicture.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every key S3 accepts has one path of its own, which a file system can hold and which decodes back to it. */
class KeyPathsTest {

    static final String LONG = "L".repeat(245) + ".csv";
    /** Keys S3 accepts that a file system cannot hold as they are (and a few it can). */
    static final List<String> HOSTILE = List.of("ctl/a\u0001b.csv", "ctl/tab\tand\nnewline.csv", "del/\u007f.csv",
            "nul/\u0000.csv", "surveys/../tables/y.csv", "./dot.csv", "../up.csv", "a/./b.csv", "..", ".",
            "trail/", "trail//double.csv", "/leading.csv", "/", "//", "long/" + LONG, "x/" + "é".repeat(200),
            "uni/é漢🙂.csv", "pct/a%20b+c.csv", "%", "%25", "100% sure.csv", "back\\slash.csv", ".put-1.tmp",
            "d/.mpus-x", ".s3proxy-versions/a", "ons/Mid-2022 population.csv", "a+b", "plain/x.csv",
            "cont%+/x", "%2E", "%+");

    @Test
    void everyHostileKeyRoundTripsToAPathAFileSystemCanHold() {
        for (String key : HOSTILE) {
            String path = KeyPaths.encode(key);
            assertThat(KeyPaths.decode(path)).as(key).isEqualTo(key);
            for (String element : path.split("/", -1)) {
                assertThat(element).as(key + " → " + path).isNotEmpty().isNotEqualTo(".").isNotEqualTo("..");
                assertThat(element.getBytes(StandardCharsets.UTF_8).length).as(path)
                        .isLessThanOrEqualTo(KeyPaths.MAX_ELEMENT_BYTES);
                assertThat(element.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\')).as(path).isTrue();
                assertThat(element).doesNotStartWith(".put-").doesNotStartWith(".mpus-").doesNotStartWith(".s3proxy-");
            }
        }
    }

    @Test
    void ordinaryKeysAreTheirOwnPaths() {
        for (String key : List.of("jsna/Life Expectancy.csv", "ons/Mid-2022 population (E08000007).xlsx",
                "datasets/ons-mid-2022/data.parquet", "uni/é漢🙂.csv", ".DS_Store", "a+b=c", "reports/ingest/x.csv.json")) {
            assertThat(KeyPaths.encode(key)).isEqualTo(key);
            assertThat(KeyPaths.decode(key)).isEqualTo(key);
        }
    }

    @Test
    void theEscapesAreTheDocumentedOnes() {
        assertThat(KeyPaths.encode("surveys/../tables/y.csv")).isEqualTo("surveys/%2E%2E/tables/y.csv");
        assertThat(KeyPaths.encode("./dot.csv")).isEqualTo("%2E/dot.csv");
        assertThat(KeyPaths.encode("trail/")).isEqualTo("trail/%");
        assertThat(KeyPaths.encode("ctl/a\u0001b.csv")).isEqualTo("ctl/a%01b.csv");
        assertThat(KeyPaths.encode("pct/a%20b+c.csv")).isEqualTo("pct/a%2520b+c.csv");
        assertThat(KeyPaths.encode(".put-1.tmp")).isEqualTo("%2Eput-1.tmp");
        String[] pieces = KeyPaths.encode("long/" + LONG).split("/");
        assertThat(pieces).hasSize(3);
        assertThat(pieces[1]).endsWith("%+");
        assertThat(pieces[1] + pieces[2]).isEqualTo("L".repeat(148) + "%+" + "L".repeat(97) + ".csv");
    }

    @Test
    void noTwoKeysShareAPath() {
        Random random = new Random(16);
        String alphabet = "ab./%+\\\u0001\u007fé漢";
        Map<String, String> byPath = new HashMap<>();
        for (String key : HOSTILE) {
            assertThat(byPath.put(KeyPaths.encode(key), key)).as(key).isNull();
        }
        for (int n = 0; n < 20_000; n++) {
            StringBuilder k = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                k.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(20) == 0) {
                k.append("x".repeat(140 + random.nextInt(30)));
            }
            String key = k.toString();
            String path = KeyPaths.encode(key);
            String earlier = byPath.putIfAbsent(path, key);
            assertThat(earlier == null || earlier.equals(key)).as(key + " and " + earlier + " → " + path).isTrue();
            assertThat(KeyPaths.decode(path)).isEqualTo(key);
        }
    }

    @Test
    void pathsNoKeyIsWrittenToDecodeToNothing() {
        for (String stray : List.of("a%61.csv", "a%2", "a%zz", "x/%+", "x%+", "dir/", "a//b", "a\u0001b", "..", "x/.",
                ".put-123.tmp", "a\\b", "%c3%a9", "L".repeat(151))) {
            assertThat(KeyPaths.decode(stray)).as(stray).isNull();
        }
    }

    @Test
    void aListingStartsWhereEveryKeyWithThePrefixIs() {
        List<String> keys = new java.util.ArrayList<>(HOSTILE);
        keys.addAll(List.of("datasets/a/data.parquet", "datasets/ab/x.json", "surveys/x.csv", "trail/x.csv"));
        for (String prefix : List.of("", "datasets/", "datasets/a", "surveys/.", "surveys/..", "surveys/../",
                "trail/", "trail", "long/LLL", "long/" + "L".repeat(200), "ctl/a\u0001", "pct/a%2", "/", "x/é")) {
            String start = KeyPaths.pathPrefix(prefix);
            assertThat(KeyPaths.folderOf(prefix)).satisfiesAnyOf(f -> assertThat(f).isEmpty(),
                    f -> assertThat(f).endsWith("/"));
            assertThat(start).startsWith(KeyPaths.folderOf(prefix));
            for (String key : keys) {
                if (key.startsWith(prefix)) {
                    assertThat(KeyPaths.encode(key)).as(prefix + " / " + key).startsWith(start);
                }
            }
        }
    }

    @Test
    void aKeyThatIsNotUnicodeIsRefused() {
        assertThatThrownBy(() -> KeyPaths.encode("bad\uD800.csv")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyWhosePathIsAlsoAFolderIsTheFileNamedPercentPercentInsideIt() {
        Map<String, String> layout = KeyFiles.layout(List.of("a", "a/b", "trail/", "trail//x.csv", "c", "..", "../up"));

        assertThat(layout).containsEntry("a", "a/%%").containsEntry("a/b", "a/b").containsEntry("trail/", "trail/%/%%")
                .containsEntry("trail//x.csv", "trail/%/x.csv").containsEntry("c", "c").containsEntry("..", "%2E%2E/%%");
        layout.forEach((key, path) -> assertThat(KeyFiles.keyOf(path)).as(path).isEqualTo(key));
        assertThat(KeyFiles.keyOf("x/%%/%%")).isNull();
        assertThat(KeyFiles.keyOf("%%")).isNull();
    }
}
