package org.bigpicture.core.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small tree that remembers the line of every node, so that a configuration
 * file (the headline spec, {@code sources.yaml}) can be rejected with the line at fault (Jackson's
 * own tree forgets locations). Anchors and aliases are refused (they are not needed in a
 * configuration file and are the classic expansion bomb), so are duplicate keys. Errors are
 * {@link YamlException}s carrying the line and the reason.
 */
public final class YamlNode {

    /** What a node holds. */
    public enum Kind { MAP, LIST, SCALAR, NULL }

    /** Largest file accepted; a real one is a few kilobytes. */
    public static final int MAX_CHARS = 1_000_000;
    private static final int MAX_DEPTH = 40;

    private final Kind kind;
    private final int line;
    private final String scalar;
    private final Map<String, YamlNode> map;
    private final Map<String, Integer> keyLines;
    private final List<YamlNode> list;

    private YamlNode(Kind kind, int line, String scalar, Map<String, YamlNode> map, Map<String, Integer> keyLines,
                     List<YamlNode> list) {
        this.kind = kind;
        this.line = line;
        this.scalar = scalar;
        this.map = map;
        this.keyLines = keyLines;
        this.list = list;
    }

    /** Parses one YAML document; throws {@link YamlException} with the line when it is not well formed. */
    public static YamlNode parse(String text) {
        if (text.length() > MAX_CHARS) {
            throw new YamlException(0, "the file is larger than " + MAX_CHARS + " characters");
        }
        YAMLFactory factory = YAMLFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        try (YAMLParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new YamlException(1, "the file is empty");
            }
            YamlNode root = read(p, t, 0);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new YamlException(line(p.currentTokenLocation()), "only one YAML document is allowed");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new YamlException(line(e.getLocation()), "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new YamlException(0, "cannot read the file: " + e.getMessage());
        }
    }

    private static YamlNode read(YAMLParser p, JsonToken t, int depth) throws IOException {
        int line = line(p.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw new YamlException(line, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (p.isCurrentAlias() || p.getObjectId() != null) {
            throw new YamlException(line, "YAML anchors and aliases (& and *) are not allowed in a configuration file");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> map = new LinkedHashMap<>();
                Map<String, Integer> lines = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = line(p.currentTokenLocation());
                    if (map.containsKey(key)) {
                        throw new YamlException(keyLine, "the key '" + key + "' appears twice (first on line "
                                + lines.get(key) + ")");
                    }
                    YamlNode value = read(p, p.nextToken(), depth + 1);
                    map.put(key, value);
                    lines.put(key, keyLine);
                }
                return new YamlNode(Kind.MAP, line, null, Collections.unmodifiableMap(map),
                        Collections.unmodifiableMap(lines), null);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(read(p, i, depth + 1));
                }
                return new YamlNode(Kind.LIST, line, null, null, null, List.copyOf(items));
            }
            case VALUE_NULL -> {
                return new YamlNode(Kind.NULL, line, null, null, null, null);
            }
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode(Kind.SCALAR, line, p.getText(), null, null, null);
            }
            default -> throw new YamlException(line, "unexpected YAML content: " + t);
        }
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based line where the node starts (0 when unknown). */
    public int line() {
        return line;
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** The keys of a map, in file order. */
    public List<String> keys() {
        return map == null ? List.of() : List.copyOf(map.keySet());
    }

    public YamlNode get(String key) {
        return map == null ? null : map.get(key);
    }

    /** Line of a key in a map (for "unknown key" errors), else the map's own line. */
    public int keyLine(String key) {
        Integer l = keyLines == null ? null : keyLines.get(key);
        return l == null ? line : l;
    }

    public List<YamlNode> items() {
        return list == null ? List.of() : list;
    }

    public String text() {
        return scalar;
    }
}
