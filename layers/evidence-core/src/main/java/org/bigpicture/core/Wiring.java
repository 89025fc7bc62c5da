package org.bigpicture.core;

import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.store.SsmParameterReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.convert.ConfigValidator;
import org.bigpicture.core.headlines.HeadlineEngine;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.CloudFrontEdgeCache;
import org.bigpicture.core.publish.EdgeCache;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.SnsNotifier;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.S3ObjectStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * How the core is put together at run time, from the environment template.yaml sets (or the local
 * stack passes): one S3 client built once (URLConnection HTTP client, explicit region, endpoint
 * override with path-style addressing when {@code AWS_ENDPOINT_URL} is set), the three buckets, the
 * upload notifier (SNS when {@code UPLOAD_TOPIC_ARN} is set), the survey pseudonymisation secret
 * ({@code PSEUDONYM_KEY_FILE}, else the SSM parameter {@code PSEUDONYM_KEY_PARAMETER}), the
 * partners' base URL ({@code BASE_URL}), the CloudFront distribution withdrawals purge
 * ({@code DISTRIBUTION_ID}), and a Europe/London clock. It builds each function's core: {@link #ingest()},
 * {@link #headlineEngine()}, {@link #publisher()}.
 *
 * <p>Handlers build it in their constructor, never in a static initialiser: SnapStart snapshots
 * statics, and tests and the local stack build their own.
 */
public final class Wiring {

    /** Every date the hub names (editions, periods "as of") is a UK date. */
    public static ZoneId london() {
        return London.ZONE;
    }

    /**
     * The system clock in the UK's time zone. The zone's rules (the time-zone database) are
     * read only when a date is asked for: ingest needs instants only, and reading the database
     * cost its cold start ~10 ms (issue 6).
     */
    public static Clock ukClock() {
        return new UkClock();
    }

    /** Where the council's data lives when nothing says otherwise (London). */
    static final String DEFAULT_REGION = "eu-west-2";

    private final ObjectStore store;
    private final Buckets buckets;
    private final Notifier notifier;
    private final Supplier<byte[]> pseudonymKey;
    private final Clock clock;
    private final Path scratch;
    private final String baseUrl;
    private final EdgeCache edge;

    /**
     * @param pseudonymKey the survey secret, read when first needed
     * @param scratch      local folder for downloads and conversions ({@code /tmp} in Lambda)
     * @param baseUrl      the root partners fetch {@code bundles/} under, or null where nothing is published
     */
    public Wiring(ObjectStore store, Buckets buckets, Notifier notifier, Supplier<byte[]> pseudonymKey, Clock clock,
                  Path scratch, String baseUrl) {
        this(store, buckets, notifier, pseudonymKey, clock, scratch, baseUrl, EdgeCache.NONE);
    }

    /** As the other constructor, with the edge cache a withdrawal purges (CloudFront in AWS). */
    public Wiring(ObjectStore store, Buckets buckets, Notifier notifier, Supplier<byte[]> pseudonymKey, Clock clock,
                  Path scratch, String baseUrl, EdgeCache edge) {
        this.store = store;
        this.buckets = buckets;
        this.notifier = notifier;
        this.pseudonymKey = pseudonymKey;
        this.clock = clock;
        this.scratch = scratch;
        this.baseUrl = baseUrl;
        this.edge = edge;
    }

    /** The Lambda runtime's wiring: the process environment and the SDK's default credentials chain. */
    public static Wiring fromEnvironment() {
        return forLambda(System.getenv());
    }

    /**
     * The Lambda runtime's wiring from the given variables (the handlers' runtime constructors pass
     * the process environment; tests pass their own): credentials always from the SDK's default
     * chain, as in Lambda.
     */
    public static Wiring forLambda(Map<String, String> env) {
        return fromEnvironment(env, false);
    }

    /**
     * Wiring from the given variables (the local stack passes its own). Credentials are
     * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (+ {@code AWS_SESSION_TOKEN}) from the
     * map when both are present, else the SDK's default chain.
     */
    public static Wiring fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, true);
    }

    private static Wiring fromEnvironment(Map<String, String> env, boolean credentialsFromMap) {
        Clients clients = new Clients(env, credentialsFromMap);
        S3Client s3 = clients.configure(S3Client.builder(), "S3").forcePathStyle(clients.endpoint("S3") != null).build();
        String topic = blankToNull(env.get("UPLOAD_TOPIC_ARN"));
        Notifier notifier = topic == null ? Notifier.NONE
                : new SnsNotifier(clients.configure(SnsClient.builder(), "SNS").build(), topic);
        Clock clock = ukClock();
        // DISTRIBUTION_ID: the CloudFront distribution in front of the published bucket (publish only),
        // purged when an edition is withdrawn; without one there is no edge to purge.
        String distribution = blankToNull(env.get("DISTRIBUTION_ID"));
        EdgeCache edge = distribution == null ? EdgeCache.NONE : CloudFrontEdgeCache.create(distribution, clock);
        return new Wiring(new S3ObjectStore(s3), Buckets.fromEnvironment(env), notifier, pseudonymKeySource(env, clients),
                clock, Path.of(System.getProperty("java.io.tmpdir")), blankToNull(env.get("BASE_URL")), edge);
    }

    static PseudonymKeySource pseudonymKeySource(Map<String, String> env, Clients clients) {
        String file = blankToNull(env.get("PSEUDONYM_KEY_FILE"));
        if (file != null) {
            return PseudonymKeySource.file(Path.of(file));
        }
        String parameter = blankToNull(env.get("PSEUDONYM_KEY_PARAMETER"));
        if (parameter != null) {
            return PseudonymKeySource.ssmParameter(parameter, () -> new SsmParameterReader(UrlConnectionHttpClient.create(),
                    clients.credentials, clients.region, clients.endpoint("SSM")));
        }
        return PseudonymKeySource.missing();
    }

    /**
     * The core ingest over this wiring, with the standard formats and every registered configuration
     * validator (found when the first configuration file arrives: loading and building them is no
     * part of a data upload's cold start).
     */
    public Ingest ingest() {
        Limits limits = Limits.defaults();
        return new Ingest(store, buckets, Recognizer.standard(limits), new RegisteredValidators(), notifier, clock,
                pseudonymKey, scratch);
    }

    /** The headline engine over this wiring's lake (the headlines function). */
    public HeadlineEngine headlineEngine() {
        return new HeadlineEngine(store, buckets.lake(), clock);
    }

    /**
     * The bundle publisher over this wiring (the publish function): editions under the base URL,
     * work files in scratch, withdrawals purged from the edge cache. Refuses to build without a base
     * URL, from which every edition's URLs are made.
     */
    public BundlePublisher publisher() {
        if (baseUrl == null) {
            throw new IllegalStateException("environment variable BASE_URL is not set: edition URLs are built from it");
        }
        return new BundlePublisher(store, buckets, baseUrl, clock, scratch, edge);
    }

    /** The edge cache a withdrawal purges ({@link EdgeCache#NONE} without {@code DISTRIBUTION_ID}). */
    public EdgeCache edgeCache() {
        return edge;
    }

    /** {@link #configValidators()}, asked when needed (a class, not a lambda: no bootstrap on the cold path). */
    private static final class RegisteredValidators implements Supplier<List<ConfigValidator>> {
        @Override
        public List<ConfigValidator> get() {
            return configValidators();
        }
    }

    /**
     * The validators of configuration uploads ({@code config/headlines.yaml}, {@code themes.yaml}…),
     * found through {@link ServiceLoader}: a module registers its validator in
     * {@code META-INF/services/org.bigpicture.core.convert.ConfigValidator}. Sorted by file name.
     */
    public static List<ConfigValidator> configValidators() {
        List<ConfigValidator> out = new ArrayList<>();
        ServiceLoader.load(ConfigValidator.class, Wiring.class.getClassLoader()).forEach(out::add);
        out.sort(Comparator.comparing(ConfigValidator::name));
        return List.copyOf(out);
    }

    public ObjectStore store() {
        return store;
    }

    public Buckets buckets() {
        return buckets;
    }

    public Notifier notifier() {
        return notifier;
    }

    public Supplier<byte[]> pseudonymKey() {
        return pseudonymKey;
    }

    public Clock clock() {
        return clock;
    }

    public Path scratch() {
        return scratch;
    }

    /** The partners' base URL ({@code BASE_URL}), or null. */
    public String baseUrl() {
        return baseUrl;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Settings shared by every SDK client: HTTP client, region, endpoint, credentials. */
    static final class Clients {
        private final Map<String, String> env;
        private final Region region;
        private final AwsCredentialsProvider credentials;

        Clients(Map<String, String> env, boolean credentialsFromMap) {
            this.env = env;
            String r = blankToNull(env.get("AWS_REGION"));
            if (r == null) {
                r = blankToNull(env.get("AWS_DEFAULT_REGION"));
            }
            this.region = Region.of(r == null ? DEFAULT_REGION : r);
            String id = blankToNull(env.get("AWS_ACCESS_KEY_ID"));
            String secret = blankToNull(env.get("AWS_SECRET_ACCESS_KEY"));
            String token = blankToNull(env.get("AWS_SESSION_TOKEN"));
            if (credentialsFromMap && id != null && secret != null) {
                this.credentials = StaticCredentialsProvider.create(token == null
                        ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token));
            } else {
                this.credentials = DefaultCredentialsProvider.builder().build();
            }
        }

        /** {@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL}, else null (the AWS endpoint). */
        String endpoint(String service) {
            String specific = blankToNull(env.get("AWS_ENDPOINT_URL_" + service));
            return specific != null ? specific : blankToNull(env.get("AWS_ENDPOINT_URL"));
        }

        <B extends AwsSyncClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>>
                B configure(B builder, String service) {
            builder.httpClient(UrlConnectionHttpClient.create());
            builder.region(region).credentialsProvider(credentials);
            String endpoint = endpoint(service);
            if (endpoint != null) {
                builder.endpointOverride(URI.create(endpoint));
            }
            return builder;
        }
    }

    /** The zone, read from the time-zone database by the JVM's class initialisation on first use. */
    private static final class London {
        static final ZoneId ZONE = ZoneId.of("Europe/London");
    }

    /** {@link Clock#systemUTC()}'s instants with the London zone looked up when first needed. */
    private static final class UkClock extends Clock {

        @Override
        public ZoneId getZone() {
            return London.ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.system(zone);
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.now();
        }

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof UkClock;
        }

        @Override
        public int hashCode() {
            return UkClock.class.hashCode();
        }

        @Override
        public String toString() {
            return "UkClock[Europe/London]";
        }
    }
}
