package org.bigpicture.core.publish;

import java.util.regex.Pattern;
import org.bigpicture.core.lake.Provenance;
import org.bigpicture.core.lake.ScreenSummary;

/**
 * One dataset of the lake as publish sees it: its id and its {@code provenance.json} (written last
 * by ingest, so a dataset without one is not finished and is left out), read as the lake's typed
 * record.
 *
 * @param id         the dataset id (a slug, checked: it becomes a file name in the bundle)
 * @param provenance the dataset's provenance record
 */
public record LakeDataset(String id, Provenance provenance) {

    /** Ids are LakeKeys slugs; anything else could name a path outside {@code data/}. */
    private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,199}");

    public static boolean isSafeId(String id) {
        return id != null && SAFE_ID.matcher(id).matches();
    }

    /** {@code observations}, {@code table}, {@code survey}, or another kind a format declares. */
    public String kind() {
        return provenance.kind();
    }

    public String family() {
        return provenance.family();
    }

    public String layout() {
        return provenance.layout();
    }

    /** The screen's verdict recorded by ingest ({@code passed}, {@code released}, {@code not screened}), or null. */
    public String screenVerdict() {
        ScreenSummary screen = provenance.screen();
        return screen == null ? null : screen.verdict();
    }

    /**
     * What partners may get (issue 11: aggregate by construction): observations, a survey's summary
     * and themes, and tables whose provenance records that they passed the personal-data screen or
     * were released in {@code config/publish.yaml}. Anything else (a table ingest did not screen, or
     * of a kind publish does not know) is left out.
     */
    public boolean publishable() {
        if (provenance.isObservations() || isSurvey()) {
            return true;
        }
        if (Provenance.TABLE.equals(kind())) {
            return provenance.screen() != null && provenance.screen().publishable();
        }
        return false;
    }

    /** Why {@link #publishable()} said no, for the log and the edition's record of what it withheld. */
    public String withheldBecause() {
        if (Provenance.TABLE.equals(kind())) {
            String v = screenVerdict();
            return v == null ? "its provenance records no personal-data screen" : "its screen verdict is " + v;
        }
        return "its kind (" + kind() + ") is not one publish knows";
    }

    public boolean isSurvey() {
        return provenance.isSurvey();
    }

    /** The raw object's key, or null. */
    public String sourceKey() {
        return provenance.source() == null ? null : provenance.source().key();
    }

    public String sourceSha256() {
        return provenance.source() == null ? null : provenance.source().sha256();
    }

    public Long sourceBytes() {
        return provenance.source() == null ? null : provenance.source().bytes();
    }

    /** A title a person reads: the raw file's name, else the id. */
    public String title() {
        String key = sourceKey();
        if (key != null) {
            return key.substring(key.lastIndexOf('/') + 1);
        }
        return id;
    }

    /** Rows {@code read}, {@code written} or {@code rejected}, as ingest counted them; null when unknown. */
    public Long rows(String which) {
        Provenance.Rows rows = provenance.rows();
        if (rows == null) {
            return null;
        }
        return switch (which) {
            case "read" -> rows.read();
            case "written" -> rows.written();
            case "rejected" -> rows.rejected();
            default -> null;
        };
    }
}
