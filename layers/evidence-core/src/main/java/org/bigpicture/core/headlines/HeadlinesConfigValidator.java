package org.bigpicture.core.headlines;

import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConfigValidator;

/**
 * Validates an officer's {@code config/headlines.yaml}: the whole spec is parsed and checked as the
 * engine would, so a spec that passes cannot break a headline run; one that fails is rejected with
 * the line and the reason, and the lake keeps the last good spec (and so the last good headlines).
 */
public final class HeadlinesConfigValidator implements ConfigValidator {

    @Override
    public String name() {
        return "headlines.yaml";
    }

    @Override
    public void validate(String key, String text) {
        try {
            HeadlineSpecParser.parse(text);
        } catch (SpecException e) {
            throw new BadInputException(key, e.line(), e.reason());
        }
    }
}
