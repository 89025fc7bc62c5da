package org.bigpicture.core.survey;

import java.util.Map;
import org.bigpicture.core.ingest.BadInputException;

/**
 * Disclosure control thresholds ({@code config/disclosure.yaml}):
 * <pre>
 * min_cell_count: 10            # counts below this are suppressed (with secondary suppression)
 * min_base_for_percentage: 30   # no percentage or interval on a smaller base
 * </pre>
 *
 * @param minCellCount         smallest count published
 * @param minBaseForPercentage smallest base on which a percentage is published
 */
public record DisclosureRules(int minCellCount, int minBaseForPercentage) {

    public static final String CONFIG_NAME = "disclosure.yaml";

    public DisclosureRules {
        if (minCellCount < 1 || minBaseForPercentage < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
    }

    /** 10 and 30. */
    public static DisclosureRules defaults() {
        return new DisclosureRules(10, 30);
    }

    /** Parses and validates {@code disclosure.yaml}; missing settings keep their defaults. */
    public static DisclosureRules parse(String key, String text) {
        YamlNode root = YamlNode.parse(key, text);
        DisclosureRules d = defaults();
        if (root.value() == null) {
            return d;
        }
        if (!root.isMap()) {
            throw new BadInputException(key, root.line(),
                    "expected settings such as 'min_cell_count: 10' and 'min_base_for_percentage: 30'");
        }
        int minCell = d.minCellCount();
        int minBase = d.minBaseForPercentage();
        for (Map.Entry<String, YamlNode> e : root.map().entrySet()) {
            YamlNode v = e.getValue();
            switch (e.getKey()) {
                case "min_cell_count" -> minCell = positiveInt(key, e.getKey(), v, 1000);
                case "min_base_for_percentage" -> minBase = positiveInt(key, e.getKey(), v, 100_000);
                default -> throw new BadInputException(key, v.line(), "unknown setting '" + e.getKey()
                        + "'; the settings are min_cell_count and min_base_for_percentage");
            }
        }
        return new DisclosureRules(minCell, minBase);
    }

    private static int positiveInt(String key, String name, YamlNode v, int max) {
        if (!v.isScalar()) {
            throw new BadInputException(key, v.line(), name + " must be a whole number");
        }
        int n;
        try {
            n = Integer.parseInt(v.text().trim());
        } catch (NumberFormatException ex) {
            throw new BadInputException(key, v.line(), name + " must be a whole number, not '" + v.text() + "'");
        }
        if (n < 1 || n > max) {
            throw new BadInputException(key, v.line(), name + " must be between 1 and " + max + ", not " + n);
        }
        return n;
    }
}
