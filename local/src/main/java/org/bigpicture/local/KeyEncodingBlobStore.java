package org.bigpicture.local;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.bigpicture.core.store.KeyFiles;
import org.bigpicture.core.store.KeyPaths;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Keeps every key S3 accepts as a file of its own in S3Proxy's filesystem store, by passing the
 * store each key as the path {@link KeyFiles} gives it (its {@link KeyPaths} encoding, or the
 * {@code %%} inside it when that path is also a folder) and decoding the keys it lists. Without it
 * the filesystem store writes {@code ./dot.csv} over {@code dot.csv}, refuses
 * {@code surveys/../tables/y.csv}, segments of 240 bytes or more and {@code a/b} beside {@code a}
 * (500), and keeps no bytes for a key ending in {@code /}.
 *
 * <p>Listing is done here rather than by the store (which lists encoded paths, in their order):
 * the keys under the prefix are read from the store, decoded, filtered, put in S3's order (UTF-8
 * byte order), grouped by the delimiter and paged with a continuation token of our own. A listing
 * therefore reads everything under the prefix for each page: fine for a local store.
 */
final class KeyEncodingBlobStore extends ForwardingBlobStore {

    private static final int DEFAULT_MAX_KEYS = 1000;
    private static final int WHOLE_FOLDER = 1_000_000;
    private static final Comparator<String> S3_ORDER = KeyEncodingBlobStore::compareCodePoints;

    private final Path basedir;

    /** @param basedir the filesystem store's folder (one folder per bucket), to tell files from folders */
    KeyEncodingBlobStore(BlobStore delegate, Path basedir) {
        super(delegate);
        this.basedir = basedir;
    }

    /** The store's name for the file holding a key now. */
    private String readPath(String bucket, String key) {
        if (key == null) {
            return null;
        }
        Path bucketDir = basedir.resolve(bucket);
        try {
            return relative(bucketDir, KeyFiles.fileOf(bucketDir, key));
        } catch (IllegalArgumentException notUnicode) {
            throw new S3ProxyException(S3ErrorCode.INVALID_ARGUMENT, "the key is not valid UTF-8 text");
        }
    }

    /** The store's name for the file to write a key to, once an object in the way is moved aside. */
    private String writePath(String bucket, String key) {
        Path bucketDir = basedir.resolve(bucket);
        try {
            return relative(bucketDir, KeyFiles.fileForWrite(bucketDir, key));
        } catch (IllegalArgumentException notUnicode) {
            throw new S3ProxyException(S3ErrorCode.INVALID_ARGUMENT, "the key is not valid UTF-8 text");
        } catch (java.io.IOException e) {
            throw new S3ProxyException(S3ErrorCode.INTERNAL_ERROR, "cannot make room for " + key + ": " + e, e);
        }
    }

    private static String relative(Path bucketDir, Path file) {
        String r = bucketDir.relativize(file).toString();
        return java.io.File.separatorChar == '/' ? r : r.replace(java.io.File.separatorChar, '/');
    }

