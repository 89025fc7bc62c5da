package org.bigpicture.core.convert;

/**
 * Validates one kind of configuration upload ({@code config/<name>}). Ingest copies a valid file
 * to the lake's {@code config/<name>}; an invalid one is rejected with the line and the reason and
 * the last good configuration stays in place.
 */
public interface ConfigValidator {

    /** The file name it validates, e.g. {@code headlines.yaml}. */
    String name();

    /** Throws {@link BadInputException} naming the line and the reason when the text is not valid. */
    void validate(String key, String text);
}
