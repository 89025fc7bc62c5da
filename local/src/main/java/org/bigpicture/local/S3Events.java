package org.bigpicture.local;

import org.bigpicture.core.util.JsonMappers;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Turns an {@link ObjectEvent} into the notification S3 sends: the aws-lambda-java-events model for
 * handlers, and the same record as JSON (for the on-failure list and for people to read).
 */
public final class S3Events {

    static final String REGION = "eu-west-2";
    static final String PRINCIPAL = "AWS:LOCALBIGPICTURE";
    private static final ObjectMapper JSON = JsonMappers.PLAIN;

    private S3Events() {
    }

    /**
     * The key as S3 writes it in a notification: URL-encoded with {@code +} for a space, slashes
     * kept. Handlers decode it with {@code getUrlDecodedKey()}.
     */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /** One record, as S3 delivers one record per Lambda invocation. */
    public static S3Event toS3Event(ObjectEvent e, String configurationId) {
        S3ObjectEntity object = new S3ObjectEntity(encodeKey(e.key()), e.isCreated() ? Long.valueOf(e.size()) : null,
                e.etag(), e.versionId(), e.sequencer());
        S3BucketEntity bucket = new S3BucketEntity(e.bucket(), new UserIdentityEntity(PRINCIPAL),
                "arn:aws:s3:::" + e.bucket());
        S3Entity s3 = new S3Entity(configurationId, bucket, object, "1.0");
        S3EventNotificationRecord record = new S3EventNotificationRecord(REGION, e.eventName(), "aws:s3",
                eventTime(e), "2.1", new RequestParametersEntity("127.0.0.1"),
                new ResponseElementsEntity("local", e.sequencer()), s3, new UserIdentityEntity(PRINCIPAL));
        return new S3Event(List.of(record));
    }

    /** The same notification as S3's JSON document ({@code {"Records": [...]}}). */
    public static ObjectNode toJson(ObjectEvent e, String configurationId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        ObjectNode r = records.addObject();
        r.put("eventVersion", "2.1");
        r.put("eventSource", "aws:s3");
        r.put("awsRegion", REGION);
        r.put("eventTime", eventTime(e));
        r.put("eventName", e.eventName());
        r.putObject("userIdentity").put("principalId", PRINCIPAL);
        r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = r.putObject("responseElements");
        response.put("x-amz-request-id", e.sequencer());
        response.put("x-amz-id-2", "local");
        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", e.bucket());
        bucket.putObject("ownerIdentity").put("principalId", PRINCIPAL);
        bucket.put("arn", "arn:aws:s3:::" + e.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(e.key()));
        if (e.isCreated()) {
            object.put("size", e.size());
            object.put("eTag", e.etag());
        }
        object.put("versionId", e.versionId());
        object.put("sequencer", e.sequencer());
        return root;
    }

    /** Millisecond precision with a Z, as S3 writes it ({@code 2026-11-26T10:25:00.123Z}). */
    static String eventTime(ObjectEvent e) {
        return DateTimeFormatter.ISO_INSTANT.format(e.eventTime().truncatedTo(ChronoUnit.MILLIS))
                .replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }
}
