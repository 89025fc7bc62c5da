package org.bigpicture.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@link ObjectStore} over a directory: {@code <root>/<bucket>/<key>}. Used by {@code bigpicture
 * ingest --out} (core only, no S3) and by unit tests. Headers are not kept. Keys that would leave
 * the bucket's folder ({@code ..}, absolute paths) are refused.
 */
public final class FileObjectStore implements ObjectStore {

    private final Path root;
    /**
     * ETags (MD5s) already computed, by file identity, size and modification time: listings repeat
     * over the same large files (publish lists an edition and latest/ several times), and S3 would
     * answer them without reading anything.
     */
    private final Map<Object, String> md5s = new ConcurrentHashMap<>();

    public FileObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The file that holds an object; refuses keys that escape the bucket folder. */
    public Path pathOf(String bucket, String key) {
        Path bucketDir = root.resolve(bucket).normalize();
        Path p = bucketDir.resolve(key).normalize();
        if (!p.startsWith(bucketDir) || p.equals(bucketDir) || key.startsWith("/")) {
            throw new IllegalArgumentException("key leaves its bucket: " + key);
        }
        return p;
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) throws IOException {
        Path p = pathOf(bucket, key);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        return Optional.of(info(bucket, p));
    }

    @Override
    public InputStream open(String bucket, String key) throws IOException {
        Path p = pathOf(bucket, key);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(bucket + "/" + key);
        }
        return Files.newInputStream(p);
    }

    @Override
    public void download(String bucket, String key, Path target) throws IOException {
        Path source = pathOf(bucket, key);
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(bucket + "/" + key);
        }
        Files.deleteIfExists(target);
        try {
            // Objects are only ever replaced by an atomic move (a new file), never written in
            // place, so a link is a stable snapshot of the object and saves copying large uploads.
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING); // another file system
        }
    }

    @Override
    public void put(String bucket, String key, Path file, PutOptions options) throws IOException {
        Path p = pathOf(bucket, key);
        Files.createDirectories(p.getParent());
        Path tmp = Files.createTempFile(p.getParent(), ".put-", ".tmp");
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, PutOptions options) throws IOException {
        Path p = pathOf(bucket, key);
        Files.createDirectories(p.getParent());
        Path tmp = Files.createTempFile(p.getParent(), ".put-", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized boolean putIfAbsent(String bucket, String key, byte[] bytes, PutOptions options)
            throws IOException {
        Path p = pathOf(bucket, key);
        Files.createDirectories(p.getParent());
        try {
            Files.write(p, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) throws IOException {
        Path bucketDir = root.resolve(bucket);
        List<ObjectInfo> out = new ArrayList<>();
        if (!Files.isDirectory(bucketDir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(bucketDir)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String key = bucketDir.relativize(p).toString().replace('\\', '/');
                if (key.startsWith(prefix) && !p.getFileName().toString().startsWith(".put-")) {
                    out.add(info(bucket, p));
                }
            }
        }
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        Files.deleteIfExists(pathOf(bucket, key));
    }

    @Override
    public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey, PutOptions options)
            throws IOException {
        Path source = pathOf(sourceBucket, sourceKey);
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(sourceBucket + "/" + sourceKey);
        }
        // Objects are never changed in place (a put replaces the file), so a copy can share the
        // bytes, as S3 copies server-side: a hard link, or a real copy where links are refused.
        Path target = pathOf(targetBucket, targetKey);
        if (Files.exists(target) && Files.isSameFile(source, target)) {
            return; // already the same file (renaming a link onto another link of it would do nothing)
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(".put-" + System.nanoTime() + "-" + Thread.currentThread().getId() + ".tmp");
        try {
            Files.createLink(tmp, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.deleteIfExists(tmp);
            put(targetBucket, targetKey, source, options);
            return;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp); // left behind only if the move failed
        }
    }

    private ObjectInfo info(String bucket, Path p) throws IOException {
        String key = root.resolve(bucket).relativize(p).toString().replace('\\', '/');
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        Object identity = a.fileKey() == null ? p : a.fileKey();
        String cacheKey = identity + "|" + a.size() + "|" + a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        String etag = md5s.get(cacheKey);
        if (etag == null) {
            etag = md5(p);
            md5s.put(cacheKey, etag);
        }
        return new ObjectInfo(key, a.size(), '"' + etag + '"', a.lastModifiedTime().toInstant(), null);
    }

    private static String md5(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
