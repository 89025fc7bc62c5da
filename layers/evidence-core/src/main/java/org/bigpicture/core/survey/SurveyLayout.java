package org.bigpicture.core.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bigpicture.core.convert.TableInput;

/**
 * Which survey tool exported a table, and how its header is laid out, decided from the first
 * records (and, for a generic respondent-per-row table, the key under {@code surveys/}).
 *
 * @param tool        the exporting tool
 * @param headerRows  1, or 2 for SurveyMonkey's question row + option row
 * @param indexColumn true when column 0 is a row index added by a spreadsheet or pandas (dropped)
 * @param columns     per physical column: the question text (carried across a multi-column
 *                    question) and the second header row's label (empty with one header row)
 */
public record SurveyLayout(Tool tool, int headerRows, boolean indexColumn, List<HeaderCell> columns) {

    /** Survey tools whose exports are recognised by content. */
    public enum Tool {
        SURVEYMONKEY("SurveyMonkey"),
        MICROSOFT_FORMS("Microsoft Forms"),
        GOOGLE_FORMS("Google Forms"),
        SMARTSURVEY("SmartSurvey"),
        QUALTRICS("Qualtrics"),
        GENERIC("Respondent-per-row survey table");

        private final String label;

        Tool(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param question the question text this column belongs to
     * @param label    SurveyMonkey's second header row: {@code Response}, {@code Open-Ended Response},
     *                 an option, {@code Other (please specify)}; "" otherwise
     * @param first    true for the first column of its question
     */
    public record HeaderCell(String question, String label, boolean first) {
    }

    private static final Pattern UNNAMED = Pattern.compile("^Unnamed: \\d+$");
    static final String RESPONSE = "Response";
    static final String OPEN_ENDED = "Open-Ended Response";

    /** The layout, or null when the table is not a survey export this format takes. */
    public static SurveyLayout detect(TableInput table) {
        return detect(table.key(), table.head());
    }

    static SurveyLayout detect(String key, List<List<String>> head) {
        if (head.isEmpty() || head.get(0).isEmpty()) {
            return null;
        }
        List<String> h1 = clean(head.get(0));
        List<String> h2 = head.size() > 1 ? clean(head.get(1)) : List.of();
        boolean index = isIndexColumn(h1, head);
        int from = index ? 1 : 0;

        if (qualtrics(h1)) {
            return qualtricsLayout(h1, h2, head);
        }
        if (surveyMonkey(h1, h2, from)) {
            return twoRows(Tool.SURVEYMONKEY, h1, h2, index);
        }
        if (smartSurvey(h1)) {
            if (head.size() > 2 && smartSurveyTwoRows(h1, h2, clean(head.get(2)))) {
                return twoRows(Tool.SMARTSURVEY, h1, h2, index);
            }
            return oneRow(Tool.SMARTSURVEY, h1, index, head.size());
        }
        if (microsoftForms(h1, from)) {
            return oneRow(Tool.MICROSOFT_FORMS, h1, index, head.size());
        }
        if (googleForms(h1, from)) {
            return oneRow(Tool.GOOGLE_FORMS, h1, index, head.size());
        }
        if (underSurveys(key) && head.size() >= 2 && nonBlank(h1) >= 1) {
            // Any folder of the key named survey…: surveys/, survey/, data/surveys/, surveys-2024/.
            return oneRow(Tool.GENERIC, h1, index, head.size());
        }
        return null;
    }

    /** Layout in words, e.g. "SurveyMonkey CSV, two header rows, 48 columns". */
    public String describe(boolean xlsx) {
        StringBuilder sb = new StringBuilder(tool.label());
        if (tool != Tool.GENERIC) {
            sb.append(xlsx ? " XLSX" : " CSV");
        } else {
            sb.append(xlsx ? " (XLSX)" : " (CSV)");
        }
        sb.append(headerRows == 3 ? ", three header rows" : headerRows == 2 ? ", two header rows" : ", one header row");
        sb.append(", ").append(columns.size()).append(" columns");
        if (indexColumn) {
            sb.append(", leading index column dropped");
        }
        return sb.toString();
    }

    /**
     * True when a folder of the key starts with "survey" ({@code surveys/}, {@code survey/},
     * {@code data/surveys/}, {@code surveys-2024/}): a respondent-per-row table there is a survey.
     * The file name itself does not count ({@code tables/survey of libraries.csv} is a table).
     */
    static boolean underSurveys(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        int from = 0;
        int slash;
        while ((slash = k.indexOf('/', from)) >= 0) {
            if (k.startsWith("survey", from)) {
                return true;
            }
            from = slash + 1;
        }
        return false;
    }

    /**
     * A Qualtrics CSV export: its first row names Qualtrics' own columns ({@code StartDate},
     * {@code ResponseId}, {@code Status} or {@code Progress} or {@code Finished}); the second holds
     * the question texts and the third (exports since 2018) the import ids as JSON cells,
     * {@code {"ImportId":"QID1"}}.
     */
    private static boolean qualtrics(List<String> h1) {
        boolean start = false;
        boolean response = false;
        boolean status = false;
        for (String c : h1) {
            String n = c.toLowerCase(Locale.ROOT).replace(" ", "");
            start |= n.equals("startdate");
            response |= n.equals("responseid");
            status |= n.equals("status") || n.equals("progress") || n.equals("finished");
        }
        return start && response && status;
    }

    private static SurveyLayout qualtricsLayout(List<String> h1, List<String> h2, List<List<String>> head) {
        int rows = 2;
        if (head.size() > 2) {
            for (String c : head.get(2)) {
                if (c != null && c.strip().startsWith("{\"ImportId\"")) {
                    rows = 3;
                    break;
                }
            }
        }
        int width = Math.max(h1.size(), h2.size());
        List<HeaderCell> cells = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            // The question text (row 2) where there is one, else the column's id (row 1).
            String text = cell(h2, i);
            cells.add(new HeaderCell(text.isEmpty() ? cell(h1, i) : text, "", true));
        }
        return new SurveyLayout(Tool.QUALTRICS, rows, false, List.copyOf(cells));
    }

