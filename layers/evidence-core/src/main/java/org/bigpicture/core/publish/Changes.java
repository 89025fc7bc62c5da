package org.bigpicture.core.publish;

import org.bigpicture.core.lake.Sha256;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What changed since the previous public edition: datasets added, removed (retired) or changed
 * (by the sha256 of their published files), and headline values old → new. Written as
 * {@code changes.json} and {@code CHANGES.md}.
 */
final class Changes {

    /** A dataset named in the comparison. */
    record DatasetChange(String id, String title, String oldSha256, String newSha256) {
    }

    /**
     * A dataset whose licence or sources changed while its data did not (a corrected
     * {@code sources.yaml}), with the licence and publisher before and after, in words.
     */
    record TermsChange(String id, String title, String before, String after) {
    }

    /**
     * A headline whose value, unit, period or status differs (old or new null when added or
     * removed), or, with {@code valueChanged} false, whose statement, sources or details changed
     * while its value did not.
     */
    record HeadlineChange(String id, String title, JsonNode old, JsonNode now, boolean valueChanged) {
    }

    /**
     * @param previous the edition compared with, or null for the first edition
     */
    record Result(EditionId edition, EditionId previous, List<DatasetChange> added, List<DatasetChange> removed,
                  List<DatasetChange> changed, List<DatasetChange> unchanged, List<DatasetChange> sourceReplaced,
                  List<TermsChange> termsChanged, List<HeadlineChange> headlines) {

        /** Headlines whose value, unit, period or status moved. */
        List<HeadlineChange> valueChanges() {
            return headlines.stream().filter(HeadlineChange::valueChanged).toList();
        }

        /** Headlines whose statement, sources or details changed but not their value. */
        List<HeadlineChange> detailChanges() {
            return headlines.stream().filter(h -> !h.valueChanged()).toList();
        }
    }

    private Changes() {
    }

    /**
     * @param previousPackage the previous edition's datapackage.json, or null
     * @param previousHeadlines the previous edition's headlines.json, or null
     */
    static Result compute(EditionId edition, Edition.Content content, EditionId previous, JsonNode previousPackage,
                          JsonNode previousHeadlines) {
        Map<String, String> oldHashes = new TreeMap<>();
        Map<String, String> oldTitles = new TreeMap<>();
        Map<String, String> oldSources = new TreeMap<>();
        Map<String, JsonNode> oldTerms = firstCsvResources(previousPackage);
        if (previousPackage != null && previousPackage.get("resources") != null) {
            Map<String, List<String>> lines = new TreeMap<>();
            for (JsonNode r : previousPackage.get("resources")) {
                String dataset = Json.text(r, "dataset");
                String path = Json.text(r, "path");
                String hash = Json.text(r, "hash");
                if (dataset == null || path == null || hash == null) {
                    continue;
                }
                lines.computeIfAbsent(dataset, k -> new ArrayList<>())
                        .add(path + " " + hash.substring(hash.indexOf(':') + 1));
                String title = Json.text(r, "title");
                if (title != null && Json.text(r, "format") != null && Json.text(r, "format").equals("csv")) {
                    oldTitles.putIfAbsent(dataset, title.replaceAll(" \\(CSV\\)$", ""));
                }
                JsonNode sources = r.get("sources");
                String sourceSha = sources != null && sources.isArray() && !sources.isEmpty()
                        ? Json.text(sources.get(0), "sha256") : null;
                if (sourceSha != null) {
                    oldSources.putIfAbsent(dataset, sourceSha);
                }
            }
            lines.forEach((id, l) -> oldHashes.put(id, Edition.fingerprintOf(l)));
        }
        List<DatasetChange> added = new ArrayList<>();
        List<DatasetChange> changed = new ArrayList<>();
        List<DatasetChange> unchanged = new ArrayList<>();
        List<DatasetChange> sourceReplaced = new ArrayList<>();
        List<TermsChange> termsChanged = new ArrayList<>();
        Map<String, Boolean> seen = new TreeMap<>();
        for (Edition.Dataset d : content.datasets()) {
            String now = d.sha256();
            String old = oldHashes.get(d.id());
            seen.put(d.id(), true);
            DatasetChange c = new DatasetChange(d.id(), d.lake().title(), old, now);
            JsonNode before = oldTerms.get(d.id());
            if (old != null && before != null) {
                String was = termsInWords(before, previousPackage);
                String is = d.licence().id() + ", " + d.publisher().name() + ": " + d.attribution();
                if (!was.equals(is)) {
                    termsChanged.add(new TermsChange(d.id(), d.lake().title(), was, is));
                }
            }
            if (old == null) {
                added.add(c);
            } else if (!old.equals(now)) {
                changed.add(c);
            } else {
                unchanged.add(c);
                String oldSource = oldSources.get(d.id());
                String newSource = d.lake().sourceSha256();
                if (oldSource != null && newSource != null && !oldSource.equals(newSource)) {
                    sourceReplaced.add(new DatasetChange(d.id(), d.lake().title(), oldSource, newSource));
                }
            }
        }
        List<DatasetChange> removed = new ArrayList<>();
        oldHashes.forEach((id, hash) -> {
            if (!seen.containsKey(id)) {
                removed.add(new DatasetChange(id, oldTitles.getOrDefault(id, id), hash, null));
            }
        });
        return new Result(edition, previous, added, removed, changed, unchanged, sourceReplaced, termsChanged,
                headlineChanges(previousHeadlines, content.headlines()));
    }

