package org.bigpicture.core.survey;

import org.bigpicture.core.convert.ConfigValidator;

/** Validates an officer's {@code config/disclosure.yaml} (see {@link DisclosureRules}). */
public final class DisclosureConfigValidator implements ConfigValidator {

    @Override
    public String name() {
        return DisclosureRules.CONFIG_NAME;
    }

    @Override
    public void validate(String key, String text) {
        DisclosureRules.parse(key, text);
    }
}
