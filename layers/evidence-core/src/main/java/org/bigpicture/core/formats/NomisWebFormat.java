package org.bigpicture.core.formats;

import org.bigpicture.core.convert.DatasetOutput;
import org.bigpicture.core.util.Numbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Records;

/**
 * Nomis web "query" downloads: a metadata preamble (title, copyright line, {@code Key : value}
 * lines such as {@code Date : September 2017}), blank lines, a header whose first cell names the
 * geography ({@code 2011 super output area - lower layer}, {@code local authority: …}), the data,
 * a {@code Column Total} row and footnotes. Codes come from a {@code mnemonic} column or share the
 * first cell with the name ({@code E01011954 : Hartlepool 001A}). Each measure column becomes one
 * observation per area, the indicator named by the column header.
 */
public final class NomisWebFormat extends ObservationFormat {

    private static final String[] GEOGRAPHY_WORDS = {
        "super output area", "output area", "local authorit", "ward", "region", "countr", "county",
        "constituenc", "combined authorit", "lsoa", "msoa", "health board", "parish", "built-up area",
        "travel to work", "geography", "area"};

    public NomisWebFormat() {
        this(DatasetOutput.PARQUET);
    }

    public NomisWebFormat(DatasetOutput output) {
        super(output);
    }

    @Override
    public String family() {
        return "nomis-web";
    }

    @Override
    public boolean claims(TableInput table) {
        return headerIndex(table.head()) >= 0;
    }

    /** The index of the header row in the head, or -1 when the head is not a Nomis web download. */
    static int headerIndex(List<List<String>> head) {
        boolean nomis = false;
        int keyValues = 0;
        for (int i = 0; i < head.size(); i++) {
            List<String> row = head.get(i);
            if (Heads.blank(row)) {
                continue;
            }
            String first = Heads.cell(row, 0);
            String lower = first.toLowerCase(Locale.ROOT);
            if (lower.contains("nomis")) {
                nomis = true;
                continue;
            }
            if (first.endsWith(":") && Heads.nonBlank(row) <= 3) {
                keyValues++;
                continue;
            }
            if ((nomis || keyValues >= 2) && i > 0 && Heads.nonBlank(row) >= 2 && isGeographyHeader(lower)) {
                return i;
            }
            if (Heads.nonBlank(row) >= 3 && !(nomis || keyValues >= 2)) {
                return -1; // a table starts without a Nomis preamble
            }
        }
        return -1;
    }

    private static boolean isGeographyHeader(String lower) {
        for (String w : GEOGRAPHY_WORDS) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    @Override
    String write(TableInput table, ObservationRows o, Tally tally) throws IOException {
        int h = headerIndex(table.head());
        List<String> header = table.head().get(h);
        String title = null;
        Map<String, String> meta = new LinkedHashMap<>();
        for (int i = 0; i < h; i++) {
            List<String> row = table.head().get(i);
            if (Heads.blank(row)) {
                continue;
            }
            String first = Heads.cell(row, 0);
            if (first.endsWith(":")) {
                String key = first.substring(0, first.length() - 1).trim().toLowerCase(Locale.ROOT);
                String value = "";
                for (int j = 1; j < row.size(); j++) {
                    if (!row.get(j).isBlank()) {
                        value = row.get(j).trim();
                        break;
                    }
                }
                meta.put(key, value);
            } else if (title == null && !first.toLowerCase(Locale.ROOT).contains("crown copyright")) {
                title = first;
            }
        }
        String geographyHeader = Heads.cell(header, 0);
        String areaType = AreaTypes.fromLabel(geographyHeader);
        int mnemonic = Heads.find(header, "mnemonic");
        List<Integer> measures = new ArrayList<>();
        for (int i = 1; i < header.size(); i++) {
            if (i != mnemonic && !header.get(i).isBlank()) {
                measures.add(i);
            }
        }
        o.source = title == null ? "Nomis" : "Nomis: " + title;
        o.period(meta.get("date"));
        o.sex = sex(meta.containsKey("sex") ? meta.get("sex") : meta.get("gender"));
        o.age = meta.containsKey("age") ? age(meta.get("age")) : null;
        String unit = meta.containsKey("units") ? meta.get("units") : meta.get("measure");
        o.unit = unit == null ? null : unit.toLowerCase(Locale.ROOT);
        String[] names = new String[header.size()];
        for (int i : measures) {
            names[i] = header.get(i).trim();
        }
        long headerLine = -1;
        long emptyCells = 0;
        long data = 0;
        int width = header.size();
        try (Records r = table.open()) {
            int index = 0;
            while (index <= h && r.next()) {
                index++;
            }
            headerLine = r.line();
            RowGate gate = new RowGate(table, h, null, width, tally);
            while (r.next()) {
                if (gate.skipBlank(r)) {
                    continue;
                }
                tally.read++;
                String first = r.get(0).trim();
                if (first.equalsIgnoreCase("Column Total") || first.equalsIgnoreCase("Total")) {
                    tally.reject(Tally.TOTAL_ROW);
                    continue;
                }
                String code = null;
                String name = first;
                if (mnemonic >= 0 && AreaTypes.isGssCode(r.get(mnemonic).trim())) {
                    code = r.get(mnemonic).trim();
                } else {
                    int colon = first.indexOf(" : ");
                    if (colon > 0 && AreaTypes.isGssCode(first.substring(0, colon).trim())) {
                        code = first.substring(0, colon).trim();
                        name = first.substring(colon + 3).trim();
                    } else if (AreaTypes.isGssCode(first)) {
                        code = first;
                        name = null;
                    }
                }
                if (code == null) {
                    tally.reject(Tally.FOOTNOTE);
                    continue;
                }
                if (!gate.wellFormed(r)) {
                    continue;
                }
                data++;
                o.areaCode = code;
                o.areaName = name;
                o.areaType = areaType != null ? areaType : AreaTypes.fromCode(code);
                for (int i : measures) {
                    String v = r.get(i);
                    if (v.isBlank()) {
                        emptyCells++;
                        continue;
                    }
                    o.indicatorId = names[i];
                    o.indicatorName = names[i];
                    o.value = Numbers.parse(v);
                    o.status = Double.isNaN(o.value) ? v.trim() : null;
                    o.write();
                }
            }
        }
        if (data == 0) {
            throw noData(table, headerLine);
        }
        if (o.period == null) {
            tally.note("the preamble has no Date line: period left empty");
        }
        if (emptyCells > 0) {
            tally.note(emptyCells + " empty cells had no observation to write");
        }
        tally.note("preamble: " + (title == null ? "" : title + "; ") + meta.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).reduce((a, b) -> a + "; " + b).orElse(""));
        String codes = mnemonic >= 0 ? "codes in the mnemonic column" : "code and name in one cell";
        return "Nomis web download (" + table.physicalLayout() + "): " + count(h, "preamble line") + ", geography \""
                + geographyHeader + "\" (" + (areaType == null ? "type from codes" : areaType) + "), " + codes + ", "
                + measures.size() + " measure columns (" + list(measuresNames(names, measures), 6) + "), "
                + count(data, "area") + ", " + count(tally.rejected(Tally.TOTAL_ROW), "total row") + ", "
                + count(tally.rejected(Tally.FOOTNOTE), "footnote row");
    }

    private static List<String> measuresNames(String[] names, List<Integer> measures) {
        List<String> out = new ArrayList<>();
        for (int i : measures) {
            out.add(names[i]);
        }
        return out;
    }
}
