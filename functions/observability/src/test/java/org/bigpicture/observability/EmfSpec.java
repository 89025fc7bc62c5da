package org.bigpicture.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of CloudWatch's Embedded Metric Format specification, checked on a parsed line: what
 * CloudWatch Logs needs to extract metrics from it. A line that breaks one is kept as a log event
 * but yields no metric, silently, so the tests check every EMF line the handlers write.
 */
public final class EmfSpec {

    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes",
            "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits",
            "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
            "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
            "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    private EmfSpec() {
    }

    /** Whether a line is meant as an EMF document (it has the {@code _aws} member). */
    public static boolean isEmf(JsonNode line) {
        return line.has("_aws");
    }

    /** Every rule the document breaks (empty when CloudWatch will extract its metrics). */
    public static List<String> violations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        JsonNode aws = doc.path("_aws");
        if (!aws.isObject()) {
            out.add("_aws is not an object");
            return out;
        }
        if (!aws.path("Timestamp").isIntegralNumber() || aws.path("Timestamp").asLong() <= 0) {
            out.add("_aws.Timestamp is not a positive integer of epoch milliseconds");
        }
        JsonNode directives = aws.path("CloudWatchMetrics");
        if (!directives.isArray() || directives.isEmpty()) {
            out.add("_aws.CloudWatchMetrics is not a non-empty array");
            return out;
        }
        for (JsonNode d : directives) {
            String ns = d.path("Namespace").asText("");
            if (!d.path("Namespace").isTextual() || ns.isEmpty() || ns.length() > 1024 || !ns.strip().equals(ns)) {
                out.add("Namespace must be 1-1024 characters without surrounding blanks: " + d.path("Namespace"));
            }
            JsonNode dims = d.path("Dimensions");
            if (!dims.isArray()) {
                out.add("Dimensions is not an array");
            } else {
                for (JsonNode set : dims) {
                    if (!set.isArray() || set.size() > 30) {
                        out.add("a dimension set is not an array of at most 30 names: " + set);
                        continue;
                    }
                    for (JsonNode name : set) {
                        if (!doc.path(name.asText()).isTextual()) {
                            out.add("dimension " + name + " has no top-level string value");
                        }
                    }
                }
            }
            JsonNode metrics = d.path("Metrics");
            if (!metrics.isArray() || metrics.isEmpty() || metrics.size() > 100) {
                out.add("Metrics is not an array of 1-100 definitions");
                continue;
            }
            for (JsonNode m : metrics) {
                String name = m.path("Name").asText("");
                if (name.isEmpty() || name.length() > 1024) {
                    out.add("a metric has no Name of 1-1024 characters: " + m);
                    continue;
                }
                if (m.has("Unit") && !UNITS.contains(m.path("Unit").asText())) {
                    out.add(name + ": unit " + m.path("Unit") + " is not a CloudWatch unit");
                }
                JsonNode value = doc.path(name);
                boolean ok = value.isNumber() || (value.isArray() && !value.isEmpty() && value.size() <= 100);
                if (value.isArray()) {
                    for (JsonNode v : value) {
                        ok &= v.isNumber();
                    }
                }
                if (!ok) {
                    out.add(name + " has no top-level number or array of at most 100 numbers: " + value);
                }
            }
        }
        return out;
    }
}
