package org.bigpicture.core.store;

import java.time.Instant;

/**
 * What a store says of one object.
 *
 * @param versionId S3 version id, or null where the store keeps no versions
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified, String versionId) {
}
