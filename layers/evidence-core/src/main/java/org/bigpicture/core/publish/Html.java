package org.bigpicture.core.publish;

/** Escaping for text that reaches HTML or SVG: every uploaded or configured string goes through here. */
public final class Html {

    private Html() {
    }

    /** Escapes {@code & < > " '} so text can stand in element content and in quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            // Control characters other than tab/newline are not allowed in HTML text.
            if (rep == null && c < 0x20 && c != '\t' && c != '\n') {
                rep = " ";
            }
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16);
                    sb.append(text, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
