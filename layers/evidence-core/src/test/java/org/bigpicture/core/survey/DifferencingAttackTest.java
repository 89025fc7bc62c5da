package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three differencing attacks of issue 11, run as an attacker would, on what is published
 * ({@code summary.json} and {@code themes.json}, which publish flattens unchanged into the bundle's
 * tables), by tests that know the truth and compare. Each attack must derive neither a true count
 * from 1 to 9 nor one respondent's answers.
 *
 * <ol>
 *   <li>Respondents who skipped the grouping question form an unpublished group: overall minus the sum of
 *       the published groups gives their counts.</li>
 *   <li>Republishing a survey with one more respondent: the difference between the two editions' tables
 *       gives that person's answers.</li>
 *   <li>A themes table whose {@code Not coded} equals the base shows every withheld theme count is 0 (and
 *       base − Not coded is the number of coded answers, however small).</li>
 * </ol>
 * The surveys are generated here (a respondent-per-row export under {@code surveys/}, converted by the
 * production {@link SurveyFormat} exactly as ingest converts it).
 */
class DifferencingAttackTest {

    static final String ID = "Respondent ID";
    static final String AGE = "What is your age?";
    static final String ROLE = "I am responding as";
    static final String SAFE = "Do you feel safe in your neighbourhood?";
    static final String COMMENTS = "Any other comments?";
    static final List<String> AGES = List.of("16-34", "35-54", "55+");
    static final List<String> ROLES = List.of("A Stockport resident", "Someone who works in Stockport");
    static final List<String> TOPICS = List.of("parks", "bins", "buses", "libraries", "roads");
    static final List<String> SATISFACTION = List.of("Satisfied", "Neither satisfied nor dissatisfied", "Dissatisfied");

    @TempDir
    Path tmp;
    private int run;

    // ---- attack 1: the respondents who skipped the group question ---------------------------------

