package org.bigpicture.core.convert;

/** What a cell held, beyond its text (spreadsheets know; a CSV cell is only text). */
public enum CellKind {
    /** No value. */
    EMPTY,
    /** Text (a CSV cell, a spreadsheet string). */
    TEXT,
    /** A number (its text as the publisher's format showed it). */
    NUMBER,
    /** A number formatted as a date or time (its text ISO 8601). */
    DATE,
    /** TRUE or FALSE. */
    BOOLEAN,
    /** A spreadsheet error value such as {@code #DIV/0!} or {@code #N/A} (its text the error). */
    ERROR
}
