package org.bigpicture.core.headlines;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.headlines.HeadlineResult.Comparator;
import org.bigpicture.core.headlines.HeadlineResult.Input;
import org.bigpicture.core.headlines.HeadlineResult.Source;
import org.bigpicture.core.headlines.HeadlineSpec.Area;

/**
 * Writes {@code headlines.json} and {@code headlines.csv}. Both are a pure function of the results:
 * fixed key and column order, numbers as rounded decimals (never exponents), LF in JSON and CRLF in
 * CSV whatever the platform, and no time of day anywhere.
 */
public final class HeadlinesFiles {

    /** Columns of {@code headlines.csv}: one row per headline for the subject, then one per comparator. */
    public static final List<String> CSV_COLUMNS = List.of("headline_id", "title", "status", "area_role", "area_code",
            "area_name", "value", "unit", "period", "ci95_low", "ci95_high", "statement", "note", "sources");

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(NODES)
            .build();

    private HeadlinesFiles() {
    }

    /** {@code {"subject": {...}, "headlines": [...]}} as UTF-8 bytes ending in a newline. */
    public static byte[] json(Area subject, List<HeadlineResult> results) {
        ObjectNode root = NODES.objectNode();
        ObjectNode s = root.putObject("subject");
        s.put("area_code", subject.code());
        s.put("area_name", subject.name());
        ArrayNode hs = root.putArray("headlines");
        for (HeadlineResult r : results) {
            hs.add(headline(r));
        }
        return pretty(root);
    }

    static byte[] pretty(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            String text = JSON.writer(printer).writeValueAsString(node);
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode headline(HeadlineResult r) {
        ObjectNode h = NODES.objectNode();
        h.put("id", r.id());
        h.put("title", r.title());
        h.put("status", r.status().json());
        h.put("statement", r.statement());
        h.put("value", r.value());
        h.put("unit", r.unit());
        h.put("period", r.period());
        if (r.ciLow() != null && r.ciHigh() != null) {
            ObjectNode ci = h.putObject("ci95");
            ci.put("low", r.ciLow());
            ci.put("high", r.ciHigh());
        } else {
            h.putNull("ci95");
        }
        ArrayNode cs = h.putArray("comparators");
        for (Comparator c : r.comparators()) {
            ObjectNode o = cs.addObject();
            o.put("area_code", c.areaCode());
            o.put("area_name", c.areaName());
            o.put("value", c.value());
            o.put("period", c.period());
            o.put("note", c.note());
        }
        h.set("details", value(r.details()));
        ArrayNode in = h.putArray("inputs");
        for (Input i : r.inputs()) {
            ObjectNode o = in.addObject();
            o.put("role", i.role());
            o.put("area_code", i.areaCode());
            o.put("period", i.period());
            o.put("value", i.value());
            o.put("dataset", i.dataset());
            o.put("how", i.how());
        }
        ArrayNode src = h.putArray("sources");
        for (Source s : r.sources()) {
            ObjectNode o = src.addObject();
            o.put("dataset", s.dataset());
            o.put("sha256", s.sha256());
            if (s.rows() == null) {
                o.putNull("rows");
            } else {
                o.put("rows", s.rows());
            }
        }
        h.put("reason", r.reason());
        h.put("needs", r.needs());
        return h;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                o.set(String.valueOf(e.getKey()), value(e.getValue()));
            }
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = NODES.arrayNode();
            for (Object x : l) {
                a.add(value(x));
            }
            return a;
        }
        if (v instanceof BigDecimal b) {
            return NODES.numberNode(b);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(String.valueOf(v));
    }

    /** One row per headline for the subject and one per comparator, RFC 4180, UTF-8, CRLF. */
    public static byte[] csv(Area subject, List<HeadlineResult> results) {
        StringBuilder sb = new StringBuilder();
        row(sb, CSV_COLUMNS, List.of());
        for (HeadlineResult r : results) {
            String sources = String.join("; ", r.sources().stream().map(Source::dataset).toList());
            String note = r.status() == HeadlineResult.Status.OK ? null
                    : r.reason() + (r.needs() == null ? "" : " Upload: " + r.needs());
            row(sb, List.of(r.id(), r.title(), r.status().json(), "subject", subject.code(), subject.name(),
                    plain(r.value()), nz(r.unit()), nz(r.period()), plain(r.ciLow()), plain(r.ciHigh()),
                    nz(r.statement()), nz(note), sources), List.of(6, 9, 10));
            for (Comparator c : r.comparators()) {
                row(sb, List.of(r.id(), r.title(), r.status().json(), "comparator", c.areaCode(), c.areaName(),
                        plain(c.value()), nz(r.unit()), nz(c.period()), "", "", "", nz(c.note()), sources),
                        List.of(6, 9, 10));
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String plain(BigDecimal b) {
        return b == null ? "" : b.toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void row(StringBuilder sb, List<String> cells, List<Integer> numeric) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (!numeric.contains(i)) {
                c = neutralise(c);
            }
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0
                    || c.startsWith(" ") || c.endsWith(" ")) {
                c = '"' + c.replace("\"", "\"\"") + '"';
            }
            sb.append(c);
        }
        sb.append("\r\n");
    }

    /** A text cell a spreadsheet would run as a formula gets a leading apostrophe. */
    static String neutralise(String c) {
        if (!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0) {
            return "'" + c;
        }
        return c;
    }
}
