package org.bigpicture.core.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an attacker can recover from a published summary by subtraction: a relation (a total equal
 * to a sum of published cells) with exactly one withheld cell gives that cell away. Returns one
 * line per recoverable cell; a disclosure-controlled summary gives none. Works on the published
 * numbers alone (it does not know the truth; {@link DifferencingAttackTest} does): a withheld base
 * is an unknown like a withheld cell, a count published under a withheld base is a leak, and in a
 * themes table base − Not coded (the coded answers) under the threshold is one too.
 */
final class SubtractionAttack {

    private SubtractionAttack() {
    }

    static List<String> recoverable(SurveySummary s) {
        List<String> found = new ArrayList<>();
        for (SurveySummary.Question q : s.questions()) {
            if (!q.closed()) {
                continue;
            }
            // the question's options against its base (exact for single choice)
            column(q.text(), q.base(), q.options(), found);
            underWithheldBase(q.text(), q.base(), q.options(), found);
            for (Map.Entry<String, Map<String, SurveySummary.GroupBreakdown>> by : q.byGroup().entrySet()) {
                Map<String, SurveySummary.GroupBreakdown> groups = by.getValue();
                // each group's options against the group's base
                for (Map.Entry<String, SurveySummary.GroupBreakdown> g : groups.entrySet()) {
                    if (g.getValue().base() != null) {
                        column(q.text() + " | " + g.getKey(), g.getValue().base(), g.getValue().options(), found);
                    }
                    underWithheldBase(q.text() + " | " + g.getKey(), g.getValue().base(), g.getValue().options(), found);
                }
                // one option across the groups against its overall count
                for (int o = 0; o < q.options().size(); o++) {
                    int unknown = q.options().get(o).suppressed() ? 1 : 0;
                    for (SurveySummary.GroupBreakdown g : groups.values()) {
                        unknown += g.options().get(o).suppressed() ? 1 : 0;
                    }
                    if (unknown == 1) {
                        found.add(q.text() + " by " + by.getKey() + ": option " + q.options().get(o).label());
                    }
                }
                // the group bases against the question's base (itself an unknown when withheld)
                long withheld = groups.values().stream().filter(g -> g.base() == null).count()
                        + (q.base() == null ? 1 : 0);
                if (withheld == 1) {
                    found.add(q.text() + " by " + by.getKey() + ": a group's base");
                }
            }
        }
        return found;
    }

    static List<String> recoverable(SurveyThemes t) {
        return recoverable(t, DisclosureRules.defaults().minCellCount());
    }

    static List<String> recoverable(SurveyThemes t, int minCellCount) {
        List<String> found = new ArrayList<>();
        for (SurveyThemes.QuestionThemes q : t.questions()) {
            column(q.text(), q.base(), q.themes(), found);
            underWithheldBase(q.text(), q.base(), q.themes(), found);
            // base − Not coded is the number of answers coded to some theme: a bound on every theme
            q.themes().stream().filter(c -> c.label().equals(SurveyThemes.NOT_CODED) && c.count() != null).findFirst()
                    .ifPresent(nc -> {
                        if (q.base() != null && q.base() - nc.count() < minCellCount) {
                            found.add(q.text() + ": base - Not coded = " + (q.base() - nc.count()) + " coded answers");
                        }
                    });
        }
        return found;
    }

    private static void underWithheldBase(String what, Long base, List<SurveySummary.OptionCount> cells, List<String> found) {
        if (base == null && cells.stream().anyMatch(c -> !c.suppressed())) {
            found.add(what + ": a count is published under a withheld base");
        }
    }

    private static void column(String what, Long base, List<SurveySummary.OptionCount> cells, List<String> found) {
        if (base == null) {
            return;
        }
        long withheld = cells.stream().filter(SurveySummary.OptionCount::suppressed).count();
        if (withheld == 1) {
            String label = cells.stream().filter(SurveySummary.OptionCount::suppressed).findFirst().orElseThrow().label();
            found.add(what + ": " + label + " = base - others");
        }
        for (SurveySummary.OptionCount c : cells) {
            if (c.suppressed() && (c.count() != null || c.pct() != null)) {
                found.add(what + ": " + c.label() + " is marked suppressed but still carries a value");
            }
        }
    }
}
