package org.bigpicture.core.publish;

import org.bigpicture.core.util.Decimals;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as inline SVG: one bar per area (or answer), the value at the bar's end,
 * the 95% interval as a whisker where there is one. Accessible as one image: {@code role="img"}
 * with a {@code <title>} and a {@code <desc>} that states every value, and a data table next to it
 * in the page. No scripts, no external fonts: it renders offline.
 */
final class BarChart {

    /**
     * One bar.
     *
     * @param highlight true for the subject (Stockport), drawn in the strong colour
     * @param low       lower interval bound, or null
     * @param high      upper interval bound, or null
     * @param note      what a reader should know about this value (another period, a caveat), or null
     */
    record Bar(String label, double value, boolean highlight, Double low, Double high, String note) {

        Bar(String label, double value, boolean highlight, Double low, Double high) {
            this(label, value, highlight, low, high, null);
        }
    }

    static final int WIDTH = 640;
    private static final int LABEL_WIDTH = 200;
    private static final int VALUE_WIDTH = 90;
    private static final int BAR_HEIGHT = 26;
    private static final int GAP = 12;
    private static final int TOP = 8;
    /** Strong blue on white: 7.9:1. Grey for comparators: 4.7:1 (WCAG 1.4.11 asks 3:1 for graphics). */
    static final String SUBJECT_COLOUR = "#1d4f91";
    static final String COMPARATOR_COLOUR = "#6b6b6b";

    private BarChart() {
    }

    /**
     * @param id          unique in the page; used for the title and desc ids
     * @param title       what the chart shows
     * @param description every value in words
     * @param unit        appended to values ("%" directly, other units after a space), or null
     */
    static String svg(String id, String title, String description, List<Bar> bars, String unit) {
        double min = 0;
        double max = 0;
        for (Bar b : bars) {
            min = Math.min(min, Math.min(b.value(), b.low() == null ? b.value() : b.low()));
            max = Math.max(max, Math.max(b.value(), b.high() == null ? b.value() : b.high()));
        }
        if (max == min) {
            max = min + 1;
        }
        int plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        int height = TOP * 2 + bars.size() * (BAR_HEIGHT + GAP) - GAP;
        double scale = plot / (max - min);
        double zero = LABEL_WIDTH + (0 - min) * scale;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" aria-labelledby=\"").append(id).append("-title ")
                .append(id).append("-desc\" focusable=\"false\">");
        s.append("<title id=\"").append(id).append("-title\">").append(Html.escape(title)).append("</title>");
        s.append("<desc id=\"").append(id).append("-desc\">").append(Html.escape(description)).append("</desc>");
        int y = TOP;
        for (Bar b : bars) {
            double x0 = Math.min(zero, LABEL_WIDTH + (b.value() - min) * scale);
            double w = Math.abs(b.value()) * scale;
            String colour = b.highlight() ? SUBJECT_COLOUR : COMPARATOR_COLOUR;
            s.append("<text x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + BAR_HEIGHT / 2 + 5)
                    .append("\" text-anchor=\"end\" class=\"").append(b.highlight() ? "label strong" : "label")
                    .append("\">").append(Html.escape(shorten(b.label(), 28))).append("</text>");
            s.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(y).append("\" width=\"")
                    .append(fmt(Math.max(w, 1))).append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"")
                    .append(colour).append("\"/>");
            if (b.low() != null && b.high() != null) {
                double lx = LABEL_WIDTH + (b.low() - min) * scale;
                double hx = LABEL_WIDTH + (b.high() - min) * scale;
                int cy = y + BAR_HEIGHT / 2;
                s.append("<path d=\"M").append(fmt(lx)).append(' ').append(cy).append("H").append(fmt(hx))
                        .append("M").append(fmt(lx)).append(' ').append(cy - 7).append("V").append(cy + 7)
                        .append("M").append(fmt(hx)).append(' ').append(cy - 7).append("V").append(cy + 7)
                        .append("\" stroke=\"#000\" stroke-width=\"2\" fill=\"none\"/>");
            }
            double end = Math.max(zero, LABEL_WIDTH + (b.value() - min) * scale);
            if (b.high() != null) {
                end = Math.max(end, LABEL_WIDTH + (b.high() - min) * scale);
            }
            s.append("<text x=\"").append(fmt(end + 6)).append("\" y=\"").append(y + BAR_HEIGHT / 2 + 5)
                    .append("\" class=\"value\">").append(Html.escape(value(b.value(), unit))).append("</text>");
            y += BAR_HEIGHT + GAP;
        }
        s.append("<line x1=\"").append(fmt(zero)).append("\" x2=\"").append(fmt(zero)).append("\" y1=\"0\" y2=\"")
                .append(height).append("\" stroke=\"#000\" stroke-width=\"1\"/>");
        s.append("</svg>");
        return s.toString();
    }

    /** A value as a person reads it: grouped thousands, at most two decimals, the unit. */
    static String value(double v, String unit) {
        String n;
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            n = Decimals.grouped((long) v);
        } else {
            java.math.BigDecimal r = Decimals.rounded(v, 2);
            String whole = Decimals.grouped(r.longValue());
            String two = r.toPlainString();
            String fraction = two.substring(two.indexOf('.')).replaceAll("0$", "");
            n = (r.signum() < 0 && r.longValue() == 0 ? "-" : "") + whole + fraction;
        }
        if (unit == null || unit.isBlank()) {
            return n;
        }
        return unit.equals("%") ? n + "%" : n + " " + unit;
    }

    private static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String fmt(double d) {
        return Decimals.fixed(d, 1);
    }
}
