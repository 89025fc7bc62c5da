package org.bigpicture.core.sources;

import java.util.regex.Pattern;

/**
 * A pattern over raw keys or family names, as {@code sources.yaml} writes them. Over keys:
 * {@code *} is any run of characters within one folder, {@code ?} one character other than
 * {@code /}, and a whole segment {@code **} any number of folders (none included), so
 * {@code nomis/**} matches every key under {@code nomis/} and {@code **}{@code /*.csv} every CSV.
 * Over families: {@code *} and {@code ?} as usual. Matching ignores case (officers' folder names
 * vary in case; S3 keys do not, but no two sources differ only so).
 *
 * <p>Character classes and alternatives ({@code [ab]}, {@code {a,b}}) are refused rather than
 * half-supported: list two patterns instead.
 */
public final class Glob {

    private static final int MAX_LENGTH = 1024;

    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /**
     * A key pattern; throws {@link IllegalArgumentException} whose message is the reason a
     * person reads when the pattern is not one.
     */
    public static Glob key(String text) {
        String problem = keyProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String[] segments = text.split("/", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            if (segments[i].equals("**")) {
                re.append(last ? ".*" : "(?:[^/]*/)*");
                continue;
            }
            appendSegment(re, segments[i], "[^/]*", "[^/]");
            if (!last) {
                re.append('/');
            }
        }
        return new Glob(text, Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** A family pattern (letters, digits, {@code - _ .}, and {@code * ?}). */
    public static Glob family(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a family pattern cannot be empty");
        }
        if (text.length() > 100) {
            throw new IllegalArgumentException("a family pattern is at most 100 characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '*' || c == '?')) {
                throw new IllegalArgumentException("families are names like nomis-api or fingertips: '" + c
                        + "' cannot appear in a family pattern (only letters, digits, - _ . and the wildcards * ?)");
            }
        }
        StringBuilder re = new StringBuilder();
        appendSegment(re, text, ".*", ".");
        return new Glob(text, Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE));
    }

    private static String keyProblem(String text) {
        if (text == null || text.isEmpty()) {
            return "a key pattern cannot be empty";
        }
        if (text.length() > MAX_LENGTH) {
            return "a key pattern is at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "control characters cannot appear in a key pattern";
            }
            if (c == '\\') {
                return "raw keys use '/' between folders, and '\\' has no meaning in a pattern";
            }
            if (c == '[' || c == ']' || c == '{' || c == '}') {
                return "'" + c + "' is not supported in a key pattern (only * ? and **): list one pattern per"
                        + " alternative instead";
            }
        }
        if (text.startsWith("/")) {
            return "raw keys do not start with '/': write 'nomis/**', not '/nomis/**'";
        }
        if (text.endsWith("/")) {
            return "a pattern ending in '/' matches no file: write '" + text + "**' for everything under it";
        }
        String[] segments = text.split("/", -1);
        for (String s : segments) {
            if (s.isEmpty()) {
                return "empty folder name ('//') in the pattern";
            }
            if (s.equals(".") || s.equals("..")) {
                return "'" + s + "' folders are not allowed in a key pattern";
            }
            if (s.contains("**") && !s.equals("**")) {
                return "'**' must be a whole folder segment ('nomis/**', '**/x.csv'); within a name use one '*'";
            }
        }
        if (segments[0].equalsIgnoreCase("config")) {
            return "keys under config/ are configuration files, never data: a pattern cannot match them";
        }
        return null;
    }

    private static void appendSegment(StringBuilder re, String segment, String star, String one) {
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? star : one);
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
    }

    /** True when the whole of {@code s} matches (false for null). */
    public boolean matches(String s) {
        return s != null && pattern.matcher(s).matches();
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    /** True when the pattern has no wildcard: it matches one key (or family) only. */
    public boolean isLiteral() {
        return text.indexOf('*') < 0 && text.indexOf('?') < 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
