package org.bigpicture.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ObjectStore} over a directory: {@code <root>/<bucket>/<key>}. Used by {@code bigpicture
 * ingest --out} (core only, no S3), by {@code audit --out} on a {@code run --out} folder and by unit
 * tests. Headers are not kept. Every key S3 accepts is stored under its own path ({@link KeyPaths}:
 * {@code ..}, control characters, trailing slashes and overlong segments are escaped; {@link
 * KeyFiles}: {@code a} beside {@code a/b}), so no key can leave its bucket's folder or land on
 * another key's file.
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

    /** The file that holds an object ({@link KeyFiles#fileOf}: always inside the bucket's folder). */
    public Path pathOf(String bucket, String key) {
        return KeyFiles.fileOf(root.resolve(bucket), nonEmpty(key));
    }

    /** The file to write an object to, its folder made ({@link KeyFiles#fileForWrite}). */
    private Path pathForWrite(String bucket, String key) throws IOException {
        Path p = KeyFiles.fileForWrite(root.resolve(bucket), nonEmpty(key));
        Files.createDirectories(p.getParent());
        return p;
    }

    private static String nonEmpty(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("an object key cannot be empty");
        }
        return key;
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) throws IOException {
        Path p = pathOf(bucket, key);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        return Optional.of(info(key, p));
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
        Path p = pathForWrite(bucket, key);
        Path tmp = ScratchNames.newFile(p.getParent(), ".put-", ".tmp");
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, PutOptions options) throws IOException {
        Path p = pathForWrite(bucket, key);
        Path tmp = ScratchNames.newFile(p.getParent(), ".put-", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized boolean putIfAbsent(String bucket, String key, byte[] bytes, PutOptions options)
            throws IOException {
        Path p = pathForWrite(bucket, key);
        try {
            Files.write(p, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public void putMoving(String bucket, String key, Path file, PutOptions options) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            ObjectStore.super.putMoving(bucket, key, file, options); // a link: store what it points to
            return;
        }
        Path p = pathForWrite(bucket, key);
        try {
            // A rename is atomic, as put's own temp-file-then-rename is, and copies nothing.
            Files.move(file, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            put(bucket, key, file, options);
            Files.deleteIfExists(file);
        }
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) throws IOException {
        TreeMap<String, Path> files = files(bucket, prefix);
        List<ObjectInfo> out = new ArrayList<>(files.size());
        for (Map.Entry<String, Path> f : files.entrySet()) {
            out.add(info(f.getKey(), f.getValue()));
        }
        return out;
    }

    /** As {@link #list}, without reading any file (no ETag is computed). */
    @Override
    public List<String> listKeys(String bucket, String prefix) throws IOException {
        return new ArrayList<>(files(bucket, prefix).keySet());
    }

    /**
     * The files under a prefix by key. Only the folder the prefix's complete segments name is walked
     * (not the whole bucket); links to folders are not followed, and files that are no key's path
     * ({@code put}'s temporary {@code .put-*} files, strays) are not objects.
     */
    private TreeMap<String, Path> files(String bucket, String prefix) throws IOException {
        Path bucketDir = root.resolve(bucket);
        TreeMap<String, Path> out = new TreeMap<>();
        Path start = bucketDir.resolve(KeyPaths.folderOf(prefix));
        if (Files.isDirectory(start)) {
            walk(bucketDir, start, prefix, out);
        }
        return out;
    }

    private static void walk(Path bucketDir, Path dir, String prefix, TreeMap<String, Path> into) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    walk(bucketDir, p, prefix, into);
                } else if (Files.isRegularFile(p)) {
                    String relative = bucketDir.relativize(p).toString();
                    String key = KeyFiles.keyOf(java.io.File.separatorChar == '/' ? relative
                            : relative.replace(java.io.File.separatorChar, '/'));
                    if (key != null && key.startsWith(prefix)) {
                        into.put(key, p);
                    }
                }
            }
        }
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        Files.deleteIfExists(pathOf(bucket, key));
    }

    @Override
    public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey, PutOptions options)
            throws IOException {
        if (!Files.isRegularFile(pathOf(sourceBucket, sourceKey))) {
            throw new NoSuchFileException(sourceBucket + "/" + sourceKey);
        }
        // Objects are never changed in place (a put replaces the file), so a copy can share the
        // bytes, as S3 copies server-side: a hard link, or a real copy where links are refused.
        Path target = pathForWrite(targetBucket, targetKey);
        Path source = pathOf(sourceBucket, sourceKey); // after: making room may have moved it
        if (Files.exists(target) && Files.isSameFile(source, target)) {
            return; // already the same file (renaming a link onto another link of it would do nothing)
        }
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

    private ObjectInfo info(String key, Path p) throws IOException {
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
