package org.bigpicture.core.publish;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.ObjectVersion;
import org.bigpicture.core.store.PutOptions;

/**
 * An in-memory store that keeps versions as a versioned S3 bucket with Object Lock does: every
 * write adds a version, a plain delete adds a delete marker (the bytes stay), and only
 * {@link #deleteVersion} (which in S3 needs the governance bypass) removes a version for good.
 */
final class VersionedMemoryStore implements ObjectStore {

    /** One version or delete marker of a key. */
    record Version(String id, byte[] bytes, PutOptions options, boolean deleteMarker) {
    }

    /** bucket/key → versions, oldest first. */
    private final Map<String, List<Version>> objects = new TreeMap<>();
    private long nextId = 1;
    int bypassingDeletes;

    private synchronized String newId() {
        return "v" + nextId++;
    }

    private static String path(String bucket, String key) {
        return bucket + "/" + key;
    }

    private synchronized Optional<Version> current(String bucket, String key) {
        List<Version> versions = objects.get(path(bucket, key));
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        Version v = versions.get(versions.size() - 1);
        return v.deleteMarker() ? Optional.empty() : Optional.of(v);
    }

    private synchronized void add(String bucket, String key, Version v) {
        objects.computeIfAbsent(path(bucket, key), k -> new ArrayList<>()).add(v);
    }

    /** Every version's bytes in a bucket (markers have none), for tests that look for left-overs. */
    synchronized List<byte[]> allVersionBytes(String bucket) {
        List<byte[]> out = new ArrayList<>();
        objects.forEach((p, versions) -> {
            if (p.startsWith(bucket + "/")) {
                versions.stream().filter(v -> !v.deleteMarker()).forEach(v -> out.add(v.bytes()));
            }
        });
        return out;
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
        return current(bucket, key).map(v -> new ObjectInfo(key, v.bytes().length, md5(v.bytes()), Instant.EPOCH, v.id()));
    }

    @Override
    public InputStream open(String bucket, String key) throws IOException {
        return new ByteArrayInputStream(current(bucket, key)
                .orElseThrow(() -> new NoSuchFileException(path(bucket, key))).bytes());
    }

    @Override
    public void download(String bucket, String key, Path target) throws IOException {
        Files.write(target, readAllBytes(bucket, key));
    }

    @Override
    public void put(String bucket, String key, Path file, PutOptions options) throws IOException {
        put(bucket, key, Files.readAllBytes(file), options);
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, PutOptions options) {
        add(bucket, key, new Version(newId(), bytes.clone(), options, false));
    }

    @Override
    public synchronized boolean putIfAbsent(String bucket, String key, byte[] bytes, PutOptions options) {
        if (current(bucket, key).isPresent()) {
            return false;
        }
        put(bucket, key, bytes, options);
        return true;
    }

    @Override
    public synchronized List<ObjectInfo> list(String bucket, String prefix) {
        List<ObjectInfo> out = new ArrayList<>();
        for (String p : objects.keySet()) {
            if (p.startsWith(path(bucket, prefix))) {
                String key = p.substring(bucket.length() + 1);
                head(bucket, key).ifPresent(out::add);
            }
        }
        return out;
    }

    @Override
    public void delete(String bucket, String key) {
        // As in a versioned bucket: a marker hides the object, every version stays.
        add(bucket, key, new Version(newId(), null, null, true));
    }

    @Override
    public synchronized List<ObjectVersion> listVersions(String bucket, String prefix) {
        List<ObjectVersion> out = new ArrayList<>();
        objects.forEach((p, versions) -> {
            if (p.startsWith(path(bucket, prefix))) {
                String key = p.substring(bucket.length() + 1);
                for (int i = versions.size() - 1; i >= 0; i--) {
                    Version v = versions.get(i);
                    out.add(new ObjectVersion(key, v.id(), v.deleteMarker(), i == versions.size() - 1));
                }
            }
        });
        return out;
    }

    @Override
    public synchronized void deleteVersion(String bucket, String key, String versionId) throws IOException {
        List<Version> versions = objects.get(path(bucket, key));
        if (versions == null || !versions.removeIf(v -> v.id().equals(versionId))) {
            throw new NoSuchFileException(path(bucket, key) + " version " + versionId);
        }
        if (versions.isEmpty()) {
            objects.remove(path(bucket, key));
        }
        bypassingDeletes++;
    }

    @Override
    public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey, PutOptions options)
            throws IOException {
        Version source = current(sourceBucket, sourceKey)
                .orElseThrow(() -> new NoSuchFileException(path(sourceBucket, sourceKey)));
        put(targetBucket, targetKey, source.bytes(), options != null ? options : source.options());
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
