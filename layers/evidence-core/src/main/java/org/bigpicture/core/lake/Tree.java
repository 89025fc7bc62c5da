package org.bigpicture.core.lake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Building and reading the JSON trees {@link LedgerJson} writes and reads (insertion-ordered maps,
 * lists, strings, numbers, booleans, nulls), for the lake's typed records. Reading is lenient about
 * absent fields (null) and strict about shapes: a record is checked against its JSON Schema in the
 * tests, not guessed at here.
 */
final class Tree {

    private Tree() {
    }

    /** A JSON object under construction: fields in the order they are put. */
    static final class Obj extends LinkedHashMap<String, Object> {
        Obj with(String field, Object value) {
            put(field, value);
            return this;
        }

        /** Puts the field only when the value is not null. */
        Obj withOptional(String field, Object value) {
            if (value != null) {
                put(field, value);
            }
            return this;
        }
    }

    static Obj obj() {
        return new Obj();
    }

    static Object get(Object node, String field) {
        return node instanceof Map<?, ?> m ? m.get(field) : null;
    }

    static String text(Object node, String field) {
        return LedgerJson.text(get(node, field), null);
    }

    static Long number(Object node, String field) {
        Object v = get(node, field);
        return v instanceof Number n ? n.longValue() : null;
    }

    static long count(Object node, String field) {
        Long v = number(node, field);
        return v == null ? 0 : v;
    }

    static Boolean bool(Object node, String field) {
        Object v = get(node, field);
        return v instanceof Boolean b ? b : null;
    }

    static List<String> strings(Object node, String field) {
        Object v = get(node, field);
        if (!(v instanceof List<?> list)) {
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(LedgerJson.text(o, null));
        }
        return out;
    }

    static <T> List<T> list(Object node, String field, Function<Object, T> read) {
        Object v = get(node, field);
        if (!(v instanceof List<?> list)) {
            return null;
        }
        List<T> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(read.apply(o));
        }
        return out;
    }

    /** A map of counts by name (e.g. rejected rows by reason), key-ordered; null when absent. */
    static Map<String, Long> counts(Object node, String field) {
        Object v = get(node, field);
        if (!(v instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, Long> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue() instanceof Number n ? n.longValue() : 0L);
        }
        return out;
    }

    /** A free-form object (e.g. a survey's summary facts), as read; null when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object node, String field) {
        Object v = get(node, field);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    static <T> List<Object> json(List<T> items, Function<T, Object> write) {
        if (items == null) {
            return null;
        }
        List<Object> out = new ArrayList<>(items.size());
        for (T t : items) {
            out.add(write.apply(t));
        }
        return out;
    }
}
