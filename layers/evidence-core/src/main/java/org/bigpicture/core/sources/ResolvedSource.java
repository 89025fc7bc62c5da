package org.bigpicture.core.sources;

import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * The record {@code provenance.json} keeps (field {@code published_by}): plain maps and
     * strings, in a fixed order, for the ledger's JSON writer.
     */
    public Map<String, Object> toRecord() {
        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("name", terms.publisher().name());
        publisher.put("url", terms.publisher().url());
        Map<String, Object> licence = new LinkedHashMap<>();
        licence.put("id", terms.licence().id());
        licence.put("url", terms.licence().url());
        licence.put("title", terms.licence().title());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("publisher", publisher);
        out.put("licence", licence);
        out.put("attribution", terms.attribution());
        if (terms.title() != null) {
            out.put("title", terms.title());
        }
        if (terms.description() != null) {
            out.put("description", terms.description());
        }
        out.put("entry", entry);
        out.put("file", file);
        out.put("line", line);
        out.put("file_sha256", fileSha256);
        return out;
    }
}
