package org.bigpicture.core.ingest;

import java.util.List;

/**
 * What became of one raw object event.
 *
 * @param status   accepted, quarantined, configuration, held, removed or skipped
 * @param datasets lake dataset ids written (accepted)
 * @param family   detected families, comma-joined (accepted)
 * @param rows     rows written across its datasets
 * @param message  the reason (quarantined, held with how to release it, skipped) or a remark
 */
public record IngestResult(String key, String status, List<String> datasets, String family, long rows,
                           String message) {

    static IngestResult skipped(String key, String why) {
        return new IngestResult(key, "skipped", List.of(), null, 0, why);
    }
}
