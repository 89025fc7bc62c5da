package org.bigpicture.core.headlines;

/**
 * What headlines need of a dataset's {@code provenance.json} (the lake's {@code Provenance} record).
 *
 * @param id         the dataset id ({@code datasets/<id>/})
 * @param family     detected source family (e.g. {@code imd2019}, {@code nomis-api}, {@code survey})
 * @param kind       {@code observations}, {@code table} or {@code survey}
 * @param sha256     sha256 of the raw file it came from
 * @param rows       rows written
 * @param ingestedAt when ingest finished, as recorded (used only to order surveys)
 */
record DatasetInfo(String id, String family, String kind, String layout, String rawKey, String sha256, Long rows,
                   String ingestedAt) {
}
