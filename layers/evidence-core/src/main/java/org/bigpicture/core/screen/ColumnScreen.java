package org.bigpicture.core.screen;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Profiles one column's values as they stream past and gives the column's verdict: personal or
 * not, and why. Each distinct string is looked at once: a column whose header asks for nothing
 * keeps a small direct-mapped cache (a repeated cell, which the readers hand out as the same
 * {@code String} instance, costs an identity comparison); a column whose header asks for a personal
 * detail, or names a person's id, counts its distinct values exactly (up to {@value #MAX_DISTINCT},
 * then it stops remembering new ones). Memory is bounded either way.
 *
 * <p>Optionally redacts: {@link #see(String)} returns the value to write, with identifiers in it
 * replaced by tokens ({@link Redactor}).
 */
public final class ColumnScreen {

    /** A column is personal when at least this share of its non-blank values are identifiers. */
    public static final double VALUE_SHARE = 0.3;
    /** Where the header asks for a detail, this share of matching values confirms it. */
    static final double ASKED_SHARE = 0.1;
    static final int MAX_DISTINCT = 20_000;
    private static final int SLOTS = 2048;
    private static final int KINDS = Identifier.values().length;
    /** Longer values are evaluated each time rather than remembered (free text rarely repeats). */
    private static final int MAX_CACHED_CHARS = 256;

    private static final int KIND_MASK = 0x0f;
    private static final int GSS = 0x10;
    private static final int NAME_LIKE = 0x20;
    private static final int PLACE_LIKE = 0x40;
    private static final int DATE_LIKE = 0x80;

    /**
     * What is known about one distinct value, and how often it was seen: the hot path only counts
     * ({@link #hits}); the column's totals take the counts in when asked or when the entry leaves
     * the cache ({@link #fold}).
     */
    private static final class Entry {
        final String key;
        final String out;
        final int info;
        final long[] redactions;
        long hits;
        long folded;
        /** False for values not kept (long ones, or past the exact count's cap): counted at once. */
        boolean cached = true;

        Entry(String key, String out, int info, long[] redactions) {
            this.key = key;
            this.out = out;
            this.info = info;
            this.redactions = redactions;
        }
    }

    private final String header;
    private final Headers.Ask ask;
    private final boolean personIdHeader;
    private final boolean redact;
    private final boolean exact;
    private final boolean fullName;

    private final Entry[] slots;
    private final Map<String, Entry> counts;
    private final Set<Long> longValues;
    private Entry last;

    long nonBlank;
    final long[] kinds = new long[KINDS];
    long gss;
    long nameLike;
    long placeLike;
    long dateLike;
    long numbers;
    long birthDates;
    long redactedCells;
    final long[] redactions = new long[KINDS];
    private boolean overflow;
    private long repeatedLongs;

    /**
     * @param header the column's header as written
     * @param redact replace identifiers in the values passed to {@link #see(String)}
     */
    public ColumnScreen(String header, boolean redact) {
        this(header, redact, false);
    }

    /**
     * @param light never count distinct values exactly, whatever the header (respondent-level
     *              files, whose columns the converter names itself)
     */
    public ColumnScreen(String header, boolean redact, boolean light) {
        this.header = header == null ? "" : header;
        this.ask = light ? Headers.Ask.NONE : Headers.ask(this.header);
        this.personIdHeader = !light && Headers.personId(this.header);
        this.redact = redact;
        this.exact = ask != Headers.Ask.NONE || personIdHeader;
        this.fullName = fullNameHeader(Headers.normalise(this.header));
        this.slots = exact ? null : new Entry[SLOTS];
        this.counts = exact ? new HashMap<>() : null;
        this.longValues = exact ? new HashSet<>() : null;
    }

    private static boolean fullNameHeader(String h) {
        return !(h.contains("first") || h.contains("last") || h.contains("sur") || h.contains("fore")
                || h.contains("given") || h.contains("family") || h.contains("middle") || h.contains("maiden")
                || h.contains("christian") || h.equals("initials"));
    }

    public String header() {
        return header;
    }

    public Headers.Ask ask() {
        return ask;
    }

    /**
     * Counts a string cell and returns what to write: the value itself, or (when redacting) the
     * value with identifiers replaced. Null and blank values are not counted.
     */
    public String see(String value) {
        if (value == null) {
            return null;
        }
        Entry e = last;
        if (e == null || e.key != value) {
            // Not the column's last value (which the readers hand out as the same instance when
            // a cell repeats): look it up, or evaluate it once.
            e = find(value);
            if (e == null) {
                return value; // blank
            }
            last = e;
        }
        if (e.cached) {
            e.hits++;
        } else {
            account(e, 1);
        }
        return e.out;
    }

    private Entry find(String value) {
        if (exact) {
            Entry e = counts.get(value);
            if (e == null) {
                e = evaluate(value);
                if (e == null) {
                    return null;
                }
                if (counts.size() < MAX_DISTINCT) {
                    counts.put(value, e);
                } else {
                    overflow = true;
                    e.cached = false;
                }
            }
            return e;
        }
        int h = value.hashCode();
        int i = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = slots[i];
        if (e != null && (e.key == value || e.key.equals(value))) {
            return e;
        }
        Entry fresh = evaluate(value);
        if (fresh == null) {
            return null;
        }
        if (value.length() <= MAX_CACHED_CHARS) {
            if (e != null) {
                fold(e);
            }
            slots[i] = fresh;
        } else {
            fresh.cached = false;
        }
        return fresh;
    }

    /** Takes an entry's hits since the last fold into the column's totals. */
    private void fold(Entry e) {
        long times = e.hits - e.folded;
        if (times > 0) {
            account(e, times);
            e.folded = e.hits;
        }
    }

    /** Every entry's hits into the totals: called by each reader of the totals (cheap when nothing changed). */
    private void foldAll() {
        if (exact) {
            for (Entry e : counts.values()) {
                fold(e);
            }
        } else {
            for (Entry e : slots) {
                if (e != null) {
                    fold(e);
                }
            }
        }
    }

    private Entry evaluate(String value) {
        // One scan of the characters says which detectors could match at all; a clean value (most
        // of a statistical file's) costs that scan and nothing else.
        Detectors.Signature sig = Detectors.Signature.of(value);
        if (sig.visible == 0) {
            return null;
        }
        int info = 0;
        Identifier kind = Detectors.wholeValue(value, sig);
        if (kind != null) {
            info |= kind.ordinal() + 1;
        }
        if (sig.digits == 8 && sig.visible == 9 && Detectors.isGssCode(value.strip())) {
            info |= GSS;
        }
        if (exact) {
            String v = value.strip();
            if (Detectors.looksLikePersonName(v, fullName)) {
                info |= NAME_LIKE;
            }
            if (Detectors.looksLikePlace(v)) {
                info |= PLACE_LIKE;
            }
            if (Detectors.looksLikeDate(v)) {
                info |= DATE_LIKE;
            }
        }
        String out = value;
        long[] found = null;
        if (redact && Redactor.redact(value, null, sig) != value) {
            // Rare: redact again, counting (no counting array for the values with nothing to redact).
            long[] c = new long[KINDS];
            out = Redactor.redact(value, c, sig);
            found = c;
        }
        return new Entry(value, out, info, found);
    }

    private void account(Entry e, long times) {
        nonBlank += times;
        int info = e.info;
        if (info != 0) {
            int k = info & KIND_MASK;
            if (k != 0) {
                kinds[k - 1] += times;
            }
            if ((info & GSS) != 0) {
                gss += times;
            }
            if ((info & NAME_LIKE) != 0) {
                nameLike += times;
            }
            if ((info & PLACE_LIKE) != 0) {
                placeLike += times;
            }
            if ((info & DATE_LIKE) != 0) {
                dateLike += times;
            }
        }
        if (e.redactions != null) {
            redactedCells += times;
            for (int i = 0; i < redactions.length; i++) {
                redactions[i] += e.redactions[i] * times;
            }
        }
    }

    /**
     * Counts an integer cell. Ten-digit numbers are checked as NHS numbers (modulus 11), twelve-digit
     * ones beginning 44 as phone numbers that lost their {@code +}. Returns true when the number is
     * such an identifier.
     */
    public boolean seeLong(long v) {
        nonBlank++;
        numbers++;
        if (exact && longValues.size() < MAX_DISTINCT && !longValues.add(v)) {
            repeatedLongs++;
        }
        if (v < 1_000_000_000L) {
            return false;
        }
        if (v <= 9_999_999_999L && Detectors.isNhsNumber(v)) {
            kinds[Identifier.NHS_NUMBER.ordinal()]++;
            return true;
        }
        if (v >= 441_000_000_000L && Detectors.isPhoneNumber(v)) {
            kinds[Identifier.PHONE.ordinal()]++;
            return true;
        }
        return false;
    }

    /** Counts a decimal cell; whole ten-digit values are checked as NHS numbers. Returns true for one. */
    public boolean seeDouble(double v) {
        nonBlank++;
        numbers++;
        if (v >= 1e9 && v < 1e10 && v == Math.rint(v)) {
            return seeWholeNumber((long) v);
        }
        return false;
    }

    private boolean seeWholeNumber(long v) {
        if (Detectors.isNhsNumber(v)) {
            kinds[Identifier.NHS_NUMBER.ordinal()]++;
            return true;
        }
        return false;
    }

    /**
     * The writer's fast path for an integer cell of at least 10⁹ (smaller ones are no identifier):
     * counts it only when it is an NHS or phone number, which it returns. The column's non-blank
     * cells are counted in bulk ({@link #addBulk}).
     */
    public boolean identifierLong(long v) {
        if (v <= 9_999_999_999L && Detectors.isNhsNumber(v)) {
            kinds[Identifier.NHS_NUMBER.ordinal()]++;
            return true;
        }
        if (v >= 441_000_000_000L && Detectors.isPhoneNumber(v)) {
            kinds[Identifier.PHONE.ordinal()]++;
            return true;
        }
        return false;
    }

    /** As {@link #identifierLong}, for a decimal cell between 10⁹ and 10¹⁰. */
    public boolean identifierDouble(double v) {
        return v == Math.rint(v) && seeWholeNumber((long) v);
    }

    /** Non-blank cells counted by the writer rather than one by one (numbers, dates, booleans). */
    public void addBulk(long cells, boolean numeric) {
        nonBlank += cells;
        if (numeric) {
            numbers += cells;
        }
    }

    /** True when the column counts distinct values exactly (its header asks for a detail or names a person's id). */
    public boolean exact() {
        return exact;
    }

    /** Counts a date cell (days since 1970-01-01). */
    public void seeDate(int epochDay) {
        nonBlank++;
        dateLike++;
        if (Detectors.plausibleBirthDate(epochDay)) {
            birthDates++;
        }
    }

    /** Counts any other non-null cell (booleans). */
    public void seeOther() {
        nonBlank++;
    }

    // ------------------------------------------------------------------------------ facts

    public long nonBlank() {
        foldAll();
        return nonBlank;
    }

    public long count(Identifier kind) {
        foldAll();
        return kinds[kind.ordinal()];
    }

    /** Cells changed by redaction. */
    public long redactedCells() {
        foldAll();
        return redactedCells;
    }

    /** Identifiers replaced, by kind. */
    public long redactions(Identifier kind) {
        foldAll();
        return redactions[kind.ordinal()];
    }

    double share(long n) {
        foldAll();
        return nonBlank == 0 ? 0 : (double) n / nonBlank;
    }

    /** Most of the values are GSS area codes. */
    public boolean areaCodes() {
        foldAll();
        return nonBlank > 0 && share(gss) >= 0.5;
    }

    /** Distinct values counted exactly (only for columns whose header asks or names an id), or -1. */
    int distinct() {
        foldAll();
        if (!exact) {
            return -1;
        }
        return overflow ? Integer.MAX_VALUE : counts.size() + longValues.size();
    }

    /** Every value seen once (an id column); only known where values are counted exactly. */
    boolean unique() {
        foldAll();
        if (!exact || nonBlank < 2) {
            return false;
        }
        if (repeatedLongs > 0) {
            return false;
        }
        for (Entry e : counts.values()) {
            if (e.hits > 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * The values recur as categories rather than differing row by row: few distinct values, each
     * chosen by several rows (Apple, Samsung, Google under "What is your mobile phone brand?").
     */
    boolean recursAsCategories() {
        foldAll();
        if (!exact || overflow || nonBlank < 3) {
            return false;
        }
        int distinct = counts.size() + longValues.size();
        // One value throughout is a placeholder ("anonymous"), not a choice between categories.
        if (distinct < 2) {
            return false;
        }
        return distinct * 2L <= nonBlank;
    }

    // ------------------------------------------------------------------------------ the verdict

    /** Where a column is judged: a survey export's column, or a generic table's. */
    public enum Scope { SURVEY, TABLE }

    /**
     * The verdict on this column.
     *
     * @param scope         survey tools' ids and custom data are personal only in a survey export
     * @param areaCodeTable the table has a column of GSS area codes (its "Name" is an area's)
     */
    public ColumnVerdict verdict(Scope scope, boolean areaCodeTable) {
        foldAll();
        if (nonBlank == 0) {
            return ColumnVerdict.clear(header);
        }
        // 1. By values: a share of the values are identifiers, whatever the header.
        Identifier best = null;
        for (Identifier k : Identifier.values()) {
            if (k == Identifier.NAME || k == Identifier.DATE_OF_BIRTH || k == Identifier.LOCATION) {
                continue;
            }
            if (share(kinds[k.ordinal()]) >= VALUE_SHARE && (best == null || kinds[k.ordinal()] > kinds[best.ordinal()])) {
                best = k;
            }
        }
        if (best != null && !(best == Identifier.POSTCODE && scope == Scope.SURVEY && ask == Headers.Ask.POSTCODE)) {
            return ColumnVerdict.personal(header, best, "its values are " + best.plural() + " (" + kinds[best.ordinal()]
                    + " of " + nonBlank + ")");
        }
        // 2. By header, unless the values contradict it.
        switch (ask) {
            case NONE:
                return ColumnVerdict.clear(header);
            case CUSTOM:
            case RESPONDENT_ID:
            case USER_ID:
                return scope == Scope.SURVEY
                        ? ColumnVerdict.personal(header, null, "its header names " + ask.reason())
                        : ColumnVerdict.clear(header);
            case NAME:
                return nameVerdict(scope, areaCodeTable);
            case DATE_OF_BIRTH:
                return birthVerdict();
            case CONTACT: {
                long hits = kinds[Identifier.EMAIL.ordinal()] + kinds[Identifier.PHONE.ordinal()]
                        + kinds[Identifier.ADDRESS.ordinal()] + kinds[Identifier.POSTCODE.ordinal()];
                if (share(hits) < ASKED_SHARE && recursAsCategories()) {
                    return ColumnVerdict.clear(header, "its header mentions contact details, but its values are categories");
                }
                return ColumnVerdict.personal(header, null, "its header asks for contact details");
            }
            case POSTCODE: {
                long full = kinds[Identifier.POSTCODE.ordinal()];
                return share(full) >= ASKED_SHARE
                        ? ColumnVerdict.personal(header, Identifier.POSTCODE, "its header asks for a postcode and "
                                + full + " of " + nonBlank + " values are full postcodes")
                        : ColumnVerdict.clear(header, "postcode districts or sectors, not full postcodes");
            }
            case LOCATION:
                if (recursAsCategories() && numbers * 2 < nonBlank) {
                    return ColumnVerdict.clear(header, "its header mentions a location, but its values are categories");
                }
                return ColumnVerdict.personal(header, Identifier.LOCATION, "its header asks for a location (latitude or longitude)");
            default: {
                Identifier wanted = ask.identifier();
                long hits = kinds[wanted.ordinal()];
                if (share(hits) >= ASKED_SHARE) {
                    return ColumnVerdict.personal(header, wanted, "its header asks for " + article(ask.reason()) + " and "
                            + hits + " of " + nonBlank + " values are " + wanted.plural());
                }
                if (recursAsCategories()) {
                    return ColumnVerdict.clear(header, "its header mentions " + article(ask.reason())
                            + ", but its values match no such form and recur as categories");
                }
                return ColumnVerdict.personal(header, wanted, "its header asks for " + article(ask.reason()));
            }
        }
    }

    private ColumnVerdict nameVerdict(Scope scope, boolean areaCodeTable) {
        if (areaCodeTable && scope == Scope.TABLE) {
            return ColumnVerdict.clear(header, "a name beside a column of area codes: an area's name");
        }
        if (share(placeLike) >= 0.2) {
            return ColumnVerdict.clear(header, "its values are places");
        }
        // People's names recur too (many a John): recurrence does not make names categories.
        boolean names = share(nameLike) >= 0.5;
        if (names) {
            return ColumnVerdict.personal(header, Identifier.NAME, "its header asks for a name and " + nameLike + " of "
                    + nonBlank + " values look like people's names");
        }
        if (recursAsCategories()) {
            return ColumnVerdict.clear(header, "its header mentions a name, but its values recur as categories");
        }
        // In a survey the header is a question put to the respondent: what they typed is theirs.
        return scope == Scope.SURVEY
                ? ColumnVerdict.personal(header, Identifier.NAME, "its header asks for a name")
                : ColumnVerdict.clear(header, "its header mentions a name, but its values do not look like people's names");
    }

    private ColumnVerdict birthVerdict() {
        long dates = dateLike;
        if (share(dates) >= 0.5 || share(birthDates) >= 0.5) {
            return ColumnVerdict.personal(header, Identifier.DATE_OF_BIRTH, "its header asks for a date of birth and "
                    + dates + " of " + nonBlank + " values are dates");
        }
        if (recursAsCategories()) {
            return ColumnVerdict.clear(header, "its header mentions birth, but its values are categories, not dates");
        }
        return ColumnVerdict.personal(header, Identifier.DATE_OF_BIRTH, "its header asks for a date of birth");
    }

    private static String article(String noun) {
        char c = Character.toLowerCase(noun.charAt(0));
        boolean vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
        return (vowel || noun.startsWith("NHS") ? "an " : "a ") + noun;
    }
}