    /**
     * 120 respondents; 5 of them skipped the age question, 2 of whom feel safe and 3 not. Every age
     * group is large, so every group is published: overall minus the groups gives 2 and 3 (and 5).
     */
    static List<List<String>> skippedAgeSurvey(int skippedYes, int skippedNo) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(ID, AGE, SAFE));
        int[][] byAge = {{25, 15}, {20, 18}, {22, 15}};
        int n = 0;
        for (int a = 0; a < AGES.size(); a++) {
            for (int yes = 0; yes < byAge[a][0] + byAge[a][1]; yes++) {
                rows.add(List.of(String.valueOf(114_000_000 + n++), AGES.get(a), yes < byAge[a][0] ? "Yes" : "No"));
            }
        }
        for (int i = 0; i < skippedYes + skippedNo; i++) {
            rows.add(List.of(String.valueOf(114_000_000 + n++), "", i < skippedYes ? "Yes" : "No"));
        }
        return rows;
    }

    /** What subtraction gives for the respondents in no published group: per option, and for the base. */
    static Map<String, Long> unpublishedGroup(SurveySummary.Question q, String groupQuestion) {
        Map<String, Long> derived = new LinkedHashMap<>();
        Map<String, SurveySummary.GroupBreakdown> groups = q.byGroup().get(groupQuestion);
        if (q.base() != null) {
            long rest = q.base();
            for (SurveySummary.GroupBreakdown g : groups.values()) {
                rest -= g.base() == null ? 0 : g.base();
            }
            derived.put("base", rest);
        }
        for (int o = 0; o < q.options().size(); o++) {
            SurveySummary.OptionCount overall = q.options().get(o);
            if (overall.count() == null) {
                continue;
            }
            long rest = overall.count();
            for (SurveySummary.GroupBreakdown g : groups.values()) {
                Long c = g.options().get(o).count();
                rest -= c == null ? 0 : c;
            }
            derived.put(overall.label(), rest);
        }
        return derived;
    }

    @Test
    void respondentsWhoSkippedTheGroupQuestionCannotBeCountedBySubtraction() throws Exception {
        SurveySummary s = summary(convert("surveys/safety-survey.csv", skippedAgeSurvey(2, 3), TestWorkspace.SECRET));
        SurveySummary.Question safe = s.question(SAFE).orElseThrow();
        Map<String, Long> truth = Map.of("base", 5L, "Yes", 2L, "No", 3L);

        Map<String, Long> derived = unpublishedGroup(safe, AGE);

        assertThat(derived).containsKeys("base", "Yes", "No");
        for (Map.Entry<String, Long> d : derived.entrySet()) {
            assertThat(d.getValue()).as("overall minus the published age groups, %s", d.getKey())
                    .isNotEqualTo(truth.get(d.getKey()));
        }
        // they are a group of the breakdown, withheld as small, with a partner so they cannot be had by subtraction
        assertThat(safe.byGroup().get(AGE)).containsKey(SurveySummary.NOT_STATED);
        assertThat(safe.byGroup().get(AGE).get(SurveySummary.NOT_STATED).base()).isNull();
        assertThat(SubtractionAttack.recoverable(s)).isEmpty();
    }

    @Test
    void oneRespondentWhoSkippedTheGroupQuestionIsNotSingledOut() throws Exception {
        SurveySummary s = summary(convert("surveys/safety-survey.csv", skippedAgeSurvey(1, 0), TestWorkspace.SECRET));
        SurveySummary.Question safe = s.question(SAFE).orElseThrow();

        Map<String, Long> derived = unpublishedGroup(safe, AGE);

        // Their answer would be the option where the remainder is 1, the others 0.
        assertThat(derived).isNotEqualTo(Map.of("base", 1L, "Yes", 1L, "No", 0L));
        assertThat(derived.get("Yes")).isNotEqualTo(Long.valueOf(1));
        assertThat(derived.get("base")).isNotEqualTo(Long.valueOf(1));
    }

    @Test
    void theSkippedGroupAttackFailsWhateverTheSecret() throws Exception {
        // The record keys come from the deployment's secret: over 200 deployments, the subtraction never
        // lands on a true count of the skippers.
        int hits = 0;
        int tries = 0;
        for (int k = 0; k < 200; k++) {
            byte[] secret = ("deployment-secret-" + k + "-padding-padding").getBytes(StandardCharsets.UTF_8);
            SurveySummary s = summary(convert("surveys/safety-survey.csv", skippedAgeSurvey(2, 3), secret));
            Map<String, Long> derived = unpublishedGroup(s.question(SAFE).orElseThrow(), AGE);
            Map<String, Long> truth = Map.of("base", 5L, "Yes", 2L, "No", 3L);
            for (Map.Entry<String, Long> d : derived.entrySet()) {
                tries++;
                hits += d.getValue().equals(truth.get(d.getKey())) ? 1 : 0;
            }
        }
        assertThat(tries).isPositive();
        assertThat(hits).as("subtractions that gave a skipper count, of %d", tries).isZero();
    }

    @Test
    void aGroupQuestionOfferingNotStatedKeepsItApartFromTheSkippers() throws Exception {
        // 40 chose the option "Not stated"; 12 skipped the question: two groups, two labels
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(ID, "What is your age group?", SAFE));
        for (int i = 0; i < 112; i++) {
            String age = i < 30 ? "16-34" : i < 60 ? "35-64" : i < 100 ? "Not stated" : "";
            rows.add(List.of(String.valueOf(116_000_000 + i), age, i % 2 == 0 ? "Yes" : "No"));
        }
        SurveySummary s = summary(convert("surveys/age-groups.csv", rows, TestWorkspace.SECRET));
        Map<String, SurveySummary.GroupBreakdown> groups = s.question(SAFE).orElseThrow().byGroup().get("What is your age group?");
        assertThat(groups).containsOnlyKeys("16-34", "35-64", "Not stated", "Not stated (no answer)");
        Published.near(groups.get("Not stated").base(), 40);
        Published.near(groups.get("Not stated (no answer)").base(), 12);
        assertThat(SubtractionAttack.recoverable(s)).isEmpty();
    }

    // ---- attack 2: an edition and its .2 with one more respondent ---------------------------------

    /** A respondent of the generated survey (blank = skipped). */
    record Person(String id, String age, String role, List<String> opinions, String comment) {
        List<String> row() {
            List<String> r = new ArrayList<>(List.of(id, age, role));
            r.addAll(opinions);
            r.add(comment);
            return r;
        }

        /** The closed questions' answers, by question text. */
        Map<String, String> answers() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(AGE, age);
            m.put(ROLE, role);
            for (int i = 0; i < TOPICS.size(); i++) {
                m.put(satisfaction(i), opinions.get(i));
            }
            return m;
        }
    }

    static String satisfaction(int topic) {
        return "How satisfied are you with the " + TOPICS.get(topic) + "?";
    }

    static Person person(Random random, int n) {
        List<String> opinions = new ArrayList<>();
        for (int t = 0; t < TOPICS.size(); t++) {
            opinions.add(SATISFACTION.get(random.nextInt(SATISFACTION.size())));
        }
        String age = random.nextInt(30) == 0 ? "" : AGES.get(random.nextInt(AGES.size()));
        String comment = switch (random.nextInt(4)) {
            case 0 -> "More trees in the park please (" + n + ")";
            case 1 -> "The bus to work is late every day (" + n + ")";
            case 2 -> "";
            default -> "Nothing more to add, reply " + n;
        };
        return new Person(String.valueOf(118_000_000 + n), age, ROLES.get(random.nextInt(ROLES.size())), opinions, comment);
    }

    static List<List<String>> export(List<Person> people) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of(ID, AGE, ROLE));
        for (int t = 0; t < TOPICS.size(); t++) {
            header.add(satisfaction(t));
        }
        header.add(COMMENTS);
        rows.add(header);
        for (Person p : people) {
            rows.add(p.row());
        }
        return rows;
    }

    /**
     * The attacker's reconstruction of the one respondent added between two editions: for each group
     * question, the group whose count rose most; for each other closed question, the option whose
     * published counts rose most, overall and within the groups the attacker placed the person in.
     * Cells withheld in either edition tell nothing and are skipped. A tie is no answer.
     */
    static Map<String, String> reconstruct(SurveySummary before, SurveySummary after) {
        Map<String, String> guess = new LinkedHashMap<>();
        Map<String, String> groupOf = new HashMap<>();
        for (String g : List.of(AGE, ROLE)) {
            SurveySummary.Question b = before.question(g).orElseThrow();
            SurveySummary.Question a = after.question(g).orElseThrow();
            Map<String, Long> score = new LinkedHashMap<>();
            for (SurveySummary.OptionCount o : a.options()) {
                score.put(o.label(), diff(b.option(o.label()).orElse(null), o));
            }
            String best = best(score);
            guess.put(g, best);
            groupOf.put(g, best);
        }
        for (int t = 0; t < TOPICS.size(); t++) {
            SurveySummary.Question b = before.question(satisfaction(t)).orElseThrow();
            SurveySummary.Question a = after.question(satisfaction(t)).orElseThrow();
            Map<String, Long> score = new LinkedHashMap<>();
            for (SurveySummary.OptionCount o : a.options()) {
                long s = diff(b.option(o.label()).orElse(null), o);
                for (Map.Entry<String, String> g : groupOf.entrySet()) {
                    if (g.getValue() == null) {
                        continue;
                    }
                    SurveySummary.GroupBreakdown gb = b.byGroup().get(g.getKey()).get(g.getValue());
                    SurveySummary.GroupBreakdown ga = a.byGroup().get(g.getKey()).get(g.getValue());
                    if (gb != null && ga != null) {
                        s += diff(find(gb.options(), o.label()), find(ga.options(), o.label()));
                    }
                }
                score.put(o.label(), s);
            }
            guess.put(satisfaction(t), best(score));
        }
        return guess;
    }

    private static SurveySummary.OptionCount find(List<SurveySummary.OptionCount> cells, String label) {
        return cells.stream().filter(c -> c.label().equals(label)).findFirst().orElse(null);
    }

    private static long diff(SurveySummary.OptionCount before, SurveySummary.OptionCount after) {
        if (before == null || after == null || before.count() == null || after.count() == null) {
            return 0;
        }
        return after.count() - before.count();
    }

    private static String best(Map<String, Long> score) {
        String best = null;
        long top = Long.MIN_VALUE;
        boolean tie = false;
        for (Map.Entry<String, Long> e : score.entrySet()) {
            if (e.getValue() > top) {
                top = e.getValue();
                best = e.getKey();
                tie = false;
            } else if (e.getValue() == top) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /** Every published cell (question, group, label) with its count, for the "what changed" attacker. */
    static Map<String, Long> cells(SurveySummary s) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (SurveySummary.Question q : s.questions()) {
            if (!q.closed()) {
                continue;
            }
            for (SurveySummary.OptionCount o : q.options()) {
                out.put(q.text() + " | all | " + o.label(), o.count());
            }
            for (var by : q.byGroup().entrySet()) {
                for (var g : by.getValue().entrySet()) {
                    for (SurveySummary.OptionCount o : g.getValue().options()) {
                        out.put(q.text() + " | " + by.getKey() + "=" + g.getKey() + " | " + o.label(), o.count());
                    }
                }
            }
        }
        return out;
    }

    static List<Person> crowd(long seed, int n) {
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            people.add(person(random, i));
        }
        return people;
    }

    @Test
    void oneMoreRespondentInTheNextEditionIsNotSingledOut() throws Exception {
        List<Person> crowd = crowd(2021, 150);
        Person newcomer = person(new Random(7), 150);
        List<Person> withNewcomer = new ArrayList<>(crowd);
        withNewcomer.add(newcomer);

        SurveySummary edition = summary(convert("surveys/residents.csv", export(crowd), TestWorkspace.SECRET));
        SurveySummary edition2 = summary(convert("surveys/residents.csv", export(withNewcomer), TestWorkspace.SECRET));
        assertThat(SubtractionAttack.recoverable(edition)).isEmpty();
        assertThat(SubtractionAttack.recoverable(edition2)).isEmpty();

        // the attacker's best guess of the newcomer's answers is not their answers
        assertThat(reconstruct(edition, edition2)).isNotEqualTo(newcomer.answers());
        // and the cells that changed are not the cells the newcomer is in
        Map<String, Long> before = cells(edition);
        Map<String, Long> after = cells(edition2);
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Long> c : after.entrySet()) {
            Long b = before.get(c.getKey());
            if (b != null && c.getValue() != null && !b.equals(c.getValue())) {
                changed.add(c.getKey());
            }
        }
        List<String> theirs = new ArrayList<>();
        Map<String, String> answers = newcomer.answers();
        for (String cell : changed) {
            String[] parts = cell.split(" \\| ");
            boolean inGroup = parts[1].equals("all") || parts[1].equals(AGE + "=" + newcomer.age())
                    || parts[1].equals(ROLE + "=" + newcomer.role());
            if (inGroup && parts[2].equals(answers.get(parts[0]))) {
                theirs.add(cell);
            }
        }
        assertThat(changed).as("published cells that changed between the editions").isNotEqualTo(theirs);
    }

    @Test
    void republishingWithOneMoreRespondentRevealsNoMoreThanChanceAcrossManyNewcomers() throws Exception {
        // 60 edition pairs, each adding a different respondent to the same 150: how often does the
        // attacker's reconstruction get an answer right, and how often all of them?
        List<Person> crowd = crowd(2021, 150);
        SurveySummary edition = summary(convert("surveys/residents.csv", export(crowd), TestWorkspace.SECRET));
        Random random = new Random(99);
        int questions = 0;
        int right = 0;
        int whole = 0;
        int trials = 60;
        for (int t = 0; t < trials; t++) {
            Person newcomer = person(random, 150 + t);
            List<Person> withNewcomer = new ArrayList<>(crowd);
            withNewcomer.add(newcomer);
            SurveySummary edition2 = summary(convert("surveys/residents.csv", export(withNewcomer), TestWorkspace.SECRET));
            Map<String, String> guess = reconstruct(edition, edition2);
            Map<String, String> truth = newcomer.answers();
            boolean all = true;
            for (Map.Entry<String, String> a : truth.entrySet()) {
                questions++;
                boolean ok = a.getValue().equals(guess.get(a.getKey()));
                right += ok ? 1 : 0;
                all &= ok;
            }
            whole += all ? 1 : 0;
        }
        double accuracy = right / (double) questions;
        // chance: 1/3 for age and the five satisfaction questions, 1/2 for the role question (≈ 0.36)
        assertThat(accuracy).as("share of the newcomers' answers the attacker got right").isLessThan(0.6);
        assertThat(whole).as("newcomers whose every answer the attacker reconstructed, of %d", trials)
                .isLessThanOrEqualTo(trials / 20);
    }

    // ---- attack 3: themes' Not coded against the base -----------------------------------------------

    /** 40 respondents; {@code coded} of the 25 comments mention a theme (the park), the others none. */
    static List<List<String>> commentsSurvey(int coded) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(ID, SAFE, COMMENTS));
        for (int i = 0; i < 40; i++) {
            String comment = i >= 25 ? "" : i < coded ? "The park near me is lovely, reply " + i
                    : "Nothing more to add, reply " + i;
            rows.add(List.of(String.valueOf(117_000_000 + i), i % 3 == 0 ? "No" : "Yes", comment));
        }
        return rows;
    }

    /** What base − Not coded gives: the number of coded answers, a bound on every withheld theme; null if withheld. */
    static Long codedAnswers(SurveyThemes.QuestionThemes q) {
        SurveySummary.OptionCount notCoded = find(q.themes(), "Not coded");
        if (q.base() == null || notCoded == null || notCoded.count() == null) {
            return null;
        }
        return q.base() - notCoded.count();
    }

    @Test
    void notCodedEqualToTheBaseDoesNotShowTheWithheldThemesAreZero() throws Exception {
        SurveyThemes themes = themes(convert("surveys/comments.csv", commentsSurvey(0), TestWorkspace.SECRET));
        SurveyThemes.QuestionThemes q = themes.question(COMMENTS).orElseThrow();
        assertThat(q.themes()).filteredOn(c -> !c.label().equals("Not coded")).allMatch(SurveySummary.OptionCount::suppressed);

        Long bound = codedAnswers(q);

        // true: 0 coded answers, so every withheld theme is 0; the attacker must not be able to say so
        assertThat(bound).as("base - Not coded").satisfiesAnyOf(b -> assertThat(b).isNull(), b -> assertThat(b).isPositive());
        assertThat(SubtractionAttack.recoverable(themes)).isEmpty();
    }

    @Test
    void notCodedDoesNotGiveAwayAFewCodedAnswers() throws Exception {
        for (int coded = 1; coded <= 9; coded++) {
            SurveyThemes themes = themes(convert("surveys/comments.csv", commentsSurvey(coded), TestWorkspace.SECRET));
            SurveyThemes.QuestionThemes q = themes.question(COMMENTS).orElseThrow();

            Long bound = codedAnswers(q);

            assertThat(bound).as("base - Not coded, with %d coded answers", coded).isNotEqualTo(Long.valueOf(coded));
            assertThat(SubtractionAttack.recoverable(themes)).isEmpty();
            if (coded == 1) {
                // the one coded answer's theme would be the one theme that can be non-zero
                assertThat(bound).as("a lone coded answer").isNotEqualTo(Long.valueOf(1));
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private ConvertedDataset convert(String key, List<List<String>> rows, byte[] secret) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run-" + run++));
        return new SurveyFormat().convert(TestTables.rows(key, null, rows), new TestWorkspace(dir, secret)).get(0);
    }

    static SurveySummary summary(ConvertedDataset ds) throws IOException {
        return SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
    }

    static SurveyThemes themes(ConvertedDataset ds) throws IOException {
        return SurveyThemes.read(Files.newInputStream(ds.dir().resolve("themes.json")));
    }
}