    // ------------------------------------------------------------------------------------ objects

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        return super.putBlob(request.toBuilder().key(writePath(request.bucket(), request.key())).build(), input);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        String target = writePath(request.destinationBucket(), request.destinationKey());
        String source = readPath(request.sourceBucket(), request.sourceKey()); // after: making room may move it
        return super.copyBlob(request.toBuilder().sourceKey(source).destinationKey(target).build());
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        return super.blobMetadata(request.toBuilder().key(readPath(request.bucket(), request.key())).build());
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        return super.getBlob(request.toBuilder().key(readPath(request.bucket(), request.key())).build());
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return super.removeBlob(request.toBuilder().key(readPath(request.bucket(), request.key())).build());
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        return super.getBlobAcl(request.toBuilder().key(readPath(request.bucket(), request.key())).build());
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key) {
        return super.getBlobAccess(container, readPath(container, key));
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key, String versionId) {
        return super.getBlobAccess(container, readPath(container, key), versionId);
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access) {
        super.setBlobAccess(container, readPath(container, key), access);
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access, String versionId) {
        super.setBlobAccess(container, readPath(container, key), access, versionId);
    }

    // ------------------------------------------------------------------------------------ multipart

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        return decoded(super.initiateMultipartUpload(request.toBuilder().key(writePath(request.bucket(), request.key()))
                .build()), request.key());
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        super.abortMultipartUpload(encoded(upload));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        writePath(upload.containerName(), upload.blobName()); // room for it, should a key above have come since
        MultipartUpload stored = encoded(upload);
        CompleteMultipartUploadResponse r = super.completeMultipartUpload(stored,
                request.toBuilder().key(stored.blobName()).build());
        return r.key() == null ? r : r.toBuilder().key(upload.blobName()).build();
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream input) {
        MultipartUpload stored = encoded(upload);
        return super.uploadMultipartPart(stored, request.toBuilder().key(stored.blobName()).build(), input);
    }

    @Override
    public UploadPartCopyResponse copyMultipartPart(MultipartUpload upload, UploadPartCopyRequest request) {
        MultipartUpload stored = encoded(upload);
        return super.copyMultipartPart(stored, request.toBuilder().sourceKey(readPath(request.sourceBucket(),
                request.sourceKey())).destinationKey(stored.blobName()).build());
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        return super.listMultipartUpload(encoded(upload));
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        List<software.amazon.awssdk.services.s3.model.MultipartUpload> out = new ArrayList<>();
        for (software.amazon.awssdk.services.s3.model.MultipartUpload u : super.listMultipartUploads(container)) {
            String key = u.key() == null ? null : KeyFiles.keyOf(u.key());
            if (key != null) {
                out.add(u.toBuilder().key(key).build());
            }
        }
        return out;
    }

    private MultipartUpload encoded(MultipartUpload upload) {
        String key = readPath(upload.containerName(), upload.blobName());
        return new MultipartUpload(upload.id(), upload.request().toBuilder().key(key).build(),
                upload.response() == null ? null : upload.response().toBuilder().key(key).build());
    }

    private static MultipartUpload decoded(MultipartUpload upload, String key) {
        return new MultipartUpload(upload.id(), upload.request().toBuilder().key(key).build(),
                upload.response() == null ? null : upload.response().toBuilder().key(key).build());
    }

    // ------------------------------------------------------------------------------------ listing

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        String prefix = request.prefix() == null ? "" : request.prefix();
        String delimiter = request.delimiter() == null || request.delimiter().isEmpty() ? null : request.delimiter();
        int maxKeys = request.maxKeys() == null ? DEFAULT_MAX_KEYS : Math.max(0, Math.min(request.maxKeys(),
                DEFAULT_MAX_KEYS));
        String after = request.startAfter();
        if (request.continuationToken() != null && !request.continuationToken().isEmpty()) {
            String token = fromToken(request.continuationToken());
            after = after == null || S3_ORDER.compare(token, after) > 0 ? token : after;
        }

        List<S3Object> objects = decodedObjects(request.bucket(), prefix);
        List<S3Object> contents = new ArrayList<>();
        List<CommonPrefix> prefixes = new ArrayList<>();
        String last = null;
        String lastEntry = null;
        boolean truncated = false;
        for (S3Object o : objects) {
            String entry = o.key();
            boolean grouped = false;
            if (delimiter != null) {
                int d = o.key().indexOf(delimiter, prefix.length());
                if (d >= 0) {
                    entry = o.key().substring(0, d + delimiter.length());
                    grouped = true; // even "trail/" itself: S3 rolls it into the common prefix
                }
            }
            if ((after != null && S3_ORDER.compare(entry, after) <= 0) || entry.equals(lastEntry)) {
                continue; // already listed, or a further key of the folder just listed
            }
            if (contents.size() + prefixes.size() >= maxKeys) {
                truncated = true;
                break;
            }
            lastEntry = entry;
            if (!grouped) {
                contents.add(o);
            } else {
                prefixes.add(CommonPrefix.builder().prefix(entry).build());
            }
            last = entry;
        }
        return ListObjectsV2Response.builder()
                .name(request.bucket())
                .prefix(request.prefix())
                .delimiter(request.delimiter())
                .maxKeys(maxKeys)
                .encodingType(request.encodingType())
                .startAfter(request.startAfter())
                .continuationToken(request.continuationToken())
                .contents(contents)
                .commonPrefixes(prefixes)
                .keyCount(contents.size() + prefixes.size())
                .isTruncated(truncated)
                .nextContinuationToken(truncated && last != null ? toToken(last) : null)
                .build();
    }

    /** Every object under a prefix, with decoded keys, in S3's order; paths that are no key's are left out. */
    List<S3Object> decodedObjects(String bucket, String prefix) {
        List<S3Object> out = new ArrayList<>();
        String token = null;
        do {
            // One walk of the folder rather than one per thousand keys (the store walks it whole each time).
            ListObjectsV2Response page = super.list(ListObjectsV2Request.builder().bucket(bucket)
                    .prefix(KeyPaths.pathPrefix(prefix)).maxKeys(WHOLE_FOLDER).continuationToken(token).build());
            for (S3Object o : page.contents()) {
                String key = KeyFiles.keyOf(o.key());
                if (key != null && key.startsWith(prefix)) {
                    out.add(o.toBuilder().key(key).build());
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        out.sort(Comparator.comparing(S3Object::key, S3_ORDER));
        return out;
    }

    /**
     * Moves the objects of a store written before keys were encoded (each kept under its key as
     * given) to their encoded paths, so that {@code 50% sample.csv} or a key with a control
     * character stays readable. Objects whose key is already its own path are left alone.
     *
     * @param filesystem the filesystem store itself (not this decorator)
     * @return the keys moved
     */
    static List<String> moveLegacyNames(BlobStore filesystem) {
        List<String> moved = new ArrayList<>();
        for (software.amazon.awssdk.services.s3.model.Bucket b : filesystem.list().buckets()) {
            List<String> keys = new ArrayList<>();
            String token = null;
            do {
                ListObjectsV2Response page = filesystem.list(ListObjectsV2Request.builder().bucket(b.name())
                        .continuationToken(token).build());
                page.contents().forEach(o -> keys.add(o.key()));
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
            for (String key : keys) {
                String path;
                try {
                    path = KeyPaths.encode(key);
                } catch (IllegalArgumentException notUnicode) {
                    continue;
                }
                if (path.equals(key) || NotifyingBlobStore.isStub(key)) {
                    continue;
                }
                filesystem.copyBlob(CopyObjectRequest.builder().sourceBucket(b.name()).sourceKey(key)
                        .destinationBucket(b.name()).destinationKey(path).build());
                filesystem.removeBlob(b.name(), key);
                moved.add(b.name() + "/" + key);
            }
        }
        return moved;
    }

    private static String toToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String fromToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3ProxyException(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
        }
    }

    /** Code point order, which is UTF-8 byte order: S3's listing order. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
