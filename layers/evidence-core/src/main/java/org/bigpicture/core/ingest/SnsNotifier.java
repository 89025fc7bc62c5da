package org.bigpicture.core.ingest;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes each upload's result to the SNS topic officers subscribe to ({@code UploadResults} in
 * template.yaml). SNS subjects must be printable ASCII on one line, at most 100 characters, so the
 * subject is made to fit; a report larger than an SNS message is cut, saying where the whole one is.
 * A failure to publish propagates (the caller decides whether it retries); nothing is swallowed.
 */
public final class SnsNotifier implements Notifier {

    static final int MAX_SUBJECT_CHARS = 100;
    /** SNS takes 256 KiB per message including attributes; leave room for the note. */
    static final int MAX_MESSAGE_BYTES = 250 * 1024;

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void uploadResult(String subject, String reportJson) {
        sns.publish(b -> b.topicArn(topicArn).subject(subject(subject)).message(message(reportJson)));
    }

    /** Printable ASCII, one line, at most 100 characters, never empty. */
    static String subject(String subject) {
        StringBuilder out = new StringBuilder();
        String s = subject == null ? "" : subject;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c >= 0x21 && c <= 0x7e ? (char) c : '?');
            }
        }
        String t = out.toString().strip();
        if (t.isEmpty()) {
            return "Upload result";
        }
        return t.length() <= MAX_SUBJECT_CHARS ? t : t.substring(0, MAX_SUBJECT_CHARS - 3) + "...";
    }

    static String message(String reportJson) {
        String text = reportJson == null || reportJson.isEmpty() ? "{}" : reportJson;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_MESSAGE_BYTES) {
            return text;
        }
        // Cut on a character boundary: back off continuation bytes (10xxxxxx).
        int end = MAX_MESSAGE_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8)
                + "\n... (cut to fit an SNS message; the whole report is in the lake under reports/ingest/)";
    }
}
