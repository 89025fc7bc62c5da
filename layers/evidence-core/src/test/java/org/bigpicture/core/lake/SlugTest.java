package org.bigpicture.core.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LakeKeys#slug} without regular expressions gives what the regular-expression spelling gave. */
class SlugTest {

    /** The earlier spelling, kept here as the reference. */
    private static String reference(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("^-+|-+$", "");
    }

    @Test
    void sameSlugsAsTheRegularExpressions() {
        String[] fixed = {"", "-", "--a--", "Life Expectancy 2021.csv", "jsna/Life Expectancy.csv", "Café São Paulo",
            "İstanbul", "\u212Aelvin", "ＡＢＣ１２３", "straße", "a  b\tc", "UPPER_lower-123", "ø æ œ", "日本語",
            "x/../y", "🙂 emoji", "a\u0301b", "  lead and trail  "};
        for (String s : fixed) {
            assertThat(LakeKeys.slug(s)).as(s).isEqualTo(reference(s));
        }
        Random random = new Random(6);
        String alphabet = "aZ09 -_./éÉüß\u212A\u0130ＡøŁ🙂\t";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(20);
            for (int k = 0; k < n; k++) {
                int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
                b.appendCodePoint(random.nextInt(3) == 0 ? cp : 'a' + random.nextInt(26));
            }
            assertThat(LakeKeys.slug(b.toString())).as(b.toString()).isEqualTo(reference(b.toString()));
        }
    }
}
