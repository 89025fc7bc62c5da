package org.bigpicture.core.lake;

/**
 * The raw object a record is about: where it was, which version, and its bytes' identity. Part of
 * {@code provenance.json}, the ingest report and the quarantine and held records (schema
 * {@code source-object} in each record's JSON Schema).
 *
 * @param bucket    the raw bucket
 * @param key       the raw object key, decoded
 * @param versionId the S3 version id, or null where the bucket has none
 * @param etag      the ETag without quotes, or null
 * @param sequencer the S3 event sequencer, or null
 * @param sha256    sha256 of the object's bytes, lower-case hex
 * @param bytes     its size
 */
public record SourceObject(String bucket, String key, String versionId, String etag, String sequencer, String sha256,
                           Long bytes) {

    Object toJson() {
        return Tree.obj()
                .with("bucket", bucket)
                .with("key", key)
                .with("version_id", versionId)
                .with("etag", etag)
                .with("sequencer", sequencer)
                .with("sha256", sha256)
                .with("bytes", bytes);
    }

    static SourceObject fromJson(Object node) {
        if (node == null) {
            return null;
        }
        return new SourceObject(Tree.text(node, "bucket"), Tree.text(node, "key"), Tree.text(node, "version_id"),
                Tree.text(node, "etag"), Tree.text(node, "sequencer"), Tree.text(node, "sha256"),
                Tree.number(node, "bytes"));
    }
}
