package org.bigpicture.core.publish;

import org.bigpicture.core.lake.Sha256;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an edition's {@code datapackage.json}: a Frictionless Data Package v2.0 (with
 * {@code "profile": "tabular-data-package"} so that v1 tools read it too) whose resources are the
 * tabular files. Each table is three resources, one per format, named {@code <table>} (CSV, the
 * canonical copy), {@code <table>-parquet} and {@code <table>-json}, linked by the custom property
 * {@code dataset} (the lake dataset id).
 */
final class DataPackage {

    static final String PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
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
        p.put("description", "The evidence behind Stockport's borough plan: official statistics (ONS, Nomis,"
                + " OHID Fingertips, English Indices of Deprivation) and resident survey summaries, as CSV"
                + " (canonical), Parquet and JSON, with the headline statistics the plan quotes."
                + " This edition never changes; newer editions are listed in the catalogue.");
        p.put("version", about.edition().toString());
        p.put("created", about.created());
        p.put("homepage", about.editionUrl() + "index.html");
        ArrayNode keywords = p.putArray("keywords");
        for (String k : new String[] {"Stockport", "borough plan", "official statistics", "JSNA", "deprivation",
                "population", "resident survey"}) {
            keywords.add(k);
        }
        p.putArray("licenses").add(Licence.OGL.toJson());
        ObjectNode contributor = p.putArray("contributors").addObject();
        contributor.put("title", "Stockport Council");
        contributor.putArray("roles").add("publisher");

        Map<String, Publisher> publishers = new LinkedHashMap<>();
        content.datasets().forEach(d -> publishers.putIfAbsent(d.publisher().title(), d.publisher()));
        ArrayNode sources = p.putArray("sources");
        publishers.values().stream().sorted(java.util.Comparator.comparing(Publisher::title)).forEach(pub -> {
            ObjectNode s = sources.addObject();
            s.put("title", pub.title());
            s.put("path", pub.path());
            s.put("attribution", pub.attribution());
        });

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
        }
        return p;
    }

    private static ObjectNode resource(Edition.Dataset d, Edition.Table t, String name, Edition.File file,
                                       String format, String mediatype, ObjectNode schema) {
        ObjectNode r = Json.object();
        r.put("name", name);
        r.put("type", "table");
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
        ObjectNode source = r.putArray("sources").addObject();
        source.put("title", d.publisher().title());
        source.put("path", d.publisher().path());
        source.put("attribution", d.publisher().attribution());
        LakeDataset lake = d.lake();
        if (lake.sourceKey() != null) {
            source.put("file", lake.sourceKey());
        }
        if (lake.sourceSha256() != null) {
            source.put("sha256", lake.sourceSha256());
        }
        if (!d.licence().equals(Licence.OGL)) {
            r.putArray("licenses").add(d.licence().toJson());
        }
        return r;
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
