package org.bigpicture.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bigpicture.local.LocalStack;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A stand-in for the ingest handler: copies each raw object to the lake under {@code copies/} and
 * writes what the event said under {@code events/}; a removal deletes the copy. Keys containing
 * {@code fail-always} fail every time; {@code fail-once} fails on the first attempt only.
 */
public final class CopyHandler {

    public static final AtomicInteger INVOCATIONS = new AtomicInteger();
    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final Map<String, String> env;

    public CopyHandler(Map<String, String> env) {
        this.env = env;
        this.s3 = LocalStack.client(URI.create(env.get("AWS_ENDPOINT_URL")));
    }

    public String handleRequest(S3Event event, Context context) throws Exception {
        INVOCATIONS.incrementAndGet();
        if (event.getRecords().size() != 1) {
            throw new IllegalStateException("S3 sends one record per invocation");
        }
        S3EventNotificationRecord r = event.getRecords().get(0);
        String bucket = r.getS3().getBucket().getName();
        String key = r.getS3().getObject().getUrlDecodedKey();
        if (key.contains("fail-always")) {
            throw new IllegalStateException("told to fail: " + key);
        }
        if (key.contains("fail-once") && FAILED_ONCE.add(key + "@" + r.getS3().getObject().getSequencer())) {
            throw new IllegalStateException("told to fail once: " + key);
        }
        String lake = env.get("LAKE_BUCKET");
        ObjectNode record = JSON.createObjectNode();
        record.put("eventName", r.getEventName());
        record.put("bucket", bucket);
        record.put("key", key);
        record.put("encodedKey", r.getS3().getObject().getKey());
        record.put("versionId", r.getS3().getObject().getVersionId());
        record.put("sequencer", r.getS3().getObject().getSequencer());
        record.put("size", r.getS3().getObject().getSizeAsLong());
        record.put("eTag", r.getS3().getObject().geteTag());
        record.put("eventTime", r.getEventTime().toString());
        record.put("configurationId", r.getS3().getConfigurationId());
        record.put("marker", env.get("MARKER"));
        record.put("topic", env.get("TOPIC_ARN"));
        record.put("function", context.getFunctionName());
        if (r.getEventName().startsWith("ObjectCreated:")) {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            s3.putObject(b -> b.bucket(lake).key("copies/" + key), RequestBody.fromBytes(bytes));
        } else {
            s3.deleteObject(b -> b.bucket(lake).key("copies/" + key));
        }
        s3.putObject(b -> b.bucket(lake).key("events/" + key + ".json").contentType("application/json"),
                RequestBody.fromBytes(JSON.writeValueAsBytes(record)));
        return "ok " + key;
    }
}
