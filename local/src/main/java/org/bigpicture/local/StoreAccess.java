package org.bigpicture.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.S3ObjectStore;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The buckets of a local store for a one-off command ({@code publish}, {@code withdraw},
 * {@code audit}): through the running {@code serve} that holds the store (so its dispatcher sees
 * the writes), or, when none does, through a stack of our own started for the command, with no
 * functions dispatched.
 */
final class StoreAccess implements AutoCloseable {

    private static final Pattern ENDPOINT = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)");

    private final LocalStack ownStack;
    private final S3Client client;
    private final ObjectStore store;
    private final Buckets buckets;
    private final URI endpoint;
    private final String via;

    private StoreAccess(LocalStack ownStack, S3Client client, Buckets buckets, URI endpoint, String via) {
        this.ownStack = ownStack;
        this.client = client;
        this.store = new S3ObjectStore(client);
        this.buckets = buckets;
        this.endpoint = endpoint;
        this.via = via;
    }

    static StoreAccess open(Path storeDir, Path template) throws Exception {
        if (!Files.isDirectory(storeDir.resolve("s3"))) {
            throw new IOException("there is no local store at " + storeDir.toAbsolutePath()
                    + " (run ./bigpicture run DIR --out OUT or ./bigpicture demo first, or pass --data STORE)");
        }
        String holder = StoreLock.holder(storeDir);
        if (!holder.isEmpty()) {
            Matcher m = ENDPOINT.matcher(holder);
            if (!m.find()) {
                throw new StoreLock.StoreBusyException("the store " + storeDir.toAbsolutePath() + " is in use by "
                        + holder + "; wait for it to finish");
            }
            URI endpoint = URI.create(m.group(1));
            LocalTemplate t = LocalTemplate.load(template);
            Buckets buckets = new Buckets(t.bucket("raw").name(), t.bucket("lake").name(), t.bucket("published").name());
            return new StoreAccess(null, LocalStack.client(endpoint), buckets, endpoint, "the running " + holder);
        }
        LocalStack stack = LocalStack.start(LocalStack.Options.defaults(storeDir, template).port(0).dispatch(false)
                .holder("bigpicture (one-off command)"));
        return new StoreAccess(stack, stack.client(), stack.buckets(), stack.endpoint(), "the store " + storeDir);
    }

    ObjectStore store() {
        return store;
    }

    Buckets buckets() {
        return buckets;
    }

    URI endpoint() {
        return endpoint;
    }

    String via() {
        return via;
    }

    /** The on-failure list of the store's functions (from {@code failures/}), for the audit. */
    static List<Dispatcher.Failure> recordedFailures(Path storeDir) throws IOException {
        return FailureRecords.read(storeDir);
    }

    Optional<LocalStack> ownStack() {
        return Optional.ofNullable(ownStack);
    }

    @Override
    public void close() throws Exception {
        client.close();
        if (ownStack != null) {
            ownStack.close();
        }
    }
}
