package org.bigpicture.core;

import org.bigpicture.core.convert.ConfigValidator;

/** Registered in the test classpath's META-INF/services to show {@link Wiring#configValidators()} finds validators. */
public final class RegisteredTestValidator implements ConfigValidator {

    @Override
    public String name() {
        return "wiring-test.yaml";
    }

    @Override
    public void validate(String key, String text) {
    }
}
