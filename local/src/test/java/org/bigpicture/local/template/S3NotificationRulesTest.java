package org.bigpicture.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bigpicture.local.template.S3NotificationRules.Rule;
import org.junit.jupiter.api.Test;

/** The overlap rule itself, on rules S3 is known to accept or refuse. */
class S3NotificationRulesTest {

    @Test
    void nestedPrefixesOverlapForTheSameEventType() {
        List<Rule> rules = List.of(
                new Rule("A", "e1", "Lake", "s3:ObjectCreated:*", "datasets/", "provenance.json"),
                new Rule("B", "e2", "Lake", "s3:ObjectCreated:Put", "datasets/x/", ""));

        assertThat(S3NotificationRules.overlaps(rules)).hasSize(1);
    }

    @Test
    void aRuleWithoutFilterOverlapsEveryOtherOnItsBucket() {
        List<Rule> rules = List.of(
                new Rule("A", "e1", "Raw", "s3:ObjectCreated:*", "", ""),
                new Rule("B", "e2", "Raw", "s3:ObjectCreated:*", "config/", ".yaml"));

        assertThat(S3NotificationRules.overlaps(rules)).hasSize(1);
    }

    @Test
    void disjointPrefixesOrSuffixesOrEventTypesOrBucketsDoNotOverlap() {
        List<Rule> rules = List.of(
                new Rule("A", "e1", "Lake", "s3:ObjectCreated:*", "datasets/", "provenance.json"),
                new Rule("B", "e2", "Lake", "s3:ObjectCreated:*", "config/", ""),
                new Rule("C", "e3", "Lake", "s3:ObjectRemoved:*", "datasets/", ""),
                new Rule("D", "e4", "Lake", "s3:ObjectCreated:*", "datasets/", "schema.json"),
                new Rule("E", "e5", "Raw", "s3:ObjectCreated:*", "", ""));

        assertThat(S3NotificationRules.overlaps(rules)).isEmpty();
    }

    @Test
    void ruleMatchesKeysByPrefixSuffixAndEventFamily() {
        Rule rule = new Rule("H", "e", "Lake", "s3:ObjectCreated:*", "datasets/", "provenance.json");

        assertThat(rule.matches("Lake", "ObjectCreated:Put", "datasets/a/provenance.json")).isTrue();
        assertThat(rule.matches("Lake", "ObjectCreated:CompleteMultipartUpload", "datasets/a/provenance.json")).isTrue();
        assertThat(rule.matches("Lake", "ObjectRemoved:Delete", "datasets/a/provenance.json")).isFalse();
        assertThat(rule.matches("Lake", "ObjectCreated:Put", "datasets/a/data.parquet")).isFalse();
        assertThat(rule.matches("Raw", "ObjectCreated:Put", "datasets/a/provenance.json")).isFalse();
    }
}
