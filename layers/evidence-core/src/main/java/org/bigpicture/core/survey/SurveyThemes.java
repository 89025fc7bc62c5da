package org.bigpicture.core.survey;

import org.bigpicture.core.util.JsonMappers;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * A survey dataset's {@code themes.json}: for each free-text question, how many respondents'
 * answers were coded to each theme, under the same disclosure control as {@code summary.json}.
 * Verbatim text is never in it.
 * <pre>
 * {"respondents": N, "themes": [{"name", "keywords": [...]}],
 *  "questions": [{"id", "text", "base", "themes": [{"label", "count", "pct", "ci95_low", "ci95_high", "suppressed"}]}],
 *  "disclosure": {...as in summary.json}}
 * </pre>
 * A response can carry several themes (so theme counts, like multi-select options, need not add
 * up to the base); {@code base} is the number of non-blank answers. Counts are perturbed by the cell
 * key method (the same answers give the same count here and in {@code summary.json}). {@code Not coded}
 * is a cell like the themes, and is also withheld whenever base − Not coded (the answers coded to any
 * theme) would be under the threshold, so it can never show that the withheld themes are 0 or few.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SurveyThemes(
        @JsonProperty("respondents") Long respondents,
        @JsonProperty("themes") List<Theme> themes,
        @JsonProperty("questions") List<QuestionThemes> questions,
        @JsonProperty("disclosure") SurveySummary.Disclosure disclosure) {

    /** The label of the answers coded to no theme. */
    public static final String NOT_CODED = "Not coded";

    private static final ObjectMapper MAPPER = JsonMappers.INDENTED;

    public SurveyThemes {
        themes = themes == null ? List.of() : List.copyOf(themes);
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** A themes table without the disclosure note (as files written before the cell key method). */
    public SurveyThemes(Long respondents, List<Theme> themes, List<QuestionThemes> questions) {
        this(respondents, themes, questions, null);
    }

    public static SurveyThemes read(InputStream in) throws IOException {
        return MAPPER.readValue(in, SurveyThemes.class);
    }

    public void write(OutputStream out) throws IOException {
        MAPPER.writeValue(out, this);
    }

    /** The question with this id, or whose text equals it ignoring case. */
    public Optional<QuestionThemes> question(String idOrText) {
        return questions.stream()
                .filter(q -> q.id().equals(idOrText) || q.text().equalsIgnoreCase(idOrText.trim()))
                .findFirst();
    }

    /**
     * A theme of the coding dictionary.
     *
     * @param name     e.g. "Connected communities"
     * @param keywords words and phrases that code an answer to it (matched as whole words, ignoring case)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Theme(@JsonProperty("name") String name, @JsonProperty("keywords") List<String> keywords) {
        public Theme {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
    }

    /**
     * Theme counts for one free-text question.
     *
     * @param base   non-blank answers
     * @param themes one entry per theme (label = theme name) in dictionary order, then "Not coded"
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QuestionThemes(
            @JsonProperty("id") String id,
            @JsonProperty("text") String text,
            @JsonProperty("base") Long base,
            @JsonProperty("themes") List<SurveySummary.OptionCount> themes) {
        public QuestionThemes {
            themes = themes == null ? List.of() : List.copyOf(themes);
        }
    }
}
