package org.bigpicture.core.ingest;

import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConfigValidator;
import org.bigpicture.core.sources.Sources;
import org.bigpicture.core.sources.SourcesFile;
import org.bigpicture.core.util.YamlException;

/**
 * Validates an officer's {@code config/sources.yaml} (publishers, licences and attributions by key
 * pattern, and the public extracts the refresh fetches): the whole file is parsed and checked as
 * the resolver reads it, so a file that passes cannot break an ingest or a publish; one that fails
 * is rejected with the line and the reason, and the lake keeps the last good file.
 */
public final class SourcesConfigValidator implements ConfigValidator {

    @Override
    public String name() {
        return Sources.CONFIG_NAME;
    }

    @Override
    public void validate(String key, String text) {
        try {
            SourcesFile.parse(key, text);
        } catch (YamlException e) {
            throw new BadInputException(key, e.line(), e.reason());
        }
    }
}
