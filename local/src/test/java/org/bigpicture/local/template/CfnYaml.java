package org.bigpicture.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.bigpicture.local.CloudFormationYaml;

/**
 * template.yaml as a JSON tree for the template tests, read by the local stack's own loader
 * ({@link CloudFormationYaml}: short-form tags in their long JSON forms, as CloudFormation reads
 * them), so the tests and the dispatcher read the template one way.
 */
final class CfnYaml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CfnYaml() {
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.valueToTree(CloudFormationYaml.load(file));
    }

    static JsonNode read(String yaml) {
        return JSON.valueToTree(CloudFormationYaml.parse(yaml));
    }
}
