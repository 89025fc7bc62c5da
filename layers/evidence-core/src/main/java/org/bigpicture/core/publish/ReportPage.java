package org.bigpicture.core.publish;

import org.bigpicture.core.util.Decimals;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bigpicture.core.sources.Licence;

/**
 * The edition's {@code index.html}: the report a person reads. One self-contained file (styles
 * inline, charts as inline SVG, no scripts but the JSON-LD block, no external assets), so it works
 * offline and from any copy of the folder; links to the data are relative. Every text that comes
 * from an upload or a configuration is escaped ({@link Html}). Built to pass axe-core's WCAG 2.2
 * AA rules: landmarks, one h1 and ordered headings, tables with captions and header scopes,
 * charts as {@code role="img"} with title and desc, colour contrast at least 4.5:1.
 */
final class ReportPage {

    /**
     * What the page needs besides the content.
     *
     * @param editionUrl absolute URL of the edition folder, ending in {@code /}
     * @param bundlesUrl absolute URL of {@code bundles/}, ending in {@code /}
     */
    record About(EditionId edition, String created, String editionUrl, String bundlesUrl) {
    }

    private ReportPage() {
    }

    static byte[] render(Edition.Content content, Changes.Result changes, About about) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "The Big Stockport Picture: evidence bundle " + about.edition();
        h.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n")
                .append("<script type=\"application/ld+json\">\n").append(Json.forScript(jsonLd(content, about)))
                .append("\n</script>\n</head>\n<body>\n")
                .append("<a class=\"skip\" href=\"#main\">Skip to the report</a>\n")
                .append("<header>\n<p class=\"kicker\">").append(Html.escape(content.hub().publisher().name()))
                .append(" · open evidence</p>\n")
                .append("<h1>The Big Stockport Picture</h1>\n<p class=\"lede\">Evidence bundle, edition <strong>")
                .append(Html.escape(about.edition().toString())).append("</strong>, published ")
                .append(Html.escape(humanDate(about))).append(". The statistics behind the borough plan, with")
                .append(" their sources, as open data under ").append(licenceWords(content)).append(".</p>\n")
                .append("<nav aria-label=\"Sections\"><ul>")
                .append("<li><a href=\"#headlines\">Headlines</a></li>")
                .append("<li><a href=\"#datasets\">Datasets</a></li>")
                .append("<li><a href=\"#changes\">What changed</a></li>")
                .append("<li><a href=\"#methods\">Methods</a></li>")
                .append("<li><a href=\"#using\">Using this bundle</a></li></ul></nav>\n</header>\n")
                .append("<main id=\"main\">\n");
        headlines(h, content);
        datasets(h, content);
        changes(h, changes);
        methods(h);
        using(h, about);
        footer(h, content);
        h.append("</body>\n</html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Who published the bundle, and each source's attribution with its licence: what a partner
     * reproduces when reusing the data.
     */
    private static void footer(StringBuilder h, Edition.Content content) {
        h.append("</main>\n<footer>\n<p>Published by ").append(Html.escape(content.hub().publisher().name()))
                .append(". Each dataset is under its source's licence; attribution for the sources:</p>\n<ul>\n");
        Set<String> seen = new HashSet<>();
        for (Edition.Dataset d : content.datasets()) {
            if (seen.add(d.attribution() + "\n" + d.licence().id())) {
                h.append("<li>").append(Html.escape(d.attribution())).append(" (").append(licenceLink(d.licence()))
                        .append(")</li>\n");
            }
        }
        if (seen.isEmpty()) {
            h.append("<li>No datasets in this edition.</li>\n");
        }
        h.append("</ul>\n</footer>\n");
    }

    /** "the Open Government Licence v3.0", or "their sources' licences (A, B)" when they differ. */
    private static String licenceWords(Edition.Content content) {
        List<Licence> licences = DataPackage.licences(content);
        if (licences.size() == 1) {
            return "the " + Html.escape(licences.get(0).title());
        }
        StringBuilder sb = new StringBuilder("their sources' licences (");
        for (int i = 0; i < licences.size(); i++) {
            sb.append(i == 0 ? "" : i == licences.size() - 1 ? " and " : ", ").append(Html.escape(licences.get(i).title()));
        }
        return sb.append(')').toString();
    }

    private static String licenceLink(Licence l) {
        return "<a href=\"" + Html.escape(l.url()) + "\">" + Html.escape(l.title()) + "</a>";
    }

    private static void headlines(StringBuilder h, Edition.Content content) {
        h.append("<section aria-labelledby=\"headlines\">\n<h2 id=\"headlines\">Headlines</h2>\n");
        JsonNode list = content.headlines() == null ? null : content.headlines().get("headlines");
        if (list == null || !list.isArray() || list.isEmpty()) {
            h.append("<p>No headline statistics have been computed for this edition yet: the headline engine"
                    + " had not run on the lake when it was published.</p>\n</section>\n");
            return;
        }
        String subjectName = subjectName(content.headlines());
        int n = 0;
        for (JsonNode hl : list) {
            n++;
            String id = "h" + n;
            String title = Changes.title(hl);
            String status = Json.text(hl, "status");
            h.append("<article class=\"headline\" aria-labelledby=\"").append(id).append("\">\n<h3 id=\"")
                    .append(id).append("\">").append(Html.escape(title == null ? "Headline " + n : title))
                    .append("</h3>\n");
            String statement = Json.text(hl, "statement");
            if (statement != null) {
                h.append("<p class=\"statement\">").append(Html.escape(statement)).append("</p>\n");
            }
            if (status != null && !status.equals("ok")) {
                h.append("<p class=\"status\"><strong>").append(Html.escape(statusWords(status)))
                        .append("</strong>");
                String reason = Json.text(hl, "reason", "message", "error", "missing");
                if (reason != null) {
                    h.append(": ").append(Html.escape(reason));
                }
                String needs = Json.text(hl, "needs");
                if (needs != null) {
                    h.append(". To compute it, upload ").append(Html.escape(needs));
                }
                h.append("</p>\n");
            }
            List<BarChart.Bar> bars = bars(hl, subjectName);
            String unit = unit(Json.text(hl, "unit"));
            if (!bars.isEmpty()) {
                String chartTitle = (title == null ? "Headline " + n : title)
                        + (Json.text(hl, "period") != null ? ", " + Json.text(hl, "period") : "");
                StringBuilder desc = new StringBuilder("Bar chart. ");
                for (BarChart.Bar b : bars) {
                    desc.append(b.label()).append(": ").append(BarChart.value(b.value(), unit));
                    if (b.low() != null && b.high() != null) {
                        desc.append(" (95% interval ").append(BarChart.value(b.low(), unit)).append(" to ")
                                .append(BarChart.value(b.high(), unit)).append(')');
                    }
                    desc.append(". ");
                }
                h.append("<div class=\"figure\">\n<div class=\"chart-box\">")
                        .append(BarChart.svg("chart-" + n, chartTitle, desc.toString().trim(), bars, unit))
                        .append("</div>\n");
                boolean intervals = bars.stream().anyMatch(b -> b.low() != null);
                List<String[]> unavailable = unavailable(hl);
                boolean notes = !unavailable.isEmpty() || bars.stream().anyMatch(b -> b.note() != null);
                h.append("<table class=\"data\">\n<caption>Data for the chart: ").append(Html.escape(chartTitle))
                        .append("</caption>\n<thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Value</th>");
                if (intervals) {
                    h.append("<th scope=\"col\">95% interval</th>");
                }
                if (notes) {
                    h.append("<th scope=\"col\">Note</th>");
                }
                h.append("</tr></thead>\n<tbody>\n");
                for (BarChart.Bar b : bars) {
                    h.append("<tr><th scope=\"row\">").append(Html.escape(b.label())).append("</th><td class=\"num\">")
                            .append(Html.escape(BarChart.value(b.value(), unit))).append("</td>");
                    if (intervals) {
                        h.append("<td class=\"num\">").append(b.low() == null ? "" : Html.escape(
                                BarChart.value(b.low(), unit) + " to " + BarChart.value(b.high(), unit)))
                                .append("</td>");
                    }
                    if (notes) {
                        h.append("<td>").append(Html.escape(b.note())).append("</td>");
                    }
                    h.append("</tr>\n");
                }
                for (String[] row : unavailable) {
                    h.append("<tr><th scope=\"row\">").append(Html.escape(row[0]))
                            .append("</th><td class=\"num\">n/a</td>");
                    if (intervals) {
                        h.append("<td></td>");
                    }
                    h.append("<td>").append(Html.escape(row[1])).append("</td></tr>\n");
                }
                h.append("</tbody>\n</table>\n</div>\n");
            }
            sources(h, hl, content);
            h.append("</article>\n");
        }
        h.append("</section>\n");
    }

    private static void sources(StringBuilder h, JsonNode hl, Edition.Content content) {
        JsonNode sources = hl.get("sources");
        if (sources == null || !sources.isArray() || sources.isEmpty()) {
            return;
        }
        Set<String> published = new HashSet<>();
        content.datasets().forEach(d -> d.tables().forEach(t -> published.add(t.name())));
        h.append("<p class=\"sources\">Source: ");
        boolean first = true;
        for (JsonNode s : sources) {
            String dataset = s.isTextual() ? s.asText() : Json.text(s, "dataset", "id");
            if (dataset == null) {
                continue;
            }
            if (!first) {
                h.append("; ");
            }
            first = false;
            String table = published.contains(dataset) ? dataset
                    : published.contains(dataset + "-summary") ? dataset + "-summary" : null;
            if (table != null && LakeDataset.isSafeId(table)) {
                h.append("<a href=\"data/").append(table).append(".csv\">").append(Html.escape(dataset))
                        .append(" (CSV)</a>");
            } else {
                h.append(Html.escape(dataset));
            }
            String sha = Json.text(s, "sha256");
            if (sha != null) {
                h.append(" <span class=\"hash\">sha256 ").append(Html.escape(shortHash(sha))).append("</span>");
            }
        }
        h.append("</p>\n");
    }

    private static void datasets(StringBuilder h, Edition.Content content) {
        h.append("<section aria-labelledby=\"datasets\">\n<h2 id=\"datasets\">Datasets</h2>\n");
        if (content.datasets().isEmpty()) {
            h.append("<p>This edition holds no datasets yet.</p>\n");
            withheld(h, content);
            h.append("</section>\n");
            return;
        }
        h.append("<p>Each table comes as CSV (the canonical copy), Parquet (the same columns and values) and,"
                + " for tables up to 100,000 rows, JSON. Columns and types are in <a href=\"datapackage.json\">"
                + "datapackage.json</a>.</p>\n<div class=\"scroll\" role=\"region\" aria-label=\"Datasets table\""
                + " tabindex=\"0\">\n<table class=\"datasets\">\n<caption>Tables in this edition</caption>\n"
                + "<thead><tr><th scope=\"col\">Table</th><th scope=\"col\">Source</th>"
                + "<th scope=\"col\">Rows</th><th scope=\"col\">Files</th></tr></thead>\n<tbody>\n");
        for (Edition.Dataset d : content.datasets()) {
            for (Edition.Table t : d.tables()) {
                h.append("<tr><th scope=\"row\"><span class=\"name\">").append(Html.escape(t.name()))
                        .append("</span><br>").append(Html.escape(t.title())).append("</th><td>")
                        .append(Html.escape(d.publisher().name()));
                if (d.source().terms().title() != null) {
                    h.append(": ").append(Html.escape(d.source().terms().title()));
                }
                h.append("<br>Licence: ").append(licenceLink(d.licence()));
                h.append("</td><td class=\"num\">").append(Decimals.grouped(t.rows()))
                        .append("</td><td class=\"files\">");
                link(h, t.csv(), "CSV");
                link(h, t.parquet(), "Parquet");
                if (t.json() != null) {
                    link(h, t.json(), "JSON");
                }
                h.append("</td></tr>\n");
            }
        }
        h.append("</tbody>\n</table>\n</div>\n");
        withheld(h, content);
        h.append("</section>\n");
    }

    private static void withheld(StringBuilder h, Edition.Content content) {
        if (content.withheld().isEmpty()) {
            return;
        }
        h.append("<p>Withheld from this edition: ");
        for (int i = 0; i < content.withheld().size(); i++) {
            h.append(i > 0 ? ", " : "").append("<span class=\"name\">").append(Html.escape(content.withheld().get(i)))
                    .append("</span>");
        }
        h.append(". These uploads sit under surveys/ but were not recognised as survey exports, so they may hold"
                + " one row per respondent; only survey summaries are published.</p>\n");
    }

    private static void link(StringBuilder h, Edition.File f, String label) {
        h.append("<a class=\"file\" href=\"").append(Html.escape(f.path())).append("\">").append(label)
                .append(" <span class=\"size\">").append(Html.escape(size(f.bytes()))).append("</span></a> ");
    }

    private static void changes(StringBuilder h, Changes.Result c) {
        h.append("<section aria-labelledby=\"changes\">\n<h2 id=\"changes\">What changed</h2>\n");
        if (c.previous() == null) {
            h.append("<p>This is the first edition.</p>\n");
        } else {
            h.append("<p>Compared with edition ").append(Html.escape(c.previous().toString())).append(": ")
                    .append(c.added().size()).append(" added, ").append(c.changed().size()).append(" changed, ")
                    .append(c.removed().size()).append(" removed, ").append(c.unchanged().size())
                    .append(" unchanged; ").append(c.valueChanges().size())
                    .append(c.valueChanges().size() == 1 ? " headline value" : " headline values").append(" changed")
                    .append(c.detailChanges().isEmpty() ? "" : ", " + c.detailChanges().size()
                            + (c.detailChanges().size() == 1 ? " headline" : " headlines")
                            + " reworded or re-sourced with the same value")
                    .append(".</p>\n");
            List<String> items = new ArrayList<>();
            c.added().forEach(d -> items.add("Added: " + d.id()));
            c.changed().forEach(d -> items.add("Changed: " + d.id()));
            c.removed().forEach(d -> items.add("Removed: " + d.id()));
            c.sourceReplaced().forEach(d -> items.add("Source file replaced, data identical: " + d.id()));
            c.termsChanged().forEach(t -> items.add("Licence or attribution changed: " + t.id() + " (" + t.before()
                    + " → " + t.after() + ")"));
            if (!items.isEmpty()) {
                h.append("<ul>\n");
                items.forEach(i -> h.append("<li>").append(Html.escape(i)).append("</li>\n"));
                h.append("</ul>\n");
            }
        }
        h.append("<p>Details: <a href=\"CHANGES.md\">CHANGES.md</a> and <a href=\"changes.json\">changes.json</a>."
                + "</p>\n</section>\n");
    }

    private static void methods(StringBuilder h) {
        h.append("<section aria-labelledby=\"methods\">\n<h2 id=\"methods\">Methods</h2>\n")
                .append("<p>Officers upload the exports as they come from ONS, Nomis, OHID Fingertips, the English"
                        + " Indices of Deprivation and the council's survey tools. Each upload is recognised by its"
                        + " content, converted to one tidy table (statistical extracts share one observations"
                        + " schema: area code, area, indicator, period, breakdown, value, confidence limits) and"
                        + " checked: totals rows and duplicate observations are not counted twice, and every row"
                        + " left out is counted with its reason in the dataset's provenance. The headline"
                        + " statistics are recomputed from these tables each time the data changes; each states"
                        + " the periods it compares and the dataset it came from.</p>\n")
                .append("<p>Published CSV files follow RFC 4180: UTF-8, comma-separated, CRLF line ends, a header"
                        + " row, empty cells for missing values. A text cell that begins with = + - @ or a tab is"
                        + " prefixed with an apostrophe so that spreadsheets do not run it as a formula; numbers"
                        + " are never altered, and the Parquet copy keeps every value as it was.</p>\n")
                .append("<h3>Disclosure control</h3>\n")
                .append("<p>Survey results are published only as summaries; no respondent-level answer, name,"
                        + " contact detail or free-text answer is ever published. Free-text answers appear only as"
                        + " counts of coded themes.</p>\n")
                .append("<p>Every survey count is perturbed by the cell key method, as the ONS did for Census 2021"
                        + " and the Australian Bureau of Statistics does in TableBuilder. Each respondent carries a"
                        + " secret random key; each count is moved by a small amount (by default at most 2 either"
                        + " way) looked up from the keys of the respondents it counts, so the same respondents get"
                        + " the same number in every table, and no two tables can be subtracted to give an exact"
                        + " count. When a survey is published again with respondents added or removed, every count"
                        + " is drawn afresh, so comparing two editions does not show how the newcomers answered."
                        + "</p>\n")
                .append("<p>Counts under 10 (before or after perturbation) are suppressed, shown as [c], with"
                        + " secondary suppression so that a suppressed count cannot be worked out by subtraction"
                        + " from a total. Respondents who did not answer a grouping question (such as age) are a"
                        + " group of their own, “Not stated”, suppressed like any other; in theme tables, “Not"
                        + " coded” is withheld whenever it would show how few answers were coded. No percentage is"
                        + " given on a base under 30.</p>\n")
                .append("<p>Percentages are of those who answered the question; they and their 95% Wilson score"
                        + " intervals are computed from the published count and base, so they agree with the"
                        + " numbers on the page. Because of the perturbation, counts need not add up to their"
                        + " totals, nor percentages to 100. The thresholds are the council's"
                        + " (<code>config/disclosure.yaml</code>); each survey table's description states the"
                        + " ones it was made with.</p>\n</section>\n");
    }

    private static void using(StringBuilder h, About about) {
        h.append("<section aria-labelledby=\"using\">\n<h2 id=\"using\">Using this bundle</h2>\n<ul>\n")
                .append("<li><a href=\"datapackage.json\">datapackage.json</a>: the manifest (Frictionless Data"
                        + " Package 2.0) with every file's schema, size, sha256, licence and source.</li>\n")
                .append("<li><a href=\"SHA256SUMS\">SHA256SUMS</a>: checksums; run <code>sha256sum -c SHA256SUMS"
                        + "</code> in the downloaded folder.</li>\n")
                .append("<li><a href=\"headlines.json\">headlines.json</a> and <a href=\"headlines.csv\">"
                        + "headlines.csv</a>: the headline statistics.</li>\n")
                .append("<li>This edition never changes. Its address: <code>").append(Html.escape(about.editionUrl()))
                .append("datapackage.json</code>.</li>\n")
                .append("<li>The newest edition is always at <code>").append(Html.escape(about.bundlesUrl()))
                .append("latest/datapackage.json</code>; every edition, withdrawn ones included, is listed in <code>")
                .append(Html.escape(about.bundlesUrl())).append("catalog.json</code>.</li>\n</ul>\n</section>\n");
    }

    /** Bars: the subject, then comparators; or the answers of a top-k headline. */
    private static List<BarChart.Bar> bars(JsonNode hl, String subjectName) {
        List<BarChart.Bar> bars = new ArrayList<>();
        Double value = Json.number(hl, "value");
        if (value != null) {
            Double[] ci = interval(hl);
            bars.add(new BarChart.Bar(subjectName, value, true, ci[0], ci[1]));
            JsonNode comparators = hl.get("comparators");
            if (comparators != null && comparators.isArray()) {
                for (JsonNode c : comparators) {
                    Double v = Json.number(c, "value");
                    if (v == null) {
                        continue;
                    }
                    String name = Json.text(c, "area_name", "name", "area_code");
                    Double[] cci = interval(c);
                    bars.add(new BarChart.Bar(name == null ? "Comparator" : name, v, false, cci[0], cci[1],
                            note(c, Json.text(hl, "period"))));
                }
            }
            return bars;
        }
        for (String field : new String[] {"items", "top", "answers", "values"}) {
            JsonNode items = hl.get(field);
            if (items != null && items.isArray()) {
                boolean first = true;
                for (JsonNode i : items) {
                    Double v = Json.number(i, "value", "pct", "count");
                    String label = Json.text(i, "label", "answer", "option", "name", "theme");
                    if (v == null || label == null) {
                        continue;
                    }
                    Double[] ci = interval(i);
                    bars.add(new BarChart.Bar(label, v, first, ci[0], ci[1]));
                    first = false;
                }
                return bars;
            }
        }
        return bars;
    }

    /** Comparators the headline names without a value: {name, why}. */
    private static List<String[]> unavailable(JsonNode hl) {
        List<String[]> out = new ArrayList<>();
        JsonNode comparators = hl.get("comparators");
        if (Json.number(hl, "value") == null || comparators == null || !comparators.isArray()) {
            return out;
        }
        for (JsonNode c : comparators) {
            if (Json.number(c, "value") == null) {
                String name = Json.text(c, "area_name", "name", "area_code");
                String note = Json.text(c, "note");
                out.add(new String[] {name == null ? "Comparator" : name, note == null ? "no value" : note});
            }
        }
        return out;
    }

    /** A comparator's caveat: its own note, and its period where it differs from the headline's. */
    private static String note(JsonNode comparator, String headlinePeriod) {
        String period = Json.text(comparator, "period");
        String note = Json.text(comparator, "note");
        String periodNote = period != null && !period.equals(headlinePeriod) ? "period " + period : null;
        if (note == null) {
            return periodNote;
        }
        return periodNote == null || note.contains(period) ? note : periodNote + "; " + note;
    }

    private static Double[] interval(JsonNode n) {
        JsonNode ci = n.get("ci95");
        if (ci != null && ci.isArray() && ci.size() == 2 && ci.get(0).isNumber() && ci.get(1).isNumber()) {
            return new Double[] {ci.get(0).doubleValue(), ci.get(1).doubleValue()};
        }
        if (ci != null && ci.isObject()) {
            Double lo = Json.number(ci, "low", "lower", "ci95_low");
            Double hi = Json.number(ci, "high", "upper", "ci95_high");
            if (lo != null && hi != null) {
                return new Double[] {lo, hi};
            }
        }
        Double lo = Json.number(n, "ci95_low", "lower_ci95");
        Double hi = Json.number(n, "ci95_high", "upper_ci95");
        return lo != null && hi != null ? new Double[] {lo, hi} : new Double[] {null, null};
    }

    static String unit(String unit) {
        if (unit == null) {
            return null;
        }
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.equals("%") || u.equals("percent") || u.equals("per cent") || u.equals("percentage")
                || u.equals("pct")) {
            return "%";
        }
        if (u.equals("count") || u.equals("number") || u.isEmpty()) {
            return null; // a bare number reads best without a unit word
        }
        return unit.trim();
    }

