package org.bigpicture.core.survey;

import org.bigpicture.core.util.YamlException;
import org.bigpicture.core.util.YamlNode;
import java.util.Map;
import org.bigpicture.core.convert.BadInputException;

/**
 * Disclosure control settings ({@code config/disclosure.yaml}):
 * <pre>
 * min_cell_count: 10            # counts below this are suppressed (with secondary suppression)
 * min_base_for_percentage: 30   # no percentage or interval on a smaller base
 * max_perturbation: 2           # the cell key method moves a count by at most this much (1 to 5)
 * </pre>
 * Every published survey count is perturbed by the cell key method ({@link CellKeyPerturbation},
 * {@link PerturbationTable}); the thresholds then apply to both the true and the perturbed count.
 *
 * @param minCellCount         smallest count published
 * @param minBaseForPercentage smallest base on which a percentage is published
 * @param maxPerturbation      largest move of a count by the cell key method
 */
public record DisclosureRules(int minCellCount, int minBaseForPercentage, int maxPerturbation) {

    public static final String CONFIG_NAME = "disclosure.yaml";
    /** The method, as named in {@code summary.json}, {@code themes.json} and the report. */
    public static final String METHOD = "cell key perturbation with threshold and secondary suppression";
    /** Largest {@code max_perturbation} accepted: wider noise would swamp the small groups of a council survey. */
    public static final int MAX_PERTURBATION_LIMIT = 5;
    static final int DEFAULT_MAX_PERTURBATION = 2;

    public DisclosureRules {
        if (minCellCount < 1 || minBaseForPercentage < 1) {
            throw new IllegalArgumentException("thresholds must be at least 1");
        }
        if (maxPerturbation < 1 || maxPerturbation > MAX_PERTURBATION_LIMIT) {
            throw new IllegalArgumentException("max_perturbation must be between 1 and " + MAX_PERTURBATION_LIMIT);
        }
    }

    /** The thresholds with the default perturbation (2). */
    public DisclosureRules(int minCellCount, int minBaseForPercentage) {
        this(minCellCount, minBaseForPercentage, DEFAULT_MAX_PERTURBATION);
    }

    /** 10, 30 and 2. */
    public static DisclosureRules defaults() {
        return new DisclosureRules(10, 30, DEFAULT_MAX_PERTURBATION);
    }

    /** The perturbation table these settings give. */
    public PerturbationTable ptable() {
        return new PerturbationTable(maxPerturbation);
    }

    /** Parses and validates {@code disclosure.yaml}; missing settings keep their defaults. */
    public static DisclosureRules parse(String key, String text) {
        DisclosureRules d = defaults();
        if (text.isBlank()) {
            return d; // an empty file keeps every default
        }
        YamlNode root = yaml(key, text);
        if (root.isNull()) {
            return d;
        }
        if (!root.isMap()) {
            throw new BadInputException(key, root.line(),
                    "expected settings such as 'min_cell_count: 10', 'min_base_for_percentage: 30' and 'max_perturbation: 2'");
        }
        int minCell = d.minCellCount();
        int minBase = d.minBaseForPercentage();
        int maxNoise = d.maxPerturbation();
        for (String name : root.keys()) {
            YamlNode v = root.get(name);
            switch (name) {
                case "min_cell_count" -> minCell = positiveInt(key, name, v, 1000);
                case "min_base_for_percentage" -> minBase = positiveInt(key, name, v, 100_000);
                case "max_perturbation" -> maxNoise = positiveInt(key, name, v, MAX_PERTURBATION_LIMIT);
                default -> throw new BadInputException(key, v.line(), "unknown setting '" + name
                        + "'; the settings are min_cell_count, min_base_for_percentage and max_perturbation");
            }
        }
        return new DisclosureRules(minCell, minBase, maxNoise);
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
            String why = "max_perturbation".equals(name)
                    ? " (0 would publish exact counts, which differencing between editions can recover)" : "";
            throw new BadInputException(key, v.line(), name + " must be between 1 and " + max + ", not " + n + why);
        }
        return n;
    }

    /** The file as a YAML tree; a syntax error becomes bad input naming the line. */
    private static YamlNode yaml(String key, String text) {
        try {
            return YamlNode.parse(text);
        } catch (YamlException e) {
            throw new BadInputException(key, e.line(), e.reason());
        }
    }
}
