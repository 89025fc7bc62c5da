package org.bigpicture.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The little of S3 that the core needs. Implemented over the AWS SDK ({@link S3ObjectStore}) for
 * Lambda and the local stack, and over a directory ({@link FileObjectStore}) for previews and
 * unit tests. Failures of the store itself are thrown as {@link IOException} or unchecked SDK
 * exceptions so that Lambda retries; nothing here swallows an error.
 */
public interface ObjectStore {

    /** Metadata of an object, or empty when it does not exist. */
    Optional<ObjectInfo> head(String bucket, String key) throws IOException;

    /** Opens an object for streaming. Throws {@link java.nio.file.NoSuchFileException} when absent. */
    InputStream open(String bucket, String key) throws IOException;

    /** Reads a small object whole. Throws {@link java.nio.file.NoSuchFileException} when absent. */
    default byte[] readAllBytes(String bucket, String key) throws IOException {
        try (InputStream in = open(bucket, key)) {
            return in.readAllBytes();
        }
    }

    /** Copies an object to a local file (streamed, never held in memory). */
    void download(String bucket, String key, Path target) throws IOException;

    /** Writes (or replaces) an object from a local file. */
    void put(String bucket, String key, Path file, PutOptions options) throws IOException;

    /**
     * Writes (or replaces) an object from a local scratch file that the caller gives up: when this
     * returns, the file is gone (a store on the same file system may simply rename it into place,
     * so it must not be linked to anything the caller still needs). What readers see is as for
     * {@link #put(String, String, Path, PutOptions)}: the whole object or the previous one.
     * This default puts, then deletes the file.
     */
    default void putMoving(String bucket, String key, Path file, PutOptions options) throws IOException {
        put(bucket, key, file, options);
        Files.deleteIfExists(file);
    }

    /** Writes (or replaces) an object from bytes. */
    void put(String bucket, String key, byte[] bytes, PutOptions options) throws IOException;

    /**
     * Writes only when no object exists under the key (S3's {@code If-None-Match: *}).
     * @return false when the key already held an object (nothing written)
     */
    boolean putIfAbsent(String bucket, String key, byte[] bytes, PutOptions options) throws IOException;

    /** Every object under a prefix, sorted by key. */
    List<ObjectInfo> list(String bucket, String prefix) throws IOException;

    /**
     * The keys of every object under a prefix, sorted: for callers that need no sizes or ETags
     * (a {@link FileObjectStore} computes no MD5 for them). This default takes them from {@link #list}.
     */
    default List<String> listKeys(String bucket, String prefix) throws IOException {
        List<ObjectInfo> objects = list(bucket, prefix);
        List<String> keys = new ArrayList<>(objects.size());
        for (ObjectInfo o : objects) {
            keys.add(o.key());
        }
        return keys;
    }

    /** Removes an object; removing an absent key is not an error. */
    void delete(String bucket, String key) throws IOException;

    /**
     * Every version and delete marker under a prefix (S3's ListObjectVersions), sorted by key. In a
     * versioned bucket a plain {@link #delete} only hides an object behind a delete marker; this is
     * what lets a caller remove an object for good. This default, for stores that keep no versions,
     * answers one current version per object, with a null id.
     */
    default List<ObjectVersion> listVersions(String bucket, String prefix) throws IOException {
        List<ObjectVersion> out = new ArrayList<>();
        for (String key : listKeys(bucket, prefix)) {
            out.add(new ObjectVersion(key, null, false, true));
        }
        return out;
    }

    /**
     * Removes one version (or delete marker) for good, bypassing governance-mode Object Lock
     * retention: the request carries {@code x-amz-bypass-governance-retention}, so it succeeds only
     * for a role granted {@code s3:DeleteObjectVersion} and {@code s3:BypassGovernanceRetention}
     * (in template.yaml: the publish role, on {@code bundles/*} only, for withdrawals). A null
     * {@code versionId} (a store without versions) removes the object itself.
     */
    default void deleteVersion(String bucket, String key, String versionId) throws IOException {
        if (versionId != null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no versions: cannot delete "
                    + bucket + "/" + key + " version " + versionId);
        }
        delete(bucket, key);
    }

    /** Server-side copy. */
    void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey, PutOptions options)
            throws IOException;
}
