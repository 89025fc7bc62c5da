package org.bigpicture.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ObjectStore} over an SDK v2 client (built once, injected). Never sends ACLs. */
public final class S3ObjectStore implements ObjectStore {

    private final S3Client s3;

    public S3ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<ObjectInfo> head(String bucket, String key) {
        try {
            HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new ObjectInfo(key, r.contentLength(), r.eTag(), r.lastModified(), r.versionId()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public InputStream open(String bucket, String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(bucket + "/" + key);
        }
    }

    @Override
    public void download(String bucket, String key, Path target) throws IOException {
        try (InputStream in = open(bucket, key)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void put(String bucket, String key, Path file, PutOptions options) {
        s3.putObject(request(bucket, key, options).build(), RequestBody.fromFile(file));
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, PutOptions options) {
        s3.putObject(request(bucket, key, options).build(), RequestBody.fromBytes(bytes));
    }

    @Override
    public boolean putIfAbsent(String bucket, String key, byte[] bytes, PutOptions options) {
        try {
            s3.putObject(request(bucket, key, options).ifNoneMatch("*").build(), RequestBody.fromBytes(bytes));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
        List<ObjectInfo> out = new ArrayList<>();
        // URL-encoded keys: a key holding a control character cannot be written in XML 1.0 otherwise
        // ("Could not parse XML response"); the SDK decodes them again.
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                .encodingType(EncodingType.URL).build();
        for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
            out.add(new ObjectInfo(o.key(), o.size(), o.eTag(), o.lastModified(), null));
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    @Override
    public void delete(String bucket, String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /**
     * {@inheritDoc} An endpoint that keeps no versions at all answers 501 Not Implemented (S3Proxy's
     * filesystem store, under the local stack): its objects are listed as the single versions they
     * are. S3 itself answers every bucket, versioned or not.
     */
    @Override
    public List<ObjectVersion> listVersions(String bucket, String prefix) throws IOException {
        try {
            return versions(bucket, prefix);
        } catch (S3Exception e) {
            if (e.statusCode() == 501) {
                return ObjectStore.super.listVersions(bucket, prefix);
            }
            throw e;
        }
    }

    private List<ObjectVersion> versions(String bucket, String prefix) {
        List<ObjectVersion> out = new ArrayList<>();
        ListObjectVersionsRequest request = ListObjectVersionsRequest.builder().bucket(bucket).prefix(prefix).build();
        for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(request)) {
            for (software.amazon.awssdk.services.s3.model.ObjectVersion v : page.versions()) {
                out.add(new ObjectVersion(v.key(), v.versionId(), false,
                        Boolean.TRUE.equals(v.isLatest())));
            }
            for (DeleteMarkerEntry m : page.deleteMarkers()) {
                out.add(new ObjectVersion(m.key(), m.versionId(), true,
                        Boolean.TRUE.equals(m.isLatest())));
            }
        }
        out.sort(Comparator.comparing(ObjectVersion::key));
        return out;
    }

    @Override
    public void deleteVersion(String bucket, String key, String versionId) {
        if (versionId == null) {
            delete(bucket, key);
            return;
        }
        s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId).bypassGovernanceRetention(true));
    }

    @Override
    public void copy(String sourceBucket, String sourceKey, String targetBucket, String targetKey, PutOptions options) {
        CopyObjectRequest.Builder b = CopyObjectRequest.builder()
                .sourceBucket(sourceBucket).sourceKey(sourceKey)
                .destinationBucket(targetBucket).destinationKey(targetKey);
        if (options != null) {
            b.metadataDirective(MetadataDirective.REPLACE).contentType(options.contentType())
                    .cacheControl(options.cacheControl()).metadata(options.metadata());
        }
        s3.copyObject(b.build());
    }

    private static PutObjectRequest.Builder request(String bucket, String key, PutOptions options) {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(key);
        if (options != null) {
            b.contentType(options.contentType()).cacheControl(options.cacheControl()).metadata(options.metadata());
        }
        return b;
    }
}
