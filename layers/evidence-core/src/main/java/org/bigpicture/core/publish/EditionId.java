package org.bigpicture.core.publish;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An edition's name: its date, and a sequence from 2 when content changed again on the same day
 * ({@code 2026-11-26}, {@code 2026-11-26.2}, …). Ordered by date, then sequence.
 */
public record EditionId(LocalDate date, int sequence) implements Comparable<EditionId> {

    private static final Pattern FORM = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:\\.([2-9]|[1-9]\\d{1,3}))?");

    public EditionId {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
    }

    public static EditionId first(LocalDate date) {
        return new EditionId(date, 1);
    }

    /** Parses {@code 2026-11-26} or {@code 2026-11-26.2}; throws IllegalArgumentException otherwise. */
    public static EditionId parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not an edition name (YYYY-MM-DD or YYYY-MM-DD.N): " + text);
        }
        try {
            return new EditionId(LocalDate.parse(m.group(1)), m.group(2) == null ? 1 : Integer.parseInt(m.group(2)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date: " + text, e);
        }
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public EditionId next() {
        return new EditionId(date, sequence + 1);
    }

    @Override
    public int compareTo(EditionId o) {
        int c = date.compareTo(o.date);
        return c != 0 ? c : Integer.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return sequence == 1 ? date.toString() : date + "." + sequence;
    }
}
