package org.bigpicture.core.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;

/** A store that remembers the headers of every write and the order of writes (FileObjectStore keeps no headers). */
final class RecordingStore implements ObjectStore {

    final ObjectStore delegate;
    final Map<String, PutOptions> headers = new ConcurrentHashMap<>();
    final List<String> writes = new ArrayList<>();
    /** "source → target" of every server-side copy. */
    final List<String> copies = new ArrayList<>();
    /** Simulates a conditional write that succeeded but whose answer was lost (the SDK's retry then gets 412). */
    volatile boolean loseConditionalAnswers;

    RecordingStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    private synchronized void record(String bucket, String key, PutOptions options) {
        headers.put(bucket + "/" + key, options);
        writes.add(bucket + "/" + key);
    }

    synchronized List<String> writesTo(String bucket) {
        return writes.stream().filter(w -> w.startsWith(bucket + "/")).map(w -> w.substring(bucket.length() + 1))
                .toList();
    }

    synchronized void clear() {
        writes.clear();
        copies.clear();
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) throws IOException {
        return delegate.head(bucket, key);
    }

    @Override
    public InputStream open(String bucket, String key) throws IOException {
        return delegate.open(bucket, key);
    }

    @Override
    public void download(String bucket, String key, Path target) throws IOException {
        delegate.download(bucket, key, target);
    }

    @Override
    public void put(String bucket, String key, Path file, PutOptions options) throws IOException {
        delegate.put(bucket, key, file, options);
        record(bucket, key, options);
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, PutOptions options) throws IOException {
        delegate.put(bucket, key, bytes, options);
        record(bucket, key, options);
    }

    @Override
    public boolean putIfAbsent(String bucket, String key, byte[] bytes, PutOptions options) throws IOException {
        boolean written = delegate.putIfAbsent(bucket, key, bytes, options);
        if (written) {
            record(bucket, key, options);
        }
        return written && !loseConditionalAnswers;
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) throws IOException {
        return delegate.list(bucket, prefix);
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        delegate.delete(bucket, key);
        synchronized (this) {
            writes.add(bucket + "/" + key + " (deleted)");
        }
    }

    @Override
    public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey, PutOptions options)
            throws IOException {
        delegate.copy(sourceBucket, sourceKey, targetBucket, targetKey, options);
        record(targetBucket, targetKey, options);
        synchronized (this) {
            copies.add(sourceKey + " → " + targetKey);
        }
    }

    static List<String> keysOf(List<ObjectInfo> infos) {
        List<String> out = new ArrayList<>();
        infos.forEach(i -> out.add(i.key()));
        return out;
    }
}
