package org.bigpicture.core.formats;

import org.bigpicture.core.convert.DatasetOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.DatasetWriter;
import org.bigpicture.core.screen.ScreenResult;
import org.bigpicture.core.screen.ScreeningWriter;

/**
 * The screening hook every format writes through (issue 11): each dataset writer it opens is a
 * {@link ScreeningWriter} around the real one, so every string cell (and ten-digit integer) of
 * every dataset of every family is profiled, and stray identifiers in string cells are redacted as
 * they are written. Ingest asks for the verdict of a converted dataset by its folder
 * ({@link #collect}).
 *
 * <p>Writers are remembered by folder, so one instance serves concurrent conversions. A folder under
 * a root given to {@link #observeUnder} is written as given (profiled, not redacted): the
 * re-conversion of an upload released in {@code config/publish.yaml}.
 */
public final class ScreenedOutput implements DatasetOutput {

    private final DatasetOutput inner;
    private final Map<Path, ScreeningWriter> writers = new ConcurrentHashMap<>();
    private final Set<Path> observed = ConcurrentHashMap.newKeySet();

    public ScreenedOutput(DatasetOutput inner) {
        this.inner = inner;
    }

    @Override
    public DatasetWriter open(Path dir, List<Column> columns) throws IOException {
        return register(dir, new ScreeningWriter(inner.open(dir, columns), columns,
                observed(dir) ? ScreeningWriter.Policy.OBSERVE : ScreeningWriter.Policy.REDACT));
    }

    @Override
    public DatasetWriter openRespondentLevel(Path dir, List<Column> columns) throws IOException {
        return register(dir, new ScreeningWriter(inner.openRespondentLevel(dir, columns), columns,
                ScreeningWriter.Policy.RESTRICTED));
    }

    private ScreeningWriter register(Path dir, ScreeningWriter w) {
        writers.put(dir.toAbsolutePath().normalize(), w);
        return w;
    }

    private boolean observed(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        for (Path root : observed) {
            if (d.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The merged verdict of every writer opened in {@code datasetDir} or below it (a survey writes
     * two files in folders of its own), forgotten once asked for. {@link ScreenResult#NONE} when no
     * screening writer wrote there.
     */
    public ScreenResult collect(Path datasetDir) {
        Path root = datasetDir.toAbsolutePath().normalize();
        ScreenResult merged = null;
        List<Path> done = new ArrayList<>();
        for (Map.Entry<Path, ScreeningWriter> e : writers.entrySet()) {
            if (e.getKey().startsWith(root)) {
                done.add(e.getKey());
            }
        }
        done.sort(null);
        for (Path p : done) {
            ScreeningWriter w = writers.remove(p);
            if (w != null) {
                ScreenResult r = w.result();
                merged = merged == null ? r : merged.merge(r);
            }
        }
        return merged == null ? ScreenResult.NONE : merged;
    }

    /** True when a writer of this folder, or below it, was respondent-level (a survey's). */
    public boolean respondentLevelUnder(Path datasetDir) {
        Path root = datasetDir.toAbsolutePath().normalize();
        for (Map.Entry<Path, ScreeningWriter> e : writers.entrySet()) {
            if (e.getKey().startsWith(root) && e.getValue().policy() == ScreeningWriter.Policy.RESTRICTED) {
                return true;
            }
        }
        return false;
    }

    /** Forgets every writer under {@code root} (a conversion that failed, or an upload finished). */
    public void discardUnder(Path root) {
        Path r = root.toAbsolutePath().normalize();
        // A loop, not removeIf with a lambda: this runs on every upload's cold path.
        java.util.Iterator<Path> it = writers.keySet().iterator();
        while (it.hasNext()) {
            if (it.next().startsWith(r)) {
                it.remove();
            }
        }
    }

    /**
     * Writers opened under {@code root} until the returned handle is closed write values as given
     * (profiled, never redacted).
     */
    public Observation observeUnder(Path root) {
        Path r = root.toAbsolutePath().normalize();
        observed.add(r);
        return new Observation(r);
    }

    /** Ends {@link #observeUnder}. */
    public final class Observation implements AutoCloseable {
        private final Path root;

        private Observation(Path root) {
            this.root = root;
        }

        @Override
        public void close() {
            observed.remove(root);
        }
    }
}