    /** Each dataset's first CSV resource in a manifest (where its licence and sources are read), by dataset id. */
    private static Map<String, JsonNode> firstCsvResources(JsonNode manifest) {
        Map<String, JsonNode> out = new TreeMap<>();
        if (manifest != null && manifest.get("resources") != null && manifest.get("resources").isArray()) {
            for (JsonNode r : manifest.get("resources")) {
                String dataset = Json.text(r, "dataset");
                if (dataset != null && "csv".equals(Json.text(r, "format"))) {
                    out.putIfAbsent(dataset, r);
                }
            }
        }
        return out;
    }

    /**
     * The fingerprint lines of a published manifest's datasets' terms ({@link Edition#termsLine}),
     * by dataset id: what {@link Edition.Content#fingerprint()} adds for the same datasets.
     */
    static Map<String, String> termsLines(JsonNode manifest) {
        Map<String, String> out = new TreeMap<>();
        firstCsvResources(manifest).forEach((id, r) -> out.put(id, Edition.termsLine(id, DataPackage.terms(r))));
        return out;
    }

    /**
     * "OGL-UK-3.0, Office for National Statistics: Source: …" from a published resource. A resource
     * of an edition older than sources.yaml names no licence when it had the package's, and its
     * source's title was the publisher.
     */
    private static String termsInWords(JsonNode resource, JsonNode manifest) {
        JsonNode licences = resource.get("licenses");
        if (licences == null || !licences.isArray() || licences.isEmpty()) {
            licences = manifest.get("licenses");
        }
        StringBuilder ids = new StringBuilder();
        if (licences != null && licences.isArray()) {
            for (JsonNode l : licences) {
                ids.append(ids.length() > 0 ? " " : "").append(Json.text(l, "name"));
            }
        }
        JsonNode sources = resource.get("sources");
        JsonNode s = sources != null && sources.isArray() && !sources.isEmpty() ? sources.get(0) : null;
        String publisher = s == null ? null : Json.text(s, "publisher") != null ? Json.text(s, "publisher")
                : Json.text(s, "title");
        return ids + ", " + publisher + ": " + (s == null ? null : Json.text(s, "attribution"));
    }

