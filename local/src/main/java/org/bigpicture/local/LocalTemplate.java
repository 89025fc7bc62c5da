package org.bigpicture.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local stack takes from template.yaml: the buckets (with local names), the functions
 * (handler class, reserved concurrency, environment) and their S3 triggers (bucket, event types,
 * prefix and suffix). Reading the same file as CloudFormation means the local wiring cannot drift
 * from AWS. Like S3, it refuses two notification rules on one bucket that overlap for the same
 * event type.
 */
public final class LocalTemplate {

    /** A bucket, with its local name. */
    public record BucketSpec(String logicalId, String name, boolean versioned) {
    }

    /**
     * One S3 notification rule.
     *
     * @param events S3 event types as written, e.g. {@code s3:ObjectCreated:*}
     * @param prefix key prefix filter ("" for none)
     * @param suffix key suffix filter ("" for none)
     */
    public record S3Rule(String functionId, String eventId, String bucketLogicalId, String bucket,
                         List<String> events, String prefix, String suffix) {

        /** True when this rule fires for an event (name without {@code s3:}) on a key. */
        public boolean matches(String bucketName, String eventName, String key) {
            return bucket.equals(bucketName) && key.startsWith(prefix) && key.endsWith(suffix)
                    && events.stream().anyMatch(t -> eventTypeMatches(t, "s3:" + eventName));
        }

        String describe() {
            return functionId + "." + eventId + " " + events + " prefix '" + prefix + "' suffix '" + suffix + "'";
        }
    }

    /**
     * A function.
     *
     * @param handlerClass        class part of {@code Handler}
     * @param handlerMethod       method part ({@code handleRequest} when the template names none)
     * @param reservedConcurrency {@code ReservedConcurrentExecutions}, or null when unreserved
     * @param environment         its environment variables, resolved to local values
     */
    public record FunctionSpec(String logicalId, String handlerClass, String handlerMethod,
                               Integer reservedConcurrency, Map<String, String> environment,
                               List<S3Rule> rules) {
    }

    /**
     * How browsers on other sites may read a bucket's keys under a prefix: what the public endpoint
     * answers with (CloudFront's response headers policy on the {@code bundles/*} behaviour in
     * template.yaml, else the bucket's {@code CorsRules}).
     *
     * @param source where in template.yaml it was read, for messages
     */
    public record CorsRule(String bucket, String keyPrefix, List<String> allowedOrigins, List<String> allowedMethods,
                           List<String> allowedHeaders, List<String> exposedHeaders, Integer maxAgeSeconds,
                           boolean allowCredentials, String source) {

        public boolean covers(String bucketName, String key) {
            return bucket.equals(bucketName) && key != null && key.startsWith(keyPrefix);
        }

        public boolean originAllowed(String origin) {
            for (String allowed : allowedOrigins) {
                if (wildcardMatch(allowed, origin, false)) {
                    return true;
                }
            }
            return false;
        }

        public boolean methodAllowed(String method) {
            return allowedMethods.stream().anyMatch(m -> m.equalsIgnoreCase(method));
        }

        /** Every header a preflight asks for is allowed (header names compare without case). */
        public boolean headersAllowed(List<String> requested) {
            for (String h : requested) {
                if (allowedHeaders.stream().noneMatch(a -> wildcardMatch(a, h, true))) {
                    return false;
                }
            }
            return true;
        }

        /** The value of {@code Access-Control-Allow-Origin} for an allowed origin. */
        public String allowOriginValue(String origin) {
            return allowedOrigins.contains("*") && !allowCredentials ? "*" : origin;
        }

        /** S3's rule: at most one {@code *}, standing for any run of characters. */
        private static boolean wildcardMatch(String pattern, String value, boolean ignoreCase) {
            String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
            String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
            int star = p.indexOf('*');
            if (star < 0) {
                return p.equals(v);
            }
            String head = p.substring(0, star);
            String tail = p.substring(star + 1);
            return v.length() >= head.length() + tail.length() && v.startsWith(head) && v.endsWith(tail);
        }
    }

    /** The template declares two rules that S3 itself would refuse. */
    public static final class OverlapException extends IllegalStateException {
        OverlapException(String message) {
            super(message);
        }
    }

