package org.bigpicture.core.store;

import java.util.Map;

/** The three buckets (DESIGN.md, "Flow"). */
public record Buckets(String raw, String lake, String published) {

    /** From {@code RAW_BUCKET}, {@code LAKE_BUCKET}, {@code PUBLISHED_BUCKET}. */
    public static Buckets fromEnvironment(Map<String, String> env) {
        return new Buckets(require(env, "RAW_BUCKET"), require(env, "LAKE_BUCKET"), require(env, "PUBLISHED_BUCKET"));
    }

    private static String require(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return v;
    }
}
