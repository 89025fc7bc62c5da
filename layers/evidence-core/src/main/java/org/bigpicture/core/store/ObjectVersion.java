package org.bigpicture.core.store;

/**
 * One version of an object, or one delete marker, as S3's ListObjectVersions reports it.
 *
 * @param versionId    the version id ({@code "null"} for an object written before versioning was
 *                     enabled), or null where the store keeps no versions
 * @param deleteMarker true for a delete marker (what a plain delete leaves in a versioned bucket)
 * @param latest       true for the key's current version or marker
 */
public record ObjectVersion(String key, String versionId, boolean deleteMarker, boolean latest) {
}
