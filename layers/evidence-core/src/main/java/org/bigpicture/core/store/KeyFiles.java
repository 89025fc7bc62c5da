package org.bigpicture.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the file of an object is in a bucket's folder. An object is kept at its {@link KeyPaths}
 * path, except when that path is also a folder: S3 keeps {@code a} and {@code a/b} side by side
 * (and {@code trail/} beside {@code trail//x}), a file system cannot make one name both a file and a
 * folder, so then the object is the file {@code %%} inside that folder ({@code a/%%} beside
 * {@code a/b}). No segment encodes to {@code %%}, so this aliases nothing.
 *
 * <p>An object already stored as a file where a later key needs a folder is moved into that folder
 * when the later key is written ({@link #fileForWrite}), by renames (its bytes and extended
 * attributes go with it). Readers look in both places ({@link #fileOf}).
 */
public final class KeyFiles {

    /** The name of an object's file inside the folder its own path became. */
    public static final String FOLDER_OBJECT = "%%";
    private static final Object MOVES = new Object();

    private KeyFiles() {
    }

    /** The file that holds a key now, whether or not it exists. */
    public static Path fileOf(Path bucketDir, String key) {
        Path p = bucketDir.resolve(KeyPaths.encode(key));
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? p.resolve(FOLDER_OBJECT) : p;
    }

    /**
     * The file to write a key to, once room is made: an object whose file stands where this key
     * needs a folder is moved into that folder first.
     */
    public static Path fileForWrite(Path bucketDir, String key) throws IOException {
        Path p = bucketDir.resolve(KeyPaths.encode(key));
        Path relative = bucketDir.relativize(p);
        Path at = bucketDir;
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            at = at.resolve(relative.getName(i));
            if (Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS)) {
                intoItsFolder(at);
            }
        }
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? p.resolve(FOLDER_OBJECT) : p;
    }

    /** {@code a} → {@code a/%%}. */
    private static void intoItsFolder(Path file) throws IOException {
        synchronized (MOVES) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return; // another writer moved it meanwhile
            }
            Path aside = file.resolveSibling(file.getFileName() + FOLDER_OBJECT + System.nanoTime());
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.createDirectory(file);
            Files.move(aside, file.resolve(FOLDER_OBJECT), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The key a file holds, from its path relative to the bucket's folder ({@code /}-separated); null for none. */
    public static String keyOf(String relativePath) {
        if (relativePath.endsWith("/" + FOLDER_OBJECT)) {
            return KeyPaths.decode(relativePath.substring(0, relativePath.length() - FOLDER_OBJECT.length() - 1));
        }
        return KeyPaths.decode(relativePath);
    }

    /**
     * Relative paths for a whole set of keys written at once into an empty folder (a mirror): each at
     * its {@link KeyPaths} path, or its {@code %%} where another key of the set needs that path as a
     * folder. The same layout {@link #fileForWrite} reaches one key at a time.
     */
    public static Map<String, String> layout(Collection<String> keys) {
        Set<String> folders = new HashSet<>();
        Map<String, String> paths = new LinkedHashMap<>();
        for (String k : keys) {
            String p = KeyPaths.encode(k);
            paths.put(k, p);
            for (int slash = p.indexOf('/'); slash >= 0; slash = p.indexOf('/', slash + 1)) {
                folders.add(p.substring(0, slash));
            }
        }
        paths.replaceAll((k, p) -> folders.contains(p) ? p + "/" + FOLDER_OBJECT : p);
        return paths;
    }
}
