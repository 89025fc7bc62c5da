package org.bigpicture.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.local.template.SamTemplate.S3Target;
import org.bigpicture.local.template.SamTemplate.Statement;
import org.bigpicture.core.lake.LakeKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Least privilege and operations, read from template.yaml itself (issue 7): what each function may
 * read and write, how the buckets are locked down, and that every failure path is kept and seen.
 */
class TemplateLeastPrivilegeTest {

    private static final Set<String> WRITE_ACTIONS = Set.of("s3:PutObject", "s3:DeleteObject",
            "s3:DeleteObjectVersion", "s3:PutObjectAcl", "s3:RestoreObject", "s3:AbortMultipartUpload");
    private static final Set<String> READ_ACTIONS = Set.of("s3:GetObject", "s3:GetObjectVersion");

    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load(RepoPaths.template());
    }

    @Test
    void everyFunctionHasItsOwnRole() {
        assertThat(template.functions()).containsExactlyInAnyOrder("IngestFunction", "HeadlinesFunction",
                "PublishFunction");
        Set<String> roles = new TreeSet<>();
        for (String f : template.functions()) {
            roles.add(template.roleOf(f));
            assertThat(template.properties(f).has("Policies")).as(f + " uses its explicit role only").isFalse();
        }
        assertThat(roles).hasSize(3);
    }

    @Test
    void noAllowStatementUsesAWildcardAction() {
        for (Statement s : allowStatements()) {
            assertThat(s.actions()).as(s.sid()).allSatisfy(a -> assertThat(a).doesNotContain("*"));
        }
    }

    @Test
    void wildcardResourcesAreOnlyOurBucketsObjects() {
        for (Statement s : allowStatements()) {
            for (String resource : s.resources()) {
                assertThat(resource).as(s.sid()).isNotEqualTo("*");
                if (resource.contains("*")) {
                    S3Target target = template.s3Target(resource)
                            .orElseThrow(() -> new AssertionError(s.sid() + ": wildcard outside our buckets: " + resource));
                    assertThat(target.isBucket()).as(resource).isFalse();
                    assertThat(target.keyPattern()).as(resource).endsWith("*");
                    assertThat(target.prefix()).as(resource).doesNotContain("*");
                }
            }
        }
    }

    @Test
    void eachFunctionWritesOnlyWhereItMust() {
        // Every lake prefix ingest writes (the core's LakeKeys), and nothing else: a prefix added
        // in the core without its grant would fail only in AWS, where the local stack cannot see IAM.
        assertThat(writes("IngestFunction")).containsExactlyInAnyOrder(
                "LakeBucket/" + LakeKeys.DATASETS, "LakeBucket/" + LakeKeys.REPORTS, "LakeBucket/" + LakeKeys.QUARANTINE,
                "LakeBucket/" + LakeKeys.HELD, "LakeBucket/" + LakeKeys.CONFIG, "LakeBucket/" + LakeKeys.RESTRICTED);
        assertThat(writes("HeadlinesFunction")).containsExactly("LakeBucket/headlines/");
        assertThat(writes("PublishFunction")).containsExactly("PublishedBucket/bundles/");
    }

    @Test
    void eachFunctionReadsOnlyWhereItMust() {
        assertThat(reads("IngestFunction")).containsExactlyInAnyOrder("RawBucket/", "LakeBucket/");
        // Never restricted/ (respondent-level files): see TemplateHardeningTest.
        assertThat(reads("HeadlinesFunction")).containsExactlyInAnyOrder("LakeBucket/datasets/", "LakeBucket/config/",
                "LakeBucket/headlines/");
        assertThat(reads("PublishFunction")).containsExactlyInAnyOrder("LakeBucket/datasets/", "LakeBucket/headlines/",
                "LakeBucket/config/", "PublishedBucket/bundles/");
    }

    @Test
    void noFunctionWritesToTheRawBucket() {
        for (String f : template.functions()) {
            assertThat(writes(f)).as(f).noneMatch(w -> w.startsWith("RawBucket/"));
        }
    }

    @Test
    void nonS3PermissionsAreScopedToOneResource() {
        // kms: only when a customer-managed key is given, and only on that key (TemplateHardeningTest).
        Map<String, Set<String>> expected = Map.of(
                "IngestFunction", Set.of("logs:CreateLogStream", "logs:PutLogEvents", "sns:Publish",
                        "ssm:GetParameter", "sqs:SendMessage", "kms:Decrypt", "kms:GenerateDataKey"),
                "HeadlinesFunction", Set.of("logs:CreateLogStream", "logs:PutLogEvents", "sqs:SendMessage",
                        "kms:Decrypt", "kms:GenerateDataKey"),
                "PublishFunction", Set.of("logs:CreateLogStream", "logs:PutLogEvents", "sqs:SendMessage",
                        "cloudfront:CreateInvalidation", "kms:Decrypt", "kms:GenerateDataKey"));
        for (String f : template.functions()) {
            Set<String> actions = new TreeSet<>();
            for (Statement s : template.roleStatements(f)) {
                for (String a : s.actions()) {
                    if (!a.startsWith("s3:")) {
                        actions.add(a);
                        assertThat(s.resources()).as(f + " " + a).hasSize(1);
                    }
                }
            }
            assertThat(actions).as(f).isEqualTo(new TreeSet<>(expected.get(f)));
        }
    }

    @Test
    void onlyIngestReadsThePseudonymKeyAndOnlyThatParameter() {
        Statement ssm = single("IngestFunction", "ssm:GetParameter");
        assertThat(ssm.resources()).containsExactly(
                "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${PseudonymKeyParameter}");
        assertThat(template.root().path("Parameters").path("PseudonymKeyParameter").path("AllowedPattern").asText())
                .as("a leading slash keeps the ARN above valid").startsWith("^/");
        assertThat(env("IngestFunction").path("PSEUDONYM_KEY_PARAMETER").path("Ref").asText())
                .isEqualTo("PseudonymKeyParameter");
        for (String f : List.of("HeadlinesFunction", "PublishFunction")) {
            assertThat(env(f).has("PSEUDONYM_KEY_PARAMETER")).as(f).isFalse();
        }
    }

    @Test
    void ingestPublishesUploadResultsToTheTopicItNames() {
        Statement sns = single("IngestFunction", "sns:Publish");
        assertThat(sns.resources()).containsExactly("<UploadResultsTopic>");
        assertThat(env("IngestFunction").path("UPLOAD_TOPIC_ARN").path("Ref").asText()).isEqualTo("UploadResultsTopic");
        assertThat(template.resource("UploadResultsTopic").path("Type").asText()).isEqualTo("AWS::SNS::Topic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RawBucket", "LakeBucket", "PublishedBucket", "AccessLogBucket"})
    void bucketsBlockPublicAccessEncryptAndRefusePlainHttp(String bucket) {
        JsonNode p = template.properties(bucket);
        JsonNode block = p.path("PublicAccessBlockConfiguration");
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertThat(block.path(flag).asBoolean()).as(bucket + " " + flag).isTrue();
        }
        JsonNode algorithm = p.path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0)
                .path("ServerSideEncryptionByDefault").path("SSEAlgorithm");
        assertThat(SamTemplate.branches(algorithm)).isNotEmpty()
                .allSatisfy(a -> assertThat(a.asText()).isIn("AES256", "aws:kms"));
        // ACLs off, except where CloudFront's log delivery needs an ACL grant (the log bucket).
        assertThat(p.path("OwnershipControls").path("Rules").get(0).path("ObjectOwnership").asText())
                .isEqualTo(bucket.equals("AccessLogBucket") ? "BucketOwnerPreferred" : "BucketOwnerEnforced");

        List<Statement> policy = bucketPolicy(bucket);
        Statement tls = policy.stream().filter(s -> s.effect().equals("Deny")
                        && s.raw().path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false"))
                .findFirst().orElseThrow(() -> new AssertionError(bucket + " has no TLS-only statement"));
        assertThat(tls.actions()).containsExactly("s3:*");
        assertThat(tls.raw().path("Principal").asText()).isEqualTo("*");
        assertThat(tls.resources().stream().map(r -> template.s3Target(r).orElseThrow()))
                .containsExactlyInAnyOrder(new S3Target(bucket, null), new S3Target(bucket, "*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RawBucket", "LakeBucket"})
    void rawAndLakeKeepVersionsAndGrantNobody(String bucket) {
        assertThat(template.properties(bucket).path("VersioningConfiguration").path("Status").asText())
                .isEqualTo("Enabled");
        assertThat(bucketPolicy(bucket)).noneMatch(s -> s.effect().equals("Allow"));
        assertThat(template.resource(bucket).path("DeletionPolicy").asText()).isEqualTo("Retain");
    }

    @Test
    void publishedBundlesAreReadableOnlyThroughCloudFront() {
        List<Statement> allows = bucketPolicy("PublishedBucket").stream()
                .filter(s -> s.effect().equals("Allow")).toList();
        assertThat(allows).hasSize(1);
        Statement read = allows.get(0);
        assertThat(read.raw().path("Principal").path("Service").asText()).isEqualTo("cloudfront.amazonaws.com");
        assertThat(read.actions()).containsExactly("s3:GetObject");
        assertThat(read.resources().stream().map(r -> template.s3Target(r).orElseThrow()))
                .containsExactly(new S3Target("PublishedBucket", "bundles/*"));
        String sourceArn = SamTemplate.render(read.raw().path("Condition").path("StringEquals").path("AWS:SourceArn"));
        assertThat(sourceArn).isEqualTo(
                "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${PublishedDistribution}");

        JsonNode config = template.properties("PublishedDistribution").path("DistributionConfig");
        JsonNode origin = config.path("Origins").get(0);
        assertThat(SamTemplate.render(origin.path("DomainName"))).isEqualTo("<PublishedBucket.RegionalDomainName>");
        assertThat(SamTemplate.referenced(origin.path("OriginAccessControlId"))).contains("PublishedOriginAccessControl");
        assertThat(template.properties("PublishedOriginAccessControl").path("OriginAccessControlConfig")
                .path("SigningBehavior").asText()).isEqualTo("always");
    }

    @Test
    void cloudFrontServesBundlesWithCorsForGetAndHead() {
        JsonNode config = template.properties("PublishedDistribution").path("DistributionConfig");
        JsonNode bundles = null;
        for (JsonNode b : config.path("CacheBehaviors")) {
            if (b.path("PathPattern").asText().equals("bundles/*")) {
                bundles = b;
            }
        }
        assertThat(bundles).as("a cache behaviour for bundles/*").isNotNull();
        assertThat(bundles.path("ViewerProtocolPolicy").asText()).isEqualTo("redirect-to-https");
        String policyId = SamTemplate.referenced(bundles.path("ResponseHeadersPolicyId")).orElseThrow();
        JsonNode cors = template.properties(policyId).path("ResponseHeadersPolicyConfig").path("CorsConfig");
        List<String> methods = new ArrayList<>();
        cors.path("AccessControlAllowMethods").path("Items").forEach(m -> methods.add(m.asText()));
        assertThat(methods).contains("GET", "HEAD").doesNotContain("PUT", "POST", "DELETE", "PATCH", "ALL");
        assertThat(cors.path("AccessControlAllowCredentials").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HeadlinesFunction", "PublishFunction"})
    void headlinesAndPublishRunOneAtATime(String function) {
        assertThat(template.properties(function).path("ReservedConcurrentExecutions").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"IngestFunction", "HeadlinesFunction", "PublishFunction"})
    void failedEventsGoToAQueueThatRaisesAnAlarm(String function) {
        JsonNode onFailure = template.properties(function).path("EventInvokeConfig").path("DestinationConfig")
                .path("OnFailure");
        assertThat(onFailure.path("Type").asText()).isEqualTo("SQS");
        String queue = SamTemplate.referenced(onFailure.path("Destination")).orElseThrow();
        assertThat(template.resource(queue).path("Type").asText()).isEqualTo("AWS::SQS::Queue");
        // An explicit role gets no permissions from SAM: it must be able to send to its destination.
        assertThat(single(function, "sqs:SendMessage").resources()).containsExactly("<" + queue + ".Arn>");

        List<String> alarms = template.ofType("AWS::CloudWatch::Alarm").stream().filter(a -> {
            JsonNode p = template.properties(a);
            return p.path("Namespace").asText().equals("AWS/SQS")
                    && p.path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible")
                    && SamTemplate.referenced(p.path("Dimensions").get(0).path("Value")).orElse("").equals(queue)
                    && p.path("Threshold").asDouble() == 0
                    && p.path("ComparisonOperator").asText().equals("GreaterThanThreshold")
                    && p.path("AlarmActions").size() > 0;
        }).toList();
        assertThat(alarms).as("an alarm on " + queue).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"IngestFunction", "HeadlinesFunction", "PublishFunction"})
    void logsGoToItsOwnLogGroupWithRetention(String function) {
        String group = SamTemplate.referenced(template.properties(function).path("LoggingConfig").path("LogGroup"))
                .orElseThrow(() -> new AssertionError(function + " has no LoggingConfig.LogGroup"));
        JsonNode p = template.properties(group);
        assertThat(template.resource(group).path("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
        assertThat(p.has("RetentionInDays")).isTrue();
        for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
            assertThat(single(function, action).resources()).containsExactly("<" + group + ".Arn>");
        }
    }

    @Test
    void functionsRunJava21OnArm64WithTheCoreLayer() {
        JsonNode layer = template.properties("EvidenceCoreLayer");
        assertThat(SamTemplate.list(layer.path("CompatibleRuntimes")).stream().map(JsonNode::asText)).contains("java21");
        assertThat(SamTemplate.list(layer.path("CompatibleArchitectures")).stream().map(JsonNode::asText))
                .containsExactly("arm64");
        for (String f : template.functions()) {
            JsonNode p = template.properties(f);
            assertThat(p.path("Runtime").asText()).as(f).isEqualTo("java21");
            assertThat(SamTemplate.list(p.path("Architectures")).stream().map(JsonNode::asText)).as(f)
                    .containsExactly("arm64");
            assertThat(SamTemplate.list(p.path("Layers")).stream().map(SamTemplate::render)).as(f)
                    .containsExactly("<EvidenceCoreLayer>");
        }
    }

    @Test
    void functionsNameTheSameBucketsTheTemplateCreates() {
        Map<String, String> names = template.bucketsByName();
        for (String f : template.functions()) {
            JsonNode env = env(f);
            assertThat(names.get(SamTemplate.render(env.path("RAW_BUCKET")))).as(f).isEqualTo("RawBucket");
            assertThat(names.get(SamTemplate.render(env.path("LAKE_BUCKET")))).as(f).isEqualTo("LakeBucket");
            assertThat(names.get(SamTemplate.render(env.path("PUBLISHED_BUCKET")))).as(f).isEqualTo("PublishedBucket");
        }
        for (String name : names.keySet()) {
            assertThat(name).as("bucket names come from the Name parameter, not the stack name")
                    .startsWith("${Name}-").doesNotContain("AWS::StackName");
        }
    }

    @Test
    void ingestDoesNotStopTheJitAtC1() {
        String options = env("IngestFunction").path("JAVA_TOOL_OPTIONS").asText();
        assertThat(options).isNotBlank().doesNotContain("TieredStopAtLevel=1");
    }

    @Test
    void publishRunsMonthlyOnUkTime() {
        JsonNode monthly = null;
        for (JsonNode e : template.properties("PublishFunction").path("Events")) {
            if (e.path("Type").asText().equals("ScheduleV2")) {
                monthly = e.path("Properties");
            }
        }
        assertThat(monthly).isNotNull();
        assertThat(monthly.path("ScheduleExpression").asText()).isEqualTo("cron(0 6 1 * ? *)");
        assertThat(monthly.path("ScheduleExpressionTimezone").asText()).isEqualTo("Europe/London");
    }

    @Test
    void partnersBaseUrlIsAnOutputAndWhatPublishBuildsUrlsFrom() {
        JsonNode outputs = template.root().path("Outputs");
        String baseUrl = SamTemplate.render(outputs.path("BaseUrl").path("Value"));
        assertThat(baseUrl).isEqualTo("https://${PublishedDistribution.DomainName}");
        assertThat(SamTemplate.render(env("PublishFunction").path("BASE_URL"))).isEqualTo(baseUrl);
    }

    @Test
    void noTwoNotificationRulesOnABucketOverlap() {
        List<S3NotificationRules.Rule> rules = S3NotificationRules.of(template);

        assertThat(rules).isNotEmpty();
        assertThat(S3NotificationRules.overlaps(rules)).isEmpty();
    }

    @Test
    void triggersAreTheOnesTheDesignNames() {
        List<String> rules = S3NotificationRules.of(template).stream()
                .map(r -> r.function() + " " + r.bucket() + " " + r.event() + " " + r.prefix() + "|" + r.suffix())
                .toList();
        assertThat(rules).containsExactlyInAnyOrder(
                "IngestFunction RawBucket s3:ObjectCreated:* |",
                "IngestFunction RawBucket s3:ObjectRemoved:* |",
                "HeadlinesFunction LakeBucket s3:ObjectCreated:* datasets/|provenance.json",
                "HeadlinesFunction LakeBucket s3:ObjectRemoved:* datasets/|provenance.json",
                "HeadlinesFunction LakeBucket s3:ObjectCreated:* config/|",
                "HeadlinesFunction LakeBucket s3:ObjectRemoved:* config/|");
    }

    @Test
    void noFunctionWritesWhereItIsTriggeredAndNoChainLoops() {
        List<S3NotificationRules.Rule> rules = S3NotificationRules.of(template);
        // Who can trigger whom, through what it may write.
        Map<String, Set<String>> triggers = new java.util.TreeMap<>();
        for (String f : template.functions()) {
            Set<String> next = new TreeSet<>();
            for (String w : writes(f)) {
                String bucket = w.substring(0, w.indexOf('/'));
                String prefix = w.substring(w.indexOf('/') + 1);
                for (S3NotificationRules.Rule r : rules) {
                    if (r.bucket().equals(bucket) && (r.prefix().startsWith(prefix) || prefix.startsWith(r.prefix()))) {
                        next.add(r.function());
                    }
                }
            }
            assertThat(next).as(f + " may trigger itself").doesNotContain(f);
            triggers.put(f, next);
        }
        assertThat(triggers).containsEntry("IngestFunction", Set.of("HeadlinesFunction"))
                .containsEntry("HeadlinesFunction", Set.of())
                .containsEntry("PublishFunction", Set.of());
    }

    // ───────── helpers ─────────

    /** Every Allow of every role (functions' and the schedule's), managed policy and bucket policy. */
    private static List<Statement> allowStatements() {
        List<Statement> out = new ArrayList<>();
        for (String role : template.ofType("AWS::IAM::Role")) {
            template.inlineStatements(role).stream().filter(s -> s.effect().equals("Allow")).forEach(out::add);
        }
        for (String p : template.ofType("AWS::IAM::ManagedPolicy")) {
            SamTemplate.statements(template.properties(p).path("PolicyDocument")).stream()
                    .filter(s -> s.effect().equals("Allow")).forEach(out::add);
        }
        for (String p : template.ofType("AWS::S3::BucketPolicy")) {
            SamTemplate.statements(template.properties(p).path("PolicyDocument")).stream()
                    .filter(s -> s.effect().equals("Allow")).forEach(out::add);
        }
        return out;
    }

    private static List<Statement> bucketPolicy(String bucket) {
        for (String p : template.ofType("AWS::S3::BucketPolicy")) {
            if (SamTemplate.referenced(template.properties(p).path("Bucket")).orElse("").equals(bucket)) {
                return SamTemplate.statements(template.properties(p).path("PolicyDocument"));
            }
        }
        throw new AssertionError(bucket + " has no bucket policy");
    }

    /** "Bucket/prefix" for every object ARN the function may write (put or delete). */
    private static Set<String> writes(String function) {
        return s3Grants(function, WRITE_ACTIONS);
    }

    private static Set<String> reads(String function) {
        return s3Grants(function, READ_ACTIONS);
    }

    private static Set<String> s3Grants(String function, Set<String> actions) {
        Set<String> out = new LinkedHashSet<>();
        for (Statement s : template.roleStatements(function)) {
            if (s.effect().equals("Allow") && s.actions().stream().anyMatch(actions::contains)) {
                for (String r : s.resources()) {
                    S3Target t = template.s3Target(r)
                            .orElseThrow(() -> new AssertionError(function + ": S3 grant on an unknown resource " + r));
                    assertThat(t.isBucket()).as(function + " object actions on a bucket ARN " + r).isFalse();
                    out.add(t.bucket() + "/" + t.prefix());
                }
            }
        }
        return out;
    }

    private static Statement single(String function, String action) {
        List<Statement> found = template.roleStatements(function).stream()
                .filter(s -> s.effect().equals("Allow") && s.actions().contains(action)).toList();
        assertThat(found).as(function + " " + action).hasSize(1);
        return found.get(0);
    }

    private static JsonNode env(String function) {
        return template.properties(function).path("Environment").path("Variables");
    }
}
