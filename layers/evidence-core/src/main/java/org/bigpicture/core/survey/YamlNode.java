package org.bigpicture.core.survey;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.ingest.BadInputException;

/**
 * A parsed YAML value that remembers the line it starts on, so configuration errors can name the
 * line. Scalars are kept as text (numbers too); mappings keep their key order.
 *
 * @param line  1-based line where the value starts
 * @param value a String (scalar), a {@code Map<String, YamlNode>}, a {@code List<YamlNode>}, or null
 */
record YamlNode(int line, Object value) {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** Parses one YAML document; syntax errors become {@link BadInputException} with the line. */
    static YamlNode parse(String key, String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YamlNode(1, null);
            }
            return read(p);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(key, Math.max(line, 0), "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(key, 0, "not readable as YAML: " + e.getMessage());
        }
    }

    private static YamlNode read(JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlNode> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                map.put(name, read(p));
            }
            return new YamlNode(line, map);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(read(p));
            }
            return new YamlNode(line, list);
        }
        if (t == JsonToken.VALUE_NULL) {
            return new YamlNode(line, null);
        }
        return new YamlNode(line, p.getText());
    }

    boolean isMap() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    boolean isScalar() {
        return value instanceof String;
    }

    @SuppressWarnings("unchecked")
    Map<String, YamlNode> map() {
        return (Map<String, YamlNode>) value;
    }

    @SuppressWarnings("unchecked")
    List<YamlNode> list() {
        return (List<YamlNode>) value;
    }

    String text() {
        return (String) value;
    }
}
