package org.bigpicture.core.headlines;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One computed headline as it goes into {@code headlines.json} and {@code headlines.csv}. Numbers
 * are already rounded to the headline's decimals, so the JSON is the same bytes for the same inputs.
 */
public final class HeadlineResult {

    /** ok | missing_data | suppressed | error */
    public enum Status {
        OK("ok"), MISSING_DATA("missing_data"), SUPPRESSED("suppressed"), ERROR("error");

        private final String json;

        Status(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /** A comparator's value; {@code period} differs from the headline's when the data held no better. */
    public record Comparator(String areaCode, String areaName, BigDecimal value, String period, String note) {
    }

    /** A number the headline used, where it came from. */
    public record Input(String role, String areaCode, String period, BigDecimal value, String dataset, String how) {
    }

    /** A dataset the headline read. */
    public record Source(String dataset, String sha256, Long rows) {
    }

    final String id;
    final String title;
    Status status = Status.OK;
    String statement;
    BigDecimal value;
    String unit;
    String period;
    BigDecimal ciLow;
    BigDecimal ciHigh;
    final List<Comparator> comparators = new ArrayList<>();
    final Map<String, Object> details = new LinkedHashMap<>();
    final List<Input> inputs = new ArrayList<>();
    final List<Source> sources = new ArrayList<>();
    String reason;
    String needs;

    HeadlineResult(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Status status() {
        return status;
    }

    /** The statement with its numbers, or null when the status is not ok. */
    public String statement() {
        return statement;
    }

    public BigDecimal value() {
        return value;
    }

    public String unit() {
        return unit;
    }

    public String period() {
        return period;
    }

    public BigDecimal ciLow() {
        return ciLow;
    }

    public BigDecimal ciHigh() {
        return ciHigh;
    }

    public List<Comparator> comparators() {
        return List.copyOf(comparators);
    }

    /** Extra numbers of the computation (count, base, rank out of, the top answers, …), in a fixed order. */
    public Map<String, Object> details() {
        return java.util.Collections.unmodifiableMap(details);
    }

    public List<Input> inputs() {
        return List.copyOf(inputs);
    }

    public List<Source> sources() {
        return List.copyOf(sources);
    }

    /** Why the status is not ok (for missing_data: what is missing), else null. */
    public String reason() {
        return reason;
    }

    /** For missing_data: what an officer should upload. */
    public String needs() {
        return needs;
    }
}