    private static List<HeadlineChange> headlineChanges(JsonNode old, JsonNode now) {
        Map<String, JsonNode> before = byId(old);
        Map<String, JsonNode> after = byId(now);
        List<HeadlineChange> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : after.entrySet()) {
            JsonNode o = before.get(e.getKey());
            JsonNode n = e.getValue();
            if (o == null || !Objects.equals(essence(o), essence(n))) {
                out.add(new HeadlineChange(e.getKey(), title(n), o == null ? null : essence(o), essence(n), true));
            } else if (!o.equals(n)) {
                out.add(new HeadlineChange(e.getKey(), title(n), essence(o), essence(n), false));
            }
        }
        for (Map.Entry<String, JsonNode> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                out.add(new HeadlineChange(e.getKey(), title(e.getValue()), essence(e.getValue()), null, true));
            }
        }
        return out;
    }

    private static Map<String, JsonNode> byId(JsonNode headlines) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (headlines != null && headlines.get("headlines") != null && headlines.get("headlines").isArray()) {
            for (JsonNode h : headlines.get("headlines")) {
                String id = Json.text(h, "id");
                if (id != null) {
                    out.put(id, h);
                }
            }
        }
        return out;
    }

    static String title(JsonNode h) {
        String t = Json.text(h, "title");
        return t != null ? t : Json.text(h, "id");
    }

    /** What a reader compares: value, unit, period, status. */
    private static ObjectNode essence(JsonNode h) {
        ObjectNode o = Json.object();
        for (String f : new String[] {"value", "unit", "period", "status"}) {
            JsonNode v = h.get(f);
            o.set(f, v == null ? Json.MAPPER.nullNode() : v);
        }
        return o;
    }

    static byte[] toJson(Result r) {
        ObjectNode root = Json.object();
        root.put("edition", r.edition().toString());
        root.put("previous", r.previous() == null ? null : r.previous().toString());
        ObjectNode datasets = root.putObject("datasets");
        datasets.set("added", datasetList(r.added()));
        datasets.set("removed", datasetList(r.removed()));
        datasets.set("changed", datasetList(r.changed()));
        datasets.set("unchanged", datasetList(r.unchanged()));
        datasets.set("source_replaced", datasetList(r.sourceReplaced()));
        ArrayNode terms = datasets.putArray("terms_changed");
        for (TermsChange t : r.termsChanged()) {
            ObjectNode o = terms.addObject();
            o.put("id", t.id());
            o.put("title", t.title());
            o.put("before", t.before());
            o.put("after", t.after());
        }
        ArrayNode headlines = root.putArray("headlines");
        for (HeadlineChange h : r.headlines()) {
            ObjectNode o = headlines.addObject();
            o.put("id", h.id());
            o.put("title", h.title());
            o.put("change", h.valueChanged() ? "value" : "details");
            o.set("old", h.old() == null ? Json.MAPPER.nullNode() : h.old());
            o.set("new", h.now() == null ? Json.MAPPER.nullNode() : h.now());
        }
        return Json.bytes(root);
    }

    private static ArrayNode datasetList(List<DatasetChange> list) {
        ArrayNode a = Json.array();
        for (DatasetChange c : list) {
            ObjectNode o = a.addObject();
            o.put("id", c.id());
            o.put("title", c.title());
            if (c.oldSha256() != null) {
                o.put("old_sha256", c.oldSha256());
            }
            if (c.newSha256() != null) {
                o.put("new_sha256", c.newSha256());
            }
        }
        return a;
    }

    static byte[] toMarkdown(Result r) {
        StringBuilder md = new StringBuilder();
        md.append("# Changes in edition ").append(r.edition()).append("\n\n");
        if (r.previous() == null) {
            md.append("This is the first edition: every dataset below is new.\n\n");
        } else {
            md.append("Compared with edition ").append(r.previous())
                    .append(", the newest edition before it that was not withdrawn.\n\n");
        }
        md.append("## Datasets\n\n");
        section(md, "Added", r.added());
        section(md, "Removed (their upload was deleted, so the dataset is retired)", r.removed());
        section(md, "Changed", r.changed());
        md.append("Unchanged: ").append(r.unchanged().size()).append(r.unchanged().size() == 1 ? " dataset" : " datasets")
                .append(".\n\n");
        section(md, "Source file replaced, published data identical (the new upload gives the same tables)",
                r.sourceReplaced());
        if (!r.termsChanged().isEmpty()) {
            md.append("Licence or attribution changed (config/sources.yaml):\n\n");
            for (TermsChange t : r.termsChanged()) {
                md.append("- `").append(t.id()).append("`: ").append(markdown(t.before())).append(" → ")
                        .append(markdown(t.after())).append('\n');
            }
            md.append('\n');
        }
        md.append("## Headlines\n\n");
        List<HeadlineChange> values = r.valueChanges();
        if (values.isEmpty()) {
            md.append("No headline value changed.\n");
        } else {
            md.append("| Headline | Before | Now |\n|---|---|---|\n");
            for (HeadlineChange h : values) {
                md.append("| ").append(markdown(h.title())).append(" | ").append(markdown(describe(h.old())))
                        .append(" | ").append(markdown(describe(h.now()))).append(" |\n");
            }
        }
        List<HeadlineChange> details = r.detailChanges();
        if (!details.isEmpty()) {
            md.append("\nSame value, new wording, sources or details:\n\n");
            for (HeadlineChange h : details) {
                md.append("- ").append(markdown(h.title())).append('\n');
            }
        }
        return md.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void section(StringBuilder md, String heading, List<DatasetChange> list) {
        if (list.isEmpty()) {
            return;
        }
        md.append(heading).append(":\n\n");
        for (DatasetChange c : list) {
            md.append("- `").append(c.id()).append("`");
            if (c.title() != null && !c.title().equals(c.id())) {
                md.append(": ").append(markdown(c.title()));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** A headline's value in words: "8.9 % (2019), ok". */
    static String describe(JsonNode essence) {
        if (essence == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        JsonNode v = essence.get("value");
        sb.append(v == null || v.isNull() ? "no value" : v.isValueNode() ? v.asText() : v.toString());
        String unit = Json.text(essence, "unit");
        if (unit != null) {
            sb.append(' ').append(unit);
        }
        String period = Json.text(essence, "period");
        if (period != null) {
            sb.append(" (").append(period).append(')');
        }
        String status = Json.text(essence, "status");
        if (status != null && !status.equals("ok")) {
            sb.append(", ").append(status);
        }
        return sb.toString();
    }

    /** Text that Markdown shows as it is: no markup, no HTML, no table breaks. */
    static String markdown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : text.replaceAll("[\\r\\n\\t]+", " ").toCharArray()) {
            if ("\\`*_[]<>|~&".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
