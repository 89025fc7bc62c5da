package org.bigpicture.core.formats;

import org.bigpicture.core.convert.DatasetOutput;
import org.bigpicture.core.util.Numbers;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Records;

/**
 * OHID Fingertips indicator exports (JSNA): the 26-column CSV whose header begins
 * {@code Indicator ID,Indicator Name}. Columns are found by name, so the shorter and longer
 * variants of the export read the same. The line break Fingertips leaves inside quoted indicator
 * names is trimmed. The same observation under two area types (a metropolitan district is both
 * "District & UA" and "County & UA") is kept once.
 */
public final class FingertipsFormat extends ObservationFormat {

    public FingertipsFormat() {
        this(DatasetOutput.PARQUET);
    }

    public FingertipsFormat(DatasetOutput output) {
        super(output);
    }

    @Override
    public String family() {
        return "fingertips";
    }

    @Override
    public boolean claims(TableInput table) {
        if (table.head().isEmpty()) {
            return false;
        }
        List<String> h = table.head().get(0);
        return Heads.cell(h, 0).equalsIgnoreCase("Indicator ID") && Heads.cell(h, 1).equalsIgnoreCase("Indicator Name");
    }

    @Override
    String write(TableInput table, ObservationRows o, Tally tally) throws IOException {
        Set<String> indicators = new LinkedHashSet<>();
        Set<String> areaTypes = new LinkedHashSet<>();
        Set<String> periods = new java.util.HashSet<>();
        Dedup dedup = new Dedup();
        long repeats = 0;
        AreaTypes.Cache areaTypeCache = new AreaTypes.Cache();
        long trimmedNames = 0;
        long headerLine;
        int width;
        try (Records r = table.open()) {
            r.next();
            headerLine = r.line();
            List<String> header = Heads.copy(r);
            width = header.size();
            int id = Heads.find(header, "Indicator ID");
            int name = Heads.find(header, "Indicator Name");
            int parent = Heads.find(header, "Parent Code");
            int code = Heads.find(header, "Area Code");
            int areaName = Heads.find(header, "Area Name");
            int areaType = Heads.find(header, "Area Type");
            int sex = Heads.find(header, "Sex");
            int age = Heads.find(header, "Age");
            int catType = Heads.find(header, "Category Type");
            int cat = Heads.find(header, "Category");
            int period = Heads.find(header, "Time period");
            int value = Heads.find(header, "Value");
            int lower = Heads.findPrefix(header, "Lower CI 95");
            int upper = Heads.findPrefix(header, "Upper CI 95");
            int count = Heads.find(header, "Count");
            int denominator = Heads.find(header, "Denominator");
            int note = Heads.find(header, "Value note");
            if (code < 0 || value < 0 || period < 0) {
                throw new org.bigpicture.core.convert.BadInputException(table.key(), headerLine,
                        "a Fingertips export needs the columns Area Code, Time period and Value; this header lacks "
                                + (code < 0 ? "Area Code" : period < 0 ? "Time period" : "Value"));
            }
            o.source = "OHID Fingertips";
            r.expectNumbers(value, lower, upper, count, denominator);
            Rows rows = new Rows(table, o, tally, width, new RowGate(table, 0, header, width, tally).reads(id, name, parent,
                    code, areaName, areaType, sex, age, catType, cat, period, value, lower, upper, count, denominator, note), id, name, parent, code, areaName, areaType, sex, age, catType,
                    cat, period, value, lower, upper, count, denominator, note, indicators, areaTypes, periods, dedup,
                    areaTypeCache);
            while (r.next()) {
                rows.row(r);
            }
            repeats = rows.repeats;
            trimmedNames = rows.trimmedNames;
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
        if (trimmedNames > 0) {
            tally.note("trimmed line breaks or spaces from " + trimmedNames + " indicator names");
        }
        return "Fingertips indicator export (" + table.physicalLayout() + ", " + width + " columns): "
                + indicators.size() + (indicators.size() == 1 ? " indicator (" : " indicators (")
                + list(indicators, 5) + "), area types " + list(areaTypes, 8) + ", periods " + range(new TreeSet<>(periods));
    }

    /**
     * The per-record work of {@link #write}, in its own method so that the JIT compiles it once as
     * an ordinary method (the loop in {@code write} would otherwise be compiled, at length, on stack).
     */
    private static final class Rows {
        private final TableInput table;
        private final ObservationRows o;
        private final Tally tally;
        private final int width;
        private final RowGate gate;
        private final int id;
        private final int name;
        private final int parent;
        private final int code;
        private final int areaName;
        private final int areaType;
        private final int sex;
        private final int age;
        private final int catType;
        private final int cat;
        private final int period;
        private final int value;
        private final int lower;
        private final int upper;
        private final int count;
        private final int denominator;
        private final int note;
        private final Set<String> indicators;
        private final Set<String> areaTypes;
        private final Set<String> periods;
        private final Dedup dedup;
        private final AreaTypes.Cache areaTypeCache;
        private String lastRawName;
        private String lastIndicator;
        private String lastType;
        private String lastPeriod;
        private String lastName;
        private String lastRawSex;
        private String lastSex;
        private String lastRawAge;
        private String lastAge;
        long repeats;
        long trimmedNames;

        Rows(TableInput table, ObservationRows o, Tally tally, int width, RowGate gate, int id, int name, int parent, int code,
             int areaName, int areaType, int sex, int age, int catType, int cat, int period, int value, int lower,
             int upper, int count, int denominator, int note, Set<String> indicators, Set<String> areaTypes,
             Set<String> periods, Dedup dedup, AreaTypes.Cache areaTypeCache) {
            this.table = table;
            this.o = o;
            this.tally = tally;
            this.width = width;
            this.gate = gate;
            this.id = id;
            this.name = name;
            this.parent = parent;
            this.code = code;
            this.areaName = areaName;
            this.areaType = areaType;
            this.sex = sex;
            this.age = age;
            this.catType = catType;
            this.cat = cat;
            this.period = period;
            this.value = value;
            this.lower = lower;
            this.upper = upper;
            this.count = count;
            this.denominator = denominator;
            this.note = note;
            this.indicators = indicators;
            this.areaTypes = areaTypes;
            this.periods = periods;
            this.dedup = dedup;
            this.areaTypeCache = areaTypeCache;
        }

        void row(Records r) throws IOException {
            if (gate.skipBlank(r)) {
                return;
            }
            tally.read++;
            if (!gate.wellFormed(r)) {
                return;
            }
            String rawName = r.get(name);
            if (rawName != lastRawName) {
                lastRawName = rawName;
                lastName = rawName.strip();
            }
            if (lastName.length() != rawName.length()) {
                trimmedNames++;
            }
            o.indicatorId = r.get(id);
            o.indicatorName = lastName;
            o.parentAreaCode = get(r, parent);
            o.areaCode = r.get(code).trim();
            o.areaName = get(r, areaName);
            String type = get(r, areaType);
            o.areaType = areaTypeCache.normalise(type, o.areaCode);
            String rawSex = sex < 0 ? null : r.get(sex);
            if (rawSex != lastRawSex) { // the parser hands out one instance for a repeated cell
                lastRawSex = rawSex;
                lastSex = sex(get(r, sex));
            }
            o.sex = lastSex;
            String rawAge = age < 0 ? null : r.get(age);
            if (rawAge != lastRawAge) {
                lastRawAge = rawAge;
                lastAge = age(get(r, age));
            }
            o.age = lastAge;
            o.categoryType = get(r, catType);
            o.category = get(r, cat);
            o.period(r.get(period).trim());
            o.value = r.isEmpty(value) ? Double.NaN : r.number(value);
            if (Double.isNaN(o.value)) {
                String v = r.get(value);
                o.status = Numbers.marker(v) ? v.trim() : null;
            } else {
                o.status = null;
            }
            o.lower = num(r, lower);
            o.upper = num(r, upper);
            o.count = num(r, count);
            o.denominator = num(r, denominator);
            o.valueNote = get(r, note);
            int seen = dedup.add(o.indicatorId, Dedup.hash(o), o.areaType);
            if (seen == Dedup.OTHER_TYPE) {
                tally.reject(Tally.DUPLICATE_OTHER_TYPE);
                return;
            }
            if (seen == Dedup.SAME_TYPE) {
                repeats++; // kept: rows are only dropped when the same observation is under another type
            }
            if (indicators.size() < 50 && o.indicatorId != lastIndicator) {
                lastIndicator = o.indicatorId;
                indicators.add(o.indicatorId + " " + o.indicatorName);
            }
            if (type != null && type != lastType && areaTypes.size() < 50) {
                lastType = type;
                areaTypes.add(type);
            }
            if (o.period != null && o.period != lastPeriod && periods.size() < 1000) {
                lastPeriod = o.period;
                periods.add(o.period);
            }
            o.write();
        }
    }

    private static String get(Records r, int i) {
        if (i < 0) {
            return null;
        }
        String s = r.get(i);
        return s.isEmpty() ? null : s.trim();
    }

    private static double num(Records r, int i) {
        return i < 0 || r.isEmpty(i) ? Double.NaN : r.number(i);
    }
}
