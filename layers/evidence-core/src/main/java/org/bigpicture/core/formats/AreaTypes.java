package org.bigpicture.core.formats;

import java.util.Locale;

/**
 * One readable vocabulary for area types across sources ("LSOA", "MSOA", "local authority district",
 * "upper-tier local authority", "county", "metropolitan county", "combined authority", "region",
 * "country", …), from what each source writes ("County & UA", "local authorities: district / unitary
 * (as of April 2021)", "Metropolitan District", "2011 super output area - lower layer") or, failing
 * that, from the GSS code's prefix.
 */
final class AreaTypes {

    static final String LSOA = "LSOA";
    static final String MSOA = "MSOA";
    static final String OUTPUT_AREA = "output area";
    static final String LAD = "local authority district";
    static final String UPPER_TIER = "upper-tier local authority";
    static final String COUNTY = "county";
    static final String MET_COUNTY = "metropolitan county";
    static final String COMBINED = "combined authority";
    static final String REGION = "region";
    static final String COUNTRY = "country";
    static final String WARD = "ward";

    private AreaTypes() {
    }

    /**
     * {@link #normalise} remembered per label, for the row loop (a file holds a handful of labels,
     * and matching them costs lower-casing and a regular expression).
     */
    static final class Cache {
        private final java.util.Map<String, String> byLabel = new java.util.HashMap<>();
        private String lastLabel;
        private String lastResult;

        String normalise(String label, String code) {
            String fromLabel;
            if (label != null && label == lastLabel) {
                fromLabel = lastResult;
            } else {
                String key = label == null ? "" : label;
                fromLabel = byLabel.get(key);
                if (fromLabel == null && !byLabel.containsKey(key)) {
                    fromLabel = fromLabel(label);
                    if (byLabel.size() < 1024) {
                        byLabel.put(key, fromLabel);
                    }
                }
                lastLabel = label;
                lastResult = fromLabel;
            }
            if (fromLabel != null) {
                return fromLabel;
            }
            String fromCode = fromCode(code);
            if (fromCode != null) {
                return fromCode;
            }
            return label == null || label.isBlank() ? null : label.trim();
        }
    }

    /** The readable type for a source's own label; the code decides when the label is blank or unknown. */
    static String normalise(String sourceLabel, String code) {
        String fromLabel = fromLabel(sourceLabel);
        if (fromLabel != null) {
            return fromLabel;
        }
        String fromCode = fromCode(code);
        if (fromCode != null) {
            return fromCode;
        }
        return sourceLabel == null || sourceLabel.isBlank() ? null : sourceLabel.trim();
    }

    static String fromLabel(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String s = label.toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", "").replaceAll("\\s+", " ").trim();
        if (s.contains("super output area") || s.contains("output areas")) {
            if (s.contains("lower")) {
                return LSOA;
            }
            if (s.contains("middle")) {
                return MSOA;
            }
        }
        if (s.startsWith("lsoa")) {
            return LSOA;
        }
        if (s.startsWith("msoa")) {
            return MSOA;
        }
        if (s.equals("output area") || s.equals("output areas") || s.contains("output area")) {
            return OUTPUT_AREA;
        }
        if (s.contains("county / unitary") || s.contains("county/unitary") || s.equals("county & ua")
                || s.equals("counties & uas") || s.contains("upper tier") || s.contains("upper-tier")
                || s.contains("county and unitary")) {
            return UPPER_TIER;
        }
        if (s.contains("district / unitary") || s.contains("district/unitary") || s.equals("district & ua")
                || s.equals("districts & uas") || s.contains("lower tier") || s.contains("lower-tier")
                || s.equals("metropolitan district") || s.equals("non-metropolitan district")
                || s.equals("london borough") || s.equals("unitary authority") || s.equals("council area")
                || s.equals("local government district") || s.startsWith("local authority")
                || s.startsWith("local authorities") || s.equals("lad") || s.equals("ua")) {
            return LAD;
        }
        if (s.contains("metropolitan count")) {
            return MET_COUNTY;
        }
        if (s.contains("combined authorit")) {
            return COMBINED;
        }
        if (s.equals("county") || s.equals("counties")) {
            return COUNTY;
        }
        if (s.startsWith("region") || s.equals("english region") || s.contains("government office region")) {
            return REGION;
        }
        if (s.startsWith("countr") || s.equals("england") || s.equals("nation")) {
            return COUNTRY;
        }
        if (s.contains("ward")) {
            return WARD;
        }
        return null;
    }

    /** The type a GSS code's prefix implies, or null. */
    static String fromCode(String code) {
        if (code == null || code.length() != 9) {
            return null;
        }
        String p = code.substring(0, 3);
        return switch (p) {
            case "E00", "W00", "S00", "N00" -> OUTPUT_AREA;
            case "E01", "W01", "S01", "N01" -> LSOA;
            case "E02", "W02", "S02", "N02" -> MSOA;
            case "E06", "E07", "E08", "E09", "W06", "S12", "N09" -> LAD;
            case "E10" -> COUNTY;
            case "E11" -> MET_COUNTY;
            case "E12" -> REGION;
            case "E47" -> COMBINED;
            case "E05", "W05", "S13", "N08" -> WARD;
            case "E92", "W92", "S92", "N92", "K02", "K03", "K04" -> COUNTRY;
            default -> null;
        };
    }

    /** Whether the text looks like a GSS area code (letter + 8 digits). */
    static boolean isGssCode(String s) {
        if (s == null || s.length() != 9 || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < 9; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
