package org.bigpicture.core.survey;

import org.bigpicture.core.util.YamlException;
import org.bigpicture.core.util.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bigpicture.core.convert.BadInputException;

/**
 * Codes free-text answers to themes by keyword ({@code config/themes.yaml}; default: the borough
 * plan's six themes, shipped as {@code default-themes.yaml}):
 * <pre>
 * themes:
 *   - name: Connected communities
 *     keywords: [community, neighbour*, volunteer*]
 * </pre>
 * Keywords match whole words ignoring case; a trailing {@code *} matches any ending. Matching is
 * deliberately simple and transparent (no negation handling): officers can read and tune it.
 */
public final class ThemeDictionary {

    public static final String CONFIG_NAME = "themes.yaml";
    private static final int MAX_THEMES = 100;

    private final List<SurveyThemes.Theme> themes;
    private final List<Pattern> patterns;

    private ThemeDictionary(List<SurveyThemes.Theme> themes) {
        this.themes = List.copyOf(themes);
        List<Pattern> ps = new ArrayList<>();
        for (SurveyThemes.Theme t : themes) {
            ps.add(compile(t.keywords()));
        }
        this.patterns = List.copyOf(ps);
    }

    /** The shipped default (the borough plan's themes). */
    public static ThemeDictionary defaults() {
        try (InputStream in = ThemeDictionary.class.getResourceAsStream("default-themes.yaml")) {
            if (in == null) {
                throw new IllegalStateException("default-themes.yaml missing from the classpath");
            }
            return parse("default-themes.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates a {@code themes.yaml}; errors name the line. */
    public static ThemeDictionary parse(String key, String text) {
        YamlNode root = yaml(key, text);
        if (!root.isMap() || root.get("themes") == null) {
            throw new BadInputException(key, root.line(), "expected a 'themes:' list of entries with 'name' and 'keywords'");
        }
        for (String name : root.keys()) {
            if (!name.equals("themes")) {
                throw new BadInputException(key, root.keyLine(name), "unknown setting '" + name + "'; only 'themes' is allowed");
            }
        }
        YamlNode list = root.get("themes");
        if (!list.isList() || list.items().isEmpty()) {
            throw new BadInputException(key, list.line(), "'themes' must be a non-empty list");
        }
        if (list.items().size() > MAX_THEMES) {
            throw new BadInputException(key, list.line(), "at most " + MAX_THEMES + " themes are allowed");
        }
        List<SurveyThemes.Theme> themes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode item : list.items()) {
            if (!item.isMap()) {
                throw new BadInputException(key, item.line(), "each theme needs 'name' and 'keywords'");
            }
            String name = null;
            List<String> keywords = new ArrayList<>();
            for (String field : item.keys()) {
                YamlNode v = item.get(field);
                switch (field) {
                    case "name" -> {
                        if (!v.isScalar() || v.text().isBlank()) {
                            throw new BadInputException(key, v.line(), "a theme's 'name' must be non-empty text");
                        }
                        name = v.text().trim();
                    }
                    case "keywords" -> {
                        if (!v.isList() || v.items().isEmpty()) {
                            throw new BadInputException(key, v.line(), "'keywords' must be a non-empty list of words or phrases");
                        }
                        for (YamlNode k : v.items()) {
                            if (!k.isScalar() || k.text().isBlank()) {
                                throw new BadInputException(key, k.line(), "a keyword must be a non-empty word or phrase");
                            }
                            String word = k.text().trim();
                            if (word.replace("*", "").isBlank() || word.indexOf('*') != word.length() - 1 && word.contains("*")) {
                                throw new BadInputException(key, k.line(), "'" + word + "': '*' is only allowed at the end of a keyword");
                            }
                            keywords.add(word);
                        }
                    }
                    default -> throw new BadInputException(key, v.line(), "unknown field '" + field + "'; a theme has 'name' and 'keywords'");
                }
            }
            if (name == null) {
                throw new BadInputException(key, item.line(), "a theme has no 'name'");
            }
            if (keywords.isEmpty()) {
                throw new BadInputException(key, item.line(), "theme '" + name + "' has no 'keywords'");
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new BadInputException(key, item.line(), "theme '" + name + "' appears twice");
            }
            themes.add(new SurveyThemes.Theme(name, keywords));
        }
        return new ThemeDictionary(themes);
    }

    public List<SurveyThemes.Theme> themes() {
        return themes;
    }

    /** Indexes (into {@link #themes()}) of the themes the text is coded to, in dictionary order. */
    public List<Integer> code(String text) {
        List<Integer> hits = new ArrayList<>(2);
        if (text == null || text.isBlank()) {
            return hits;
        }
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(text).find()) {
                hits.add(i);
            }
        }
        return hits;
    }

    private static Pattern compile(List<String> keywords) {
        StringBuilder sb = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
        for (int i = 0; i < keywords.size(); i++) {
            String k = keywords.get(i).toLowerCase(Locale.ROOT).trim();
            boolean stem = k.endsWith("*");
            if (stem) {
                k = k.substring(0, k.length() - 1);
            }
            if (i > 0) {
                sb.append('|');
            }
            String[] words = k.split("[\\s]+");
            for (int w = 0; w < words.length; w++) {
                if (w > 0) {
                    sb.append("[\\s\\-]+");
                }
                sb.append(Pattern.quote(words[w]));
            }
            sb.append(stem ? "[\\p{L}\\p{N}]*" : "");
        }
        sb.append(")(?![\\p{L}\\p{N}])");
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The file as a YAML tree; a syntax error becomes bad input naming the line. */
    private static YamlNode yaml(String key, String text) {
        try {
            return YamlNode.parse(text);
        } catch (YamlException e) {
            throw new BadInputException(key, e.line(), e.reason());
        }
    }
}
