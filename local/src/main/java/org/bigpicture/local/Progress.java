package org.bigpicture.local;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work on the console: one line rewritten in place on a terminal, a line every
 * few seconds otherwise (so CI logs stay readable).
 */
final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private long last;
    private int width;

    Progress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
        this.intervalNanos = terminal ? 200_000_000L : 3_000_000_000L;
    }

    /** Shows the line if enough time has passed since the last one (or {@code force}). */
    synchronized void show(String line, boolean force) {
        long now = System.nanoTime();
        if (!force && now - last < intervalNanos) {
            return;
        }
        last = now;
        if (terminal) {
            String padded = line.length() < width ? line + " ".repeat(width - line.length()) : line;
            width = line.length();
            out.print("\r" + padded);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the line in place (a terminal keeps it; a log already has it). */
    synchronized void done(String line) {
        if (terminal) {
            show(line, true);
            out.println();
            width = 0;
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", n / (1024.0 * 1024 * 1024));
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f" : "%,.1f", perSecond);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * Text safe to print on a terminal: control characters (a key may hold any, including ESC,
     * which would drive the terminal) are shown as {@code \u0001}.
     */
    static String printable(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control && b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (b != null) {
                if (control) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }
}
