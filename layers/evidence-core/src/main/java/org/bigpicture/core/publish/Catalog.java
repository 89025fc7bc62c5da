package org.bigpicture.core.publish;

import org.bigpicture.core.lake.Sha256;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code bundles/catalog.json}: every edition ever published, withdrawn ones included (marked, with
 * the reason), oldest first. Shape: {@code {"editions": [{"id", "date", "url", "datapackage_sha256",
 * "withdrawn", …}]}}; {@code content_sha256} is the fingerprint publish compares to decide whether
 * the lake changed.
 */
public final class Catalog {

    /**
     * One edition.
     *
     * @param url               the edition's {@code datapackage.json}
     * @param report            the edition's {@code index.html}
     * @param contentSha256     fingerprint of data files and headlines (see {@link Edition.Content#fingerprint()})
     * @param withdrawnReason   why it was withdrawn, or null
     * @param withdrawnAt       when (ISO date-time), or null
     */
    public record Entry(EditionId id, String url, String report, String datapackageSha256, String contentSha256,
                        boolean withdrawn, String withdrawnReason, String withdrawnAt) {

        Entry withdraw(String reason, String at) {
            return new Entry(id, url, report, datapackageSha256, contentSha256, true, reason, at);
        }
    }

    private final List<Entry> editions;

    public Catalog(List<Entry> editions) {
        List<Entry> sorted = new ArrayList<>(editions);
        sorted.sort(Comparator.comparing(Entry::id));
        this.editions = List.copyOf(sorted);
    }

    public static Catalog empty() {
        return new Catalog(List.of());
    }

    public List<Entry> editions() {
        return editions;
    }

    public Optional<Entry> find(EditionId id) {
        return editions.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The newest edition not withdrawn: the one {@code latest} shows. */
    public Optional<Entry> newestPublic() {
        for (int i = editions.size() - 1; i >= 0; i--) {
            if (!editions.get(i).withdrawn()) {
                return Optional.of(editions.get(i));
            }
        }
        return Optional.empty();
    }

    /** The first name for the date that no edition has taken (withdrawn ones keep their names). */
    public EditionId nextFor(java.time.LocalDate date) {
        EditionId id = EditionId.first(date);
        for (Entry e : editions) {
            if (e.id().date().equals(date) && e.id().compareTo(id) >= 0) {
                id = e.id().next();
            }
        }
        return id;
    }

    public Catalog with(Entry entry) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : editions) {
            if (!e.id().equals(entry.id())) {
                out.add(e);
            }
        }
        out.add(entry);
        return new Catalog(out);
    }

    public static Catalog parse(byte[] json) throws IOException {
        JsonNode root = Json.parse(json);
        List<Entry> out = new ArrayList<>();
        JsonNode editions = root.get("editions");
        if (editions != null && editions.isArray()) {
            for (JsonNode e : editions) {
                String id = Json.text(e, "id");
                if (!EditionId.isValid(id)) {
                    continue;
                }
                JsonNode w = e.get("withdrawn");
                out.add(new Entry(EditionId.parse(id), Json.text(e, "url"), Json.text(e, "report"),
                        Json.text(e, "datapackage_sha256"), Json.text(e, "content_sha256"),
                        w != null && w.asBoolean(false), Json.text(e, "withdrawn_reason"),
                        Json.text(e, "withdrawn_at")));
            }
        }
        return new Catalog(out);
    }

    public byte[] toJson() {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("editions");
        for (Entry e : editions) {
            ObjectNode o = list.addObject();
            o.put("id", e.id().toString());
            o.put("date", e.id().date().toString());
            o.put("url", e.url());
            o.put("report", e.report());
            o.put("datapackage_sha256", e.datapackageSha256());
            o.put("content_sha256", e.contentSha256());
            o.put("withdrawn", e.withdrawn());
            if (e.withdrawn()) {
                o.put("withdrawn_reason", e.withdrawnReason());
                o.put("withdrawn_at", e.withdrawnAt());
            }
        }
        return Json.bytes(root);
    }
}
