package org.bigpicture.core.sources;

/**
 * What {@code sources.yaml} says about a source: who published it, under which licence, and the
 * sentence partners reproduce when they reuse it.
 *
 * @param title       the source's title in words (e.g. "Claimant count by LSOA"), or null
 * @param description a sentence or two about the source, or null
 */
public record SourceTerms(Publisher publisher, Licence licence, String attribution, String title,
                          String description) {
}
