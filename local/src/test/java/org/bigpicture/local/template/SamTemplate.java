package org.bigpicture.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * template.yaml as the tests see it: resources by type, IAM statements per function, and S3 ARNs
 * resolved back to the bucket resources they name (bucket names are {@code !Sub} strings).
 */
final class SamTemplate {

    static final String S3_ARN = "arn:${AWS::Partition}:s3:::";

    /** One IAM statement with its resources rendered as text ({@link #render}). */
    record Statement(String sid, String effect, List<String> actions, List<String> resources, JsonNode raw) {
    }

    /** A resource an S3 ARN points at: a bucket (key pattern null) or objects under a key pattern. */
    record S3Target(String bucket, String keyPattern) {
        boolean isBucket() {
            return keyPattern == null;
        }

        /** The key pattern without its final {@code *}: the prefix it grants. */
        String prefix() {
            return keyPattern.endsWith("*") ? keyPattern.substring(0, keyPattern.length() - 1) : keyPattern;
        }
    }

    private final JsonNode root;
    private final Path path;

    SamTemplate(JsonNode root, Path path) {
        this.root = root;
        this.path = path;
    }

    static SamTemplate load(Path file) throws IOException {
        return new SamTemplate(CfnYaml.read(file), file);
    }

    /** The file it was read from. */
    Path path() {
        return path;
    }

    JsonNode root() {
        return root;
    }

    JsonNode resource(String logicalId) {
        JsonNode r = root.path("Resources").path(logicalId);
        if (r.isMissingNode()) {
            throw new AssertionError("template.yaml has no resource " + logicalId);
        }
        return r;
    }

    JsonNode properties(String logicalId) {
        return resource(logicalId).path("Properties");
    }

    /** Logical ids of every resource of a type, in template order. */
    List<String> ofType(String type) {
        List<String> ids = new ArrayList<>();
        root.path("Resources").properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }

    List<String> functions() {
        return ofType("AWS::Serverless::Function");
    }

    /** The logical id a {@code Ref} or {@code Fn::GetAtt} names, if the node is one. */
    static Optional<String> referenced(JsonNode node) {
        if (node.has("Ref")) {
            return Optional.of(node.get("Ref").asText());
        }
        if (node.has("Fn::GetAtt")) {
            return Optional.of(node.get("Fn::GetAtt").get(0).asText());
        }
        return Optional.empty();
    }

    /** A value as text: literals as they are, {@code Fn::Sub} as its template, refs as {@code <Id>} / {@code <Id.Attr>}. */
    static String render(JsonNode node) {
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        if (node.has("Fn::Sub")) {
            JsonNode sub = node.get("Fn::Sub");
            return sub.isArray() ? sub.get(0).asText() : sub.asText();
        }
        if (node.has("Ref")) {
            return "<" + node.get("Ref").asText() + ">";
        }
        if (node.has("Fn::GetAtt")) {
            return "<" + node.get("Fn::GetAtt").get(0).asText() + "." + node.get("Fn::GetAtt").get(1).asText() + ">";
        }
        return node.toString();
    }

    static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** Whether a node is {@code !Ref AWS::NoValue} (the property or list item is left out). */
    static boolean isNoValue(JsonNode node) {
        return node != null && "AWS::NoValue".equals(node.path("Ref").asText(null));
    }

    /**
     * The values a node can take: both branches of an {@code !If} that are not {@code AWS::NoValue}
     * (so a check sees what each condition would deploy), or the node itself.
     */
    static List<JsonNode> branches(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.has("Fn::If")) {
            for (int i = 1; i <= 2; i++) {
                JsonNode b = node.get("Fn::If").get(i);
                if (!isNoValue(b)) {
                    out.addAll(branches(b));
                }
            }
        } else if (node != null && !node.isMissingNode() && !isNoValue(node)) {
            out.add(node);
        }
        return out;
    }

    /** The condition an {@code !If} node tests, or null for a plain value. */
    static String condition(JsonNode node) {
        return node != null && node.has("Fn::If") ? node.get("Fn::If").get(0).asText() : null;
    }

    /** Every statement of a policy document; a conditional statement counts as if its condition held. */
    static List<Statement> statements(JsonNode policyDocument) {
        List<Statement> out = new ArrayList<>();
        List<JsonNode> expanded = new ArrayList<>();
        for (JsonNode s : list(policyDocument.path("Statement"))) {
            expanded.addAll(branches(s));
        }
        for (JsonNode s : expanded) {
            List<String> actions = list(s.path("Action")).stream().map(JsonNode::asText).toList();
            List<String> resources = list(s.path("Resource")).stream().map(SamTemplate::render).toList();
            out.add(new Statement(s.path("Sid").asText(null), s.path("Effect").asText(), actions, resources, s));
        }
        return out;
    }

    /** The execution role a function names ({@code Role: !GetAtt X.Arn}). */
    String roleOf(String function) {
        return referenced(properties(function).path("Role"))
                .orElseThrow(() -> new AssertionError(function + " has no explicit Role"));
    }

    /** Every statement of every inline policy of a function's role. */
    List<Statement> roleStatements(String function) {
        return inlineStatements(roleOf(function));
    }

    /** Every statement of every inline policy of a role. */
    List<Statement> inlineStatements(String role) {
        List<Statement> out = new ArrayList<>();
        for (JsonNode policy : list(properties(role).path("Policies"))) {
            out.addAll(statements(policy.path("PolicyDocument")));
        }
        return out;
    }

    /** Bucket logical id by the BucketName text ({@code ${Name}-raw-${AWS::AccountId}}). */
    Map<String, String> bucketsByName() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : ofType("AWS::S3::Bucket")) {
            out.put(render(properties(id).path("BucketName")), id);
        }
        return out;
    }

    /** Resolves a rendered S3 ARN to the bucket resource and key pattern it names, if it is one of ours. */
    Optional<S3Target> s3Target(String arn) {
        String rest;
        if (arn.startsWith(S3_ARN)) {
            rest = arn.substring(S3_ARN.length());
        } else if (arn.startsWith("<") && arn.endsWith(".Arn>")) {
            rest = arn.substring(1, arn.length() - 5);           // <RawBucket.Arn>
            return Optional.of(new S3Target(rest, null)).filter(t -> ofType("AWS::S3::Bucket").contains(rest));
        } else if (arn.startsWith("${") && arn.contains(".Arn}")) {
            String id = arn.substring(2, arn.indexOf(".Arn}"));   // ${RawBucket.Arn}/*
            String after = arn.substring(arn.indexOf(".Arn}") + 5);
            return Optional.of(new S3Target(id, after.startsWith("/") ? after.substring(1) : null));
        } else {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String bucket = bucketsByName().get(name);
        if (bucket == null) {
            return Optional.empty();
        }
        return Optional.of(new S3Target(bucket, slash < 0 ? null : rest.substring(slash + 1)));
    }
}
