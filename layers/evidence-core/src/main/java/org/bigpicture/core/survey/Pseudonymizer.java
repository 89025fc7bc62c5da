package org.bigpicture.core.survey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous respondent keys: HMAC-SHA256 under a secret that lives outside the lake, truncated
 * to 80 bits. Without the secret a key cannot be linked back to the tool's respondent id (or row),
 * and the same respondent id gives the same key in every upload of that survey.
 *
 * <p>Also each respondent's record key for the cell key method ({@link CellKeyPerturbation}): the same
 * keyed hash, of the pseudonymous key under its own prefix, so it is fixed per respondent but cannot be
 * computed from anything in the lake or a bundle without the secret. It is never written anywhere.
 */
public final class Pseudonymizer {

    /** Hex characters kept (80 bits: collisions are negligible for any survey's size). */
    static final int KEY_HEX_CHARS = 20;

    private final Mac mac;

    public Pseudonymizer(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the pseudonym secret must be at least 16 bytes");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The key for a respondent the survey tool identified. */
    public String forToolId(String toolRespondentId) {
        return key("respondent-id:" + toolRespondentId.trim());
    }

    /** The key for a respondent known only by position (tools that export no respondent id). */
    public String forRow(String datasetId, long dataRow) {
        return key("row:" + datasetId + ":" + dataRow);
    }

    /** The record key (64 bits) of the respondent whose pseudonymous key is {@code pseudonym}. */
    public long recordKey(String pseudonym) {
        byte[] h = mac.doFinal(("record-key:" + pseudonym).getBytes(StandardCharsets.UTF_8));
        long k = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            k = (k << 8) | (h[i] & 0xFF);
        }
        return k;
    }

    private String key(String identity) {
        byte[] h = mac.doFinal(identity.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(h).substring(0, KEY_HEX_CHARS);
    }
}
