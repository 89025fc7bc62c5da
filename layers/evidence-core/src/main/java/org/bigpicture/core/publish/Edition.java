package org.bigpicture.core.publish;

import org.bigpicture.core.store.ContentTypes;
import org.bigpicture.core.lake.Sha256;
import org.bigpicture.core.sources.Licence;
import org.bigpicture.core.sources.Publisher;
import org.bigpicture.core.sources.ResolvedSource;
import org.bigpicture.core.sources.SourceTerms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The parts of an edition as they are assembled in a local folder before upload. */
final class Edition {

    private Edition() {
    }

    static final String CSV = ContentTypes.CSV;
    static final String PARQUET = ContentTypes.PARQUET;
    static final String JSON = ContentTypes.JSON;
    static final String HTML = ContentTypes.HTML;
    static final String TEXT = ContentTypes.TEXT;
    static final String MARKDOWN = ContentTypes.MARKDOWN;

    /**
     * One file of the edition.
     *
     * @param path        path inside the edition folder, e.g. {@code data/x.csv}
     * @param local       the local copy, or null when the file is copied from a previous edition
     * @param contentType Content-Type to upload with
     * @param copyFrom    published-bucket key of identical bytes in a previous edition, or null
     */
    record File(String path, Path local, long bytes, String sha256, String contentType, String copyFrom) {

        File(String path, Path local, long bytes, String sha256, String contentType) {
            this(path, local, bytes, sha256, contentType, null);
        }
    }

    /**
     * A table of the previous edition whose CSV and JSON can be copied instead of written again:
     * they are a pure function of the Parquet file (and the exporter's version), so the same
     * Parquet bytes give the same text bytes.
     *
     * @param parquetSha256 the previous edition's Parquet twin
     * @param csv           its CSV (with {@code copyFrom} set)
     * @param json          its JSON, or null
     */
    record Reusable(String parquetSha256, long rows, File csv, File json) {
    }

    /**
     * One published table in its formats.
     *
     * @param name        resource name (the dataset id, or {@code <id>-summary} / {@code <id>-themes})
     * @param json        JSON twin, or null for tables over the row limit
     * @param tableSchema Table Schema as the Parquet and JSON twins name the columns
     * @param csvSchema   Table Schema as the CSV header spells the columns (neutralised)
     */
    record Table(String name, String title, String description, long rows, File csv, File parquet, File json,
                 ObjectNode tableSchema, ObjectNode csvSchema) {

        List<File> files() {
            List<File> out = new ArrayList<>(List.of(csv, parquet));
            if (json != null) {
                out.add(json);
            }
            return out;
        }
    }

    /**
     * A lake dataset with its published tables, and who published it under which licence (as the
     * lake's current {@code sources.yaml} says).
     */
    record Dataset(LakeDataset lake, List<Table> tables, ResolvedSource source) {

        String id() {
            return lake.id();
        }

        Licence licence() {
            return source.licence();
        }

        Publisher publisher() {
            return source.publisher();
        }

        String attribution() {
            return source.attribution();
        }

        /** One hash for the dataset's published bytes, to tell changed from unchanged. */
        String sha256() {
            List<String> lines = new ArrayList<>();
            tables.forEach(t -> t.files().forEach(f -> lines.add(f.path() + " " + f.sha256())));
            return fingerprintOf(lines);
        }

        long rows() {
            return tables.stream().mapToLong(Table::rows).sum();
        }
    }

    /**
     * Everything that decides whether an edition is new: the data files and the headlines.
     *
     * @param headlines     the lake's headlines.json parsed, or null when headlines have not run
     * @param headlinesJson {@code headlines.json} as published, or null
     * @param headlinesCsv  {@code headlines.csv} as published, or null
     * @param headlinesSchema Table Schema of headlines.csv, or null
     * @param withheld  ids of lake datasets kept out of the edition (respondent-level data that is not a survey)
     * @param hub       who publishes the hub (the {@code default} of sources.yaml): the bundle's publisher
     */
    record Content(List<Dataset> datasets, JsonNode headlines, File headlinesJson, File headlinesCsv,
                   ObjectNode headlinesSchema, List<String> withheld, SourceTerms hub) {

        /** Data files and headlines, sorted by path. */
        List<File> files() {
            List<File> out = new ArrayList<>();
            datasets.forEach(d -> d.tables().forEach(t -> out.addAll(t.files())));
            if (headlinesJson != null) {
                out.add(headlinesJson);
            }
            if (headlinesCsv != null) {
                out.add(headlinesCsv);
            }
            out.sort(Comparator.comparing(File::path));
            return out;
        }

        /**
         * The content's identity: a hash over the path and sha256 of every data and headline file,
         * and over each dataset's licence and sources ({@link DataPackage#terms}), so that a
         * corrected {@code sources.yaml} makes a new edition. Creation times, the report and the
         * manifest are outside it, so republishing an unchanged lake gives the same fingerprint.
         */
        String fingerprint() {
            List<String> lines = new ArrayList<>(files().stream().map(f -> f.path() + " " + f.sha256()).toList());
            datasets.forEach(d -> lines.add(termsLine(d.id(), DataPackage.terms(d))));
            return fingerprintOf(lines);
        }
    }

    /** The fingerprint of "path sha256" lines (sorted here, so order does not matter). */
    static String fingerprintOf(List<String> pathAndHashLines) {
        List<String> sorted = new ArrayList<>(pathAndHashLines);
        sorted.sort(Comparator.naturalOrder());
        StringBuilder sb = new StringBuilder();
        sorted.forEach(l -> sb.append(l).append('\n'));
        return Sha256.hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The fingerprint line of a dataset's terms (see {@link DataPackage#terms}). */
    static String termsLine(String datasetId, String terms) {
        return "terms/" + datasetId + " " + Sha256.hex(terms.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a path belongs to the content fingerprint (data files and headlines). */
    static boolean isContent(String path) {
        return path.startsWith("data/") || path.equals("headlines.json") || path.equals("headlines.csv");
    }
}