    static final String LOCAL_ACCOUNT = "000000000000";
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, BucketSpec> buckets;
    private final List<FunctionSpec> functions;
    private final CorsRule publicCors;

    private LocalTemplate(Map<String, BucketSpec> buckets, List<FunctionSpec> functions, CorsRule publicCors) {
        this.buckets = buckets;
        this.functions = functions;
        this.publicCors = publicCors;
    }

    public static LocalTemplate load(Path template) throws IOException {
        return from(CloudFormationYaml.load(template), Map.of());
    }

    public static LocalTemplate load(Path template, Map<String, String> parameterOverrides) throws IOException {
        return from(CloudFormationYaml.load(template), parameterOverrides);
    }

    /**
     * @param parameterOverrides local values for template parameters; parameters not named here take
     *                           their {@code Default}
     */
    @SuppressWarnings("unchecked")
    public static LocalTemplate from(Map<String, Object> doc, Map<String, String> parameterOverrides) {
        Map<String, Object> resources = map(doc.get("Resources"));
        Map<String, String> parameters = new LinkedHashMap<>();
        map(doc.get("Parameters")).forEach((name, spec) -> {
            Object def = map(spec).get("Default");
            parameters.put(name, def == null ? "" : String.valueOf(def));
        });
        parameters.putAll(parameterOverrides);

        Map<String, BucketSpec> buckets = new LinkedHashMap<>();
        Resolver bucketNames = new Resolver(parameters, Map.of(), true);
        resources.forEach((id, r) -> {
            Map<String, Object> res = map(r);
            if ("AWS::S3::Bucket".equals(res.get("Type"))) {
                Map<String, Object> props = map(res.get("Properties"));
                Object nameExpr = props.get("BucketName");
                String name = nameExpr == null ? id.toLowerCase(Locale.ROOT) : bucketNames.resolve(nameExpr);
                if (name == null || name.isBlank() || name.contains(Resolver.ABSENT)) {
                    throw new IllegalStateException("template.yaml: cannot work out a local name for bucket " + id);
                }
                boolean versioned = "Enabled".equals(map(props.get("VersioningConfiguration")).get("Status"));
                buckets.put(id, new BucketSpec(id, name, versioned));
            }
        });

        Map<String, String> bucketNameById = new LinkedHashMap<>();
        buckets.forEach((id, b) -> bucketNameById.put(id, b.name()));
        // Functions name buckets the way AWS will (policies and variables use !Sub
        // "${Name}-raw-${AWS::AccountId}" to avoid a circular dependency): map those names to local ones.
        Resolver awsShaped = new Resolver(parameters, Map.of(), false);
        Map<String, String> localNameByAwsName = new LinkedHashMap<>();
        resources.forEach((id, r) -> {
            BucketSpec b = buckets.get(id);
            Object nameExpr = map(map(r).get("Properties")).get("BucketName");
            if (b != null && nameExpr != null) {
                String aws = awsShaped.resolve(nameExpr);
                if (aws != null && !aws.isBlank() && !aws.equals(b.name())) {
                    localNameByAwsName.put(aws, b.name());
                }
            }
        });
        Resolver values = new Resolver(parameters, bucketNameById, false, localNameByAwsName);

        Map<String, Object> globals = map(map(doc.get("Globals")).get("Function"));
        List<FunctionSpec> functions = new ArrayList<>();
        resources.forEach((id, r) -> {
            Map<String, Object> res = map(r);
            if (!"AWS::Serverless::Function".equals(res.get("Type"))) {
                return;
            }
            Map<String, Object> props = map(res.get("Properties"));
            Object handlerExpr = props.getOrDefault("Handler", globals.get("Handler"));
            if (handlerExpr == null) {
                throw new IllegalStateException("template.yaml: function " + id + " has no Handler");
            }
            String handler = values.resolve(handlerExpr);
            String cls = handler;
            String method = "handleRequest";
            int sep = handler.indexOf("::");
            if (sep >= 0) {
                cls = handler.substring(0, sep);
                method = handler.substring(sep + 2);
            }
            Object reserved = props.getOrDefault("ReservedConcurrentExecutions",
                    globals.get("ReservedConcurrentExecutions"));
            Integer reservedConcurrency = reserved == null ? null : Integer.valueOf(values.resolve(reserved));

            Map<String, String> env = new LinkedHashMap<>();
            map(map(globals.get("Environment")).get("Variables")).forEach((k, v) -> putVariable(env, k, values.value(v)));
            map(map(props.get("Environment")).get("Variables")).forEach((k, v) -> putVariable(env, k, values.value(v)));

            List<S3Rule> rules = new ArrayList<>();
            map(props.get("Events")).forEach((eventId, e) -> {
                Map<String, Object> ev = map(e);
                if (!"S3".equals(ev.get("Type"))) {
                    return; // schedules and manual invocations are driven by the CLI, not by writes
                }
                Map<String, Object> p = map(ev.get("Properties"));
                String bucketId = refTarget(p.get("Bucket"));
                BucketSpec bucket = bucketId == null ? null : buckets.get(bucketId);
                if (bucket == null) {
                    throw new IllegalStateException("template.yaml: " + id + "." + eventId
                            + " must name a bucket of this template with !Ref (SAM requires it)");
                }
                rules.add(rule(id, eventId, bucket, p.get("Events"), p.get("Filter")));
            });
            functions.add(new FunctionSpec(id, cls, method, reservedConcurrency, Map.copyOf(env), List.copyOf(rules)));
        });

        // Notifications written on the bucket itself (NotificationConfiguration.LambdaConfigurations).
        resources.forEach((id, r) -> {
            BucketSpec bucket = buckets.get(id);
            if (bucket == null) {
                return;
            }
            Map<String, Object> props = map(map(r).get("Properties"));
            for (Object lc : list(map(props.get("NotificationConfiguration")).get("LambdaConfigurations"))) {
                Map<String, Object> c = map(lc);
                String fnId = refTarget(c.get("Function"));
                for (int i = 0; i < functions.size(); i++) {
                    FunctionSpec f = functions.get(i);
                    if (f.logicalId().equals(fnId)) {
                        List<S3Rule> rules = new ArrayList<>(f.rules());
                        rules.add(rule(fnId, id + "Notification" + rules.size(), bucket, c.get("Event"), c.get("Filter")));
                        functions.set(i, new FunctionSpec(f.logicalId(), f.handlerClass(), f.handlerMethod(),
                                f.reservedConcurrency(), f.environment(), List.copyOf(rules)));
                    }
                }
            }
        });

        LocalTemplate t0 = new LocalTemplate(buckets, List.copyOf(functions), null);
        CorsRule cors = null;
        String published = null;
        try {
            published = t0.bucket("published").logicalId();
        } catch (IllegalStateException noPublishedBucket) {
            // a template without one has no public reads, so no CORS either
        }
        if (published != null) {
            cors = publicCors(resources, buckets.get(published), values);
        }
        LocalTemplate t = new LocalTemplate(buckets, List.copyOf(functions), cors);
        t.refuseOverlaps();
        return t;
    }

