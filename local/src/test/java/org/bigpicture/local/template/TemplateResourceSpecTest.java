package org.bigpicture.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CloudFormation resources of template.yaml (buckets, policies, queues, topics, alarms, the
 * dashboard, CloudFront), which the SAM schema passes through unchecked, against CloudFormation's
 * resource specification: every property name known to its type, every required one present,
 * both branches of every {@code !If} (the spec from npm {@code @aws-cdk/cfnspec}, installed by
 * {@code npm ci --prefix local/src/test/cfnspec}; skipped without it, except on CI).
 */
class TemplateResourceSpecTest {

    private static JsonNode spec;
    private static JsonNode template;

    @BeforeAll
    static void load() throws IOException {
        template = CfnYaml.read(RepoPaths.template());
        Path file = RepoPaths.root().resolve("local/src/test/cfnspec/node_modules/@aws-cdk/cfnspec/spec/specification.json");
        if (Files.isRegularFile(file)) {
            spec = new ObjectMapper().readTree(file.toFile());
        }
    }

    private static void requireSpec() {
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci) {
            assertThat(spec).as("CI installs the resource specification (.ci/run)").isNotNull();
        }
        assumeTrue(spec != null, "resource specification not installed: npm ci --prefix local/src/test/cfnspec");
    }

    @Test
    void everyCloudFormationResourceUsesOnlyPropertiesItsTypeHas() {
        requireSpec();

        List<String> errors = check(template);

        assertThat(errors).isEmpty();
    }

    @Test
    void theCheckCatchesAMisspeltNestedPropertyAndAMissingRequiredOne() {
        requireSpec();
        ObjectNode broken = template.deepCopy();
        ObjectNode lifecycle = (ObjectNode) broken.path("Resources").path("RawBucket").path("Properties")
                .path("LifecycleConfiguration").path("Rules").get(0).path("NoncurrentVersionExpiration");
        lifecycle.set("NoncurentDays", lifecycle.remove("NoncurrentDays"));
        ((ObjectNode) broken.path("Resources").path("QuarantineSpikeAlarm").path("Properties")).remove("EvaluationPeriods");

        List<String> errors = check(broken);

        assertThat(errors).contains(
                "RawBucket.LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration.NoncurentDays: unknown property",
                "RawBucket.LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration.NoncurrentDays: required, missing",
                "QuarantineSpikeAlarm.EvaluationPeriods: required, missing");
    }

    private static List<String> check(JsonNode doc) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> r : doc.path("Resources").properties()) {
            String type = r.getValue().path("Type").asText();
            if (type.startsWith("AWS::Serverless::")) {
                continue; // TemplateSchemaTest checks these strictly
            }
            JsonNode resourceSpec = spec.path("ResourceTypes").path(type);
            if (resourceSpec.isMissingNode()) {
                errors.add(r.getKey() + ": unknown type " + type);
                continue;
            }
            object(type, resourceSpec, r.getValue().path("Properties"), r.getKey(), errors);
        }
        return errors;
    }

    /** An object of a spec type: each property known, each required one there. */
    private static void object(String resourceType, JsonNode typeSpec, JsonNode value, String path, List<String> errors) {
        if (value.isMissingNode() || SamTemplate.isNoValue(value)) {
            return;
        }
        if (isIntrinsic(value)) {
            for (JsonNode branch : SamTemplate.branches(value)) {
                object(resourceType, typeSpec, branch, path, errors);
            }
            return;
        }
        JsonNode properties = typeSpec.path("Properties");
        if (properties.isMissingNode()) {
            return; // a type the spec leaves open (a JSON policy document, say)
        }
        for (Map.Entry<String, JsonNode> p : value.properties()) {
            JsonNode propertySpec = properties.path(p.getKey());
            if (propertySpec.isMissingNode()) {
                errors.add(path + "." + p.getKey() + ": unknown property");
            } else {
                property(resourceType, propertySpec, p.getValue(), path + "." + p.getKey(), errors);
            }
        }
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            if (p.getValue().path("Required").asBoolean() && !value.has(p.getKey())) {
                errors.add(path + "." + p.getKey() + ": required, missing");
            }
        }
    }

    private static void property(String resourceType, JsonNode propertySpec, JsonNode value, String path,
                                 List<String> errors) {
        if (isIntrinsic(value)) {
            if (value.has("Fn::If")) {
                for (JsonNode branch : SamTemplate.branches(value)) {
                    property(resourceType, propertySpec, branch, path, errors);
                }
            }
            return;
        }
        if (propertySpec.has("PrimitiveType")) {
            return;
        }
        String kind = propertySpec.path("Type").asText();
        if (kind.equals("List") || kind.equals("Map")) {
            if (propertySpec.has("PrimitiveItemType")) {
                return;
            }
            JsonNode itemSpec = spec.path("PropertyTypes").path(resourceType + "." + propertySpec.path("ItemType").asText());
            int i = 0;
            for (JsonNode item : value) {
                object(resourceType, itemSpec, item, path + "[" + i++ + "]", errors);
            }
            return;
        }
        JsonNode typeSpec = spec.path("PropertyTypes").path(resourceType + "." + kind);
        if (typeSpec.isMissingNode()) {
            errors.add(path + ": the spec has no type " + resourceType + "." + kind);
            return;
        }
        object(resourceType, typeSpec, value, path, errors);
    }

    private static boolean isIntrinsic(JsonNode value) {
        if (!value.isObject() || value.size() != 1) {
            return false;
        }
        String key = value.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition");
    }
}
