package org.bigpicture.core.ingest;

import org.bigpicture.core.convert.BadInputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code config/publish.yaml}: the uploads an officer releases from hold, by the sha256 of their
 * bytes (not their key, so a later upload under the same key is screened again), each with a reason:
 * <pre>
 * version: 1
 * release:
 *   - sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *     reason: "Partner organisations' public contact list, agreed with the data protection officer"
 *     by: "J. Officer, Policy team"       # optional
 * </pre>
 * Validated like every configuration file: unknown keys, a version other than 1, a sha256 that is
 * not 64 hexadecimal digits, a missing or empty reason, a sha256 listed twice, duplicate keys and
 * YAML anchors are refused with the line and the reason.
 */
public final class PublishReleases {

    public static final String CONFIG_NAME = "publish.yaml";
    private static final int MAX_CHARS = 1_000_000;
    private static final int MAX_REASON = 2_000;

    /**
     * One release.
     *
     * @param sha256 the upload's sha256, lower case
     * @param reason why it may be published as uploaded
     * @param by     who released it, or null
     * @param line   the line of the entry in publish.yaml
     */
    public record Release(String sha256, String reason, String by, int line) {
    }

    private final Map<String, Release> bySha256;

    private PublishReleases(Map<String, Release> bySha256) {
        this.bySha256 = bySha256;
    }

    /** No releases (no publish.yaml). */
    public static PublishReleases none() {
        return new PublishReleases(Map.of());
    }

    public Optional<Release> find(String sha256) {
        return sha256 == null ? Optional.empty() : Optional.ofNullable(bySha256.get(sha256.toLowerCase(Locale.ROOT)));
    }

    public List<Release> all() {
        return List.copyOf(bySha256.values());
    }

    /** Parses and validates the file; throws {@link BadInputException} with the line and the reason. */
    public static PublishReleases parse(String key, String text) {
        if (text.length() > MAX_CHARS) {
            throw new BadInputException(key, 0, "the file is larger than " + MAX_CHARS + " characters");
        }
        YAMLFactory factory = YAMLFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(10).build()).build();
        try (YAMLParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new BadInputException(key, 1, "the file is empty; expected 'version: 1' and a 'release:' list");
            }
            guard(key, p);
            if (t != JsonToken.START_OBJECT) {
                throw new BadInputException(key, line(p), "expected 'version: 1' and a 'release:' list at the top");
            }
            Map<String, Integer> seen = new LinkedHashMap<>();
            String version = null;
            int versionLine = 0;
            Map<String, Release> releases = new LinkedHashMap<>();
            for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                String name = p.currentName();
                int keyLine = line(p);
                duplicate(key, seen, name, keyLine);
                JsonToken v = p.nextToken();
                guard(key, p);
                switch (name) {
                    case "version" -> {
                        if (!scalar(v)) {
                            throw new BadInputException(key, line(p), "version must be 1");
                        }
                        version = p.getText().strip();
                        versionLine = line(p);
                    }
                    case "release" -> {
                        if (v == JsonToken.VALUE_NULL) {
                            break;
                        }
                        if (v != JsonToken.START_ARRAY) {
                            throw new BadInputException(key, line(p),
                                    "release must be a list of entries such as '- {sha256: <64 hex digits>, reason: \"…\"}'");
                        }
                        for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                            guard(key, p);
                            Release r = release(key, p, item);
                            Release first = releases.putIfAbsent(r.sha256(), r);
                            if (first != null) {
                                throw new BadInputException(key, r.line(), "sha256 " + r.sha256()
                                        + " is listed twice (first on line " + first.line() + ")");
                            }
                        }
                    }
                    default -> throw new BadInputException(key, keyLine, "unknown key '" + name
                            + "'; publish.yaml has 'version' and 'release'");
                }
            }
            if (p.nextToken() != null) {
                throw new BadInputException(key, line(p), "only one YAML document is allowed");
            }
            if (version == null) {
                throw new BadInputException(key, 1, "missing 'version: 1'");
            }
            if (!version.equals("1")) {
                throw new BadInputException(key, versionLine, "version must be 1, not '" + version + "'");
            }
            return new PublishReleases(java.util.Collections.unmodifiableMap(releases));
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            throw new BadInputException(key, line(e.getLocation()), "not valid YAML: " + (nl < 0 ? msg : msg.substring(0, nl)).strip());
        } catch (IOException e) {
            throw new BadInputException(key, 0, "cannot read the file: " + e.getMessage());
        }
    }

    private static Release release(String key, YAMLParser p, JsonToken t) throws IOException {
        int itemLine = line(p);
        if (t != JsonToken.START_OBJECT) {
            throw new BadInputException(key, itemLine, "each release is an entry with 'sha256' and 'reason'"
                    + " (and optionally 'by')");
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        String sha = null;
        String reason = null;
        String by = null;
        int reasonLine = itemLine;
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
            String name = p.currentName();
            int keyLine = line(p);
            duplicate(key, seen, name, keyLine);
            JsonToken v = p.nextToken();
            guard(key, p);
            if (!scalar(v) && v != JsonToken.VALUE_NULL) {
                throw new BadInputException(key, line(p), name + " must be a single value");
            }
            String text = v == JsonToken.VALUE_NULL ? null : p.getText();
            switch (name) {
                case "sha256" -> {
                    String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
                    if (!hex64(s)) {
                        throw new BadInputException(key, line(p), "sha256 must be the upload's 64 hexadecimal digits"
                                + " (as the held record and the report give it), not '" + (text == null ? "" : text) + "'");
                    }
                    sha = s;
                }
                case "reason" -> {
                    reason = text == null ? null : text.strip();
                    reasonLine = line(p);
                }
                case "by" -> by = text == null || text.isBlank() ? null : text.strip();
                default -> throw new BadInputException(key, keyLine, "unknown key '" + name
                        + "' in a release; the keys are sha256, reason and by");
            }
        }
        if (sha == null) {
            throw new BadInputException(key, itemLine, "a release needs the upload's sha256");
        }
        if (reason == null || reason.isEmpty()) {
            throw new BadInputException(key, reasonLine, "a release needs a reason: say why sha256 " + sha
                    + " may be published as uploaded");
        }
        if (reason.length() > MAX_REASON) {
            throw new BadInputException(key, reasonLine, "the reason is longer than " + MAX_REASON + " characters");
        }
        return new Release(sha, reason, by, itemLine);
    }

    private static boolean hex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean scalar(JsonToken t) {
        return t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT
                || t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE;
    }

    private static void duplicate(String key, Map<String, Integer> seen, String name, int line) {
        Integer first = seen.putIfAbsent(name, line);
        if (first != null) {
            throw new BadInputException(key, line, "the key '" + name + "' appears twice (first on line " + first + ")");
        }
    }

    /** Anchors and aliases are refused: not needed here, and the classic expansion bomb. */
    private static void guard(String key, YAMLParser p) throws IOException {
        if (p.isCurrentAlias() || p.getObjectId() != null) {
            throw new BadInputException(key, line(p), "YAML anchors and aliases (& and *) are not allowed");
        }
    }

    private static int line(YAMLParser p) {
        return line(p.currentTokenLocation());
    }

    private static int line(JsonLocation l) {
        return l == null ? 0 : Math.max(0, l.getLineNr());
    }
}
