package org.bigpicture.core.publish;

import org.bigpicture.core.lake.Sha256;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bigpicture.core.sources.Licence;
import org.bigpicture.core.sources.ResolvedSource;

/**
 * Writes an edition's {@code datapackage.json}: a Frictionless Data Package v2.0 (with
 * {@code "profile": "tabular-data-package"} so that v1 tools read it too) whose resources are the
 * tabular files. Each table is three resources, one per format, named {@code <table>} (CSV, the
 * canonical copy), {@code <table>-parquet} and {@code <table>-json}, linked by the custom property
 * {@code dataset} (the lake dataset id). Every resource names its own {@code licenses} and
 * {@code sources} (publisher, attribution, the upload), as the lake's {@code sources.yaml} says;
 * the package lists every licence its resources carry.
 */
final class DataPackage {

    static final String PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
    /**
     * v1's resource profile, beside v2's {@code type: table}: v1 tools (Frictionless's own
     * {@code datapackage} library) otherwise take each resource for a plain data resource and
     * refuse a tabular package of them (33 errors on the real-data edition); v2 ignores the key.
     */
    static final String TABULAR_RESOURCE = "tabular-data-resource";
    static final String NAME = "big-stockport-picture";

    /**
     * What the manifest says about the edition itself.
     *
     * @param created     ISO 8601 date-time with offset, from the publisher's clock
     * @param editionUrl  the edition folder's URL, ending in {@code /}
     */
    record About(EditionId edition, String created, String editionUrl) {
    }

    private DataPackage() {
    }

    static ObjectNode build(Edition.Content content, About about) {
        ObjectNode p = Json.object();
        p.put("$schema", PROFILE);
        p.put("profile", "tabular-data-package");
        p.put("id", about.editionUrl() + "datapackage.json");
        p.put("name", NAME);
        p.put("title", "The Big Stockport Picture: evidence bundle, edition " + about.edition());
        p.put("description", "The evidence behind Stockport's borough plan: official statistics and survey"
                + " summaries, as CSV (canonical), Parquet and JSON, with the headline statistics the plan quotes."
                + " Each resource names its own licence and sources, with the attribution to reproduce."
                + " This edition never changes; newer editions are listed in the catalogue.");
        p.put("version", about.edition().toString());
        p.put("created", about.created());
        p.put("homepage", about.editionUrl() + "index.html");
        ArrayNode keywords = p.putArray("keywords");
        for (String k : new String[] {"Stockport", "borough plan", "official statistics", "JSNA", "deprivation",
                "population", "resident survey"}) {
            keywords.add(k);
        }
        // The package's licences are every licence one of its resources carries (each resource names its own).
        ArrayNode packageLicences = p.putArray("licenses");
        for (Licence l : licences(content)) {
            packageLicences.add(licence(l));
        }
        ObjectNode contributor = p.putArray("contributors").addObject();
        contributor.put("title", content.hub().publisher().name());
        contributor.put("path", content.hub().publisher().url());
        contributor.putArray("roles").add("publisher");

        // One entry per distinct source (publisher, title, attribution), sorted by title.
        Map<String, ObjectNode> sources = new TreeMap<>();
        for (Edition.Dataset d : content.datasets()) {
            ObjectNode s = source(d.source());
            sources.putIfAbsent(s.get("title").asText() + "\n" + Json.text(s, "publisher") + "\n"
                    + Json.text(s, "attribution"), s);
        }
        if (!sources.isEmpty()) { // v1 wants at least one source, or no key
            ArrayNode packageSources = p.putArray("sources");
            sources.values().forEach(packageSources::add);
        }

        ArrayNode resources = p.putArray("resources");
        for (Edition.Dataset d : content.datasets()) {
            for (Edition.Table t : d.tables()) {
                resources.add(resource(d, t, t.name(), t.csv(), "csv", "text/csv", t.csvSchema()));
                resources.add(resource(d, t, t.name() + "-parquet", t.parquet(), "parquet",
                        Edition.PARQUET, t.tableSchema()));
                if (t.json() != null) {
                    resources.add(resource(d, t, t.name() + "-json", t.json(), "json", Edition.JSON,
                            t.tableSchema()));
                }
            }
        }
        if (content.headlinesCsv() != null) {
            ObjectNode r = resources.addObject();
            r.put("name", "headlines");
            r.put("type", "table");
            r.put("profile", TABULAR_RESOURCE);
            r.put("path", content.headlinesCsv().path());
            r.put("title", "Headline statistics of the borough plan");
            r.put("description", "One row per headline and comparator area, as in headlines.json.");
            r.put("format", "csv");
            r.put("mediatype", "text/csv");
            r.put("encoding", "utf-8");
            r.put("bytes", content.headlinesCsv().bytes());
            r.put("hash", "sha256:" + content.headlinesCsv().sha256());
            r.set("dialect", csvDialect());
            r.set("schema", content.headlinesSchema());
            // The headlines are computed from the datasets they cite: their licences and sources.
            List<Edition.Dataset> cited = cited(content);
            ArrayNode licences = r.putArray("licenses");
            for (Licence l : licencesOf(cited, content.hub().licence())) {
                licences.add(licence(l));
            }
            ArrayNode headlineSources = r.putArray("sources");
            Set<String> seen = new HashSet<>();
            for (Edition.Dataset d : cited) {
                ObjectNode s = source(d.source());
                if (seen.add(s.toString())) {
                    headlineSources.add(s);
                }
            }
            if (headlineSources.isEmpty()) {
                r.remove("sources"); // headlines citing no dataset (none has data yet): v1 wants a source or no key
            }
        }
        return p;
    }

