package org.bigpicture.core.screen;

/**
 * The screen's verdict on one column.
 *
 * @param header   the column's header as written
 * @param personal true when the column holds personal details
 * @param kind     what it holds, where one kind was found (null for, say, custom data)
 * @param reason   why, in words a person reads ("its values are e-mail addresses (12 of 12)"); for a
 *                 column found clear, why a header that mentioned a detail did not count, or null
 */
public record ColumnVerdict(String header, boolean personal, Identifier kind, String reason) {

    static ColumnVerdict personal(String header, Identifier kind, String reason) {
        return new ColumnVerdict(header, true, kind, reason);
    }

    static ColumnVerdict clear(String header) {
        return new ColumnVerdict(header, false, null, null);
    }

    static ColumnVerdict clear(String header, String why) {
        return new ColumnVerdict(header, false, null, why);
    }
}