    private static String subjectName(JsonNode headlines) {
        JsonNode s = headlines.get("subject");
        if (s == null) {
            return "Stockport";
        }
        if (s.isTextual()) {
            return s.asText();
        }
        String name = Json.text(s, "area_name", "name", "area_code");
        return name == null ? "Stockport" : name;
    }

    private static String statusWords(String status) {
        return switch (status) {
            case "missing_data" -> "Data missing";
            case "suppressed" -> "Suppressed by disclosure control";
            case "error" -> "Could not be computed";
            default -> status;
        };
    }

    private static ObjectNode jsonLd(Edition.Content content, About about) {
        ObjectNode d = Json.object();
        d.put("@context", "https://schema.org/");
        d.put("@type", "Dataset");
        d.put("name", "The Big Stockport Picture: evidence bundle " + about.edition());
        d.put("description", "Open evidence behind Stockport's borough plan: official statistics (ONS, Nomis,"
                + " OHID Fingertips, English Indices of Deprivation) and resident survey summaries, with the"
                + " headline statistics the plan quotes. Edition " + about.edition() + ".");
        d.put("url", about.editionUrl() + "index.html");
        d.put("identifier", about.editionUrl() + "datapackage.json");
        d.put("version", about.edition().toString());
        d.put("datePublished", about.edition().date().toString());
        d.put("dateCreated", about.created());
        List<Licence> licences = DataPackage.licences(content);
        if (licences.size() == 1) {
            d.put("license", licences.get(0).url());
        } else {
            ArrayNode license = d.putArray("license");
            licences.forEach(l -> license.add(l.url()));
        }
        d.put("isAccessibleForFree", true);
        ObjectNode publisher = d.putObject("publisher");
        publisher.put("@type", "Organization");
        publisher.put("name", content.hub().publisher().name());
        publisher.put("url", content.hub().publisher().url());
        d.set("creator", publisher.deepCopy());
        ObjectNode place = d.putObject("spatialCoverage");
        place.put("@type", "Place");
        place.put("name", "Stockport, Greater Manchester, England");
        ArrayNode keywords = d.putArray("keywords");
        for (String k : new String[] {"Stockport", "borough plan", "JSNA", "deprivation", "population", "survey"}) {
            keywords.add(k);
        }
        ArrayNode isBasedOn = d.putArray("isBasedOn");
        Set<String> seen = new HashSet<>();
        for (Edition.Dataset ds : content.datasets()) {
            if (seen.add(ds.publisher().url())) {
                isBasedOn.add(ds.publisher().url());
            }
        }
        ArrayNode dist = d.putArray("distribution");
        ObjectNode manifest = dist.addObject();
        manifest.put("@type", "DataDownload");
        manifest.put("name", "datapackage.json");
        manifest.put("encodingFormat", "application/json");
        manifest.put("contentUrl", about.editionUrl() + "datapackage.json");
        for (Edition.Dataset ds : content.datasets()) {
            for (Edition.Table t : ds.tables()) {
                for (Edition.File f : List.of(t.csv(), t.parquet())) {
                    ObjectNode o = dist.addObject();
                    o.put("@type", "DataDownload");
                    o.put("name", f.path().substring("data/".length()));
                    o.put("encodingFormat", f.contentType().replace("; charset=utf-8", ""));
                    o.put("contentUrl", about.editionUrl() + f.path());
                    o.put("contentSize", f.bytes() + " B");
                    o.put("sha256", f.sha256());
                }
            }
        }
        return d;
    }

