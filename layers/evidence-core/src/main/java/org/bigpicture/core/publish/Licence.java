package org.bigpicture.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * A licence as Data Package writes it: an Open Definition id, a URL and a title.
 *
 * @param name  Open Definition identifier, e.g. {@code OGL-UK-3.0}
 * @param path  the licence's URL, or null
 * @param title its name in words, or null
 */
public record Licence(String name, String path, String title) {

    public static final Licence OGL = new Licence("OGL-UK-3.0",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "Open Government Licence v3.0");

    private static final Pattern NAME = Pattern.compile("[-a-zA-Z0-9._]+");
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /**
     * The licence a provenance record states (a string id or URL, or an object with name, path,
     * title), or OGL when it states none it could be read as.
     */
    public static Licence from(JsonNode node) {
        if (node == null || node.isNull()) {
            return OGL;
        }
        if (node.isTextual()) {
            String s = node.asText().trim();
            if (isOgl(s, null)) {
                return OGL;
            }
            if (NAME.matcher(s).matches()) {
                return new Licence(s, null, null);
            }
            if (URL.matcher(s).matches()) {
                return new Licence(null, s, null);
            }
            return OGL;
        }
        if (node.isObject()) {
            String name = Json.text(node, "name", "id");
            String path = Json.text(node, "path", "url");
            String title = Json.text(node, "title");
            if (isOgl(name, path)) {
                return OGL;
            }
            if (name != null && !NAME.matcher(name).matches()) {
                title = title == null ? name : title;
                name = null;
            }
            if (path != null && !URL.matcher(path).matches()) {
                path = null;
            }
            if (name == null && path == null) {
                return OGL;
            }
            return new Licence(name, path, title);
        }
        return OGL;
    }

    private static boolean isOgl(String name, String path) {
        return (name != null && name.equalsIgnoreCase("OGL-UK-3.0"))
                || (path != null && path.contains("open-government-licence/version/3"));
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (name != null) {
            o.put("name", name);
        }
        if (path != null) {
            o.put("path", path);
        }
        if (title != null) {
            o.put("title", title);
        }
        return o;
    }
}
