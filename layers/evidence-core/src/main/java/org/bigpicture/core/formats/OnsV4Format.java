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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.TableInput;
import org.bigpicture.core.convert.Records;

/**
 * ONS API ("CMD") v4 CSV downloads: the first header cell is {@code v4_N}, the observation comes
 * first, then N data-marking columns, then each dimension as a pair of columns (its code list
 * id, then its label), e.g. {@code V4_0,calendar-years,time,admin-geography,geography,
 * mid-year-pop-age,age,mid-year-pop-sex,sex}. The time, geography, sex and age dimensions map to
 * their observation columns; any other dimension becomes a category.
 */
public final class OnsV4Format extends ObservationFormat {

    private static final Pattern V4 = Pattern.compile("(?i)v4_(\\d+)");

    public OnsV4Format() {
        this(DatasetOutput.PARQUET);
    }

    public OnsV4Format(DatasetOutput output) {
        super(output);
    }

    @Override
    public String family() {
        return "ons-v4";
    }

    @Override
    public boolean claims(TableInput table) {
        return !table.head().isEmpty() && V4.matcher(Heads.cell(table.head().get(0), 0)).matches();
    }

    @Override
    String write(TableInput table, ObservationRows o, Tally tally) throws IOException {
        List<String> header = table.head().get(0);
        Matcher m = V4.matcher(Heads.cell(header, 0));
        m.matches();
        int markings = Integer.parseInt(m.group(1));
        int first = 1 + markings;
        int last = header.size();
        while (last > first && header.get(last - 1).isBlank()) {
            last--;
        }
        if ((last - first) % 2 != 0 || last - first < 2) {
            throw new BadInputException(table.key(), 1, "an ONS v4 header needs code/label pairs after the "
                    + markings + " data-marking columns; this one has " + (last - first) + " columns there");
        }
        int time = -1;
        int geography = -1;
        int sex = -1;
        int age = -1;
        List<Integer> others = new ArrayList<>();
        List<String> dimensions = new ArrayList<>();
        for (int code = first; code < last; code += 2) {
            String label = header.get(code + 1).trim().toLowerCase(Locale.ROOT);
            String list = header.get(code).trim().toLowerCase(Locale.ROOT);
            dimensions.add(header.get(code + 1).trim());
            if (time < 0 && (label.equals("time") || list.contains("year") || list.equals("mmm-yy") || list.equals("time"))) {
                time = code;
            } else if (geography < 0 && (label.equals("geography") || list.contains("geography"))) {
                geography = code;
            } else if (sex < 0 && (label.equals("sex") || label.equals("gender"))) {
                sex = code;
            } else if (age < 0 && label.equals("age")) {
                age = code;
            } else {
                others.add(code);
            }
        }
        if (geography < 0) {
            throw new BadInputException(table.key(), 1, "an ONS v4 file needs a geography dimension; found "
                    + String.join(", ", dimensions));
        }
        String name = table.key().substring(table.key().lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        o.indicatorId = table.datasetId();
        o.indicatorName = dot > 0 ? name.substring(0, dot) : name;
        o.source = "ONS API (v4)";
        Set<String> periods = new java.util.HashSet<>();
        Set<String> areaTypes = new LinkedHashSet<>();
        StringBuilder category = new StringBuilder();
        StringBuilder categoryType = new StringBuilder();
        RowGate gate = new RowGate(table, 0, header, last, tally);
        try (Records r = table.open()) {
            r.next();
            while (r.next()) {
                if (gate.skipBlank(r)) {
                    continue;
                }
                tally.read++;
                if (!gate.wellFormed(r)) {
                    continue;
                }
                String v = r.get(0);
                o.value = Numbers.parse(v);
                String marking = markings > 0 ? r.get(1).trim() : "";
                o.status = !marking.isEmpty() ? marking : Double.isNaN(o.value) && !v.isBlank() ? v.trim() : null;
                o.areaCode = r.get(geography).trim();
                o.areaName = r.get(geography + 1).trim();
                o.areaType = AreaTypes.fromCode(o.areaCode);
                if (o.areaType != null && areaTypes.size() < 20) {
                    areaTypes.add(o.areaType);
                }
                if (time >= 0) {
                    String label = r.get(time + 1).trim();
                    o.period(label.isEmpty() ? r.get(time).trim() : label);
                    if (o.periodStart == null) {
                        Periods.Period p = Periods.parse(r.get(time).trim());
                        o.periodStart = p.start();
                        o.periodEnd = p.end();
                    }
                    if (o.period != null && periods.size() < 1000) {
                        periods.add(o.period);
                    }
                }
                o.sex = sex < 0 ? null : sex(r.get(sex + 1));
                o.age = age < 0 ? null : age(r.get(age + 1));
                category.setLength(0);
                categoryType.setLength(0);
                for (int c : others) {
                    if (category.length() > 0) {
                        category.append("; ");
                        categoryType.append("; ");
                    }
                    category.append(r.get(c + 1).trim());
                    categoryType.append(header.get(c + 1).trim());
                }
                o.category = category.length() == 0 ? null : category.toString();
                o.categoryType = categoryType.length() == 0 ? null : categoryType.toString();
                o.write();
            }
        }
        if (tally.read == 0) {
            throw noData(table, 1);
        }
        return "ONS API v4 CSV (" + table.physicalLayout() + "): " + markings + " data-marking columns, dimensions "
                + String.join(", ", dimensions) + "; area types " + list(areaTypes, 8) + ", periods " + range(new TreeSet<>(periods));
    }
}
