package org.bigpicture.core.formats;

import org.bigpicture.core.convert.DatasetOutput;
import org.bigpicture.core.util.Numbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Records;

/**
 * English Indices of Deprivation 2019 (MHCLG), any of the LSOA files: File 1 ({@code LSOA code
 * (2011)}, LAD code and name, IMD rank and decile) to File 7 (every domain and sub-domain's score,
 * rank and decile, then the mid-2015 population denominators). One observation per LSOA and
 * measure; the LSOA's local authority district is its parent. Ranks carry thousands separators in
 * Excel's CSV ({@code "29,199"}). Scores get the population they are rates of as denominator.
 */
public final class Imd2019Format extends ObservationFormat {

    public Imd2019Format() {
        this(DatasetOutput.PARQUET);
    }

    public Imd2019Format(DatasetOutput output) {
        super(output);
    }

    @Override
    public String family() {
        return "imd2019";
    }

    @Override
    public boolean claims(TableInput table) {
        return headerIndex(table.head()) >= 0;
    }

    static int headerIndex(List<List<String>> head) {
        for (int i = 0; i < Math.min(head.size(), 10); i++) {
            List<String> row = head.get(i);
            if (Heads.findPrefix(row, "LSOA code") >= 0 && (Heads.findPrefix(row, "Index of Multiple Deprivation") >= 0
                    || Heads.findPrefix(row, "Income Score") >= 0 || Heads.findPrefix(row, "Income Rank") >= 0)) {
                return i;
            }
        }
        return -1;
    }

    /** A measure column: what it measures and how. */
    private record Measure(int column, String id, String name, String unit, String period, int denominatorColumn) {
    }

    @Override
    String write(TableInput table, ObservationRows o, Tally tally) throws IOException {
        int h = headerIndex(table.head());
        List<String> header = table.head().get(h);
        int lsoa = Heads.findPrefix(header, "LSOA code");
        int lsoaName = Heads.findPrefix(header, "LSOA name");
        int lad = Heads.findPrefix(header, "Local Authority District code");
        if (lad < 0) {
            lad = Heads.findPrefix(header, "Local Authority code");
        }
        int total = Heads.findPrefix(header, "Total population");
        int children = Heads.findPrefix(header, "Dependent Children");
        int older = Heads.findPrefix(header, "Older population");
        int working = Heads.findPrefix(header, "Working age population");
        List<Measure> measures = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String col = header.get(i).trim();
            if (col.isEmpty() || i == lsoa || i == lsoaName || i == lad
                    || col.toLowerCase(Locale.ROOT).startsWith("local authority district name")
                    || col.toLowerCase(Locale.ROOT).startsWith("local authority name")) {
                continue;
            }
            measures.add(measure(i, col, total, children, older, working));
        }
        if (lsoa < 0 || measures.isEmpty()) {
            throw new BadInputException(table.key(), h + 1, "an IMD 2019 file needs an LSOA code column and measures");
        }
        o.source = "MHCLG English Indices of Deprivation 2019";
        o.areaType = AreaTypes.LSOA;
        long headerLine = -1;
        long emptyCells = 0;
        try (Records r = table.open()) {
            int index = 0;
            while (index <= h && r.next()) {
                index++;
            }
            headerLine = r.line();
            int width = header.size();
            RowGate gate = new RowGate(table, h, header, width, tally);
            while (r.next()) {
                if (gate.skipBlank(r)) {
                    continue;
                }
                tally.read++;
                String code = r.get(lsoa).trim();
                if (!AreaTypes.isGssCode(code)) {
                    tally.reject(Tally.FOOTNOTE);
                    continue;
                }
                if (!gate.wellFormed(r)) {
                    continue;
                }
                o.areaCode = code;
                o.areaName = lsoaName < 0 ? null : r.get(lsoaName).trim();
                o.parentAreaCode = lad < 0 ? null : r.get(lad).trim();
                for (Measure m : measures) {
                    String v = r.get(m.column);
                    if (v.isBlank()) {
                        emptyCells++;
                        continue;
                    }
                    o.indicatorId = m.id;
                    o.indicatorName = m.name;
                    o.unit = m.unit;
                    o.period(m.period);
                    o.value = Numbers.parse(v);
                    o.status = Double.isNaN(o.value) ? v.trim() : null;
                    o.denominator = m.denominatorColumn < 0 ? Double.NaN : Numbers.parse(r.get(m.denominatorColumn));
                    o.write();
                }
            }
        }
        if (tally.read == 0) {
            throw noData(table, headerLine);
        }
        if (emptyCells > 0) {
            tally.note(emptyCells + " empty cells had no observation to write");
        }
        boolean file7 = total >= 0;
        return "IMD 2019 " + (file7 ? "file with domain scores and population denominators" : "file") + " ("
                + table.physicalLayout() + "): " + measures.size() + " measures per LSOA ("
                + list(measures.stream().map(Measure::id).toList(), 6) + "), parent = local authority district";
    }

    /** Classifies a column header such as "Income Rank (where 1 is most deprived)". */
    private static Measure measure(int column, String header, int total, int children, int older, int working) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.contains("population") || lower.startsWith("dependent children")) {
            String id = lower.startsWith("total population") ? "population_total"
                    : lower.startsWith("dependent children") ? "population_0_15"
                    : lower.startsWith("population aged 16-59") ? "population_16_59"
                    : lower.startsWith("older population") ? "population_60_plus"
                    : lower.startsWith("working age") ? "population_working_age" : LakeSlug.of(header);
            String period = lower.contains("mid 2015") || lower.startsWith("working age") ? "mid-2015" : "2019";
            return new Measure(column, id, header, "persons", period, -1);
        }
        String base = header.replaceAll("\\s*\\(where 1 is most deprived[^)]*\\)", "").trim();
        String unit;
        String kind;
        String baseLower = base.toLowerCase(Locale.ROOT);
        if (baseLower.contains(" rank")) {
            unit = "rank";
            kind = "rank";
        } else if (baseLower.contains(" decile")) {
            unit = "decile";
            kind = "decile";
        } else if (baseLower.contains(" score")) {
            unit = baseLower.contains("(rate)") ? "rate" : "score";
            kind = "score";
        } else {
            return new Measure(column, LakeSlug.of(header), header, null, "2019", -1);
        }
        String domain = domainId(baseLower.substring(0, baseLower.indexOf(" " + kind)));
        int denominator = -1;
        if (kind.equals("score")) {
            denominator = domain.equals("employment") ? working : domain.equals("idaci") ? children
                    : domain.equals("idaopi") ? older : domain.equals("income") ? total : -1;
        }
        return new Measure(column, domain + "_" + kind, header, unit, "2019", denominator);
    }

    private static String domainId(String domain) {
        if (domain.contains("(imd)") || domain.startsWith("index of multiple deprivation")) {
            return "imd";
        }
        if (domain.contains("(idaci)")) {
            return "idaci";
        }
        if (domain.contains("(idaopi)")) {
            return "idaopi";
        }
        return LakeSlug.of(domain);
    }
}
