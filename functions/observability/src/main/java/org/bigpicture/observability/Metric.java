package org.bigpicture.observability;

import java.util.ArrayList;
import java.util.List;

/**
 * Every CloudWatch metric the functions emit: the one list of names that the handlers write and
 * template.yaml's alarms and dashboard read (a test holds the template against this enum). Each is
 * emitted with one dimension, {@code Service}, in the namespace the function's
 * {@code POWERTOOLS_METRICS_NAMESPACE} names.
 */
public enum Metric {
    // ingest: one per raw object event, by outcome
    UPLOADS_ACCEPTED("UploadsAccepted", Unit.COUNT, Service.INGEST),
    UPLOADS_QUARANTINED("UploadsQuarantined", Unit.COUNT, Service.INGEST),
    UPLOADS_HELD("UploadsHeld", Unit.COUNT, Service.INGEST),
    CONFIGURATIONS_ACCEPTED("ConfigurationsAccepted", Unit.COUNT, Service.INGEST),
    UPLOADS_REMOVED("UploadsRemoved", Unit.COUNT, Service.INGEST),
    EVENTS_SKIPPED("EventsSkipped", Unit.COUNT, Service.INGEST),
    /** The store or the network failed: Lambda retries the event, then the failed-events queue keeps it. */
    INGEST_FAILED("IngestFailed", Unit.COUNT, Service.INGEST),
    ROWS_INGESTED("RowsIngested", Unit.COUNT, Service.INGEST),
    INGEST_DURATION("IngestDuration", Unit.MILLISECONDS, Service.INGEST),

    // headlines: one set per engine run
    HEADLINE_RUNS("HeadlineRuns", Unit.COUNT, Service.HEADLINES),
    HEADLINES_OK("HeadlinesOk", Unit.COUNT, Service.HEADLINES),
    HEADLINES_MISSING_DATA("HeadlinesMissingData", Unit.COUNT, Service.HEADLINES),
    HEADLINES_SUPPRESSED("HeadlinesSuppressed", Unit.COUNT, Service.HEADLINES),
    HEADLINES_ERROR("HeadlinesError", Unit.COUNT, Service.HEADLINES),
    HEADLINES_FAILED("HeadlinesFailed", Unit.COUNT, Service.HEADLINES),
    HEADLINES_DURATION("HeadlinesDuration", Unit.MILLISECONDS, Service.HEADLINES),

    // publish: one per invocation, by outcome
    EDITIONS_PUBLISHED("EditionsPublished", Unit.COUNT, Service.PUBLISH),
    EDITIONS_UNCHANGED("EditionsUnchanged", Unit.COUNT, Service.PUBLISH),
    /** The lake holds exactly what a withdrawn edition held: refused, so the schedule never undoes a withdrawal. */
    EDITIONS_REFUSED("EditionsRefused", Unit.COUNT, Service.PUBLISH),
    EDITIONS_WITHDRAWN("EditionsWithdrawn", Unit.COUNT, Service.PUBLISH),
    /** A request the publisher turned down (bad date, unknown edition, no reason): the caller is told why. */
    PUBLISH_REJECTED("PublishRejected", Unit.COUNT, Service.PUBLISH),
    /** The store, the network or the CDN failed: no edition was made. */
    PUBLISH_FAILED("PublishFailed", Unit.COUNT, Service.PUBLISH),
    EDITION_FILES("EditionFiles", Unit.COUNT, Service.PUBLISH),
    EDITION_BYTES("EditionBytes", Unit.BYTES, Service.PUBLISH),
    PUBLISH_DURATION("PublishDuration", Unit.MILLISECONDS, Service.PUBLISH),

    // refresh (issue 14): one per source fetched
    REFRESH_UPDATED("RefreshUpdated", Unit.COUNT, Service.REFRESH),
    REFRESH_UNCHANGED("RefreshUnchanged", Unit.COUNT, Service.REFRESH),
    REFRESH_FAILED("RefreshFailed", Unit.COUNT, Service.REFRESH),
    REFRESH_DURATION("RefreshDuration", Unit.MILLISECONDS, Service.REFRESH);

    /** CloudWatch units the metrics use (EMF's {@code Unit} strings). */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds"), BYTES("Bytes");

        private final String emf;

        Unit(String emf) {
            this.emf = emf;
        }

        public String emf() {
            return emf;
        }
    }

    /** The dimension every metric carries. */
    public static final String DIMENSION = "Service";

    private final String metricName;
    private final Unit unit;
    private final Service service;

    Metric(String metricName, Unit unit, Service service) {
        this.metricName = metricName;
        this.unit = unit;
        this.service = service;
    }

    /** The CloudWatch metric name ({@code UploadsQuarantined}). */
    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The function that emits it (the value of its {@code Service} dimension). */
    public Service service() {
        return service;
    }

    /** The metric of a name, if it is one of ours. */
    public static java.util.Optional<Metric> named(String metricName) {
        for (Metric m : values()) {
            if (m.metricName.equals(metricName)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }

    /** Every metric one function emits. */
    public static List<Metric> of(Service service) {
        List<Metric> out = new ArrayList<>();
        for (Metric m : values()) {
            if (m.service == service) {
                out.add(m);
            }
        }
        return out;
    }
}