    private static ObjectNode resource(Edition.Dataset d, Edition.Table t, String name, Edition.File file,
                                       String format, String mediatype, ObjectNode schema) {
        ObjectNode r = Json.object();
        r.put("name", name);
        r.put("type", "table");
        r.put("profile", TABULAR_RESOURCE);
        r.put("path", file.path());
        r.put("title", t.title() + " (" + format.toUpperCase(java.util.Locale.ROOT) + ")");
        if (t.description() != null) {
            r.put("description", t.description());
        }
        r.put("format", format);
        r.put("mediatype", mediatype);
        if (!format.equals("parquet")) {
            r.put("encoding", "utf-8");
        }
        r.put("bytes", file.bytes());
        r.put("hash", "sha256:" + file.sha256());
        r.put("dataset", d.id());
        r.put("rows", t.rows());
        if (!format.equals("parquet")) {
            r.put("export_version", TableExport.VERSION);
        }
        if (format.equals("csv")) {
            r.set("dialect", csvDialect());
        }
        r.set("schema", schema);
        r.putArray("licenses").add(licence(d.licence()));
        ObjectNode source = source(d.source());
        LakeDataset lake = d.lake();
        if (lake.sourceKey() != null) {
            source.put("file", lake.sourceKey());
        }
        if (lake.sourceSha256() != null) {
            source.put("sha256", lake.sourceSha256());
        }
        r.putArray("sources").add(source);
        return r;
    }

    /**
     * A source as the manifest lists it: the entry's title (else the publisher's name), the
     * publisher's page as {@code path}, the publisher, and the attribution sentence.
     */
    private static ObjectNode source(ResolvedSource r) {
        ObjectNode s = Json.object();
        s.put("title", r.terms().title() != null ? r.terms().title() : r.publisher().name());
        s.put("path", r.publisher().url());
        s.put("publisher", r.publisher().name());
        s.put("attribution", r.attribution());
        if (r.terms().description() != null) {
            s.put("description", r.terms().description());
        }
        return s;
    }

    static ObjectNode licence(Licence l) {
        ObjectNode o = Json.object();
        o.put("name", l.id());
        o.put("path", l.url());
        o.put("title", l.title());
        return o;
    }

    /**
     * Every licence the edition's resources carry, sorted by id (the headlines' are among the
     * datasets'); the hub's when there is no dataset.
     */
    static List<Licence> licences(Edition.Content content) {
        return licencesOf(content.datasets(), content.hub().licence());
    }

    private static List<Licence> licencesOf(List<Edition.Dataset> datasets, Licence fallback) {
        List<Licence> out = new ArrayList<>();
        for (Edition.Dataset d : datasets) {
            if (!out.contains(d.licence())) {
                out.add(d.licence());
            }
        }
        if (out.isEmpty()) {
            out.add(fallback);
        }
        out.sort(Comparator.comparing(Licence::id));
        return out;
    }

    /** The edition's datasets that headlines.json cites (its headlines' {@code sources}), in edition order. */
    private static List<Edition.Dataset> cited(Edition.Content content) {
        Set<String> ids = new HashSet<>();
        JsonNode list = content.headlines() == null ? null : content.headlines().get("headlines");
        if (list != null && list.isArray()) {
            for (JsonNode h : list) {
                JsonNode sources = h.get("sources");
                if (sources != null && sources.isArray()) {
                    for (JsonNode s : sources) {
                        String id = Json.text(s, "dataset");
                        if (id != null) {
                            ids.add(id);
                        }
                    }
                }
            }
        }
        List<Edition.Dataset> out = new ArrayList<>();
        for (Edition.Dataset d : content.datasets()) {
            if (ids.contains(d.id())) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * A dataset's terms, reduced to what a change of {@code sources.yaml} changes: the licence ids
     * and each source's title, path, publisher, attribution and description, as one canonical text.
     * The same text from a dataset being published and from a resource of a published manifest
     * ({@link #terms(JsonNode)}), so that the content fingerprint of an adopted edition and a
     * changes list can be computed from what was published.
     */
    static String terms(Edition.Dataset d) {
        ObjectNode r = Json.object();
        r.putArray("licenses").add(licence(d.licence()));
        r.putArray("sources").add(source(d.source()));
        return terms(r);
    }

    /** {@link #terms(Edition.Dataset)} from a manifest's resource. */
    static String terms(JsonNode resource) {
        StringBuilder sb = new StringBuilder("licenses:");
        JsonNode licences = resource.get("licenses");
        if (licences != null && licences.isArray()) {
            for (JsonNode l : licences) {
                sb.append(' ').append(Json.text(l, "name"));
            }
        }
        JsonNode sources = resource.get("sources");
        if (sources != null && sources.isArray()) {
            for (JsonNode s : sources) {
                sb.append("\nsource:");
                for (String f : new String[] {"title", "path", "publisher", "attribution", "description"}) {
                    sb.append("\n ").append(f).append('=').append(Json.text(s, f));
                }
            }
        }
        return sb.toString();
    }

    private static ObjectNode csvDialect() {
        ObjectNode dialect = Json.object();
        dialect.put("header", true);
        dialect.put("delimiter", ",");
        dialect.put("lineTerminator", "\r\n");
        dialect.put("quoteChar", "\"");
        dialect.put("doubleQuote", true);
        return dialect;
    }
}
