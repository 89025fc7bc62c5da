package org.bigpicture.core.lake;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Where things live in the lake (DESIGN.md, "Lake layout"). Every key built here stays under its
 * prefix whatever the raw key holds: ids are slugs, and keys too long to prefix are replaced by
 * their sha256.
 */
public final class LakeKeys {

    public static final String DATASETS = "datasets/";
    public static final String REPORTS = "reports/ingest/";
    public static final String QUARANTINE = "quarantine/";
    /** Held uploads (personal data suspected): {@code held/<raw key>.json}. */
    public static final String HELD = "held/";
    /**
     * Respondent-level files ({@code restricted/<id>/respondents.parquet}, {@code responses.parquet}
     * and their schemas): a prefix of their own, so that the roles that publish can be denied it.
     */
    public static final String RESTRICTED = "restricted/";
    public static final String CONFIG = "config/";
    public static final String HEADLINES = "headlines/";
    public static final String PROVENANCE = "provenance.json";

    /** S3 keys are at most 1,024 bytes; leave room for the prefix and suffix. */
    private static final int MAX_EMBEDDED_KEY_BYTES = 900;
    private static final int MAX_SLUG = 120;

    private LakeKeys() {
    }

    /** {@code jsna/Life Expectancy.csv} → {@code jsna-life-expectancy}. */
    public static String datasetId(String rawKey) {
        String withoutExt = rawKey;
        int slash = rawKey.lastIndexOf('/');
        int dot = rawKey.lastIndexOf('.');
        if (dot > slash + 1) {
            withoutExt = rawKey.substring(0, dot);
        }
        String slug = slug(withoutExt);
        if (slug.isEmpty()) {
            slug = "dataset-" + sha256(rawKey).substring(0, 12);
        } else if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG - 13).replaceAll("-+$", "") + "-" + sha256(rawKey).substring(0, 12);
        }
        return slug;
    }

    /** Lowercase ASCII letters and digits joined by single hyphens. */
    public static String slug(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                // Accents come off through Unicode decomposition (its tables load only here, not
                // for the ASCII names most uploads have: a cold start pays ~10 ms for them).
                String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
                return asciiSlug(ascii);
            }
        }
        return asciiSlug(text);
    }

    /** Lowercase letters and digits of ASCII text, runs of anything else as one hyphen, none at the ends. */
    private static String asciiSlug(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean gap = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && b.length() > 0) {
                    b.append('-');
                }
                gap = false;
                b.append(c);
            } else {
                gap = true;
            }
        }
        return b.toString();
    }

    public static String datasetPrefix(String datasetId) {
        return DATASETS + datasetId + "/";
    }

    /** {@code restricted/<id>/}: where a dataset's respondent-level files live. */
    public static String restrictedPrefix(String datasetId) {
        return RESTRICTED + datasetId + "/";
    }

    /** True for the files of a dataset that are respondent-level (a survey's respondents and responses). */
    public static boolean isRespondentLevel(String fileName) {
        return fileName.startsWith("respondents.") || fileName.startsWith("responses.");
    }

    public static String provenanceKey(String datasetId) {
        return datasetPrefix(datasetId) + PROVENANCE;
    }

    /** {@code reports/ingest/<raw key>.json}, or by the key's sha256 when it is too long or unsafe. */
    public static String reportKey(String rawKey) {
        return REPORTS + embeddable(rawKey) + ".json";
    }

    /** {@code quarantine/<raw key>.error.json}, or by the key's sha256 when it is too long or unsafe. */
    public static String quarantineKey(String rawKey) {
        return QUARANTINE + embeddable(rawKey) + ".error.json";
    }

    /** {@code held/<raw key>.json}, or by the key's sha256 when it is too long or unsafe. */
    public static String heldKey(String rawKey) {
        return HELD + embeddable(rawKey) + ".json";
    }

    /** A raw key as it may stand inside a lake key: itself when safe, else {@code sha256/<hex>}. */
    static String embeddable(String rawKey) {
        return safeToEmbed(rawKey) ? rawKey : "sha256/" + sha256(rawKey);
    }

    /**
     * At most 900 UTF-8 bytes, no control characters, and segments that are neither empty, {@code .},
     * {@code ..} nor 200 bytes or longer. (Plain loops: this runs on every ingest's cold path.)
     */
    private static boolean safeToEmbed(String rawKey) {
        if (rawKey.isEmpty() || rawKey.getBytes(StandardCharsets.UTF_8).length > MAX_EMBEDDED_KEY_BYTES) {
            return false;
        }
        for (int i = 0; i < rawKey.length(); i++) {
            char c = rawKey.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        int from = 0;
        while (true) { // a leading "/" makes an empty first segment
            int slash = rawKey.indexOf('/', from);
            String segment = slash < 0 ? rawKey.substring(from) : rawKey.substring(from, slash);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.getBytes(StandardCharsets.UTF_8).length >= 200) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            from = slash + 1;
        }
    }

    public static String sha256(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