    private static String humanDate(About about) {
        return about.edition().date().format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Decimals.fixed(bytes / 1024.0, 0) + " kB";
        }
        return Decimals.fixed(bytes / (1024.0 * 1024), 1) + " MB";
    }

    private static String shortHash(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }

    private static final String STYLE = String.join("",
            "*,*::before,*::after{box-sizing:border-box}",
            "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Arial,sans-serif;",
            "font-size:1rem;line-height:1.5;color:#1a1a1a;background:#fff}",
            "header,main,footer{max-width:72rem;margin:0 auto;padding:0 1.25rem}",
            "header{padding-top:1.5rem;border-bottom:4px solid #1d4f91}",
            ".kicker{margin:0;font-weight:600;color:#1d4f91;text-transform:uppercase;letter-spacing:.04em}",
            "h1{font-size:2.25rem;margin:.25rem 0 .5rem}",
            "h2{font-size:1.6rem;margin:2.5rem 0 .75rem;border-bottom:1px solid #b1b4b6;padding-bottom:.25rem}",
            "h3{font-size:1.2rem;margin:1.5rem 0 .5rem}",
            ".lede{font-size:1.15rem;max-width:48rem}",
            "a{color:#1d4f91;text-decoration:underline;text-underline-offset:2px}",
            "a:focus{outline:3px solid #ffbf47;outline-offset:0;background:#ffbf47;color:#0b0c0c}",
            ".skip{position:absolute;left:-999px;top:0;padding:.5rem 1rem;background:#ffbf47;color:#0b0c0c}",
            ".skip:focus{left:0}",
            "nav ul{list-style:none;padding:0;margin:1rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}",
            "nav a{display:inline-block;padding:.25rem 0;min-height:24px}",
            ".headline{border-left:4px solid #1d4f91;padding:.25rem 0 .75rem 1rem;margin:1.5rem 0}",
            ".statement{font-size:1.15rem;max-width:48rem}",
            ".status{color:#6a3b00;background:#fff4e5;padding:.5rem;border-radius:4px;max-width:48rem}",
            ".figure{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}",
            ".chart-box{flex:1 1 26rem;max-width:40rem}",
            "svg.chart{width:100%;height:auto}",
            "svg .label,svg .value{font-size:14px;fill:#1a1a1a}",
            "svg .strong{font-weight:700}",
            "table{border-collapse:collapse;margin:.5rem 0}",
            "caption{text-align:left;font-weight:600;padding-bottom:.25rem}",
            "th,td{border-bottom:1px solid #b1b4b6;padding:.35rem .75rem .35rem 0;text-align:left;vertical-align:top}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            ".sources{font-size:.95rem;color:#3b3b3b}",
            ".hash,.name{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.9rem}",
            ".scroll{overflow-x:auto}",
            ".scroll:focus{outline:3px solid #ffbf47}",
            ".files a{display:inline-block;min-height:24px;min-width:24px;padding:.15rem .25rem;margin:.1rem .25rem .1rem 0}",
            ".size{color:#3b3b3b;font-size:.9rem}",
            "code{font-family:ui-monospace,'DejaVu Sans Mono',monospace;background:#f3f2f1;padding:0 .2rem;",
            "word-break:break-all}",
            "footer{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid #b1b4b6;font-size:.95rem}");
}
