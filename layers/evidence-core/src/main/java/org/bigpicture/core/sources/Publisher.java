package org.bigpicture.core.sources;

/**
 * Who published a source: an organisation's name and its web page.
 *
 * @param name e.g. {@code Office for National Statistics}
 * @param url  an absolute http(s) URL
 */
public record Publisher(String name, String url) {
}
