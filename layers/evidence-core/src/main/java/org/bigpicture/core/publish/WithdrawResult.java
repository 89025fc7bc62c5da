package org.bigpicture.core.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one withdrawal did.
 *
 * @param edition        the edition withdrawn
 * @param filesDeleted   objects removed from the published bucket (its folder; latest's copy is replaced)
 * @param versionsDeleted versions and delete markers removed for good: every version of the edition's
 *                       objects and the superseded versions of {@code latest/} (with a store that keeps
 *                       no versions, one per file deleted)
 * @param latest         the edition latest shows now, or null when no public edition remains
 */
public record WithdrawResult(String edition, String reason, int filesDeleted, int versionsDeleted, String latest) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", "withdrawn");
        m.put("edition", edition);
        m.put("reason", reason);
        m.put("files_deleted", filesDeleted);
        m.put("versions_deleted", versionsDeleted);
        m.put("latest", latest);
        return m;
    }
}
