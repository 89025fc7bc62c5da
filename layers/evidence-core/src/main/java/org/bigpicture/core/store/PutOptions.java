package org.bigpicture.core.store;

import java.util.Map;

/** Headers for a write. {@code contentType} is required; the rest may be null or empty. */
public record PutOptions(String contentType, String cacheControl, Map<String, String> metadata) {

    public PutOptions {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static PutOptions of(String contentType) {
        return new PutOptions(contentType, null, Map.of());
    }

    public static PutOptions json() {
        return of("application/json");
    }

    public PutOptions withCacheControl(String value) {
        return new PutOptions(contentType, value, metadata);
    }
}