    /**
     * The CORS of the published bucket's public keys: the response headers policy of the CloudFront
     * cache behaviour whose origin is that bucket (path pattern {@code bundles/*} → prefix
     * {@code bundles/}), else the bucket's own {@code CorsConfiguration} limited to the same prefix.
     */
    private static CorsRule publicCors(Map<String, Object> resources, BucketSpec published, Resolver values) {
        String prefix = NotifyingBlobStore.PUBLIC_PREFIX;
        for (Map.Entry<String, Object> r : resources.entrySet()) {
            Map<String, Object> res = map(r.getValue());
            if (!"AWS::CloudFront::Distribution".equals(res.get("Type"))) {
                continue;
            }
            Map<String, Object> config = map(map(res.get("Properties")).get("DistributionConfig"));
            List<String> bucketOrigins = new ArrayList<>();
            for (Object o : list(config.get("Origins"))) {
                Map<String, Object> origin = map(o);
                if (published.logicalId().equals(refTarget(origin.get("DomainName")))) {
                    bucketOrigins.add(String.valueOf(origin.get("Id")));
                }
            }
            for (Object b : list(config.get("CacheBehaviors"))) {
                Map<String, Object> behaviour = map(b);
                String pattern = String.valueOf(behaviour.get("PathPattern"));
                String policyId = refTarget(behaviour.get("ResponseHeadersPolicyId"));
                if (!bucketOrigins.contains(String.valueOf(behaviour.get("TargetOriginId")))
                        || !pattern.equals(prefix + "*") || policyId == null) {
                    continue;
                }
                Map<String, Object> policy = map(resources.get(policyId));
                Map<String, Object> cors = map(map(map(policy.get("Properties")).get("ResponseHeadersPolicyConfig"))
                        .get("CorsConfig"));
                if (!cors.isEmpty()) {
                    return new CorsRule(published.name(), prefix, items(cors.get("AccessControlAllowOrigins"), values),
                            items(cors.get("AccessControlAllowMethods"), values),
                            items(cors.get("AccessControlAllowHeaders"), values),
                            items(cors.get("AccessControlExposeHeaders"), values),
                            integer(cors.get("AccessControlMaxAgeSec"), values),
                            Boolean.parseBoolean(String.valueOf(values.resolve(cors.get("AccessControlAllowCredentials")))),
                            policyId + " (CloudFront " + r.getKey() + ", " + pattern + ")");
                }
            }
        }
        Map<String, Object> bucketProps = map(map(resources.get(published.logicalId())).get("Properties"));
        List<Object> rules = list(map(bucketProps.get("CorsConfiguration")).get("CorsRules"));
        if (!rules.isEmpty()) {
            Map<String, Object> rule = map(rules.get(0));
            return new CorsRule(published.name(), prefix, strings(rule.get("AllowedOrigins"), values),
                    strings(rule.get("AllowedMethods"), values), strings(rule.get("AllowedHeaders"), values),
                    strings(rule.get("ExposedHeaders"), values), integer(rule.get("MaxAge"), values), false,
                    published.logicalId() + ".CorsConfiguration");
        }
        return null;
    }

