package org.bigpicture.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bigpicture.observability.Metric;
import org.bigpicture.observability.Observability;
import org.bigpicture.observability.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The template's alarms and dashboard against the code's one list of metric names
 * ({@link Metric}): every custom metric they name is one the functions emit, under the namespace
 * and {@code Service} dimension the code writes, and the dashboard shows every one of them.
 */
class TemplateObservabilityTest {

    private static final String NAMESPACE = "BigPicture/${Name}";
    private static final Map<String, String> SUBSTITUTES = Map.of("Name", "bigpicture", "AWS::Region", "eu-west-2");

    private static SamTemplate template;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load(RepoPaths.template());
    }

    /** One metric a template names: namespace, name and dimensions, where it was found. */
    record Named(String where, String namespace, String name, Map<String, String> dimensions) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"IngestFunction", "HeadlinesFunction", "PublishFunction"})
    void everyFunctionWritesJsonLogsAndNamesItsMetricsNamespace(String function) {
        JsonNode p = template.properties(function);
        assertThat(p.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
        JsonNode namespace = p.path("Environment").path("Variables").path(Observability.NAMESPACE_VARIABLE);
        assertThat(SamTemplate.render(namespace)).isEqualTo(NAMESPACE);
    }

    @Test
    void alarmsNameOnlyMetricsTheCodeEmitsWithTheDimensionItWrites() {
        List<Named> named = new ArrayList<>();
        for (String alarm : template.ofType("AWS::CloudWatch::Alarm")) {
            named.addAll(alarmMetrics(alarm));
        }
        List<Named> ours = named.stream().filter(n -> n.namespace().equals(NAMESPACE)).toList();
        assertThat(ours).isNotEmpty().allSatisfy(TemplateObservabilityTest::isEmitted);
        assertThat(named).allSatisfy(n -> assertThat(n.namespace()).as(n.where()).isIn(NAMESPACE, "AWS/SQS", "AWS/Lambda"));
    }

    @Test
    void publishingFailuresAndQuarantineSpikesRaiseAlarms() {
        assertThat(alarmMetrics("PublishFailedAlarm")).extracting(Named::name)
                .containsExactlyInAnyOrder(Metric.PUBLISH_FAILED.metricName(), Metric.PUBLISH_REJECTED.metricName(),
                        "Errors");
        JsonNode failures = template.properties("PublishFailedAlarm").path("Metrics").get(3);
        assertThat(failures.path("ReturnData").asBoolean()).isTrue();
        assertThat(failures.path("Expression").asText()).isEqualTo("MAX([FILL(failed, 0), FILL(errors, 0) - FILL(rejected, 0)])");

        JsonNode spike = template.properties("QuarantineSpikeAlarm");
        assertThat(spike.path("MetricName").asText()).isEqualTo(Metric.UPLOADS_QUARANTINED.metricName());
        assertThat(spike.path("Statistic").asText()).isEqualTo("Sum");
        assertThat(SamTemplate.referenced(spike.path("Threshold"))).contains("QuarantineAlarmThreshold");
        assertThat(spike.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        for (String alarm : List.of("PublishFailedAlarm", "QuarantineSpikeAlarm")) {
            assertThat(SamTemplate.list(template.properties(alarm).path("AlarmActions")).stream()
                    .map(SamTemplate::render)).as(alarm).containsExactly("<AlertsTopic>");
        }
    }

    @Test
    void theDashboardShowsEveryMetricTheCodeEmitsAndNoOther() throws IOException {
        JsonNode body = dashboard();
        List<Named> named = new ArrayList<>();
        Set<String> logGroups = new TreeSet<>();
        Set<String> alarms = new TreeSet<>();
        for (JsonNode w : body.path("widgets")) {
            JsonNode p = w.path("properties");
            for (JsonNode m : p.path("metrics")) {
                Map<String, String> dims = new java.util.LinkedHashMap<>();
                int end = m.size() - (m.get(m.size() - 1).isObject() ? 1 : 0);
                for (int i = 2; i + 1 < end; i += 2) {
                    dims.put(m.get(i).asText(), m.get(i + 1).asText());
                }
                named.add(new Named(p.path("title").asText(), m.get(0).asText(), m.get(1).asText(), dims));
            }
            Matcher sources = Pattern.compile("SOURCE '([^']+)'").matcher(p.path("query").asText());
            while (sources.find()) {
                logGroups.add(sources.group(1));
            }
            p.path("alarms").forEach(a -> alarms.add(a.asText()));
        }
        String namespace = NAMESPACE.replace("${Name}", "bigpicture");
        List<Named> ours = named.stream().filter(n -> n.namespace().equals(namespace)).toList();
        assertThat(ours).allSatisfy(n -> isEmitted(new Named(n.where(), NAMESPACE, n.name(), n.dimensions())));
        Set<String> shown = new TreeSet<>();
        ours.forEach(n -> shown.add(n.name()));
        Set<String> all = new TreeSet<>();
        for (Metric m : Metric.values()) {
            all.add(m.metricName());
        }
        assertThat(shown).isEqualTo(all);
        assertThat(named).allSatisfy(n -> assertThat(n.namespace()).isIn(namespace, "AWS/SQS", "AWS/Lambda"));

        // The log widgets read the functions' own log groups; the alarm widget shows every alarm.
        Set<String> groups = new TreeSet<>();
        for (String g : template.ofType("AWS::Logs::LogGroup")) {
            groups.add(SamTemplate.render(template.properties(g).path("LogGroupName")).replace("${Name}", "bigpicture"));
        }
        assertThat(logGroups).isNotEmpty().isSubsetOf(groups);
        Set<String> everyAlarm = new TreeSet<>();
        template.ofType("AWS::CloudWatch::Alarm").forEach(a -> everyAlarm.add("<" + a + ".Arn>"));
        assertThat(alarms).isEqualTo(everyAlarm);
    }

    @Test
    void theDashboardIsAnOutput() {
        assertThat(SamTemplate.render(template.root().path("Outputs").path("DashboardUrl").path("Value")))
                .endsWith("#dashboards/dashboard/${Name}-operations");
        assertThat(SamTemplate.render(template.properties("OperationsDashboard").path("DashboardName")))
                .isEqualTo("${Name}-operations");
    }

    // ───────── helpers ─────────

    private static void isEmitted(Named n) {
        Metric metric = Metric.named(n.name())
                .orElseThrow(() -> new AssertionError(n.where() + " names " + n.name() + ", which no function emits"));
        assertThat(n.dimensions()).as(n.where() + " " + n.name())
                .isEqualTo(Map.of(Metric.DIMENSION, metric.service().value()));
    }

    private static List<Named> alarmMetrics(String alarm) {
        JsonNode p = template.properties(alarm);
        List<Named> out = new ArrayList<>();
        if (p.has("MetricName")) {
            out.add(new Named(alarm, SamTemplate.render(p.path("Namespace")), p.path("MetricName").asText(),
                    dimensions(p.path("Dimensions"))));
        }
        for (JsonNode m : p.path("Metrics")) {
            JsonNode metric = m.path("MetricStat").path("Metric");
            if (!metric.isMissingNode()) {
                out.add(new Named(alarm, SamTemplate.render(metric.path("Namespace")), metric.path("MetricName").asText(),
                        dimensions(metric.path("Dimensions"))));
            }
        }
        return out;
    }

    private static Map<String, String> dimensions(JsonNode list) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (JsonNode d : list) {
            out.put(d.path("Name").asText(), SamTemplate.render(d.path("Value")));
        }
        return out;
    }

    /** The dashboard body as CloudFormation would send it: its !Sub resolved with stand-ins, then parsed. */
    private static JsonNode dashboard() throws IOException {
        String sub = SamTemplate.render(template.properties("OperationsDashboard").path("DashboardBody"));
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(sub);
        StringBuilder out = new StringBuilder();
        Set<String> unknown = new LinkedHashSet<>();
        while (m.find()) {
            String var = m.group(1);
            String value = SUBSTITUTES.get(var);
            if (value == null) {
                String id = var.contains(".") ? var.substring(0, var.indexOf('.')) : var;
                if (template.root().path("Resources").has(id)) {
                    value = "<" + var + ">"; // a resource's name or attribute, as render() writes refs
                } else {
                    unknown.add(var);
                    value = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        assertThat(unknown).as("!Sub variables that are neither parameters nor resources").isEmpty();
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void everyServiceHasMetricsOnTheDashboard() throws IOException {
        String text = dashboard().toString();
        for (Service s : Service.values()) {
            assertThat(text).contains("\"Service\",\"" + s.value() + "\"");
        }
    }
}
