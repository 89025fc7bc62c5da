package org.bigpicture.observability;

/**
 * The functions, as their logs and metrics name them: the {@code service} field of every log line
 * and the {@code Service} dimension of every metric (the names Powertools for AWS Lambda uses).
 */
public enum Service {
    INGEST("ingest"),
    HEADLINES("headlines"),
    PUBLISH("publish"),
    /** The scheduled fetch of public extracts (issue 14): its metric names are fixed here already. */
    REFRESH("refresh");

    private final String value;

    Service(String value) {
        this.value = value;
    }

    /** The dimension value and log field: {@code ingest}, {@code headlines}, … */
    public String value() {
        return value;
    }
}