    private static boolean surveyMonkey(List<String> h1, List<String> h2, int from) {
        if (h2.isEmpty()) {
            return false;
        }
        int markers = 0;
        for (int i = from; i < h2.size(); i++) {
            String v = h2.get(i);
            if (v.equals(RESPONSE) || v.equals(OPEN_ENDED)) {
                markers++;
            }
        }
        // The question row must not itself be answers: its first question cell holds text.
        return markers >= 1 && from < h1.size() && !h1.get(from).isEmpty() && !h1.get(from).equals(RESPONSE);
    }

    private static boolean smartSurvey(List<String> h1) {
        boolean user = false;
        boolean started = false;
        boolean ended = false;
        for (String c : h1) {
            String n = c.toLowerCase(Locale.ROOT);
            user |= n.equals("userid") || n.equals("user id");
            started |= n.equals("started");
            ended |= n.equals("ended");
        }
        return user && started && ended;
    }

    /** A second header row: blank under the metadata columns that hold values in the first data row. */
    private static boolean smartSurveyTwoRows(List<String> h1, List<String> h2, List<String> firstData) {
        int started = h1.indexOf("Started");
        if (started < 0) {
            for (int i = 0; i < h1.size(); i++) {
                if (h1.get(i).equalsIgnoreCase("started")) {
                    started = i;
                }
            }
        }
        return started >= 0 && cell(h2, started).isEmpty() && !cell(firstData, started).isEmpty() && nonBlank(h2) > 0;
    }

    private static boolean microsoftForms(List<String> h1, int from) {
        return h1.size() >= from + 3 && h1.get(from).equalsIgnoreCase("ID")
                && h1.contains("Start time") && h1.contains("Completion time");
    }

    private static boolean googleForms(List<String> h1, int from) {
        if (h1.size() < from + 2 || !h1.get(from).equalsIgnoreCase("Timestamp")) {
            return false;
        }
        for (int i = from + 1; i < h1.size(); i++) {
            String c = h1.get(i);
            if (c.contains("?") || c.split("\\s+").length >= 4) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIndexColumn(List<String> h1, List<List<String>> head) {
        if (h1.isEmpty() || !(h1.get(0).isEmpty() || h1.get(0).equals("Unnamed: 0")) || head.size() < 2) {
            return false;
        }
        for (int r = 1; r < head.size(); r++) {
            String v = cell(head.get(r), 0).trim();
            if (!v.isEmpty() && !v.matches("\\d+")) {
                return false;
            }
        }
        return true;
    }

    private static SurveyLayout twoRows(Tool tool, List<String> h1, List<String> h2, boolean index) {
        int width = Math.max(h1.size(), h2.size());
        List<HeaderCell> cells = new ArrayList<>(width);
        String current = "";
        for (int i = 0; i < width; i++) {
            String q = cell(h1, i);
            String label = cell(h2, i);
            boolean continuation = (q.isEmpty() || UNNAMED.matcher(q).matches()) && i > 0 && !(index && i == 1);
            if (index && i == 0) {
                cells.add(new HeaderCell("", label, true));
                continue;
            }
            if (continuation && !current.isEmpty()) {
                cells.add(new HeaderCell(current, label, false));
            } else {
                current = UNNAMED.matcher(q).matches() ? "" : q;
                cells.add(new HeaderCell(current, label, true));
            }
        }
        return new SurveyLayout(tool, 2, index, List.copyOf(cells));
    }

    private static SurveyLayout oneRow(Tool tool, List<String> h1, boolean index, int headSize) {
        List<HeaderCell> cells = new ArrayList<>(h1.size());
        for (String q : h1) {
            cells.add(new HeaderCell(UNNAMED.matcher(q).matches() ? "" : q, "", true));
        }
        return new SurveyLayout(tool, 1, index, List.copyOf(cells));
    }

    private static List<String> clean(List<String> row) {
        List<String> out = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            String v = row.get(i) == null ? "" : row.get(i);
            if (i == 0 && !v.isEmpty() && v.charAt(0) == '\uFEFF') {
                v = v.substring(1);
            }
            out.add(v.replace('\u00a0', ' ').trim().replaceAll("\\s+", " "));
        }
        return out;
    }

    private static String cell(List<String> row, int i) {
        return i < row.size() && row.get(i) != null ? row.get(i) : "";
    }

    private static int nonBlank(List<String> row) {
        int n = 0;
        for (String v : row) {
            n += v.isBlank() ? 0 : 1;
        }
        return n;
    }
}
