package org.bigpicture.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalTemplateTest {

    private static LocalTemplate testTemplate() throws Exception {
        return LocalTemplate.load(Path.of(LocalTemplateTest.class.getResource("/test-template.yaml").toURI()));
    }

    @Test
    void namesBucketsFromTheTemplatePatternWithoutAccountOrRegion() throws Exception {
        LocalTemplate t = testTemplate();

        assertThat(t.bucket("raw").name()).isEqualTo("bigpicture-raw");
        assertThat(t.bucket("lake").name()).isEqualTo("bigpicture-lake");
        assertThat(t.bucket("published").name()).isEqualTo("bigpicture-published");
        assertThat(t.bucket("raw").versioned()).isTrue();
        assertThat(t.bucket("published").versioned()).isFalse();
    }

    @Test
    void parameterOverridesRenameTheBuckets() throws Exception {
        LocalTemplate t = LocalTemplate.load(Path.of(getClass().getResource("/test-template.yaml").toURI()),
                Map.of("Name", "stockport"));

        assertThat(t.bucket("raw").name()).isEqualTo("stockport-raw");
    }

    @Test
    void readsHandlersConcurrencyEnvironmentAndS3Rules() throws Exception {
        LocalTemplate t = testTemplate();

        LocalTemplate.FunctionSpec copy = t.function("CopyFunction").orElseThrow();
        assertThat(copy.handlerClass()).isEqualTo("org.bigpicture.local.testing.CopyHandler");
        assertThat(copy.handlerMethod()).isEqualTo("handleRequest");
        assertThat(copy.reservedConcurrency()).isNull();
        assertThat(copy.environment())
                .containsEntry("RAW_BUCKET", "bigpicture-raw")
                .containsEntry("LAKE_BUCKET", "bigpicture-lake")
                .containsEntry("MARKER", "copy-bigpicture")
                .doesNotContainKey("TOPIC_ARN"); // no SNS locally: the code takes its "no topic" path
        assertThat(copy.rules()).hasSize(2);
        assertThat(copy.rules().get(1).events()).containsExactly("s3:ObjectRemoved:*");

        LocalTemplate.FunctionSpec count = t.function("CountFunction").orElseThrow();
        assertThat(count.reservedConcurrency()).isEqualTo(1);
        LocalTemplate.S3Rule rule = count.rules().get(0);
        assertThat(rule.bucket()).isEqualTo("bigpicture-lake");
        assertThat(rule.prefix()).isEqualTo("copies/");
        assertThat(rule.suffix()).isEqualTo(".csv");
        assertThat(rule.matches("bigpicture-lake", "ObjectCreated:Put", "copies/a b.csv")).isTrue();
        assertThat(rule.matches("bigpicture-lake", "ObjectCreated:Put", "copies/a.json")).isFalse();
        assertThat(rule.matches("bigpicture-lake", "ObjectRemoved:Delete", "copies/a.csv")).isFalse();
        assertThat(rule.matches("bigpicture-raw", "ObjectCreated:Put", "copies/a.csv")).isFalse();

        assertThat(t.function("MonthlyFunction").orElseThrow().rules()).isEmpty();
    }

    @Test
    void readsTheProjectsTemplate() throws Exception {
        LocalTemplate t = LocalTemplate.load(RepoFiles.templateYaml());

        assertThat(t.bucket("raw").name()).isEqualTo("bigpicture-raw");
        assertThat(t.bucket("lake").name()).isEqualTo("bigpicture-lake");
        assertThat(t.bucket("published").name()).isEqualTo("bigpicture-published");
        LocalTemplate.FunctionSpec ingest = t.function("IngestFunction").orElseThrow();
        assertThat(ingest.handlerClass()).isEqualTo("org.bigpicture.ingest.IngestHandler");
        // Variables built with !Sub "${Name}-raw-${AWS::AccountId}" name the local buckets too.
        assertThat(ingest.environment()).containsEntry("RAW_BUCKET", "bigpicture-raw")
                .containsEntry("LAKE_BUCKET", "bigpicture-lake")
                .containsEntry("PUBLISHED_BUCKET", "bigpicture-published")
                .doesNotContainKey("UPLOAD_TOPIC_ARN");
        assertThat(ingest.rules()).extracting(LocalTemplate.S3Rule::bucket).containsOnly("bigpicture-raw");
        assertThat(t.rules()).isNotEmpty().allSatisfy(r -> assertThat(t.buckets().values())
                .extracting(LocalTemplate.BucketSpec::name).contains(r.bucket()));
        assertThat(t.functions()).filteredOn(f -> f.logicalId().startsWith("Headlines"))
                .allSatisfy(f -> assertThat(f.reservedConcurrency()).isEqualTo(1));
    }

    @Test
    void refusesOverlappingRulesForTheSameEventTypeAsS3Does() {
        String yaml = twoRules("s3:ObjectCreated:*", "", "s3:ObjectCreated:Put", "config/");

        assertThatThrownBy(() -> LocalTemplate.from(CloudFormationYaml.parse(yaml), Map.of()))
                .isInstanceOf(LocalTemplate.OverlapException.class)
                .hasMessageContaining("RawBucket")
                .hasMessageContaining("A.Trigger")
                .hasMessageContaining("B.Trigger");
    }

    @Test
    void refusesOverlapWhenSuffixesNest() {
        String yaml = twoRules("s3:ObjectCreated:*", "data/", "s3:ObjectCreated:*", "data/x", ".csv", "");

        assertThatThrownBy(() -> LocalTemplate.from(CloudFormationYaml.parse(yaml), Map.of()))
                .isInstanceOf(LocalTemplate.OverlapException.class);
    }

    @Test
    void acceptsDisjointPrefixesOrDifferentEventTypes() {
        LocalTemplate.from(CloudFormationYaml.parse(twoRules("s3:ObjectCreated:*", "data/", "s3:ObjectCreated:*",
                "config/")), Map.of());
        LocalTemplate.from(CloudFormationYaml.parse(twoRules("s3:ObjectCreated:*", "", "s3:ObjectRemoved:*", "")),
                Map.of());
        LocalTemplate t = LocalTemplate.from(CloudFormationYaml.parse(twoRules("s3:ObjectCreated:*", "", "s3:ObjectCreated:*",
                "", ".csv", ".json")), Map.of());
        assertThat(t.rules()).hasSize(2);
    }

    @Test
    void readsNotificationsWrittenOnTheBucket() {
        String yaml = """
                Resources:
                  RawBucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Join ["-", [!Ref AWS::StackName, raw]]
                      NotificationConfiguration:
                        LambdaConfigurations:
                          - Event: s3:ObjectCreated:*
                            Function: !GetAtt A.Arn
                            Filter: {S3Key: {Rules: [{Name: Prefix, Value: in/}]}}
                  A:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: x.Y}
                """;
        LocalTemplate t = LocalTemplate.from(CloudFormationYaml.parse(yaml), Map.of());

        assertThat(t.bucket("raw").name()).isEqualTo("bigpicture-local-raw");
        assertThat(t.rules()).singleElement().satisfies(r -> {
            assertThat(r.functionId()).isEqualTo("A");
            assertThat(r.prefix()).isEqualTo("in/");
        });
    }

    private static String twoRules(String eventsA, String prefixA, String eventsB, String prefixB) {
        return twoRules(eventsA, prefixA, eventsB, prefixB, "", "");
    }

    private static String twoRules(String eventsA, String prefixA, String eventsB, String prefixB, String suffixA,
                                   String suffixB) {
        return """
                Resources:
                  RawBucket:
                    Type: AWS::S3::Bucket
                    Properties: {BucketName: !Sub "x-raw-${AWS::AccountId}"}
                  A:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.A::handleRequest
                      Events:
                        Trigger:
                          Type: S3
                          Properties:
                            Bucket: !Ref RawBucket
                            Events: %s
                            Filter: {S3Key: {Rules: [{Name: prefix, Value: "%s"}, {Name: suffix, Value: "%s"}]}}
                  B:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: b.B
                      Events:
                        Trigger:
                          Type: S3
                          Properties:
                            Bucket: !Ref RawBucket
                            Events: [%s]
                            Filter: {S3Key: {Rules: [{Name: prefix, Value: "%s"}, {Name: suffix, Value: "%s"}]}}
                """.formatted(eventsA, prefixA, suffixA, eventsB, prefixB, suffixB);
    }

    @Test
    void readsTheCorsOfPublishedBundlesFromCloudFrontsResponseHeadersPolicy() throws Exception {
        LocalTemplate.CorsRule cors = LocalTemplate.load(RepoFiles.templateYaml()).publicCors().orElseThrow();

        assertThat(cors.source()).startsWith("BundlesCorsPolicy");
        assertThat(cors.bucket()).isEqualTo("bigpicture-published");
        assertThat(cors.keyPrefix()).isEqualTo("bundles/");
        assertThat(cors.allowedOrigins()).containsExactly("*");
        assertThat(cors.allowedMethods()).containsExactly("GET", "HEAD");
        assertThat(cors.allowedHeaders()).containsExactly("*");
        assertThat(cors.exposedHeaders()).containsExactly("ETag", "Content-Range", "Accept-Ranges");
        assertThat(cors.maxAgeSeconds()).isEqualTo(86400);
        assertThat(cors.allowCredentials()).isFalse();
        assertThat(cors.covers("bigpicture-published", "bundles/latest/index.html")).isTrue();
        assertThat(cors.covers("bigpicture-published", "private/x")).isFalse();
        assertThat(cors.covers("bigpicture-raw", "bundles/x")).isFalse();
    }

    @Test
    void withoutADistributionTheBucketsCorsRulesApplyToItsPublicKeys() {
        String yaml = """
                Resources:
                  PublishedBucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !Sub "${AWS::StackName}-published"
                      CorsConfiguration:
                        CorsRules:
                          - AllowedMethods: [GET]
                            AllowedOrigins: ['https://*.stockport.gov.uk']
                            AllowedHeaders: [range, 'x-amz-*']
                            MaxAge: 600
                """;
        LocalTemplate.CorsRule cors = LocalTemplate.from(CloudFormationYaml.parse(yaml), Map.of()).publicCors()
                .orElseThrow();

        assertThat(cors.source()).isEqualTo("PublishedBucket.CorsConfiguration");
        assertThat(cors.originAllowed("https://data.stockport.gov.uk")).isTrue();
        assertThat(cors.originAllowed("https://evil.example")).isFalse();
        assertThat(cors.allowOriginValue("https://data.stockport.gov.uk")).isEqualTo("https://data.stockport.gov.uk");
        assertThat(cors.methodAllowed("GET")).isTrue();
        assertThat(cors.methodAllowed("PUT")).isFalse();
        assertThat(cors.headersAllowed(List.of("Range", "X-Amz-Date"))).isTrue();
        assertThat(cors.headersAllowed(List.of("authorization"))).isFalse();
        assertThat(cors.maxAgeSeconds()).isEqualTo(600);
    }

    @Test
    void aTemplateWithoutCorsGivesNone() throws Exception {
        assertThat(testTemplate().publicCors()).isEmpty();
    }
}
