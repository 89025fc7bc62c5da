package org.bigpicture.core.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LakeKeys#embeddable} decides as the stream-based check it replaced did. */
class LakeKeysEmbeddableTest {

    /** The former implementation, kept as the reference. */
    private static boolean safeBefore(String rawKey) {
        return rawKey.getBytes(StandardCharsets.UTF_8).length <= 900
                && !rawKey.startsWith("/")
                && !rawKey.isEmpty()
                && rawKey.chars().noneMatch(c -> c < 0x20 || c == 0x7f)
                && java.util.Arrays.stream(rawKey.split("/", -1))
                        .noneMatch(seg -> seg.equals("..") || seg.equals(".") || seg.isEmpty()
                                || seg.getBytes(StandardCharsets.UTF_8).length >= 200);
    }

    @Test
    void sameDecisionsAsBefore() {
        List<String> keys = new ArrayList<>(List.of("", "/", "a", "a/", "/a", "a//b", "a/./b", "a/../b", "..", ".",
                "a/.b", "a/..b/c", "jsna/Life Expectancy.csv", "tab\there", "del\u007f", "é/✓/😀.csv",
                "x".repeat(199), "x".repeat(200), "é".repeat(100), "é".repeat(99) + "x", "a/".repeat(450),
                "a/".repeat(449) + "b", "x".repeat(150) + "/" + "y".repeat(150)));
        Random random = new Random(42);
        String alphabet = "ab./é\u0001 ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            keys.add(s.toString());
        }
        for (String key : keys) {
            String expected = safeBefore(key) ? key : "sha256/" + LakeKeys.sha256(key);
            assertThat(LakeKeys.embeddable(key)).as(key).isEqualTo(expected);
        }
    }
}
