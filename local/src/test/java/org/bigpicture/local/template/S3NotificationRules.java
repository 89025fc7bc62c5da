package org.bigpicture.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The S3 event notification rules that template.yaml's SAM {@code S3} events become, and the
 * overlap check S3 applies when it accepts a bucket's notification configuration: two rules on
 * one bucket overlap when their event types intersect, one prefix is a prefix of the other and
 * one suffix is a suffix of the other (an absent filter is the empty string).
 */
final class S3NotificationRules {

    /** One rule: bucket resource, S3 event type ({@code s3:ObjectCreated:*}), key prefix and suffix. */
    record Rule(String function, String eventId, String bucket, String event, String prefix, String suffix) {

        boolean matches(String bucketId, String eventName, String key) {
            return bucket.equals(bucketId) && eventsIntersect(event, eventName)
                    && key.startsWith(prefix) && key.endsWith(suffix);
        }

        @Override
        public String toString() {
            return function + "." + eventId + " (" + bucket + " " + event + " prefix '" + prefix + "' suffix '"
                    + suffix + "')";
        }
    }

    private S3NotificationRules() {
    }

    static List<Rule> of(SamTemplate template) {
        List<Rule> rules = new ArrayList<>();
        for (String function : template.functions()) {
            template.properties(function).path("Events").properties().forEach(e -> {
                JsonNode event = e.getValue();
                if (!event.path("Type").asText().equals("S3")) {
                    return;
                }
                JsonNode p = event.path("Properties");
                String bucket = SamTemplate.referenced(p.path("Bucket"))
                        .orElseThrow(() -> new AssertionError(function + "." + e.getKey() + ": Bucket must be !Ref"));
                String prefix = "";
                String suffix = "";
                for (JsonNode r : SamTemplate.list(p.path("Filter").path("S3Key").path("Rules"))) {
                    switch (r.path("Name").asText().toLowerCase(java.util.Locale.ROOT)) {
                        case "prefix" -> prefix = r.path("Value").asText();
                        case "suffix" -> suffix = r.path("Value").asText();
                        default -> throw new AssertionError("unknown filter rule " + r);
                    }
                }
                for (JsonNode type : SamTemplate.list(p.path("Events"))) {
                    rules.add(new Rule(function, e.getKey(), bucket, type.asText(), prefix, suffix));
                }
            });
        }
        return rules;
    }

    /** Every pair of rules S3 would refuse to hold together, described. */
    static List<String> overlaps(List<Rule> rules) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                Rule a = rules.get(i);
                Rule b = rules.get(j);
                if (a.bucket().equals(b.bucket()) && eventsIntersect(a.event(), b.event())
                        && (a.prefix().startsWith(b.prefix()) || b.prefix().startsWith(a.prefix()))
                        && (a.suffix().endsWith(b.suffix()) || b.suffix().endsWith(a.suffix()))) {
                    out.add(a + " overlaps " + b);
                }
            }
        }
        return out;
    }

    /** {@code s3:ObjectCreated:*} intersects {@code s3:ObjectCreated:Put}; ObjectCreated never meets ObjectRemoved. */
    static boolean eventsIntersect(String a, String b) {
        String x = strip(a);
        String y = strip(b);
        if (x.endsWith(":*") || y.endsWith(":*")) {
            String fx = x.endsWith(":*") ? x.substring(0, x.length() - 2) : x;
            String fy = y.endsWith(":*") ? y.substring(0, y.length() - 2) : y;
            return fx.startsWith(fy) || fy.startsWith(fx);
        }
        return x.equals(y);
    }

    private static String strip(String event) {
        return event.startsWith("s3:") ? event.substring(3) : event;
    }
}
