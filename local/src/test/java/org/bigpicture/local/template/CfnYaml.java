package org.bigpicture.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation/SAM YAML template into JSON, turning the short intrinsic tags into their
 * JSON forms as CloudFormation does: {@code !Ref X} → {@code {"Ref": "X"}}, {@code !GetAtt A.B} →
 * {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Condition C} → {@code {"Condition": "C"}}, and every
 * other {@code !Name} → {@code {"Fn::Name": …}}.
 */
final class CfnYaml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CfnYaml() {
    }

    static JsonNode read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return JSON.valueToTree(new Yaml(new IntrinsicConstructor()).load(in));
        }
    }

    static JsonNode read(String yaml) {
        return JSON.valueToTree(new Yaml(new IntrinsicConstructor()).load(yaml));
    }

    /** SafeConstructor (no arbitrary types) plus every tag that starts with {@code !}. */
    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    Object value = contents(node);
                    if (name.equals("GetAtt") && value instanceof String s) {
                        int dot = s.indexOf('.');
                        value = List.of(s.substring(0, dot), s.substring(dot + 1));
                    }
                    String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put(key, value);
                    return out;
                }
            });
        }

        private Object contents(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            if (node instanceof SequenceNode seq) {
                List<Object> out = new ArrayList<>();
                for (Node child : seq.getValue()) {
                    out.add(constructObject(child));
                }
                return out;
            }
            return constructMapping((MappingNode) node);
        }
    }
}
