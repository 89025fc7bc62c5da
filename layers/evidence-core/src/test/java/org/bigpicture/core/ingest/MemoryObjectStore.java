package org.bigpicture.core.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.PutOptions;

/**
 * An in-memory store that, like S3, accepts any key up to 1,024 bytes, including {@code ../}
 * segments that the local S3 server and file store refuse: so the core can be tested with them.
 */
final class MemoryObjectStore implements ObjectStore {

    private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

    private static String id(String bucket, String key) {
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
            throw new IllegalArgumentException("S3 keys are at most 1,024 bytes: " + key.length());
        }
        return bucket + "\u0000" + key;
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
        byte[] b = objects.get(id(bucket, key));
        return b == null ? Optional.empty()
                : Optional.of(new ObjectInfo(key, b.length, Integer.toHexString(java.util.Arrays.hashCode(b)),
                        Instant.EPOCH, null));
    }

    @Override
    public InputStream open(String bucket, String key) throws IOException {
        byte[] b = objects.get(id(bucket, key));
        if (b == null) {
            throw new NoSuchFileException(bucket + "/" + key);
        }
        return new ByteArrayInputStream(b);
    }

    @Override
    public void download(String bucket, String key, Path target) throws IOException {
        try (InputStream in = open(bucket, key)) {
            Files.write(target, in.readAllBytes());
        }
    }

    @Override
    public void put(String bucket, String key, Path file, PutOptions options) throws IOException {
        objects.put(id(bucket, key), Files.readAllBytes(file));
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, PutOptions options) {
        objects.put(id(bucket, key), bytes.clone());
    }

    @Override
    public boolean putIfAbsent(String bucket, String key, byte[] bytes, PutOptions options) {
        return objects.putIfAbsent(id(bucket, key), bytes.clone()) == null;
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
        List<ObjectInfo> out = new ArrayList<>();
        for (String k : objects.keySet()) {
            int sep = k.indexOf('\u0000');
            if (k.substring(0, sep).equals(bucket) && k.substring(sep + 1).startsWith(prefix)) {
                out.add(head(bucket, k.substring(sep + 1)).orElseThrow());
            }
        }
        return out;
    }

    @Override
    public void delete(String bucket, String key) {
        objects.remove(id(bucket, key));
    }

    @Override
    public void copy(String sb, String sk, String tb, String tk, PutOptions options) throws IOException {
        byte[] b = objects.get(id(sb, sk));
        if (b == null) {
            throw new NoSuchFileException(sb + "/" + sk);
        }
        objects.put(id(tb, tk), b);
    }
}
