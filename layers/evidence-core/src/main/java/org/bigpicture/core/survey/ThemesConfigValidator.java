package org.bigpicture.core.survey;

import org.bigpicture.core.convert.ConfigValidator;

/** Validates an officer's {@code config/themes.yaml} (see {@link ThemeDictionary}). */
public final class ThemesConfigValidator implements ConfigValidator {

    @Override
    public String name() {
        return ThemeDictionary.CONFIG_NAME;
    }

    @Override
    public void validate(String key, String text) {
        ThemeDictionary.parse(key, text);
    }
}
