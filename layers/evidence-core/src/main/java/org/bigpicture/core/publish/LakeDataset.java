package org.bigpicture.core.publish;

import org.bigpicture.core.lake.Sha256;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * One dataset of the lake as publish sees it, read from its {@code provenance.json} (written last
 * by ingest, so a dataset without one is not finished and is left out). Reading is tolerant:
 * absent fields stay null.
 *
 * @param id         the dataset id (a slug, checked: it becomes a file name in the bundle)
 * @param kind       "observations", "table" or "survey"
 * @param provenance the whole provenance record
 */
public record LakeDataset(String id, String kind, JsonNode provenance) {

    /** Ids are LakeKeys slugs; anything else could name a path outside {@code data/}. */
    private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,199}");

    public static boolean isSafeId(String id) {
        return id != null && SAFE_ID.matcher(id).matches();
    }

    public String family() {
        return Json.text(provenance, "family");
    }

    public String layout() {
        return Json.text(provenance, "layout");
    }

    /** The screen's verdict recorded by ingest ({@code passed}, {@code released}, {@code not screened}), or null. */
    public String screenVerdict() {
        JsonNode screen = provenance.get("screen");
        return screen == null ? null : Json.text(screen, "verdict");
    }

    /**
     * What partners may get (issue 11: aggregate by construction): observations, a survey's summary
     * and themes, and tables whose provenance records that they passed the personal-data screen or
     * were released in {@code config/publish.yaml}. Anything else (a table ingest did not screen, or
     * of a kind publish does not know) is left out.
     */
    public boolean publishable() {
        if ("observations".equals(kind) || isSurvey()) {
            return true;
        }
        if ("table".equals(kind)) {
            String v = screenVerdict();
            return "passed".equals(v) || "released".equals(v);
        }
        return false;
    }

    /** Why {@link #publishable()} said no, for the log and the edition's record of what it withheld. */
    public String withheldBecause() {
        if ("table".equals(kind)) {
            String v = screenVerdict();
            return v == null ? "its provenance records no personal-data screen" : "its screen verdict is " + v;
        }
        return "its kind (" + kind + ") is not one publish knows";
    }

    public boolean isSurvey() {
        return "survey".equals(kind);
    }

    /** The raw object's key, or null. */
    public String sourceKey() {
        return Json.text(provenance.get("source"), "key");
    }

    public String sourceSha256() {
        return Json.text(provenance.get("source"), "sha256");
    }

    public Long sourceBytes() {
        Double d = Json.number(provenance.get("source"), "bytes");
        return d == null ? null : d.longValue();
    }

    /** A title a person reads: the provenance's own, else the raw file name, else the id. */
    public String title() {
        String t = Json.text(provenance, "title");
        if (t != null) {
            return t;
        }
        String key = sourceKey();
        if (key != null) {
            return key.substring(key.lastIndexOf('/') + 1);
        }
        return id;
    }

    /** True when ingest marked the dataset retired (its raw object was deleted). */
    public boolean retired() {
        JsonNode r = provenance.get("retired");
        if (r != null && !r.isNull() && (r.asBoolean(false) || r.isTextual() || r.isObject())) {
            return true;
        }
        String status = Json.text(provenance, "status");
        return "retired".equalsIgnoreCase(status) || "removed".equalsIgnoreCase(status)
                || "deleted".equalsIgnoreCase(status);
    }

    public Long rows(String which) {
        JsonNode rows = provenance.get("rows");
        Double d = rows != null && rows.isObject() ? Json.number(rows, which) : Json.number(provenance, "rows_" + which);
        return d == null ? null : d.longValue();
    }
}
