package org.bigpicture.core.sources;

import org.bigpicture.core.util.YamlException;
import org.bigpicture.core.util.YamlNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bigpicture.core.lake.LakeKeys;

/**
 * One {@code sources.yaml} file, parsed and checked (README, "Sources and licences"): its
 * {@code default} terms, its entries in file order, and the public extracts it lists. Every
 * problem is a {@link YamlException} with the line and the reason; a file that parses is one the
 * resolver and the refresh can use as it is.
 *
 * @param name     where the file came from ({@code config/sources.yaml} or {@link Sources#SHIPPED_NAME})
 * @param sha256   of the text
 * @param fallback the terms of uploads no entry matches, or null when the file gives none
 */
public record SourcesFile(String name, String sha256, SourceTerms fallback, int fallbackLine,
                          List<SourceEntry> entries, List<Extract> extracts) {

    private static final List<String> TOP_KEYS = List.of("version", "default", "sources", "extracts");
    private static final List<String> DEFAULT_KEYS = List.of("publisher", "licence", "attribution");
    private static final List<String> ENTRY_KEYS = List.of("id", "keys", "families", "publisher", "licence",
            "attribution", "title", "description");
    private static final List<String> PUBLISHER_KEYS = List.of("name", "url");
    private static final List<String> EXTRACT_KEYS = List.of("id", "url", "key", "content_type", "description");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
    private static final int MAX_URL = 2048;
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_NAME = 300;
    private static final int MAX_TITLE = 300;
    private static final int MAX_SENTENCE = 2000;

    public SourcesFile {
        entries = List.copyOf(entries);
        extracts = List.copyOf(extracts);
    }

    /**
     * Parses and checks the text of a {@code sources.yaml}.
     *
     * @param name what the file is called in messages and records
     */
    public static SourcesFile parse(String name, String text) {
        YamlNode root = YamlNode.parse(text);
        if (!root.isMap()) {
            throw new YamlException(root.line(), "sources.yaml must be a mapping with 'default', 'sources' and/or"
                    + " 'extracts'");
        }
        checkKeys(root, TOP_KEYS, "at the top level");
        YamlNode version = root.get("version");
        if (version != null && !"1".equals(version.text())) {
            throw new YamlException(version.line(), "unsupported version '" + version.text() + "' (this code reads 1)");
        }
        SourceTerms fallback = null;
        int fallbackLine = 0;
        YamlNode def = root.get("default");
        if (def != null) {
            if (!def.isMap()) {
                throw new YamlException(def.line(), "'default' must be a mapping with publisher, licence and"
                        + " attribution");
            }
            checkKeys(def, DEFAULT_KEYS, "in 'default'");
            fallback = terms(def, "default");
            fallbackLine = root.keyLine("default");
        }
        List<SourceEntry> entries = entries(root.get("sources"));
        List<Extract> extracts = extracts(root.get("extracts"), entries);
        if (fallback == null && entries.isEmpty() && extracts.isEmpty()) {
            throw new YamlException(root.line(), "the file declares nothing: expected 'default', 'sources' or"
                    + " 'extracts'");
        }
        return new SourcesFile(name, LakeKeys.sha256(text), fallback, fallbackLine, entries, extracts);
    }

    private static List<SourceEntry> entries(YamlNode list) {
        List<SourceEntry> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isList()) {
            throw new YamlException(list.line(), "'sources' must be a list of entries (each starting '- id: …')");
        }
        Map<String, Integer> ids = new HashMap<>();
        for (YamlNode n : list.items()) {
            if (!n.isMap()) {
                throw new YamlException(n.line(), "each entry of 'sources' must be a mapping with id, keys and/or"
                        + " families, publisher, licence and attribution");
            }
            checkKeys(n, ENTRY_KEYS, "in an entry of 'sources'");
            String id = id(n, "entry", ids);
            List<Glob> keys = globs(n, "keys", true);
            List<Glob> families = globs(n, "families", false);
            if (keys.isEmpty() && families.isEmpty()) {
                throw new YamlException(n.line(), "entry '" + id + "' needs 'keys' (raw key patterns such as"
                        + " nomis/**) or 'families' (detected formats such as nomis-api); the uploads no entry"
                        + " claims get 'default'");
            }
            SourceEntry entry = new SourceEntry(id, keys, families, terms(n, "entry '" + id + "'"), n.line());
            for (SourceEntry earlier : out) {
                if (sameTexts(earlier.keys(), keys) && sameTexts(earlier.families(), families)) {
                    throw new YamlException(n.line(), "entry '" + id + "' can never match: entry '" + earlier.id()
                            + "' (line " + earlier.line() + ") claims the same keys and families before it");
                }
            }
            out.add(entry);
        }
        return out;
    }

    private static List<Extract> extracts(YamlNode list, List<SourceEntry> entries) {
        List<Extract> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isList()) {
            throw new YamlException(list.line(), "'extracts' must be a list (each starting '- id: …')");
        }
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> keys = new HashMap<>();
        Map<String, Integer> urls = new HashMap<>();
        for (YamlNode n : list.items()) {
            if (!n.isMap()) {
                throw new YamlException(n.line(), "each extract must be a mapping with id, url and key");
            }
            checkKeys(n, EXTRACT_KEYS, "in an extract");
            String id = id(n, "extract", ids);
            YamlNode urlNode = require(n, "url", "extract '" + id + "'");
            String url = httpUrl(urlNode, "url", true);
            Integer sameUrl = urls.putIfAbsent(url, urlNode.line());
            if (sameUrl != null) {
                throw new YamlException(urlNode.line(), "the url is fetched twice (first on line " + sameUrl + ")");
            }
            YamlNode keyNode = require(n, "key", "extract '" + id + "'");
            String key = rawKey(keyNode);
            Integer sameKey = keys.putIfAbsent(key.toLowerCase(Locale.ROOT), keyNode.line());
            if (sameKey != null) {
                throw new YamlException(keyNode.line(), "two extracts write the key '" + key + "' (first on line "
                        + sameKey + ")");
            }
            String entry = null;
            for (SourceEntry e : entries) {
                if (!e.keys().isEmpty() && e.matchesKey(key)) {
                    entry = e.id();
                    break;
                }
            }
            if (entry == null) {
                throw new YamlException(keyNode.line(), "the key '" + key + "' matches no entry's 'keys': add an"
                        + " entry whose keys match it, so that the fetched file has a publisher, a licence and an"
                        + " attribution");
            }
            String contentType = null;
            YamlNode ct = n.get("content_type");
            if (ct != null && !ct.isNull()) {
                contentType = scalar(ct, "content_type");
                if (!MEDIA_TYPE.matcher(contentType).matches()) {
                    throw new YamlException(ct.line(), "'" + contentType + "' is not a media type such as text/csv"
                            + " or application/json (no parameters)");
                }
                contentType = contentType.toLowerCase(Locale.ROOT);
            }
            String description = optionalText(n, "description", MAX_SENTENCE);
            out.add(new Extract(id, url, key, contentType, description, entry, n.line()));
        }
        return out;
    }

    private static SourceTerms terms(YamlNode n, String what) {
        YamlNode p = require(n, "publisher", what);
        if (!p.isMap()) {
            throw new YamlException(p.line(), "'publisher' must be a mapping with name and url");
        }
        checkKeys(p, PUBLISHER_KEYS, "in 'publisher'");
        String name = text(require(p, "name", "publisher"), "name", MAX_NAME);
        String url = httpUrl(require(p, "url", "publisher"), "url", false);
        YamlNode l = require(n, "licence", what);
        String id = scalar(l, "licence");
        Licence licence = Licence.byId(id);
        if (licence == null) {
            Licence near = Licence.byIdIgnoringCase(id);
            throw new YamlException(l.line(), "unknown licence '" + id + "'"
                    + (near != null ? " (did you mean " + near.id() + "?)" : "") + "; known: " + knownIds());
        }
        String attribution = text(require(n, "attribution", what), "attribution", MAX_SENTENCE);
        String title = optionalText(n, "title", MAX_TITLE);
        String description = optionalText(n, "description", MAX_SENTENCE);
        return new SourceTerms(new Publisher(name, url), licence, attribution, title, description);
    }

    private static String knownIds() {
        StringBuilder sb = new StringBuilder();
        for (Licence l : Licence.known()) {
            sb.append(sb.length() > 0 ? ", " : "").append(l.id());
        }
        return sb.toString();
    }

    private static String id(YamlNode n, String what, Map<String, Integer> seen) {
        YamlNode node = require(n, "id", "each " + what);
        String id = scalar(node, "id");
        if (!ID.matcher(id).matches()) {
            throw new YamlException(node.line(), "'" + id + "' is not a valid id: lower-case letters, digits and"
                    + " '-', at most 64 characters (e.g. nomis-claimants)");
        }
        Integer first = seen.putIfAbsent(id, node.line());
        if (first != null) {
            throw new YamlException(node.line(), what + " id '" + id + "' is used twice (first on line " + first + ")");
        }
        return id;
    }

    private static List<Glob> globs(YamlNode n, String field, boolean keys) {
        YamlNode v = n.get(field);
        List<Glob> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        List<YamlNode> items = v.isList() ? v.items() : List.of(v);
        if (items.isEmpty() || v.isNull()) {
            throw new YamlException(v.line(), "'" + field + "' is empty: give at least one pattern, or leave the"
                    + " field out");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (YamlNode item : items) {
            String text = scalar(item, field);
            if (!seen.add(text.toLowerCase(Locale.ROOT))) {
                throw new YamlException(item.line(), "the pattern '" + text + "' is listed twice in '" + field + "'");
            }
            try {
                out.add(keys ? Glob.key(text) : Glob.family(text));
            } catch (IllegalArgumentException e) {
                throw new YamlException(item.line(), "'" + text + "' is not a valid " + (keys ? "key" : "family")
                        + " pattern: " + e.getMessage());
            }
        }
        return out;
    }

    private static boolean sameTexts(List<Glob> a, List<Glob> b) {
        return lowerTexts(a).equals(lowerTexts(b));
    }

    // Loops, not streams: this runs on ingest's path (no lambda bootstraps at a cold start).
    private static Set<String> lowerTexts(List<Glob> globs) {
        Set<String> out = new LinkedHashSet<>();
        for (Glob g : globs) {
            out.add(g.text().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** An absolute http(s) URL with a host, no credentials and no fragment ({@code httpsOnly} for fetching). */
    private static String httpUrl(YamlNode node, String field, boolean httpsOnly) {
        String s = scalar(node, field);
        if (s.length() > MAX_URL) {
            throw new YamlException(node.line(), "the " + field + " is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new YamlException(node.line(), "'" + s + "' is not a valid URL: " + e.getReason()
                    + (s.indexOf(' ') >= 0 ? " (spaces must be written %20)" : ""));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (httpsOnly && !scheme.equals("https")) {
            throw new YamlException(node.line(), "'" + s + "' is not an https URL: extracts are fetched over https"
                    + " only");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new YamlException(node.line(), "'" + s + "' is not a web address (http or https)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new YamlException(node.line(), "'" + s + "' has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new YamlException(node.line(), "the URL carries a user name or password: configuration files are"
                    + " not the place for credentials");
        }
        if (uri.getRawFragment() != null) {
            throw new YamlException(node.line(), "'" + s + "' has a '#' fragment, which is never sent to the server");
        }
        return s;
    }

    /** A raw bucket key an extract writes: a plain key (no wildcards), not under {@code config/}. */
    private static String rawKey(YamlNode node) {
        String key = scalar(node, "key");
        String problem = null;
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            problem = "a raw key is at most " + MAX_KEY_BYTES + " bytes";
        } else if (key.startsWith("/") || key.endsWith("/")) {
            problem = "a raw key neither starts nor ends with '/'";
        } else if (key.toLowerCase(Locale.ROOT).startsWith(LakeKeys.CONFIG)) {
            problem = "the refresh never writes configuration: the key cannot be under config/";
        } else {
            for (int i = 0; i < key.length() && problem == null; i++) {
                char c = key.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    problem = "control characters cannot appear in a key";
                } else if (c == '*' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\\') {
                    problem = "an extract writes one key: '" + c + "' is a pattern character, not part of a key";
                }
            }
            for (String s : key.split("/", -1)) {
                if (problem == null && (s.isEmpty() || s.equals(".") || s.equals(".."))) {
                    problem = "empty, '.' and '..' folders are not allowed in a key";
                }
            }
        }
        if (problem != null) {
            throw new YamlException(node.line(), "'" + key + "' is not a valid raw key: " + problem);
        }
        return key;
    }

    private static void checkKeys(YamlNode map, List<String> allowed, String where) {
        for (String k : map.keys()) {
            if (!allowed.contains(k)) {
                throw new YamlException(map.keyLine(k), "unknown key '" + k + "' " + where + " (expected "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private static YamlNode require(YamlNode n, String field, String what) {
        YamlNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new YamlException(v == null ? n.line() : v.line(), what + " needs '" + field + "'");
        }
        return v;
    }

    private static String scalar(YamlNode n, String field) {
        if (!n.isScalar()) {
            throw new YamlException(n.line(), "'" + field + "' must be a single value, not a "
                    + (n.isMap() ? "mapping" : n.isList() ? "list" : "blank"));
        }
        String s = n.text().strip();
        if (s.isEmpty()) {
            throw new YamlException(n.line(), "'" + field + "' is empty");
        }
        return s;
    }

    private static String text(YamlNode n, String field, int max) {
        String s = scalar(n, field);
        if (s.length() > max) {
            throw new YamlException(n.line(), "'" + field + "' is longer than " + max + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' || c == 0x7f) {
                throw new YamlException(n.line(), "'" + field + "' holds a control character");
            }
        }
        return s;
    }

    private static String optionalText(YamlNode n, String field, int max) {
        YamlNode v = n.get(field);
        return v == null || v.isNull() ? null : text(v, field, max);
    }
}
