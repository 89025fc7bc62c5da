package org.bigpicture.core.read;

/**
 * What a spreadsheet number format code ({@link Records#numberFormat}) says, for formats that want
 * more than the cell's text: how many decimals the publisher chose to show, and whether the value
 * is a percentage. Parsed as the readers parse it ({@link CellFormat}).
 */
public final class NumberFormats {

    private NumberFormats() {
    }

    /** Decimal places the code shows ({@code 0.0} → 1, {@code #,##0} → 0); -1 for General and other formats without a fixed number. */
    public static int decimalsShown(String code) {
        CellFormat f = CellFormat.of(code);
        return f.kind == CellFormat.Kind.FIXED || f.kind == CellFormat.Kind.PERCENT ? f.decimals : -1;
    }

    /** True when the code shows the value as a percentage (its text then ends with "%"). */
    public static boolean isPercent(String code) {
        return CellFormat.of(code).showsPercent();
    }

    /** True when the code shows a date or a time. */
    public static boolean isDate(String code) {
        CellFormat.Kind k = CellFormat.of(code).kind;
        return k == CellFormat.Kind.DATE || k == CellFormat.Kind.DATE_TIME || k == CellFormat.Kind.TIME;
    }
}
