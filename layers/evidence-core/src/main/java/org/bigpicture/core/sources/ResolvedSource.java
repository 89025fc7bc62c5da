package org.bigpicture.core.sources;

import org.bigpicture.core.lake.PublishedBy;

/**
 * The terms a raw upload gets, and where they came from.
 *
 * @param entry      the id of the matching entry, or null when none matched (the file's {@code default})
 * @param file       {@code config/sources.yaml} (an officer's) or {@link Sources#SHIPPED_NAME}
 * @param line       line of the entry (or of {@code default}) in that file
 * @param fileSha256 sha256 of that file's text
 */
public record ResolvedSource(SourceTerms terms, String entry, String file, int line, String fileSha256) {

    public Publisher publisher() {
        return terms.publisher();
    }

    public Licence licence() {
        return terms.licence();
    }

    public String attribution() {
        return terms.attribution();
    }

    /** What {@code provenance.json} keeps of it (field {@code published_by}). */
    public PublishedBy toRecord() {
        return new PublishedBy(terms.publisher().name(), terms.publisher().url(), terms.licence().id(),
                terms.licence().url(), terms.licence().title(), terms.attribution(), terms.title(),
                terms.description(), entry, file, (long) line, fileSha256);
    }
}
