package org.bigpicture.core.lake;

/**
 * Who published a dataset, under which licence, and the sentence partners reproduce, as
 * {@code config/sources.yaml} said when it was ingested (field {@code published_by} of
 * {@code provenance.json}; publish resolves again with the current file).
 *
 * @param publisherName publisher in words
 * @param publisherUrl  publisher's page, or null
 * @param licenceId     Open Definition / SPDX-like id, e.g. {@code OGL-UK-3.0}
 * @param licenceUrl    the licence's URL
 * @param licenceTitle  its name in words
 * @param attribution   the attribution sentence
 * @param title         the entry's title for the source, or null
 * @param description   the entry's description, or null
 * @param entry         the id of the sources.yaml entry that matched
 * @param file          which file it came from ({@code config/sources.yaml} or the shipped default)
 * @param line          the entry's line in that file
 * @param fileSha256    sha256 of that file
 */
public record PublishedBy(String publisherName, String publisherUrl, String licenceId, String licenceUrl,
                          String licenceTitle, String attribution, String title, String description, String entry,
                          String file, Long line, String fileSha256) {

    Object toJson() {
        return Tree.obj()
                .with("publisher", Tree.obj().with("name", publisherName).with("url", publisherUrl))
                .with("licence", Tree.obj().with("id", licenceId).with("url", licenceUrl).with("title", licenceTitle))
                .with("attribution", attribution)
                .withOptional("title", title)
                .withOptional("description", description)
                .with("entry", entry)
                .with("file", file)
                .with("line", line)
                .with("file_sha256", fileSha256);
    }

    static PublishedBy fromJson(Object node) {
        if (node == null) {
            return null;
        }
        Object publisher = Tree.get(node, "publisher");
        Object licence = Tree.get(node, "licence");
        return new PublishedBy(Tree.text(publisher, "name"), Tree.text(publisher, "url"), Tree.text(licence, "id"),
                Tree.text(licence, "url"), Tree.text(licence, "title"), Tree.text(node, "attribution"),
                Tree.text(node, "title"), Tree.text(node, "description"), Tree.text(node, "entry"),
                Tree.text(node, "file"), Tree.number(node, "line"), Tree.text(node, "file_sha256"));
    }
}
