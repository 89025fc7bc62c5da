package org.bigpicture.local;

import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The store decorator that makes the local S3 behave like the real one where the project relies on
 * it. Every successful write or removal, whoever made it (the SDK, {@code aws s3 cp}, a presigned
 * URL), passes through here: it is given a version and sequencer by the {@link VersionLedger} and
 * handed on as an {@link ObjectEvent} (S3 event notifications). The write is answered only once its
 * event is on disk in the ledger, so an acknowledged write is never without its event, whatever
 * stops the stack afterwards. It also answers for access: the
 * published bucket's {@code bundles/*} is public-read (as CloudFront serves it in AWS) and
 * everything else private, whatever ACL a client sent, because bucket ACLs are disabled in AWS.
 */
public final class NotifyingBlobStore extends ForwardingBlobStore {

    /** S3Proxy's own bookkeeping objects for multipart uploads: not user objects, no events. */
    static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";
    /** The published bucket's keys anyone may read (CloudFront's {@code bundles/*} behaviour in AWS). */
    static final String PUBLIC_PREFIX = "bundles/";

    private final VersionLedger ledger;
    private final Consumer<ObjectEvent> sink;
    private final String publicBucket;
    private final Set<String> versionedBuckets;
    /** Writes to one key are serialised so that the write stored last gets the greater sequencer. */
    private final ReentrantLock[] keyLocks = new ReentrantLock[64];

    /**
     * @param publicBucket     the bucket whose {@code bundles/*} anyone may read
     * @param versionedBuckets buckets versioned in template.yaml: a delete there makes a delete marker
     */
    public NotifyingBlobStore(BlobStore delegate, VersionLedger ledger, Consumer<ObjectEvent> sink,
                              String publicBucket, Set<String> versionedBuckets) {
        super(delegate);
        this.ledger = ledger;
        this.sink = sink;
        this.publicBucket = publicBucket;
        this.versionedBuckets = Set.copyOf(versionedBuckets);
        for (int i = 0; i < keyLocks.length; i++) {
            keyLocks[i] = new ReentrantLock();
        }
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        if (isStub(request.key())) {
            return super.putBlob(request, input);
        }
        ReentrantLock lock = lockFor(request.bucket(), request.key());
        ObjectEvent event;
        PutObjectResponse response;
        lock.lock();
        try {
            response = super.putBlob(request, input);
            event = created(request.bucket(), request.key(), "ObjectCreated:Put", response.eTag());
        } finally {
            lock.unlock();
        }
        ledger.sync(); // shared with the other writes answered now; before the answer
        sink.accept(event);
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        if (isStub(request.destinationKey())) {
            return super.copyBlob(request);
        }
        ReentrantLock lock = lockFor(request.destinationBucket(), request.destinationKey());
        ObjectEvent event;
        CopyObjectResponse response;
        lock.lock();
        try {
            response = super.copyBlob(request);
            String etag = response.copyObjectResult() == null ? null : response.copyObjectResult().eTag();
            event = created(request.destinationBucket(), request.destinationKey(), "ObjectCreated:Copy", etag);
        } finally {
            lock.unlock();
        }
        ledger.sync(); // shared with the other writes answered now; before the answer
        sink.accept(event);
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        if (isStub(upload.blobName())) {
            return super.completeMultipartUpload(upload, request);
        }
        ReentrantLock lock = lockFor(upload.containerName(), upload.blobName());
        ObjectEvent event;
        CompleteMultipartUploadResponse response;
        lock.lock();
        try {
            response = super.completeMultipartUpload(upload, request);
            event = created(upload.containerName(), upload.blobName(), "ObjectCreated:CompleteMultipartUpload",
                    response.eTag());
        } finally {
            lock.unlock();
        }
        ledger.sync(); // shared with the other writes answered now; before the answer
        sink.accept(event);
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        if (isStub(request.key())) {
            return super.removeBlob(request);
        }
        ReentrantLock lock = lockFor(request.bucket(), request.key());
        ObjectEvent event = null;
        DeleteObjectResponse response;
        lock.lock();
        try {
            // S3 answers 204 for an absent key too; only a removal of something is worth an event.
            boolean existed = delegate().blobMetadataIfPresent(request.bucket(), request.key()) != null;
            response = super.removeBlob(request);
            if (existed) {
                String name = versionedBuckets.contains(request.bucket())
                        ? "ObjectRemoved:DeleteMarkerCreated" : "ObjectRemoved:Delete";
                event = ledger.record(request.bucket(), request.key(), name, null, 0);
            }
        } finally {
            lock.unlock();
        }
        if (event != null) {
            ledger.sync();
            sink.accept(event);
        }
        return response;
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key) {
        return isPublic(container, key) ? ObjectCannedACL.PUBLIC_READ : ObjectCannedACL.PRIVATE;
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key, String versionId) {
        return getBlobAccess(container, key);
    }

    /** ACLs are disabled (as in AWS with bucket-owner-enforced ownership): access follows the policy above. */
    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access) {
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access, String versionId) {
    }

    /** No bucket is listable anonymously; only the published objects themselves are readable. */
    @Override
    public BucketCannedACL getContainerAccess(String container) {
        return BucketCannedACL.PRIVATE;
    }

    @Override
    public void setContainerAccess(String container, BucketCannedACL access) {
    }

    boolean isPublic(String container, String key) {
        return container.equals(publicBucket) && key != null && key.startsWith(PUBLIC_PREFIX);
    }

    private ObjectEvent created(String bucket, String key, String eventName, String reportedEtag) {
        HeadObjectResponse head = delegate().blobMetadata(bucket, key);
        String etag = head != null && head.eTag() != null ? head.eTag() : reportedEtag;
        long size = head != null && head.contentLength() != null ? head.contentLength() : 0L;
        return ledger.record(bucket, key, eventName, unquote(etag), size);
    }

    private ReentrantLock lockFor(String bucket, String key) {
        return keyLocks[Math.floorMod((bucket + "/" + key).hashCode(), keyLocks.length)];
    }

    static boolean isStub(String key) {
        return key != null && (key.startsWith(MULTIPART_STUB_PREFIX) || key.contains("/" + MULTIPART_STUB_PREFIX));
    }

    static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
