package org.bigpicture.core.sources;

import org.bigpicture.core.util.YamlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.ObjectStore;

/**
 * Who published each upload, as {@code sources.yaml} says (README, "Sources and licences"): an
 * officer's {@code config/sources.yaml} (as ingest validated it into the lake) read over the
 * file shipped in the core. Ingest resolves each dataset at upload time and records the answer in
 * its provenance; publish resolves again with the lake's current file, so a corrected file takes
 * effect in the next edition without uploading the data again; the refresh (issue 14) reads the
 * extracts. One resolver for all three.
 *
 * <p>Resolution: the officer's entries in file order, then the shipped entries in file order (the
 * family-level defaults); the first that matches the raw key and the detected family wins. No
 * match: the officer's {@code default} if the file gives one, else the shipped one.
 */
public final class Sources {

    /** The configuration file's name under {@code config/}. */
    public static final String CONFIG_NAME = "sources.yaml";
    /** Its key in the raw bucket and in the lake. */
    public static final String CONFIG_KEY = LakeKeys.CONFIG + CONFIG_NAME;
    /** The file shipped in the core, as records name it. */
    public static final String SHIPPED_NAME = "default-sources.yaml";
    private static final String SHIPPED_RESOURCE = "/org/bigpicture/core/sources/" + SHIPPED_NAME;

    private final SourcesFile officer;
    private final SourcesFile shipped;

    private Sources(SourcesFile officer, SourcesFile shipped) {
        this.officer = officer;
        this.shipped = shipped;
    }

    /** The shipped file alone (no officer's file in the lake). */
    public static Sources shipped() {
        return new Sources(null, Shipped.FILE);
    }

    /**
     * An officer's file over the shipped one; throws {@link YamlException} when the text is not a
     * valid {@code sources.yaml}.
     */
    public static Sources withOfficerFile(String text) {
        return new Sources(SourcesFile.parse(CONFIG_KEY, text), Shipped.FILE);
    }

    /**
     * What is in force for a lake: its {@code config/sources.yaml} over the shipped file, or the
     * shipped file alone when there is none. A lake file that no longer parses (written by an
     * older validator) throws {@link IllegalStateException}: attributing data wrongly is worse
     * than not running.
     */
    public static Sources load(ObjectStore store, String lakeBucket) throws IOException {
        byte[] bytes;
        try {
            bytes = store.readAllBytes(lakeBucket, CONFIG_KEY);
        } catch (NoSuchFileException e) {
            return shipped();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        try {
            return withOfficerFile(text);
        } catch (YamlException e) {
            throw new IllegalStateException("the lake's " + CONFIG_KEY + " is not valid (" + e.getMessage()
                    + "); upload a corrected config/sources.yaml", e);
        }
    }

    /**
     * Starts {@link #load} on a thread of its own and returns at once: ingest reads and parses the
     * file while the upload converts (the YAML parser's classes and the lake read cost a cold start
     * some 25 ms in line; issue 6 measured every such step).
     */
    public static Pending loadInBackground(ObjectStore store, String lakeBucket) {
        Pending p = new Pending(store, lakeBucket);
        p.start();
        return p;
    }

    /**
     * A {@link #load} under way. A plain thread, not a {@code CompletableFuture}: the fork-join
     * pool's classes would join every cold start.
     */
    public static final class Pending extends Thread {
        private final ObjectStore store;
        private final String lakeBucket;
        private Sources result;
        private Throwable failure;

        private Pending(ObjectStore store, String lakeBucket) {
            super("sources-load");
            this.store = store;
            this.lakeBucket = lakeBucket;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                result = load(store, lakeBucket);
            } catch (Throwable t) {
                failure = t;
            }
        }

        /** Waits for the load; its failure is thrown here, as {@link #load} would have thrown it. */
        public Sources get() throws IOException {
            try {
                join(); // publishes result and failure to this thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading " + CONFIG_KEY);
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return result;
        }
    }

    /** The shipped text, for officers who start their own file from it. */
    public static String shippedText() {
        try (InputStream in = Sources.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED_NAME + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The terms of a dataset made from the upload {@code rawKey} and detected as {@code family}
     * (either may be null: a null key matches only entries without key patterns, and a null
     * family only entries without family patterns).
     */
    public ResolvedSource resolve(String rawKey, String family) {
        String key = rawKey == null ? "" : rawKey;
        if (officer != null) {
            for (SourceEntry e : officer.entries()) {
                if (e.matches(key, family)) {
                    return resolved(e, officer);
                }
            }
        }
        for (SourceEntry e : shipped.entries()) {
            if (e.matches(key, family)) {
                return resolved(e, shipped);
            }
        }
        SourcesFile owner = officer != null && officer.fallback() != null ? officer : shipped;
        return new ResolvedSource(owner.fallback(), null, owner.name(), owner.fallbackLine(), owner.sha256());
    }

    private static ResolvedSource resolved(SourceEntry e, SourcesFile file) {
        return new ResolvedSource(e.terms(), e.id(), file.name(), e.line(), file.sha256());
    }

    /**
     * Who publishes the hub itself (the bundle's publisher): the {@code default} terms in force.
     */
    public SourceTerms hub() {
        return officer != null && officer.fallback() != null ? officer.fallback() : shipped.fallback();
    }

    /**
     * The public extracts to fetch: the officer's, then the shipped file's whose id and key the
     * officer's file does not already use (an officer replaces a shipped extract by reusing its id).
     */
    public List<Extract> extracts() {
        List<Extract> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        if (officer != null) {
            for (Extract x : officer.extracts()) {
                out.add(x);
                ids.add(x.id());
                keys.add(x.key());
            }
        }
        for (Extract x : shipped.extracts()) {
            if (!ids.contains(x.id()) && !keys.contains(x.key())) {
                out.add(x);
            }
        }
        return out;
    }

    /** The officer's file, or null when only the shipped one is in force. */
    public SourcesFile officerFile() {
        return officer;
    }

    public SourcesFile shippedFile() {
        return shipped;
    }

    /**
     * The shipped file, read once per JVM on first use (it is part of the code, like a constant):
     * from the JSON the build compiled it to, else (a class path the build did not prepare, such as
     * an IDE's) from the YAML itself.
     */
    private static final class Shipped {
        static final SourcesFile FILE = readShipped();

        private static SourcesFile readShipped() {
            SourcesFile f;
            try (InputStream in = Sources.class.getResourceAsStream(SourcesJson.SHIPPED_COMPILED)) {
                f = in == null ? SourcesFile.parse(SHIPPED_NAME, shippedText()) : SourcesJson.read(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (f.fallback() == null) {
                throw new IllegalStateException(SHIPPED_NAME + " must give 'default'");
            }
            return f;
        }
    }
}
