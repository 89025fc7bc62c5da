package org.bigpicture.local;

import java.time.Instant;

/**
 * One successful write or removal seen by the local store, with the version and sequencer the
 * local stack assigned to it (the filesystem store keeps no versions of its own).
 *
 * @param eventName S3's name without the {@code s3:} prefix, e.g. {@code ObjectCreated:Put}
 * @param etag      the ETag without quotes; null for removals
 * @param sequencer fixed-width upper-case hex: for one key, a greater sequencer is a later event
 */
public record ObjectEvent(String bucket, String key, String eventName, long size, String etag,
                          String versionId, String sequencer, Instant eventTime) {

    public boolean isCreated() {
        return eventName.startsWith("ObjectCreated:");
    }

    public boolean isRemoved() {
        return eventName.startsWith("ObjectRemoved:");
    }
}
