package org.bigpicture.core.convert;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A dataset written to a local folder, ready to upload under {@code datasets/<id>/}.
 *
 * @param datasetId    the lake id
 * @param family       detected family (e.g. "imd2019", "survey")
 * @param layout       what was recognised, in words (e.g. "Nomis web download, LSOA rows, 1 footnote")
 * @param kind         "observations", "table" or "survey"
 * @param dir          local folder whose every file is uploaded (provenance is added by ingest)
 * @param rowsRead     data records read
 * @param rowsWritten  rows written to the main table
 * @param rowsRejected records not written, counted by reason in {@code rejected}
 * @param rejected     reason → count (totals rows, duplicates, footnotes, …)
 * @param notes        remarks for the report (e.g. "period taken from the file name: mid-2020")
 * @param summary      extra facts for the report (survey: respondents, questions)
 */
public record ConvertedDataset(String datasetId, String family, String layout, String kind, Path dir,
                               long rowsRead, long rowsWritten, long rowsRejected,
                               Map<String, Long> rejected, List<String> notes, Map<String, Object> summary) {
}
