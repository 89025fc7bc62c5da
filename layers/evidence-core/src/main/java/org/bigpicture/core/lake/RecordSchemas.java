package org.bigpicture.core.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schemas of every record the lake and a bundle hold (issue 12), shipped in the core and
 * published with each edition under {@code schemas/}, so a partner or a second implementation can
 * validate what it reads. Each record's type names its schema; the tests validate every record a
 * run writes against them.
 */
public final class RecordSchemas {

    /** The schema files, by record. */
    public static final String PROVENANCE = "provenance.schema.json";
    public static final String INGEST_REPORT = "ingest-report.schema.json";
    public static final String QUARANTINE_RECORD = "quarantine-record.schema.json";
    public static final String HELD_RECORD = "held-record.schema.json";
    public static final String SURVEY_SUMMARY = "survey-summary.schema.json";
    public static final String SURVEY_THEMES = "survey-themes.schema.json";
    public static final String SURVEY_CODEBOOK = "survey-codebook.schema.json";
    public static final String HEADLINES = "headlines.schema.json";
    public static final String HEADLINES_STATE = "headlines-state.schema.json";
    public static final String CATALOG = "catalog.schema.json";
    public static final String LATEST = "latest.schema.json";
    public static final String CHANGES = "changes.schema.json";
    public static final String DATA_ROWS = "data-rows.schema.json";

    /** Every schema, in name order. */
    public static final List<String> ALL = List.of(CATALOG, CHANGES, DATA_ROWS, HEADLINES_STATE, HEADLINES,
            HELD_RECORD, INGEST_REPORT, LATEST, PROVENANCE, QUARANTINE_RECORD, SURVEY_CODEBOOK, SURVEY_SUMMARY,
            SURVEY_THEMES);

    private static final String FOLDER = "/org/bigpicture/core/schemas/";

    private RecordSchemas() {
    }

    /** The schema's bytes as shipped. */
    public static byte[] bytes(String name) {
        if (!ALL.contains(name)) {
            throw new IllegalArgumentException("no record schema named " + name);
        }
        try (InputStream in = RecordSchemas.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the core ships no " + FOLDER + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
