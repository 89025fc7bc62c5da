package org.bigpicture.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;

/** A store decorator that records every write and can fail a chosen one, as a crash would. */
final class RecordingStore implements ObjectStore {

    private final ObjectStore delegate;
    final List<String> writes = new ArrayList<>();
    private Predicate<String> failOn = k -> false;

    RecordingStore(ObjectStore delegate) {
        this.delegate = delegate;
    }

    /** The next write to a key matching the predicate throws, like a process dying mid-run. */
    void crashOnWriteTo(Predicate<String> keys) {
        this.failOn = keys;
    }

    private void record(String bucket, String key) throws IOException {
        if (failOn.test(key)) {
            failOn = k -> false;
            throw new IOException("injected crash before writing " + key);
        }
        writes.add(bucket + "/" + key);
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
        record(bucket, key);
        delegate.put(bucket, key, file, options);
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, PutOptions options) throws IOException {
        record(bucket, key);
        delegate.put(bucket, key, bytes, options);
    }

    @Override
    public boolean putIfAbsent(String bucket, String key, byte[] bytes, PutOptions options) throws IOException {
        record(bucket, key);
        return delegate.putIfAbsent(bucket, key, bytes, options);
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) throws IOException {
        return delegate.list(bucket, prefix);
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        if (delegate.head(bucket, key).isPresent()) {
            writes.add("DELETE " + bucket + "/" + key);
        }
        delegate.delete(bucket, key);
    }

    @Override
    public void copy(String sb, String sk, String tb, String tk, PutOptions options) throws IOException {
        record(tb, tk);
        delegate.copy(sb, sk, tb, tk, options);
    }
}
