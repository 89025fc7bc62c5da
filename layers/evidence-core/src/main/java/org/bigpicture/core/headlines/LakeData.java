package org.bigpicture.core.headlines;

import org.bigpicture.core.util.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.bigpicture.core.dataset.Column;
import org.bigpicture.core.dataset.ColumnType;
import org.bigpicture.core.dataset.DatasetReader;
import org.bigpicture.core.lake.LakeKeys;
import org.bigpicture.core.store.ObjectStore;
import org.bigpicture.core.store.ScratchNames;

/**
 * Reads datasets of one snapshot for one run: each {@code data.parquet} is downloaded once to a
 * scratch folder and streamed as often as headlines ask, keeping only the rows they want. Failures
 * of the store propagate (the run is retried); a file that cannot be read as observations is a
 * {@link DataException} for the headline that asked.
 */
final class LakeData implements Closeable {

    private static final ObjectMapper JSON = JsonMappers.PLAIN;

    private final ObjectStore store;
    private final String lake;
    private final DatasetOpener opener;
    private final Path scratch;
    private final Map<String, Path> downloaded = new HashMap<>();
    private final Map<String, JsonNode> summaries = new HashMap<>();
    /** Rows kept decoded across the headlines of one run (about 200 bytes each). */
    private static final long CACHE_ROWS = 1_500_000;
    private final Map<String, List<Obs>> decoded = new HashMap<>();
    private long cachedRows;

    LakeData(ObjectStore store, String lake, DatasetOpener opener) throws IOException {
        this.store = store;
        this.lake = lake;
        this.opener = opener;
        this.scratch = ScratchNames.newDirectory(Path.of(System.getProperty("java.io.tmpdir")), "headlines-");
    }

    /** Rows of an observations dataset that pass {@code keep}, in file order. Empty when it has no data file. */
    List<Obs> read(DatasetInfo d, Predicate<Obs> keep) throws IOException {
        List<Obs> all = decoded.get(d.id());
        if (all == null && cachedRows < CACHE_ROWS) {
            // most headlines read the same few datasets: decode each once per run while memory allows
            all = decode(d, o -> true);
            if (cachedRows + all.size() <= CACHE_ROWS) {
                decoded.put(d.id(), all);
                cachedRows += all.size();
            }
        }
        if (all != null) {
            List<Obs> out = new ArrayList<>();
            for (Obs o : all) {
                if (keep.test(o)) {
                    out.add(o);
                }
            }
            return out;
        }
        return decode(d, keep);
    }

    private List<Obs> decode(DatasetInfo d, Predicate<Obs> keep) throws IOException {
        Path file = parquet(d);
        if (file == null) {
            return List.of();
        }
        List<Obs> out = new ArrayList<>();
        Map<String, String> interned = new HashMap<>();
        try (DatasetReader r = opener.open(file)) {
            Cols c = Cols.of(r.columns(), d.id());
            while (r.next()) {
                Obs o = new Obs(d.id(), s(r, c.areaCode, interned), s(r, c.areaName, interned),
                        s(r, c.areaType, interned), s(r, c.parent, interned), s(r, c.indicatorId, interned),
                        s(r, c.indicatorName, interned), s(r, c.period, interned),
                        c.periodEnd < 0 || r.isNull(c.periodEnd) ? null : r.getDate(c.periodEnd),
                        s(r, c.sex, interned), s(r, c.age, interned), s(r, c.categoryType, interned),
                        s(r, c.category, interned), num(r, c.value, c.valueType), num(r, c.lower, c.lowerType),
                        num(r, c.upper, c.upperType), s(r, c.unit, interned), s(r, c.source, interned));
                if (o.areaCode() != null && keep.test(o)) {
                    out.add(o);
                }
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DataException("dataset " + d.id() + " cannot be read as observations: " + e.getMessage(), e);
        }
        return out;
    }

    /** A survey dataset's {@code summary.json}, or null when it has none. */
    JsonNode surveySummary(DatasetInfo d) throws IOException {
        if (summaries.containsKey(d.id())) {
            return summaries.get(d.id());
        }
        JsonNode n;
        try {
            byte[] bytes = store.readAllBytes(lake, LakeKeys.datasetPrefix(d.id()) + "summary.json");
            try {
                n = JSON.readTree(bytes);
            } catch (IOException e) {
                throw new DataException("summary.json of " + d.id() + " is not JSON: " + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            n = null;
        }
        summaries.put(d.id(), n);
        return n;
    }

    private Path parquet(DatasetInfo d) throws IOException {
        if (downloaded.containsKey(d.id())) {
            return downloaded.get(d.id());
        }
        Path target = scratch.resolve(d.id() + ".parquet");
        Path result;
        try {
            store.download(lake, LakeKeys.datasetPrefix(d.id()) + "data.parquet", target);
            result = target;
        } catch (NoSuchFileException e) {
            result = null;
        }
        downloaded.put(d.id(), result);
        return result;
    }

    private static String s(DatasetReader r, int col, Map<String, String> interned) {
        if (col < 0 || r.isNull(col)) {
            return null;
        }
        String v = r.getString(col);
        return interned.computeIfAbsent(v, k -> k);
    }

    private static Double num(DatasetReader r, int col, ColumnType type) {
        if (col < 0 || r.isNull(col)) {
            return null;
        }
        return switch (type) {
            case NUMBER -> r.getDouble(col);
            case INTEGER -> (double) r.getLong(col);
            case STRING -> parseNumber(r.getString(col));
            default -> null;
        };
    }

    private static Double parseNumber(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s.replace(",", "").strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Column positions by name, so a reordered or partial observations file still reads. */
    private record Cols(int areaCode, int areaName, int areaType, int parent, int indicatorId, int indicatorName,
                        int period, int periodEnd, int sex, int age, int categoryType, int category, int value,
                        ColumnType valueType, int lower, ColumnType lowerType, int upper, ColumnType upperType,
                        int unit, int source) {

        static Cols of(List<Column> columns, String dataset) {
            Map<String, Integer> idx = new HashMap<>();
            Map<String, ColumnType> types = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                idx.put(columns.get(i).name(), i);
                types.put(columns.get(i).name(), columns.get(i).type());
            }
            if (!idx.containsKey("area_code") || !idx.containsKey("value")) {
                throw new DataException("dataset " + dataset + " is not observations (no area_code and value columns)");
            }
            int periodEnd = types.get("period_end") == ColumnType.DATE ? idx.get("period_end") : -1;
            return new Cols(idx.get("area_code"), i(idx, "area_name"), i(idx, "area_type"), i(idx, "parent_area_code"),
                    i(idx, "indicator_id"), i(idx, "indicator_name"), i(idx, "period"), periodEnd, i(idx, "sex"),
                    i(idx, "age"), i(idx, "category_type"), i(idx, "category"), idx.get("value"),
                    types.get("value"), i(idx, "lower_ci95"), types.get("lower_ci95"), i(idx, "upper_ci95"),
                    types.get("upper_ci95"), i(idx, "unit"), i(idx, "source"));
        }

        private static int i(Map<String, Integer> idx, String name) {
            return idx.getOrDefault(name, -1);
        }
    }
}
