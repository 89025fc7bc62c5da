package org.bigpicture.core.read;

/**
 * One sheet of a workbook, as its workbook lists it.
 *
 * @param index      position among the workbook's sheets, from 0 (what {@link Workbook#open} takes)
 * @param name       the sheet's name (tab label)
 * @param visibility "VISIBLE", "HIDDEN" or "VERY_HIDDEN" (hidden so that only a macro can show it)
 * @param kind       "worksheet", or "chartsheet", "dialogsheet", "macrosheet" for sheets that hold no cells to read
 */
public record Sheet(int index, String name, String visibility, String kind) {

    /** True for a sheet of cells (the others are listed so that a report can name them). */
    public boolean isWorksheet() {
        return "worksheet".equals(kind);
    }

    public boolean isHidden() {
        return !"VISIBLE".equals(visibility);
    }
}
