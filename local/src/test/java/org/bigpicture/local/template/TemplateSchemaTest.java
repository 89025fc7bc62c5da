package org.bigpicture.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline stand-in for {@code sam validate}: template.yaml (intrinsic tags turned into their
 * JSON forms) against the SAM JSON Schema vendored in {@code src/test/resources/vendor/sam/} (draft-04), which
 * checks every {@code AWS::Serverless::*} resource strictly. Skipped where the shared folder is absent.
 */
class TemplateSchemaTest {

    private static JsonSchema schema;
    private static JsonNode template;

    @BeforeAll
    static void load() throws IOException {
        template = CfnYaml.read(RepoPaths.template());
        // Vendored in the repository (test resources, with its provenance): no check depends on ../shared.
        try (java.io.InputStream in = TemplateSchemaTest.class.getResourceAsStream("/vendor/sam/sam.schema.json")) {
            JsonNode schemaNode = new ObjectMapper().readTree(in);
            // The SAM schema's own annotations are not validation keywords: declare them, quietly.
            JsonMetaSchema draft4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .keyword(new NonValidationKeyword("__samPassThrough"))
                    .keyword(new NonValidationKeyword("markdownDescription"))
                    .build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b.metaSchema(draft4))
                    .getSchema(schemaNode);
        }
    }

    @Test
    void templateIsValidAgainstTheSamSchema() {
        
        Set<ValidationMessage> errors = schema.validate(template);

        assertThat(describe(errors)).isEmpty();
    }

    @Test
    void schemaCatchesAMisspeltFunctionProperty() {
                ObjectNode broken = template.deepCopy();
        ObjectNode ingest = (ObjectNode) broken.path("Resources").path("IngestFunction").path("Properties");
        ingest.set("ReservedConcurrentExecution", ingest.numberNode(1)); // missing the final "s"

        Set<ValidationMessage> errors = schema.validate(broken);

        assertThat(describe(errors)).contains("ReservedConcurrentExecution");
    }

    @Test
    void intrinsicTagsBecomeTheirJsonForms() {
        JsonNode node = CfnYaml.read("""
                a: !Ref Name
                b: !GetAtt Queue.Arn
                c: !Sub ${Name}-raw
                d: !If [HasEmail, !Ref Email, !Ref AWS::NoValue]
                e: !Not [!Equals [!Ref Email, '']]
                """);

        assertThat(node.toString()).isEqualTo("{\"a\":{\"Ref\":\"Name\"},\"b\":{\"Fn::GetAtt\":[\"Queue\",\"Arn\"]},"
                + "\"c\":{\"Fn::Sub\":\"${Name}-raw\"},"
                + "\"d\":{\"Fn::If\":[\"HasEmail\",{\"Ref\":\"Email\"},{\"Ref\":\"AWS::NoValue\"}]},"
                + "\"e\":{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"Email\"},\"\"]}]}}");
    }

    private static String describe(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n"));
    }
}
