package org.bigpicture.core.formats;

import org.bigpicture.core.dataset.Periods;
import org.bigpicture.core.convert.DatasetOutput;
import org.bigpicture.core.util.Numbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Records;

/**
 * ONS wide tables such as the mid-year estimates' MYE2 sheet saved as CSV or read from the XLSX:
 * a header {@code Code,Name,Geography…} ({@code Geography1} in some years) after optional title
 * rows, then value columns (single years of age, "All ages", "90+"), counts with thousands
 * separators ({@code "293,423"}), a tail of empty header cells, footnote rows and {@code ,,,,}
 * padding. One observation per area and value column. Where the file states no period, it comes
 * from the title rows or else the file name (DESIGN.md) and the report says so.
 */
public final class OnsWideFormat extends ObservationFormat {

    private static final Pattern AGE = Pattern.compile("(?i)all ages|\\d{1,3}\\+?|\\d{1,3}\\s*(-|to)\\s*\\d{1,3}|aged? .*|under \\d+");

    public OnsWideFormat() {
        this(DatasetOutput.PARQUET);
    }

    public OnsWideFormat(DatasetOutput output) {
        super(output);
    }

    @Override
    public String family() {
        return "ons-wide";
    }

    @Override
    public boolean claims(TableInput table) {
        return headerIndex(table.head()) >= 0;
    }

    static int headerIndex(List<List<String>> head) {
        for (int i = 0; i < head.size(); i++) {
            List<String> row = head.get(i);
            if (Heads.cell(row, 0).equalsIgnoreCase("Code") && Heads.cell(row, 1).equalsIgnoreCase("Name")
                    && Heads.cell(row, 2).toLowerCase(Locale.ROOT).startsWith("geography")
                    && Heads.nonBlank(row) >= 4) {
                return i;
            }
        }
        return -1;
    }

    @Override
    String write(TableInput table, ObservationRows o, Tally tally) throws IOException {
        int h = headerIndex(table.head());
        List<String> header = table.head().get(h);
        StringBuilder titles = new StringBuilder();
        for (int i = 0; i < h; i++) {
            for (String c : table.head().get(i)) {
                if (!c.isBlank()) {
                    titles.append(c).append(' ');
                }
            }
        }
        // Period: the title rows, else the file name (a year after "mid", else the first year).
        int year = Periods.midYearIn(titles.toString());
        String periodFrom;
        if (year > 0) {
            periodFrom = "the title";
        } else {
            year = Periods.yearFromName(table.key());
            periodFrom = year > 0 ? "name" : null;
        }
        if (year > 0) {
            o.period("mid-" + year);
            if ("name".equals(periodFrom)) {
                String name = table.key().substring(table.key().lastIndexOf('/') + 1);
                tally.note("the file states no period: mid-" + year + " taken from the file name (" + name + ")");
            }
        } else {
            tally.note("no period in the file or its name: period left empty");
        }
        String context = (table.key() + " " + (table.sheet() == null ? "" : table.sheet()) + " " + titles)
                .toLowerCase(Locale.ROOT);
        o.sex = context.contains("female") ? "Female" : context.matches("(?s).*\\bmales?\\b.*") ? "Male"
                : context.contains("persons") ? "Persons" : null;
        List<Integer> columns = new ArrayList<>();
        boolean ages = true;
        int lastNamed = 2;
        for (int i = 3; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (!name.isEmpty()) {
                columns.add(i);
                lastNamed = i;
                if (!AGE.matcher(name).matches()) {
                    ages = false;
                }
            }
        }
        int trailingEmpty = header.size() - 1 - lastNamed;
        String[] labels = new String[header.size()];
        for (int i : columns) {
            String name = header.get(i).trim();
            labels[i] = name.equalsIgnoreCase("all ages") ? "All ages" : name;
        }
        o.source = "ONS mid-year population estimates";
        if (ages) {
            o.indicatorId = "population";
            o.indicatorName = "Population estimate";
            o.unit = "persons";
        } else {
            o.source = "ONS";
        }
        Set<String> geographies = new LinkedHashSet<>();
        long padding = 0;
        long headerLine = -1;
        long areas = 0;
        try (Records r = table.open()) {
            int index = 0;
            while (index <= h && r.next()) {
                index++;
            }
            headerLine = r.line();
            RowGate gate = new RowGate(table, h, null, lastNamed + 1, tally);
            while (r.next()) {
                if (gate.skipBlank(r)) {
                    padding++;
                    continue;
                }
                tally.read++;
                String code = r.get(0).trim();
                if (!AreaTypes.isGssCode(code)) {
                    tally.reject(Tally.FOOTNOTE);
                    continue;
                }
                if (!gate.wellFormed(r)) {
                    continue;
                }
                areas++;
                String geography = r.get(2).trim();
                if (geographies.size() < 30 && !geography.isEmpty()) {
                    geographies.add(geography);
                }
                o.areaCode = code;
                o.areaName = r.get(1).trim();
                o.areaType = AreaTypes.normalise(geography, code);
                for (int i : columns) {
                    String v = r.get(i);
                    if (v.isBlank()) {
                        continue;
                    }
                    if (ages) {
                        o.age = labels[i];
                    } else {
                        o.indicatorId = labels[i];
                        o.indicatorName = labels[i];
                    }
                    o.value = Numbers.parse(v);
                    o.status = Double.isNaN(o.value) ? v.trim() : null;
                    o.write();
                }
            }
        }
        if (areas == 0) {
            throw noData(table, headerLine);
        }
        return "ONS wide table (" + table.physicalLayout() + "): header \"" + Heads.cell(header, 0) + ","
                + Heads.cell(header, 1) + "," + Heads.cell(header, 2) + "\"" + (h > 0 ? " after " + count(h, "title row") : "")
                + ", " + columns.size() + (ages ? " age columns" : " value columns")
                + (trailingEmpty > 0 ? ", " + trailingEmpty + " empty trailing header cells" : "")
                + ", " + count(areas, "area") + " (" + list(geographies, 12) + "), "
                + count(tally.rejected(Tally.FOOTNOTE), "footnote row") + ", " + count(padding, "blank padding row");
    }
}
