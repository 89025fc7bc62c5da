package org.bigpicture.core.formats;

import org.bigpicture.core.dataset.Periods;
import org.bigpicture.core.convert.DatasetOutput;
import org.bigpicture.core.util.Numbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Records;

/**
 * Nomis API output ({@code …/NM_2002_1.data.csv}): one observation per row with
 * {@code GEOGRAPHY_CODE} and {@code OBS_VALUE}, every dimension as a code column plus its
 * {@code _NAME}. Nomis repeats an area under each geography type that holds it (Stockport as a
 * "district / unitary" and as a "county / unitary" authority): the repeat is kept once and counted
 * as rejected.
 */
public final class NomisApiFormat extends ObservationFormat {

    private static final Pattern URN = Pattern.compile("(?i)^Nm-(\\d+)d(\\d+)d");
    /** Mid-year population estimate datasets: their DATE is a year, the estimate is for 30 June. */
    private static final Set<String> MID_YEAR = Set.of("NM_2002_1", "NM_31_1", "NM_2010_1", "NM_2014_1");
    private static final Map<String, String> NAMES = Map.of(
            "NM_2002_1", "Population estimates - local authority based by single year of age",
            "NM_31_1", "Population estimates - local authority based by five year age band",
            "NM_2010_1", "Population estimates - small area based by single year of age",
            "NM_162_1", "Claimant count by sex and age",
            "NM_17_5", "Annual Population Survey",
            "NM_189_1", "Business Register and Employment Survey",
            "NM_99_1", "Annual Survey of Hours and Earnings - resident analysis",
            "NM_30_1", "Annual Survey of Hours and Earnings - workplace analysis");
    private static final Set<String> NOT_DIMENSIONS = Set.of("DATE", "GEOGRAPHY", "MEASURES", "OBS_STATUS",
            "OBS_CONF", "OBS_VALUE", "URN", "RECORD_OFFSET", "RECORD_COUNT");

    public NomisApiFormat() {
        this(DatasetOutput.PARQUET);
    }

    public NomisApiFormat(DatasetOutput output) {
        super(output);
    }

    @Override
    public String family() {
        return "nomis-api";
    }

    @Override
    public boolean claims(TableInput table) {
        if (table.head().isEmpty()) {
            return false;
        }
        List<String> h = table.head().get(0);
        return Heads.find(h, "GEOGRAPHY_CODE") >= 0 && Heads.find(h, "OBS_VALUE") >= 0;
    }

    private record Dimension(String name, int code, int label, int kind) {
    }

    private static final int SEX = 1;
    private static final int AGE = 2;
    private static final int OTHER = 3;

