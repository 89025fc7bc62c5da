package org.bigpicture.core.lake;

import java.util.List;
import java.util.Map;

/**
 * What the personal-data screen made of one dataset (issue 11), as {@code provenance.json} and the
 * ingest report record it: publish takes a table only when its verdict is {@code passed} or
 * {@code released}.
 *
 * @param verdict            {@code passed}, {@code released} or {@code not screened}
 * @param columnsChecked     columns the screen profiled
 * @param personalColumns    columns found personal (none for a dataset written)
 * @param recordsAboutPeople why the rows look like records about people, or null
 * @param redactions         identifiers replaced by tokens in free text
 * @param redacted           those redactions by kind ({@code email}, {@code phone}, …)
 * @param release            the release in {@code config/publish.yaml} it was written under, or null
 */
public record ScreenSummary(String verdict, long columnsChecked, List<PersonalColumn> personalColumns,
                            String recordsAboutPeople, long redactions, Map<String, Long> redacted, Release release) {

    public static final String PASSED = "passed";
    public static final String RELEASED = "released";
    public static final String NOT_SCREENED = "not screened";

    /** True when publish may carry the dataset as a table. */
    public boolean publishable() {
        return PASSED.equals(verdict) || RELEASED.equals(verdict);
    }

    Object toJson() {
        return Tree.obj()
                .with("verdict", verdict)
                .with("columns_checked", columnsChecked)
                .with("personal_columns", Tree.json(personalColumns, PersonalColumn::toJson))
                .with("records_about_people", recordsAboutPeople)
                .with("redactions", redactions)
                .with("redacted", LedgerJson.sorted(redacted))
                .withOptional("release", release == null ? null : release.toJson());
    }

    static ScreenSummary fromJson(Object node) {
        if (node == null) {
            return null;
        }
        Object release = Tree.get(node, "release");
        return new ScreenSummary(Tree.text(node, "verdict"), Tree.count(node, "columns_checked"),
                Tree.list(node, "personal_columns", PersonalColumn::fromJson), Tree.text(node, "records_about_people"),
                Tree.count(node, "redactions"), Tree.counts(node, "redacted"),
                release == null ? null : Release.fromJson(release));
    }

    /** A column the screen found personal, and why (its header redacted: a header may itself be an identifier). */
    public record PersonalColumn(String column, String reason) {
        Object toJson() {
            return Tree.obj().with("column", column).with("reason", reason);
        }

        static PersonalColumn fromJson(Object node) {
            return new PersonalColumn(Tree.text(node, "column"), Tree.text(node, "reason"));
        }
    }

    /** A release of held bytes in {@code config/publish.yaml}: by sha256, with the officer's reason. */
    public record Release(String sha256, String reason, String by) {
        Object toJson() {
            return Tree.obj().with("sha256", sha256).with("reason", reason).with("by", by);
        }

        static Release fromJson(Object node) {
            return new Release(Tree.text(node, "sha256"), Tree.text(node, "reason"), Tree.text(node, "by"));
        }
    }
}
