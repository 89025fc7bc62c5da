package org.bigpicture.core.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.UploadTables;
import org.bigpicture.core.convert.Workspace;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.formats.ScreenedOutput;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.screen.ScreenResult;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.store.ObjectStore;

/**
 * The recognising and converting steps of ingest: the upload opened into its tables by content,
 * each converted by the format that claims it into a scratch folder, every dataset written through
 * the personal-data screen, whose verdict comes back with it. Nothing is written to the lake here.
 */
final class Converter {

    /** What converting an upload gave: its datasets, the screen's verdict on each, the sheets skipped. */
    static final class Conversion {
        final List<ConvertedDataset> datasets = new ArrayList<>();
        final List<ScreenResult> screens = new ArrayList<>();
        final List<String> sheets = new ArrayList<>();
        List<String> skipped = List.of();
        PublishReleases.Release release;

        /** True when some dataset is held (a survey never is: its converter drops personal columns itself). */
        boolean held() {
            for (int i = 0; i < datasets.size(); i++) {
                if (!"survey".equals(datasets.get(i).kind()) && screens.get(i).held()) {
                    return true;
                }
            }
            return false;
        }

        boolean redacted() {
            for (ScreenResult r : screens) {
                if (r.redactedCells() > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Recognizer recognizer;
    private final ObjectStore store;
    private final Buckets buckets;
    private final Supplier<byte[]> pseudonymKey;

    Converter(Recognizer recognizer, ObjectStore store, Buckets buckets, Supplier<byte[]> pseudonymKey) {
        this.recognizer = recognizer;
        this.store = store;
        this.buckets = buckets;
        this.pseudonymKey = pseudonymKey;
    }

    Limits limits() {
        return recognizer.limits();
    }

    /** Opens the upload into its tables; bad input ends in {@link BadInputException}. */
    UploadTables open(String key, RawUpload upload) throws IOException {
        if (upload.bytes > recognizer.limits().maxFileBytes()) {
            throw new BadInputException(key, 0, "the file is " + upload.bytes + " bytes, over the limit of "
                    + recognizer.limits().maxFileBytes() + " bytes");
        }
        return recognizer.open(key, upload.file);
    }

    /** Converts every table of the upload under {@code root} (observed only, never redacted, when released). */
    Conversion convert(UploadTables tables, Path root, boolean released) throws IOException {
        Conversion c = new Conversion();
        c.skipped = tables.skipped();
        LocalWorkspace workspace = new LocalWorkspace(root);
        ScreenedOutput screening = recognizer.screening().orElse(null);
        ScreenedOutput.Observation observation = released && screening != null ? screening.observeUnder(root) : null;
        try {
            for (TableInput table : tables.tables()) {
                Format format = recognizer.formatFor(table);
                for (ConvertedDataset d : format.convert(table, workspace)) {
                    c.datasets.add(d);
                    c.screens.add(screening == null ? ScreenResult.NONE : screening.collect(d.dir()));
                    c.sheets.add(table.sheet());
                }
            }
        } finally {
            if (observation != null) {
                observation.close();
            }
        }
        if (c.datasets.isEmpty()) {
            throw new BadInputException(tables.tables().isEmpty() ? "" : tables.tables().get(0).key(), 0,
                    "no table with data was found"
                    + (tables.skipped().isEmpty() ? "" : " (skipped: " + String.join("; ", tables.skipped()) + ")"));
        }
        return c;
    }

    /** Forgets what the screen observed under a scratch folder (its datasets are done with). */
    void discardUnder(Path work) {
        if (recognizer.screening().isPresent()) {
            recognizer.screening().get().discardUnder(work);
        }
    }

    /** Scratch folders under one work dir; configuration read from the lake. */
    private final class LocalWorkspace implements Workspace {
        private final Path root;

        LocalWorkspace(Path root) throws IOException {
            this.root = Files.createDirectories(root);
        }

        @Override
        public Path datasetDir(String datasetId) throws IOException {
            return Files.createDirectories(root.resolve(LakeKeys.slug(datasetId) + "-" + System.nanoTime()));
        }

        @Override
        public Limits limits() {
            return recognizer.limits();
        }

        @Override
        public Optional<String> config(String name) throws IOException {
            try {
                return Optional.of(new String(store.readAllBytes(buckets.lake(), LakeKeys.CONFIG + name),
                        StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }

        @Override
        public byte[] pseudonymKey() {
            return pseudonymKey.get();
        }
    }
}
