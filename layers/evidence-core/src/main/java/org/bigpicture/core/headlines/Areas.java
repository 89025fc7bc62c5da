package org.bigpicture.core.headlines;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bigpicture.core.headlines.HeadlineSpec.AreaDef;

/**
 * What the engine knows about geography: which codes are small areas and districts, which district
 * a small area lies in, and which spec-defined areas (Greater Manchester, North West, England)
 * contain it. A small area's district comes from its own parent code, else from a lookup built from
 * any IMD dataset in the lake (LSOA → district, 2019), else from its name ({@code Stockport 001A}).
 */
final class Areas {

    static final Pattern SMALL_AREA = Pattern.compile("[EW]0[012][0-9]{6}");
    static final Pattern DISTRICT = Pattern.compile("[EW]0[6-9][0-9]{6}");
    static final Pattern COUNTY = Pattern.compile("E1[01][0-9]{6}");
    static final Pattern REGION = Pattern.compile("E12[0-9]{6}");
    private static final Pattern LSOA_NAME = Pattern.compile(
            "^(?:[EW][0-9]{8}\\s*:\\s*)?(.*?)\\s+[0-9]{3}[A-Z]$");
    private static final Pattern LOOKUP_FAMILY = Pattern.compile("(?i)imd|deprivation|lookup");

    private final HeadlineSpec spec;
    private final LakeSnapshot snapshot;
    private final LakeData lake;
    private final Map<String, String> districtByName = new HashMap<>();
    private Map<String, String> lookup;
    private Map<String, Integer> smallAreasPerDistrict;
    private final Set<String> lookupDatasets = new LinkedHashSet<>();

    Areas(HeadlineSpec spec, LakeSnapshot snapshot, LakeData lake) {
        this.spec = spec;
        this.snapshot = snapshot;
        this.lake = lake;
        addName(spec.subject().code(), spec.subject().name());
        for (AreaDef d : spec.areas().values()) {
            d.members().forEach(this::addName);
        }
    }

    private void addName(String code, String name) {
        if (name != null && DISTRICT.matcher(code).matches()) {
            districtByName.putIfAbsent(normalise(name), code);
        }
    }

    static boolean isSmallArea(Obs o) {
        return SMALL_AREA.matcher(o.areaCode()).matches();
    }

    /**
     * The district of a small area, or null when nothing says.
     *
     * @param usedLookups receives the lookup datasets when the answer came from one
     */
    String districtOf(Obs o, Set<String> usedLookups) throws IOException {
        if (o.parent() != null && DISTRICT.matcher(o.parent()).matches()) {
            return o.parent();
        }
        String viaLookup = lookup().get(o.areaCode());
        if (viaLookup != null) {
            usedLookups.addAll(lookupDatasets);
            return viaLookup;
        }
        if (o.areaName() != null) {
            Matcher m = LSOA_NAME.matcher(o.areaName().strip());
            if (m.matches()) {
                return districtByName.get(normalise(m.group(1)));
            }
        }
        return null;
    }

    /** Small areas per district in the lookup (to tell a complete district from a partial one), or null. */
    Integer expectedSmallAreas(String district) throws IOException {
        lookup();
        return smallAreasPerDistrict.get(district);
    }

    /**
     * Every area a small area counts toward: its district, spec areas listing that district as a
     * member (and their same-as codes), and areas defined by a code prefix (England: E01).
     */
    Set<String> containing(Obs o, String district) {
        Set<String> out = new LinkedHashSet<>();
        if (district != null) {
            out.add(district);
        }
        for (AreaDef d : spec.areas().values()) {
            boolean in = (district != null && d.members().containsKey(district))
                    || (d.smallAreaPrefix() != null && o.areaCode().startsWith(d.smallAreaPrefix()));
            if (in) {
                out.add(d.code());
                out.addAll(d.sameAs());
            }
        }
        return out;
    }

    AreaDef definition(String code) {
        return spec.areas().get(code);
    }

    /** Codes that stand for the same footprint as {@code code}, itself first. */
    List<String> equivalents(String code) {
        AreaDef d = spec.areas().get(code);
        if (d == null || d.sameAs().isEmpty()) {
            return List.of(code);
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add(code);
        out.addAll(d.sameAs());
        return out;
    }

    private Map<String, String> lookup() throws IOException {
        if (lookup != null) {
            return lookup;
        }
        lookup = new HashMap<>();
        smallAreasPerDistrict = new HashMap<>();
        for (DatasetInfo d : snapshot.datasets) {
            if (d.family() == null || !LOOKUP_FAMILY.matcher(d.family()).find()
                    || (d.kind() != null && !d.kind().equals("observations"))) {
                continue;
            }
            List<Obs> rows;
            try {
                rows = lake.read(d, o -> SMALL_AREA.matcher(o.areaCode()).matches()
                        && o.parent() != null && DISTRICT.matcher(o.parent()).matches());
            } catch (DataException e) {
                continue; // an unreadable lookup only means fewer small areas are placed
            }
            boolean used = false;
            for (Obs o : rows) {
                if (lookup.putIfAbsent(o.areaCode(), o.parent()) == null) {
                    smallAreasPerDistrict.merge(o.parent(), 1, Integer::sum);
                    used = true;
                }
                if (o.areaName() != null) {
                    Matcher m = LSOA_NAME.matcher(o.areaName().strip());
                    if (m.matches()) {
                        districtByName.putIfAbsent(normalise(m.group(1)), o.parent());
                    }
                }
            }
            if (used) {
                lookupDatasets.add(d.id());
            }
        }
        return lookup;
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
