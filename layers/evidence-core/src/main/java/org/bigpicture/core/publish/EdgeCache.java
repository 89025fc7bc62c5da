package org.bigpicture.core.publish;

import java.io.IOException;
import java.util.List;

/**
 * The CDN in front of the published bucket. Editions are served with a year-long immutable
 * Cache-Control, so a withdrawal must also purge the edge, or CloudFront would go on serving the
 * withdrawn files. Implemented over CloudFront in the publish function; locally there is no edge.
 */
public interface EdgeCache {

    /** No CDN (local stack, tests). */
    EdgeCache NONE = paths -> { };

    /** Purges these URL paths ({@code /bundles/2026-11-26/*} style wildcards allowed). */
    void invalidate(List<String> paths) throws IOException;
}
