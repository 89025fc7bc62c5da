package org.bigpicture.core.store;

import java.util.Locale;

/**
 * Content-Types of the files the hub writes (lake and bundles), by file name. Everything we write
 * as text is UTF-8, so text types carry the charset. Raw uploads are not ours: their encoding is
 * detected, never declared.
 */
public final class ContentTypes {

    public static final String PARQUET = "application/vnd.apache.parquet";
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String MARKDOWN = "text/markdown; charset=utf-8";
    public static final String YAML = "application/yaml";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String BINARY = "application/octet-stream";

    private ContentTypes() {
    }

    /** The type for a file name or key, or {@code fallback} for an extension not listed here. */
    public static String of(String name, String fallback) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet")) {
            return PARQUET;
        } else if (n.endsWith(".json")) {
            return JSON;
        } else if (n.endsWith(".csv")) {
            return CSV;
        } else if (n.endsWith(".html")) {
            return HTML;
        } else if (n.endsWith(".md")) {
            return MARKDOWN;
        } else if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return YAML;
        } else if (n.endsWith(".txt")) {
            return TEXT;
        }
        return fallback;
    }
}
