package org.bigpicture.core.sources;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@link SourcesFile} as JSON, read back with jackson-core's streaming parser. The build
 * compiles the shipped {@code default-sources.yaml} into {@code default-sources.json} (see the
 * core's pom), so that ingest resolves a dataset's publisher without loading the YAML parser: its
 * classes cost a cold start about 25 ms, and jackson-core is loaded anyway.
 */
public final class SourcesJson {

    /** The compiled shipped file's name, beside the YAML in the same package. */
    static final String SHIPPED_COMPILED = "default-sources.json";

    private static final JsonFactory FACTORY = new JsonFactory();

    private SourcesJson() {
    }

    /** {@code SourcesJson OUTPUT_DIR}: compiles the shipped YAML into {@code OUTPUT_DIR/org/bigpicture/core/sources/}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]).resolve("org/bigpicture/core/sources").resolve(SHIPPED_COMPILED);
        Files.createDirectories(out.getParent());
        Files.write(out, write(SourcesFile.parse(Sources.SHIPPED_NAME, Sources.shippedText())));
    }

    /** Pretty-printed UTF-8 JSON of a parsed file (deterministic: the same file gives the same bytes). */
    public static byte[] write(SourcesFile f) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeStringField("sha256", f.sha256());
            if (f.fallback() != null) {
                g.writeFieldName("default");
                terms(g, f.fallback());
                g.writeNumberField("default_line", f.fallbackLine());
            }
            g.writeArrayFieldStart("entries");
            for (SourceEntry e : f.entries()) {
                g.writeStartObject();
                g.writeStringField("id", e.id());
                g.writeNumberField("line", e.line());
                globs(g, "keys", e.keys());
                globs(g, "families", e.families());
                g.writeFieldName("terms");
                terms(g, e.terms());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("extracts");
            for (Extract x : f.extracts()) {
                g.writeStartObject();
                g.writeStringField("id", x.id());
                g.writeStringField("url", x.url());
                g.writeStringField("key", x.key());
                g.writeStringField("content_type", x.contentType());
                g.writeStringField("description", x.description());
                g.writeStringField("entry", x.entry());
                g.writeNumberField("line", x.line());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    private static void terms(JsonGenerator g, SourceTerms t) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("publisher");
        g.writeStringField("name", t.publisher().name());
        g.writeStringField("url", t.publisher().url());
        g.writeEndObject();
        g.writeStringField("licence", t.licence().id());
        g.writeStringField("attribution", t.attribution());
        g.writeStringField("title", t.title());
        g.writeStringField("description", t.description());
        g.writeEndObject();
    }

    private static void globs(JsonGenerator g, String field, List<Glob> globs) throws IOException {
        g.writeArrayFieldStart(field);
        for (Glob x : globs) {
            g.writeString(x.text());
        }
        g.writeEndArray();
    }

    /** Reads what {@link #write} wrote; throws {@link IllegalStateException} on anything else. */
    public static SourcesFile read(byte[] json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String name = null;
            String sha256 = null;
            SourceTerms fallback = null;
            int fallbackLine = 0;
            List<SourceEntry> entries = new ArrayList<>();
            List<Extract> extracts = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "name" -> name = p.getText();
                    case "sha256" -> sha256 = p.getText();
                    case "default" -> fallback = terms(p, v);
                    case "default_line" -> fallbackLine = p.getIntValue();
                    case "entries" -> {
                        expect(v, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            entries.add(entry(p));
                        }
                    }
                    case "extracts" -> {
                        expect(v, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            extracts.add(extract(p));
                        }
                    }
                    default -> throw new IllegalStateException("unexpected field '" + field + "'");
                }
            }
            return new SourcesFile(name, sha256, fallback, fallbackLine, entries, extracts);
        } catch (IOException e) {
            throw new IllegalStateException("not a compiled sources file: " + e.getMessage(), e);
        }
    }

    private static SourceEntry entry(JsonParser p) throws IOException {
        String id = null;
        int line = 0;
        List<Glob> keys = new ArrayList<>();
        List<Glob> families = new ArrayList<>();
        SourceTerms terms = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "id" -> id = p.getText();
                case "line" -> line = p.getIntValue();
                case "keys" -> {
                    expect(v, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        keys.add(Glob.key(p.getText()));
                    }
                }
                case "families" -> {
                    expect(v, JsonToken.START_ARRAY);
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        families.add(Glob.family(p.getText()));
                    }
                }
                case "terms" -> terms = terms(p, v);
                default -> throw new IllegalStateException("unexpected entry field '" + field + "'");
            }
        }
        return new SourceEntry(id, keys, families, terms, line);
    }

    private static Extract extract(JsonParser p) throws IOException {
        String id = null;
        String url = null;
        String key = null;
        String contentType = null;
        String description = null;
        String entry = null;
        int line = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            String text = v == JsonToken.VALUE_NULL ? null : p.getText();
            switch (field) {
                case "id" -> id = text;
                case "url" -> url = text;
                case "key" -> key = text;
                case "content_type" -> contentType = text;
                case "description" -> description = text;
                case "entry" -> entry = text;
                case "line" -> line = p.getIntValue();
                default -> throw new IllegalStateException("unexpected extract field '" + field + "'");
            }
        }
        return new Extract(id, url, key, contentType, description, entry, line);
    }

    private static SourceTerms terms(JsonParser p, JsonToken start) throws IOException {
        expect(start, JsonToken.START_OBJECT);
        Publisher publisher = null;
        Licence licence = null;
        String attribution = null;
        String title = null;
        String description = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "publisher" -> {
                    expect(v, JsonToken.START_OBJECT);
                    String name = null;
                    String url = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        p.nextToken();
                        if (f.equals("name")) {
                            name = p.getText();
                        } else if (f.equals("url")) {
                            url = p.getText();
                        }
                    }
                    publisher = new Publisher(name, url);
                }
                case "licence" -> {
                    licence = Licence.byId(p.getText());
                    if (licence == null) {
                        throw new IllegalStateException("unknown licence '" + p.getText() + "'");
                    }
                }
                case "attribution" -> attribution = p.getText();
                case "title" -> title = v == JsonToken.VALUE_NULL ? null : p.getText();
                case "description" -> description = v == JsonToken.VALUE_NULL ? null : p.getText();
                default -> throw new IllegalStateException("unexpected terms field '" + field + "'");
            }
        }
        return new SourceTerms(publisher, licence, attribution, title, description);
    }

    private static void expect(JsonToken actual, JsonToken wanted) {
        if (actual != wanted) {
            throw new IllegalStateException("expected " + wanted + ", found " + actual);
        }
    }
}
