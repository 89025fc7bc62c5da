package org.bigpicture.core.lake;

import org.bigpicture.core.util.Decimals;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of ingest's records (reports, {@code provenance.json}, quarantine records), written and
 * read with jackson-core's streaming API over plain maps and lists.
 *
 * <p>Why not jackson-databind's {@code ObjectMapper}: it loads some 400 classes (and the JDK's
 * date and locale machinery through its default date format), about a third of the ingest
 * function's cold start for a small upload (issue 6). jackson-core is loaded anyway (the dataset
 * writers use it). The bytes are those the {@code ObjectMapper} with {@code INDENT_OUTPUT} and
 * {@code ORDER_MAP_ENTRIES_BY_KEYS} wrote before: the same generator and pretty printer, record
 * fields in the order they are put, and the maps inside values a format hands over ({@code summary},
 * {@code rejected_by_reason}) sorted by key, at every depth ({@link #sorted}).
 *
 * <p>Values are {@code Map} (String keys), {@code List}/{@code Collection}, {@code String},
 * {@code Number}, {@code Boolean} and {@code null}; anything else is refused rather than guessed at.
 */
public final class LedgerJson {

    private final JsonFactory factory = new JsonFactory();

    /** Pretty-printed UTF-8 bytes of {@code value}, maps in their own iteration order. */
    public byte[] bytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            write(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return out.toByteArray();
    }

    /**
     * A JSON document as maps (insertion-ordered), lists, strings, numbers (integers as
     * {@code Integer}, {@code Long} or {@code BigInteger}; decimals as {@code Double}, as
     * {@code readTree} read them), booleans and nulls. An empty document is an empty map.
     */
    public Object read(byte[] bytes) throws IOException {
        try (JsonParser parser = factory.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            return first == null ? new LinkedHashMap<String, Object>() : value(parser, first);
        }
    }

    /**
     * A value as {@code valueToTree} turned it into a tree for the {@code ObjectMapper} that sorted
     * map entries ({@code ORDER_MAP_ENTRIES_BY_KEYS}): maps, at every depth, iterate in key order.
     */
    public static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), sorted(e.getValue()));
            }
            return out;
        }
        if (value instanceof Collection<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(sorted(o));
            }
            return out;
        }
        if (value instanceof BigDecimal d) { // as valueToTree made them: DecimalNode strips trailing zeros
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        return value;
    }

    /** The value at a path of field names, or null where any step is missing or not an object. */
    public static Object path(Object node, String... names) {
        Object at = node;
        for (String name : names) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(name);
        }
        return at;
    }

    /** A scalar's text (as {@code JsonNode.asText}), else {@code otherwise} (missing, null, object, array). */
    public static String text(Object node, String otherwise) {
        if (node instanceof String s) {
            return s;
        }
        if (node instanceof Number || node instanceof Boolean) {
            return node.toString();
        }
        return otherwise;
    }

    /** The elements of an array, or none where the value is not one. */
    public static List<?> elements(Object node) {
        return node instanceof List<?> list ? list : List.of();
    }

    /**
     * An instant exactly as {@link Instant#toString()} prints it ({@code 2026-11-26T13:13:33.769973409Z},
     * seconds always, the fraction in groups of three digits as needed), without
     * {@code DateTimeFormatter}, whose first use costs milliseconds of class loading. Years outside
     * 1000–9999 (never a wall clock's) are left to {@code Instant.toString}.
     */
    public static String instant(Instant t) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian).
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long dayOfEra = z - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1000 || year > 9999) {
            return t.toString();
        }
        StringBuilder s = new StringBuilder(30);
        s.append(year).append('-');
        two(s, month).append('-');
        two(s, day).append('T');
        two(s, secondOfDay / 3600).append(':');
        two(s, secondOfDay / 60 % 60).append(':');
        two(s, secondOfDay % 60);
        int nano = t.getNano();
        if (nano > 0) {
            s.append('.');
            int div = 100_000_000;
            for (int i = 0; nano > 0 || i % 3 != 0; i++) {
                int digit = nano / div;
                s.append((char) ('0' + digit));
                nano -= digit * div;
                div /= 10;
            }
        }
        return s.append('Z').toString();
    }

    private static StringBuilder two(StringBuilder s, int n) {
        return s.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    // ----------------------------------------------------------------------------------------------

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object o : list) {
                write(json, o);
            }
            json.writeEndArray();
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            json.writeNumber(l.longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                json.writeNumber(Decimals.shortest(d)); // the one number text, on every JDK (util.Decimals)
            } else {
                json.writeNull(); // JSON has no NaN or infinity
            }
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            json.writeNumber(i);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName()
                    + " in an ingest record; use maps, lists, strings, numbers and booleans");
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(value(parser, t));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }
}
