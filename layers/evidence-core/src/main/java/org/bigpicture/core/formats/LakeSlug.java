package org.bigpicture.core.formats;

import java.util.Locale;

/** snake_case identifiers from headers: "Education, Skills and Training" → "education_skills_and_training". */
final class LakeSlug {

    private LakeSlug() {
    }

    static String of(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return s.replaceAll("^_+|_+$", "");
    }
}