    /** CloudFront's lists are {@code {Items: [...]}}. */
    private static List<String> items(Object o, Resolver values) {
        return strings(map(o).get("Items"), values);
    }

    private static List<String> strings(Object o, Resolver values) {
        List<String> out = new ArrayList<>();
        for (Object x : list(o)) {
            String v = values.resolve(x);
            if (v != null && !v.isEmpty()) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private static Integer integer(Object o, Resolver values) {
        String v = o == null ? null : values.resolve(o);
        return v == null || v.isEmpty() ? null : Integer.valueOf(v);
    }

    /** The same template with only the named functions (the rest are not dispatched to). */
    public LocalTemplate only(java.util.Set<String> functionIds) {
        return new LocalTemplate(buckets, functions.stream().filter(f -> functionIds.contains(f.logicalId())).toList(),
                publicCors);
    }

    /** CORS for the public keys of the published bucket, as template.yaml gives it; empty when it gives none. */
    public Optional<CorsRule> publicCors() {
        return Optional.ofNullable(publicCors);
    }

    public Map<String, BucketSpec> buckets() {
        return buckets;
    }

    public List<FunctionSpec> functions() {
        return functions;
    }

    public List<S3Rule> rules() {
        List<S3Rule> all = new ArrayList<>();
        functions.forEach(f -> all.addAll(f.rules()));
        return all;
    }

    public Optional<FunctionSpec> function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    /**
     * The bucket playing a role (raw, lake, published): the one the functions' {@code RAW_BUCKET}
     * (…) variable names, else the bucket whose logical id contains the role.
     */
    public BucketSpec bucket(String role) {
        String var = role.toUpperCase(Locale.ROOT) + "_BUCKET";
        for (FunctionSpec f : functions) {
            String name = f.environment().get(var);
            if (name != null) {
                for (BucketSpec b : buckets.values()) {
                    if (b.name().equals(name)) {
                        return b;
                    }
                }
            }
        }
        for (BucketSpec b : buckets.values()) {
            if (b.logicalId().toLowerCase(Locale.ROOT).contains(role.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalStateException("template.yaml has no " + role + " bucket");
    }

    /** S3 rejects notification configurations whose rules overlap for the same event type. */
    void refuseOverlaps() {
        List<S3Rule> all = rules();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                S3Rule a = all.get(i);
                S3Rule b = all.get(j);
                if (overlap(a, b)) {
                    throw new OverlapException("template.yaml: S3 would refuse these notification rules on bucket "
                            + a.bucketLogicalId() + " (\"Configurations overlap. Configurations on the same bucket"
                            + " cannot share a common event type.\"): " + a.describe() + " and " + b.describe()
                            + ". Give each function its own prefix or suffix.");
                }
            }
        }
    }

    /** The rule S3 applies when it accepts a bucket's notification configuration (also held by the template tests). */
    public static boolean overlap(S3Rule a, S3Rule b) {
        if (!a.bucket().equals(b.bucket())) {
            return false;
        }
        boolean sharedType = a.events().stream().anyMatch(x -> b.events().stream().anyMatch(y -> typesOverlap(x, y)));
        boolean prefixes = a.prefix().startsWith(b.prefix()) || b.prefix().startsWith(a.prefix());
        boolean suffixes = a.suffix().endsWith(b.suffix()) || b.suffix().endsWith(a.suffix());
        return sharedType && prefixes && suffixes;
    }

    public static boolean typesOverlap(String x, String y) {
        return eventTypeMatches(x, y) || eventTypeMatches(y, x);
    }

    /** {@code s3:ObjectCreated:*} matches {@code s3:ObjectCreated:Put}; exact names match themselves. */
    static boolean eventTypeMatches(String pattern, String name) {
        if (pattern.endsWith("*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(name);
    }

    /**
     * A variable naming something the local stack does not have (an SNS topic, a CloudFront
     * distribution) is left out, so the code takes its "not configured" path instead of calling AWS.
     */
    private static void putVariable(Map<String, String> env, String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
    }

    private static S3Rule rule(String fnId, String eventId, BucketSpec bucket, Object eventsExpr, Object filter) {
        List<String> events = new ArrayList<>();
        if (eventsExpr instanceof List<?> l) {
            l.forEach(x -> events.add(String.valueOf(x)));
        } else if (eventsExpr != null) {
            events.add(String.valueOf(eventsExpr));
        }
        if (events.isEmpty()) {
            throw new IllegalStateException("template.yaml: " + fnId + "." + eventId + " names no S3 event type");
        }
        String prefix = "";
        String suffix = "";
        Map<String, Object> s3Key = map(map(filter).get("S3Key"));
        for (Object ruleObj : list(s3Key.get("Rules"))) {
            Map<String, Object> rule = map(ruleObj);
            String name = String.valueOf(rule.get("Name")).toLowerCase(Locale.ROOT);
            String value = rule.get("Value") == null ? "" : String.valueOf(rule.get("Value"));
            if (name.equals("prefix")) {
                prefix = value;
            } else if (name.equals("suffix")) {
                suffix = value;
            }
        }
        return new S3Rule(fnId, eventId, bucket.logicalId(), bucket.name(), List.copyOf(events), prefix, suffix);
    }

    private static String refTarget(Object expr) {
        if (expr instanceof Map<?, ?> m) {
            Object ref = m.get("Ref");
            if (ref != null) {
                return String.valueOf(ref);
            }
            Object att = m.get("Fn::GetAtt");
            if (att instanceof List<?> l && !l.isEmpty()) {
                return String.valueOf(l.get(0));
            }
        }
        return expr instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object o) {
        if (o instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return o == null ? List.of() : List.of(o);
    }

    /**
     * Evaluates the intrinsic functions the local stack needs, with local values: parameters take
     * their defaults (or overrides), buckets their local names, other resources placeholder ids.
     * Resolving a bucket's own name drops pseudo parameters such as {@code ${AWS::AccountId}} with
     * the separator before them, so {@code ${Name}-raw-${AWS::AccountId}} is {@code bigpicture-raw}
     * locally (short URLs; one store holds one stack).
     */
    private record Resolver(Map<String, String> parameters, Map<String, String> buckets, boolean bucketName,
                            Map<String, String> localNameByAwsName) {

        /** Marks a value built from a resource the local stack does not provide. */
        static final String ABSENT = "\u0000absent\u0000";

        Resolver(Map<String, String> parameters, Map<String, String> buckets, boolean bucketName) {
            this(parameters, buckets, bucketName, Map.of());
        }

        /** A variable's local value, or null when it names something that does not exist locally. */
        String value(Object expr) {
            String v = resolve(expr);
            if (v == null || v.contains(ABSENT)) {
                return null;
            }
            for (Map.Entry<String, String> e : localNameByAwsName.entrySet()) {
                v = v.replace(e.getKey(), e.getValue());
            }
            return v;
        }

        String resolve(Object expr) {
            if (expr == null) {
                return null;
            }
            if (!(expr instanceof Map<?, ?> m)) {
                return String.valueOf(expr);
            }
            if (m.containsKey("Ref")) {
                return ref(String.valueOf(m.get("Ref")));
            }
            if (m.containsKey("Fn::Sub")) {
                Object sub = m.get("Fn::Sub");
                Map<String, Object> vars = Map.of();
                String text;
                if (sub instanceof List<?> l) {
                    text = String.valueOf(l.get(0));
                    vars = l.size() > 1 ? map(l.get(1)) : Map.of();
                } else {
                    text = String.valueOf(sub);
                }
                return substitute(text, vars);
            }
            if (m.containsKey("Fn::GetAtt")) {
                List<Object> att = list(m.get("Fn::GetAtt"));
                return getAtt(String.valueOf(att.get(0)), att.size() > 1 ? String.valueOf(att.get(1)) : "");
            }
            if (m.containsKey("Fn::Join")) {
                List<Object> args = list(m.get("Fn::Join"));
                List<String> parts = new ArrayList<>();
                for (Object part : list(args.get(1))) {
                    parts.add(resolve(part));
                }
                return String.join(String.valueOf(args.get(0)), parts);
            }
            if (m.containsKey("Fn::ImportValue")) {
                return ABSENT + "import";
            }
            // Conditions and the rest do not decide anything the local stack needs.
            return "";
        }

        private String substitute(String text, Map<String, Object> vars) {
            if (bucketName) {
                // "${Name}-raw-${AWS::AccountId}-${AWS::Region}" → "${Name}-raw"
                text = text.replaceAll("[-.]?\\$\\{AWS::[A-Za-z]+}", "");
            }
            Matcher mt = SUB_VAR.matcher(text);
            StringBuilder out = new StringBuilder();
            while (mt.find()) {
                String var = mt.group(1);
                String value;
                if (var.startsWith("!")) {
                    value = "${" + var.substring(1) + "}";
                } else if (vars.containsKey(var)) {
                    value = resolve(vars.get(var));
                } else if (var.contains(".") && !var.startsWith("AWS::")) {
                    String[] p = var.split("\\.", 2);
                    value = getAtt(p[0], p[1]);
                } else {
                    value = ref(var);
                }
                mt.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            mt.appendTail(out);
            return out.toString();
        }

        private String ref(String name) {
            switch (name) {
                case "AWS::Region":
                    return S3Events.REGION;
                case "AWS::AccountId":
                    return LOCAL_ACCOUNT;
                case "AWS::Partition":
                    return "aws";
                case "AWS::URLSuffix":
                    return "amazonaws.com";
                case "AWS::StackName":
                    return "bigpicture-local";
                case "AWS::NoValue":
                    return "";
                default:
                    break;
            }
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            if (buckets.containsKey(name)) {
                return buckets.get(name);
            }
            return ABSENT + name;
        }

        private String getAtt(String resource, String attribute) {
            String bucket = buckets.get(resource);
            if (bucket != null) {
                return switch (attribute) {
                    case "Arn" -> "arn:aws:s3:::" + bucket;
                    case "DomainName", "RegionalDomainName" -> bucket + ".s3.amazonaws.com";
                    default -> bucket;
                };
            }
            return ABSENT + resource + "." + attribute;
        }
    }
}