    @Override
    String write(TableInput table, ObservationRows o, Tally tally) throws IOException {
        Dedup dedup = new Dedup();
        long repeats = 0;
        AreaTypes.Cache areaTypeCache = new AreaTypes.Cache();
        Set<String> types = new LinkedHashSet<>();
        Set<String> periods = new java.util.HashSet<>();
        Set<String> datasets = new LinkedHashSet<>();
        long headerLine;
        long recordCount = -1;
        boolean midYear = false;
        try (Records r = table.open()) {
            r.next();
            headerLine = r.line();
            List<String> header = Heads.copy(r);
            int width = header.size();
            int geoCode = Heads.find(header, "GEOGRAPHY_CODE");
            int geoName = Heads.find(header, "GEOGRAPHY_NAME");
            int geoType = Heads.find(header, "GEOGRAPHY_TYPE");
            int dateName = Heads.find(header, "DATE_NAME");
            int date = Heads.find(header, "DATE");
            int dateCode = Heads.find(header, "DATE_CODE");
            int measures = Heads.find(header, "MEASURES_NAME");
            int obs = Heads.find(header, "OBS_VALUE");
            int status = Heads.find(header, "OBS_STATUS");
            int statusName = Heads.find(header, "OBS_STATUS_NAME");
            int urn = Heads.find(header, "URN");
            int count = Heads.find(header, "RECORD_COUNT");
            List<Dimension> dims = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String col = header.get(i).trim().toUpperCase(Locale.ROOT);
                if (NOT_DIMENSIONS.contains(col) || col.isEmpty() || col.endsWith("_NAME") || col.endsWith("_CODE")
                        || col.endsWith("_TYPE") || col.endsWith("_TYPECODE") || col.endsWith("_SORTORDER")) {
                    continue;
                }
                int label = Heads.find(header, col + "_NAME");
                int kind = col.contains("GENDER") || col.contains("SEX") ? SEX : col.contains("AGE") ? AGE : OTHER;
                dims.add(new Dimension(col.toLowerCase(Locale.ROOT), i, label, kind));
            }
            o.source = "Nomis";
            StringBuilder category = new StringBuilder();
            StringBuilder categoryType = new StringBuilder();
            RowGate gate = new RowGate(table, 0, header, width, tally);
            while (r.next()) {
                if (gate.skipBlank(r)) {
                    continue;
                }
                tally.read++;
                if (!gate.wellFormed(r)) {
                    continue;
                }
                o.areaCode = r.get(geoCode).trim();
                o.areaName = geoName < 0 ? null : r.get(geoName);
                String type = geoType < 0 ? null : r.get(geoType);
                o.areaType = areaTypeCache.normalise(type, o.areaCode);
                String dataset = urn < 0 ? null : dataset(r.get(urn));
                if (dataset != null && datasets.size() < 10) {
                    datasets.add(dataset);
                }
                o.indicatorId = dataset;
                String measure = measures < 0 ? null : r.get(measures);
                String name = dataset == null ? null : NAMES.get(dataset);
                if (name == null) {
                    name = dataset == null ? "Nomis observation" : "Nomis " + dataset;
                }
                boolean plainValue = measure == null || measure.isEmpty() || measure.equalsIgnoreCase("Value");
                o.indicatorName = plainValue ? name : name + " (" + measure + ")";
                o.unit = plainValue ? null : measure.toLowerCase(Locale.ROOT);
                String label = dateName >= 0 ? r.get(dateName) : date >= 0 ? r.get(date) : null;
                o.period(label);
                if (dateCode >= 0 && o.periodStart == null) {
                    Periods.Period p = Periods.parse(r.get(dateCode));
                    o.periodStart = p.start();
                    o.periodEnd = p.end();
                }
                if (dataset != null && MID_YEAR.contains(dataset) && label != null && label.length() == 4 && Character.isDigit(label.charAt(0)) && Character.isDigit(label.charAt(3))) {
                    java.time.LocalDate june30 = java.time.LocalDate.of(Integer.parseInt(label), 6, 30);
                    o.periodStart = june30;
                    o.periodEnd = june30;
                    midYear = true;
                }
                o.sex = null;
                o.age = null;
                category.setLength(0);
                categoryType.setLength(0);
                for (Dimension d : dims) {
                    String v = d.label >= 0 ? r.get(d.label) : r.get(d.code);
                    if (d.kind == SEX && o.sex == null) {
                        o.sex = sex(v);
                    } else if (d.kind == AGE && o.age == null) {
                        o.age = age(v);
                    } else {
                        if (category.length() > 0) {
                            category.append("; ");
                            categoryType.append("; ");
                        }
                        category.append(v);
                        categoryType.append(d.name);
                    }
                }
                o.category = category.length() == 0 ? null : category.toString();
                o.categoryType = categoryType.length() == 0 ? null : categoryType.toString();
                String v = r.get(obs);
                o.value = Numbers.parse(v);
                o.status = status < 0 ? null : r.get(status).trim();
                if (Double.isNaN(o.value) && !v.isBlank() && (o.status == null || o.status.isEmpty())) {
                    o.status = v.trim();
                }
                o.valueNote = statusName < 0 || "Normal Value".equalsIgnoreCase(r.get(statusName))
                        ? null : r.get(statusName);
                if (count >= 0 && recordCount < 0) {
                    double c = Numbers.parse(r.get(count));
                    recordCount = Double.isNaN(c) ? -1 : (long) c;
                }
                int seen = dedup.add(o.indicatorId, Dedup.hash(o), o.areaType);
                if (seen == Dedup.OTHER_TYPE) {
                    tally.reject(Tally.DUPLICATE_OTHER_TYPE);
                    continue;
                }
                if (seen == Dedup.SAME_TYPE) {
                    repeats++; // kept: rows are only dropped when the same observation is under another type
                }
                if (type != null && types.size() < 30) {
                    types.add(type);
                }
                if (o.period != null && periods.size() < 1000) {
                    periods.add(o.period);
                }
                o.write();
            }
        }
        if (tally.read == 0) {
            throw noData(table, headerLine);
        }
        if (repeats > 0) {
            tally.note(repeats + (repeats == 1 ? " row repeats" : " rows repeat") + " an earlier row under the same area type; kept as they are");
        }
        if (dedup.saturated()) {
            tally.note(dedup.saturationNote());
        }
        if (tally.rejected(Tally.DUPLICATE_OTHER_TYPE) > 0) {
            tally.note(tally.rejected(Tally.DUPLICATE_OTHER_TYPE) + " rows repeat an observation already listed under"
                    + " another geography type; each is kept once");
        }
        if (midYear) {
            tally.note("mid-year population estimates: each year's estimate is dated 30 June");
        }
        if (recordCount > tally.read) {
            tally.note("Nomis reported " + recordCount + " records but the file holds " + tally.read
                    + ": a partial download (the API pages at 25,000 rows)");
        }
        return "Nomis API CSV (" + table.physicalLayout() + ")" + (datasets.isEmpty() ? "" : ", dataset " + list(datasets, 3))
                + ": geography types " + list(types, 8) + ", periods " + range(new TreeSet<>(periods));
    }

    static String dataset(String urn) {
        Matcher m = URN.matcher(urn);
        return m.find() ? "NM_" + m.group(1) + "_" + m.group(2) : null;
    }
}
