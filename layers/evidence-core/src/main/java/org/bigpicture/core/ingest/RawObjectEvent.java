package org.bigpicture.core.ingest;

import java.time.Instant;

/**
 * One S3 notification about a raw object, already decoded (the key is URL-decoded, the size a long).
 *
 * @param versionId S3 version id, or null where the bucket keeps none
 * @param etag      the object's ETag without quotes, or null (deletes carry none)
 * @param sequencer S3's hex sequencer: for one key, a greater sequencer is a later event
 */
public record RawObjectEvent(String bucket, String key, String versionId, String etag, long size,
                             String sequencer, Instant eventTime) {
}
