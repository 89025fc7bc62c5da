package org.bigpicture.core.dataset;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM whose class path is the core's packaged run-time class path (no Hadoop):
 * writes a dataset through {@link DatasetWriter}, reads it back with {@link DatasetReader}, and
 * prints {@code OK} with what it checked. Exits non-zero on any failure.
 */
public final class NoHadoopProbe {

    private NoHadoopProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.apache.hadoop.conf.Configuration");
            throw new AssertionError("Hadoop is on the class path; the probe proves nothing");
        } catch (ClassNotFoundException expected) {
            // as on Lambda
        }
        Path dir = Files.createTempDirectory("no-hadoop-probe");
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        DatasetFiles files = SampleRows.write(dir, SampleRows.COLUMNS, rows, DatasetWriter.Options.defaults());
        long read = 0;
        double sum = 0;
        try (DatasetReader reader = DatasetReader.open(files.parquet())) {
            while (reader.next()) {
                read++;
                if (!reader.isNull(2)) {
                    sum += reader.getDouble(2);
                }
                reader.getString(0);
            }
        }
        double expected = 0;
        for (int i = 0; i < rows; i++) {
            if (i % 9 != 2) {
                expected += i * 0.25 - 17.5;
            }
        }
        if (read != rows || sum != expected || files.json() == null) {
            throw new AssertionError("read " + read + " rows, sum " + sum + "; expected " + rows + ", " + expected);
        }
        for (Path p : new Path[] {files.parquet(), files.json(), files.schema()}) {
            Files.delete(p);
        }
        Files.delete(dir);
        System.out.println("OK rows=" + read + " sum=" + sum);
        System.out.println("zstd native: " + System.getProperty("ZstdNativePath", "unpacked by zstd-jni"));
    }
}
