package org.bigpicture.core.publish;

import org.bigpicture.core.util.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON as the bundle writes it: two-space indent, LF line ends whatever the platform, keys in the
 * order they were put, a final newline. The same tree always gives the same bytes.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMappers.PLAIN;
    private static final ObjectWriter PRETTY = MAPPER.writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return (PRETTY.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    /** Text of a field, or null when absent, null or not a scalar. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    /** The first of several field names that holds a scalar. */
    static String text(JsonNode node, String... fields) {
        for (String f : fields) {
            String s = text(node, f);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** A number field, or null when absent or not a number (numeric strings are accepted). */
    static Double number(JsonNode node, String... fields) {
        if (node == null) {
            return null;
        }
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual()) {
                try {
                    return Double.parseDouble(v.asText().trim());
                } catch (NumberFormatException e) {
                    // not a number: try the next name
                }
            }
        }
        return null;
    }

    /** Text safe inside an HTML {@code <script>} element: {@code < > &} as JSON unicode escapes. */
    static String forScript(JsonNode node) {
        try {
            String s = PRETTY.writeValueAsString(node);
            // These characters occur only inside JSON strings, where the escapes mean the same.
            return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
