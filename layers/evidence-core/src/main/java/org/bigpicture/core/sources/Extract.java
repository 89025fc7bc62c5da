package org.bigpicture.core.sources;

/**
 * A public extract the monthly refresh fetches (issue 14): the URL, the raw key the fetched bytes
 * are written to, and the content type the response must have. Its key matches the keys of
 * {@code entry}, so the fetched file is attributed as that entry says.
 *
 * @param id          unique in its file
 * @param url         an https URL with a host and no credentials
 * @param key         the raw bucket key (not under {@code config/})
 * @param contentType the media type expected (e.g. {@code text/csv}), or null for any
 * @param description what it is, for the refresh's report, or null
 * @param entry       the id of the first entry whose keys match {@code key}
 * @param line        line of the extract in its file
 */
public record Extract(String id, String url, String key, String contentType, String description, String entry,
                      int line) {
}
