package org.bigpicture.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bigpicture.local.template.SamTemplate.S3Target;
import org.bigpicture.local.template.SamTemplate.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Running it like production (issue 16, item 7) and agreeing with privacy (issue 11, item 5), read
 * from template.yaml: access logs, encryption, bounded ingest, the schedule's dead letters, Object Lock
 * with a withdrawal that can still remove an edition, the officers' upload policy, the optional
 * customer-managed key, respondent-level files out of headlines' and publish's reach, and old raw
 * versions expiring.
 */
class TemplateHardeningTest {

    private static final Set<String> READS = Set.of("s3:GetObject", "s3:GetObjectVersion");
    private static final String LAKE = SamTemplate.S3_ARN + "${Name}-lake-${AWS::AccountId}/";

    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load(RepoPaths.template());
    }

    // ───────── access logging ─────────

    @ParameterizedTest
    @ValueSource(strings = {"RawBucket", "LakeBucket", "PublishedBucket"})
    void serverAccessLogsOfEachBucketGoToTheLogBucketUnderTheirOwnPrefix(String bucket) {
        JsonNode logging = template.properties(bucket).path("LoggingConfiguration");
        assertThat(SamTemplate.referenced(logging.path("DestinationBucketName"))).contains("AccessLogBucket");
        String prefix = logging.path("LogFilePrefix").asText();
        assertThat(prefix).isEqualTo("s3/" + bucket.replace("Bucket", "").toLowerCase() + "/");
        // Delivery is allowed before the bucket starts to log.
        assertThat(SamTemplate.list(template.resource(bucket).path("DependsOn")).stream().map(JsonNode::asText))
                .contains("AccessLogBucketPolicy");
    }

    @Test
    void onlyS3LogDeliveryForOurThreeBucketsMayWriteTheLogBucket() {
        List<Statement> policy = bucketPolicy("AccessLogBucket");
        List<Statement> allows = policy.stream().filter(s -> s.effect().equals("Allow")).toList();
        assertThat(allows).hasSize(1);
        Statement delivery = allows.get(0);
        assertThat(delivery.raw().path("Principal").path("Service").asText()).isEqualTo("logging.s3.amazonaws.com");
        assertThat(delivery.actions()).containsExactly("s3:PutObject");
        assertThat(delivery.resources()).containsExactly("${AccessLogBucket.Arn}/s3/*");
        JsonNode condition = delivery.raw().path("Condition");
        assertThat(SamTemplate.render(condition.path("StringEquals").path("aws:SourceAccount")))
                .isEqualTo("<AWS::AccountId>");
        Set<String> sources = new TreeSet<>();
        for (JsonNode arn : SamTemplate.list(condition.path("ArnLike").path("aws:SourceArn"))) {
            sources.add(template.s3Target(SamTemplate.render(arn)).orElseThrow().bucket());
        }
        assertThat(sources).containsExactlyInAnyOrder("RawBucket", "LakeBucket", "PublishedBucket");

        JsonNode logs = template.properties("AccessLogBucket");
        assertThat(logs.has("LoggingConfiguration")).as("the log bucket does not log itself").isFalse();
        JsonNode expire = logs.path("LifecycleConfiguration").path("Rules").get(0);
        assertThat(SamTemplate.referenced(expire.path("ExpirationInDays"))).contains("AccessLogRetentionDays");
        assertThat(template.root().path("Parameters").path("AccessLogRetentionDays").path("Default").asInt())
                .isEqualTo(90);
    }

    @Test
    void cloudFrontWritesItsAccessLogsToTheLogBucketWithoutCookies() {
        JsonNode logging = template.properties("PublishedDistribution").path("DistributionConfig").path("Logging");
        assertThat(SamTemplate.render(logging.path("Bucket"))).isEqualTo("<AccessLogBucket.DomainName>");
        assertThat(logging.path("Prefix").asText()).isEqualTo("cloudfront/");
        assertThat(logging.path("IncludeCookies").asBoolean()).isFalse();
    }

    // ───────── encryption, concurrency, the schedule ─────────

    @Test
    void theUploadResultsTopicIsEncrypted() {
        JsonNode key = template.properties("UploadResultsTopic").path("KmsMasterKeyId");
        assertThat(SamTemplate.condition(key)).isEqualTo("HasKmsKey");
        assertThat(SamTemplate.branches(key).stream().map(SamTemplate::render))
                .containsExactly("<KmsKeyArn>", "alias/aws/sns");
    }

    @Test
    void ingestConcurrencyIsBoundedByAParameter() {
        JsonNode reserved = template.properties("IngestFunction").path("ReservedConcurrentExecutions");
        assertThat(SamTemplate.referenced(reserved)).contains("IngestConcurrency");
        JsonNode parameter = template.root().path("Parameters").path("IngestConcurrency");
        assertThat(parameter.path("Default").asInt()).isEqualTo(10);
        assertThat(parameter.path("MinValue").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theScheduleRetriesThenKeepsItsDeadLettersInAQueueThatRaisesAnAlarm() {
        JsonNode schedule = schedule();
        assertThat(schedule.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isPositive();
        assertThat(schedule.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt()).isPositive();
        String queue = SamTemplate.referenced(schedule.path("DeadLetterConfig").path("Arn")).orElseThrow();
        assertThat(queue).isEqualTo("ScheduleDeadLetterQueue");
        assertThat(template.resource(queue).path("Type").asText()).isEqualTo("AWS::SQS::Queue");
        assertThat(alarmsOnQueue(queue)).isNotEmpty();

        // Its own role: invoke publish (function and live alias), send dead letters, nothing else.
        String role = SamTemplate.referenced(schedule.path("RoleArn")).orElseThrow();
        JsonNode trust = template.properties(role).path("AssumeRolePolicyDocument").path("Statement").get(0);
        assertThat(trust.path("Principal").path("Service").asText()).isEqualTo("scheduler.amazonaws.com");
        Set<String> grants = new TreeSet<>();
        for (Statement s : template.inlineStatements(role)) {
            for (String a : s.actions()) {
                grants.add(a + " " + String.join(",", s.resources()));
            }
        }
        String fn = "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Name}-publish";
        assertThat(grants).containsExactlyInAnyOrder(
                "lambda:InvokeFunction " + fn + "," + fn + ":live",
                "sqs:SendMessage <ScheduleDeadLetterQueue.Arn>",
                "kms:Decrypt <KmsKeyArn>", "kms:GenerateDataKey <KmsKeyArn>");
        // The ARNs above name the function the template makes.
        assertThat(SamTemplate.render(template.properties("PublishFunction").path("FunctionName")))
                .isEqualTo("${Name}-publish");
    }

    // ───────── immutable editions that can still be withdrawn ─────────

    @Test
    void publishedEditionsAreVersionedAndLockedInGovernanceModeForAParameter() {
        JsonNode p = template.properties("PublishedBucket");
        assertThat(p.path("VersioningConfiguration").path("Status").asText()).isEqualTo("Enabled");
        assertThat(SamTemplate.condition(p.path("ObjectLockEnabled"))).isEqualTo("LockPublished");
        assertThat(SamTemplate.branches(p.path("ObjectLockEnabled"))).singleElement()
                .satisfies(v -> assertThat(v.asText()).isEqualTo("true"));
        JsonNode lock = SamTemplate.branches(p.path("ObjectLockConfiguration")).get(0);
        assertThat(lock.path("ObjectLockEnabled").asText()).isEqualTo("Enabled");
        JsonNode retention = lock.path("Rule").path("DefaultRetention");
        assertThat(retention.path("Mode").asText()).isEqualTo("GOVERNANCE"); // compliance mode could never be withdrawn
        assertThat(SamTemplate.referenced(retention.path("Days"))).contains("EditionRetentionDays");
        JsonNode parameters = template.root().path("Parameters");
        assertThat(parameters.path("PublishedBucketObjectLock").path("Default").asText()).isEqualTo("Enabled");
        assertThat(parameters.path("EditionRetentionDays").path("Default").asInt()).isEqualTo(365);
        JsonNode condition = template.root().path("Conditions").path("LockPublished").path("Fn::Equals");
        assertThat(condition.toString()).isEqualTo("[{\"Ref\":\"PublishedBucketObjectLock\"},\"Enabled\"]");
    }

    @Test
    void onlyPublishMayDeleteVersionsOrBypassTheLockAndOnlyUnderBundles() {
        Set<String> sensitive = Set.of("s3:BypassGovernanceRetention", "s3:DeleteObjectVersion", "s3:ListBucketVersions");
        Set<String> where = new TreeSet<>();
        for (Statement s : everyStatement()) {
            for (String a : s.actions()) {
                if (s.effect().equals("Allow") && (sensitive.contains(a) || a.equals("s3:*"))) {
                    for (String r : s.resources()) {
                        S3Target t = template.s3Target(r).orElseThrow();
                        where.add(s.sid() + " " + a + " " + t.bucket() + "/" + (t.isBucket() ? "" : t.keyPattern()));
                    }
                }
            }
        }
        assertThat(where).containsExactlyInAnyOrder(
                "WithdrawEditionsForGood s3:BypassGovernanceRetention PublishedBucket/bundles/*",
                "WithdrawEditionsForGood s3:DeleteObjectVersion PublishedBucket/bundles/*",
                "ListPublishedVersions s3:ListBucketVersions PublishedBucket/");
        assertThat(template.roleStatements("PublishFunction")).extracting(Statement::sid)
                .contains("WithdrawEditionsForGood", "ListPublishedVersions");
    }

    // ───────── officers ─────────

    @Test
    void theOfficerUploadPolicyIsPutAndListOnTheRawBucketOnly() {
        List<Statement> statements = SamTemplate.statements(
                template.properties("OfficerUploadPolicy").path("PolicyDocument"));
        Set<String> grants = new TreeSet<>();
        for (Statement s : statements) {
            assertThat(s.effect()).isEqualTo("Allow");
            for (String a : s.actions()) {
                for (String r : s.resources()) {
                    grants.add(a + " " + template.s3Target(r).map(t -> t.bucket() + "/" + (t.isBucket() ? "" : t.keyPattern()))
                            .orElse(r));
                }
            }
        }
        assertThat(grants).containsExactlyInAnyOrder("s3:ListBucket RawBucket/", "s3:PutObject RawBucket/*",
                // only when the buckets use a customer-managed key, and only that key
                "kms:GenerateDataKey <KmsKeyArn>", "kms:Decrypt <KmsKeyArn>");
        JsonNode kms = statements.stream().filter(s -> s.actions().contains("kms:Decrypt")).findFirst().orElseThrow().raw();
        assertThat(template.properties("OfficerUploadPolicy").path("PolicyDocument").path("Statement").toString())
                .contains("\"Fn::If\":[\"HasKmsKey\"");
        assertThat(kms.path("Resource").path("Ref").asText()).isEqualTo("KmsKeyArn");
        assertThat(SamTemplate.render(template.root().path("Outputs").path("OfficerUploadPolicyArn").path("Value")))
                .isEqualTo("<OfficerUploadPolicy>");
    }

    // ───────── the optional customer-managed key ─────────

    @Test
    void theKeyParameterIsOptionalAndLooksLikeAKeyArn() {
        JsonNode p = template.root().path("Parameters").path("KmsKeyArn");
        assertThat(p.path("Default").asText()).isEmpty();
        Pattern allowed = Pattern.compile(p.path("AllowedPattern").asText());
        assertThat(allowed.matcher("").matches()).isTrue();
        assertThat(allowed.matcher("arn:aws:kms:eu-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
                .matches()).isTrue();
        assertThat(allowed.matcher("alias/aws/s3").matches()).isFalse();
        assertThat(allowed.matcher("arn:aws:kms:eu-west-2:123456789012:alias/mine").matches()).isFalse();
        assertThat(template.root().path("Conditions").path("HasKmsKey").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"KmsKeyArn\"},\"\"]}]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RawBucket", "LakeBucket"})
    void rawAndLakeUseTheKeyWhenGivenAndSseS3Otherwise(String bucket) {
        JsonNode rule = template.properties(bucket).path("BucketEncryption").path("ServerSideEncryptionConfiguration").get(0);
        JsonNode byDefault = rule.path("ServerSideEncryptionByDefault");
        assertThat(SamTemplate.condition(byDefault.path("SSEAlgorithm"))).isEqualTo("HasKmsKey");
        assertThat(SamTemplate.branches(byDefault.path("SSEAlgorithm")).stream().map(JsonNode::asText))
                .containsExactly("aws:kms", "AES256");
        assertThat(SamTemplate.condition(byDefault.path("KMSMasterKeyID"))).isEqualTo("HasKmsKey");
        assertThat(SamTemplate.branches(byDefault.path("KMSMasterKeyID")).stream().map(SamTemplate::render))
                .containsExactly("<KmsKeyArn>");
        assertThat(SamTemplate.condition(rule.path("BucketKeyEnabled"))).isEqualTo("HasKmsKey");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FailedEventsQueue", "ScheduleDeadLetterQueue"})
    void queuesUseTheKeyWhenGivenAndSqsManagedEncryptionOtherwise(String queue) {
        JsonNode p = template.properties(queue);
        assertThat(SamTemplate.condition(p.path("KmsMasterKeyId"))).isEqualTo("HasKmsKey");
        assertThat(SamTemplate.branches(p.path("KmsMasterKeyId")).stream().map(SamTemplate::render))
                .containsExactly("<KmsKeyArn>");
        assertThat(SamTemplate.condition(p.path("SqsManagedSseEnabled"))).isEqualTo("HasKmsKey");
        assertThat(SamTemplate.branches(p.path("SqsManagedSseEnabled")).stream().map(JsonNode::asText))
                .containsExactly("false", "true");
    }

    @Test
    void everyRoleThatTouchesEncryptedDataMayUseTheKeyAndOnlyThatKeyOnlyWhenGiven() {
        List<String> roles = new ArrayList<>();
        for (String f : template.functions()) {
            roles.add(template.roleOf(f));
        }
        roles.add("PublishScheduleRole");
        for (String role : roles) {
            List<JsonNode> kms = new ArrayList<>();
            for (JsonNode policy : SamTemplate.list(template.properties(role).path("Policies"))) {
                for (JsonNode s : SamTemplate.list(policy.path("PolicyDocument").path("Statement"))) {
                    if (s.toString().contains("kms:")) {
                        kms.add(s);
                    }
                }
            }
            assertThat(kms).as(role).singleElement().satisfies(s -> {
                assertThat(SamTemplate.condition(s)).isEqualTo("HasKmsKey");
                Statement st = SamTemplate.statements(wrap(s)).get(0);
                assertThat(st.actions()).containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey");
                assertThat(st.resources()).containsExactly("<KmsKeyArn>");
            });
        }
    }

    // ───────── privacy: respondent-level files (issue 11) ─────────

    @ParameterizedTest
    @ValueSource(strings = {"HeadlinesFunction", "PublishFunction"})
    void headlinesAndPublishAreDeniedRespondentLevelFilesAndAllowedNothingThatCoversThem(String function) {
        List<Statement> statements = template.roleStatements(function);
        // An explicit Deny: it wins over any Allow, in this role or attached later.
        assertThat(statements).filteredOn(s -> s.effect().equals("Deny")).anySatisfy(s -> {
            assertThat(s.actions()).containsAll(READS);
            assertThat(s.resources()).containsExactly(LAKE + "restricted/*");
        });
        // And no Allow that would grant them even without it.
        for (Statement s : statements) {
            if (s.effect().equals("Allow") && s.actions().stream().anyMatch(a -> READS.contains(a) || a.equals("s3:*"))) {
                for (String r : s.resources()) {
                    assertThat(matches(r, LAKE + "restricted/surveys-resident-survey/responses.parquet"))
                            .as(function + " " + s.sid() + " " + r).isFalse();
                }
            }
        }
    }

    @Test
    void theMatcherTheCheckAboveUsesSeesABucketWideGrant() {
        assertThat(matches(LAKE + "*", LAKE + "restricted/x/responses.parquet")).isTrue();
        assertThat(matches(LAKE + "datasets/*", LAKE + "restricted/x")).isFalse();
        assertThat(matches(LAKE + "re*/x", LAKE + "restricted/x")).isTrue();
    }

    @Test
    void ingestWritesRespondentLevelFiles() {
        List<Statement> allows = template.roleStatements("IngestFunction").stream()
                .filter(s -> s.effect().equals("Allow")).toList();
        assertThat(allows).anySatisfy(s -> {
            assertThat(s.actions()).contains("s3:PutObject", "s3:DeleteObject");
            assertThat(s.resources()).contains(LAKE + "restricted/*");
        });
        assertThat(template.roleStatements("IngestFunction")).noneMatch(s -> s.effect().equals("Deny"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RawBucket", "LakeBucket"})
    void superseededVersionsExpireAfterAParameterAndCurrentObjectsNever(String bucket) {
        List<JsonNode> rules = SamTemplate.list(template.properties(bucket).path("LifecycleConfiguration").path("Rules"));
        assertThat(rules).hasSize(1);
        JsonNode rule = rules.get(0);
        assertThat(rule.path("Status").asText()).isEqualTo("Enabled");
        assertThat(SamTemplate.referenced(rule.path("NoncurrentVersionExpiration").path("NoncurrentDays")))
                .contains("NoncurrentVersionDays");
        // Noncurrent versions only, for the whole bucket: the ledger's current objects stay.
        Set<String> fields = new LinkedHashSet<>();
        rule.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("Id", "Status", "NoncurrentVersionExpiration",
                "AbortIncompleteMultipartUpload");
        assertThat(template.root().path("Parameters").path("NoncurrentVersionDays").path("Default").asInt())
                .isEqualTo(90);
    }

    // ───────── helpers ─────────

    private static JsonNode schedule() {
        for (JsonNode e : template.properties("PublishFunction").path("Events")) {
            if (e.path("Type").asText().equals("ScheduleV2")) {
                return e.path("Properties");
            }
        }
        throw new AssertionError("no ScheduleV2 event on PublishFunction");
    }

    private static List<String> alarmsOnQueue(String queue) {
        return template.ofType("AWS::CloudWatch::Alarm").stream().filter(a -> {
            JsonNode p = template.properties(a);
            return p.path("Namespace").asText().equals("AWS/SQS")
                    && p.path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible")
                    && SamTemplate.referenced(p.path("Dimensions").get(0).path("Value")).orElse("").equals(queue)
                    && p.path("Threshold").asDouble() == 0 && p.path("AlarmActions").size() > 0;
        }).toList();
    }

    private static List<Statement> bucketPolicy(String bucket) {
        for (String p : template.ofType("AWS::S3::BucketPolicy")) {
            if (SamTemplate.referenced(template.properties(p).path("Bucket")).orElse("").equals(bucket)) {
                return SamTemplate.statements(template.properties(p).path("PolicyDocument"));
            }
        }
        throw new AssertionError(bucket + " has no bucket policy");
    }

    private static List<Statement> everyStatement() {
        List<Statement> out = new ArrayList<>();
        for (String role : template.ofType("AWS::IAM::Role")) {
            out.addAll(template.inlineStatements(role));
        }
        for (String p : template.ofType("AWS::IAM::ManagedPolicy")) {
            out.addAll(SamTemplate.statements(template.properties(p).path("PolicyDocument")));
        }
        for (String p : template.ofType("AWS::S3::BucketPolicy")) {
            out.addAll(SamTemplate.statements(template.properties(p).path("PolicyDocument")));
        }
        return out;
    }

    private static JsonNode wrap(JsonNode statement) {
        com.fasterxml.jackson.databind.node.ObjectNode doc = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        doc.putArray("Statement").add(statement);
        return doc;
    }

    /** IAM's resource matching: {@code *} any run of characters, {@code ?} one. */
    static boolean matches(String pattern, String arn) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return arn.matches(regex.toString());
    }
}
