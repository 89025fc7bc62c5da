package org.bigpicture.core.ingest;

/** Tells officers each upload's result (SNS in AWS; a log line locally). */
public interface Notifier {

    /**
     * @param subject short line, e.g. "Accepted: jsna/Life Expectancy.csv"
     * @param reportJson the ingest report as written to {@code reports/ingest/}
     */
    void uploadResult(String subject, String reportJson);

    Notifier NONE = (subject, report) -> { };
}
