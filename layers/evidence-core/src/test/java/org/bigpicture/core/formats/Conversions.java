package org.bigpicture.core.formats;

import org.bigpicture.core.convert.UploadTables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.convert.Format;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.convert.TableInput;

/** Runs the recogniser and formats on a file, recording rows instead of writing Parquet. */
final class Conversions {

    final RecordingOutput output = new RecordingOutput();
    final Recognizer recognizer;
    final Path dir;
    final List<String> families = new ArrayList<>();
    UploadTables tables;

    Conversions(Path dir) {
        this(dir, Limits.defaults());
    }

    Conversions(Path dir, Limits limits) {
        this.dir = dir;
        this.recognizer = new Recognizer(Recognizer.standardFormats(output), limits);
    }

    List<ConvertedDataset> run(String key, Path file) throws IOException {
        tables = recognizer.open(key, file);
        List<ConvertedDataset> out = new ArrayList<>();
        for (TableInput t : tables.tables()) {
            Format f = recognizer.formatFor(t);
            families.add(f.family());
            out.addAll(f.convert(t, new TestWorkspace(dir, recognizer.limits())));
        }
        return out;
    }

    /** Converts a test resource under {@code fixtures/}, uploaded under {@code key}. */
    List<ConvertedDataset> runResource(String resource, String key) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("upload-" + families.size() + "-" + resource.replace('/', '_'));
        try (InputStream in = Conversions.class.getResourceAsStream("/fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            Files.copy(in, file);
        }
        return run(key, file);
    }

    List<ConvertedDataset> runText(String key, String text) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("upload-" + System.nanoTime());
        Files.writeString(file, text);
        return run(key, file);
    }

    List<ConvertedDataset> runBytes(String key, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("upload-" + System.nanoTime());
        Files.write(file, bytes);
        return run(key, file);
    }
}
