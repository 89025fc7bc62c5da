package org.bigpicture.local.template;

import org.bigpicture.local.LocalTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * The S3 event notification rules that template.yaml's SAM {@code S3} events become, one per event
 * type, as the local stack's {@link LocalTemplate} reads them, and the overlap check S3 applies
 * ({@link LocalTemplate#overlap}: two rules on one bucket overlap when their event types
 * intersect, one prefix is a prefix of the other and one suffix is a suffix of the other).
 */
final class S3NotificationRules {

    /** One rule: bucket resource, S3 event type ({@code s3:ObjectCreated:*}), key prefix and suffix. */
    record Rule(String function, String eventId, String bucket, String event, String prefix, String suffix) {

        boolean matches(String bucketId, String eventName, String key) {
            return bucket.equals(bucketId) && eventsIntersect(event, eventName)
                    && key.startsWith(prefix) && key.endsWith(suffix);
        }

        LocalTemplate.S3Rule asS3Rule() {
            return new LocalTemplate.S3Rule(function, eventId, bucket, bucket, List.of(event), prefix, suffix);
        }

        @Override
        public String toString() {
            return function + "." + eventId + " (" + bucket + " " + event + " prefix '" + prefix + "' suffix '"
                    + suffix + "')";
        }
    }

    private S3NotificationRules() {
    }

    /**
     * The rules as the local stack reads them from the template (its own loader, the one the
     * dispatcher obeys: the tests do not parse the template a second way), one per event type.
     */
    static List<Rule> of(SamTemplate template) {
        List<Rule> rules = new ArrayList<>();
        for (LocalTemplate.S3Rule r : production(template)) {
            for (String type : r.events()) {
                rules.add(new Rule(r.functionId(), r.eventId(), r.bucketLogicalId(), type, r.prefix(), r.suffix()));
            }
        }
        return rules;
    }

    /** Every pair of rules S3 would refuse to hold together, described, by the local stack's own rule. */
    static List<String> overlaps(List<Rule> rules) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                if (LocalTemplate.overlap(rules.get(i).asS3Rule(), rules.get(j).asS3Rule())) {
                    out.add(rules.get(i) + " overlaps " + rules.get(j));
                }
            }
        }
        return out;
    }

    static boolean eventsIntersect(String a, String b) {
        return LocalTemplate.typesOverlap(withPrefix(a), withPrefix(b));
    }

    private static String withPrefix(String event) {
        return event.startsWith("s3:") ? event : "s3:" + event;
    }

    private static List<LocalTemplate.S3Rule> production(SamTemplate template) {
        try {
            return LocalTemplate.load(template.path()).rules();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
