package org.bigpicture.core.ingest;

import org.bigpicture.core.convert.ConfigValidator;

/** Validates an officer's {@code config/publish.yaml} (see {@link PublishReleases}). */
public final class PublishConfigValidator implements ConfigValidator {

    @Override
    public String name() {
        return PublishReleases.CONFIG_NAME;
    }

    @Override
    public void validate(String key, String text) {
        PublishReleases.parse(key, text);
    }
}
