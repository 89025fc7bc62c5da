package org.bigpicture.core.publish;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bigpicture.core.formats.Recognizer;
import org.bigpicture.core.ingest.Ingest;
import org.bigpicture.core.convert.Limits;
import org.bigpicture.core.ingest.Notifier;
import org.bigpicture.core.ingest.RawObjectEvent;
import org.bigpicture.core.store.FileObjectStore;
import org.bigpicture.core.store.ObjectInfo;
import org.bigpicture.core.store.PutOptions;
import org.bigpicture.core.survey.DisclosureConfigValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack 2 of issue 11 end to end: a survey is uploaded, ingested and published; the officer uploads
 * the export again with one more response, and the same day's publish makes the edition's {@code .2}.
 * An attacker holding both editions' published summary tables (the CSV partners download) subtracts
 * them. The test knows the newcomer's answers and checks the subtraction does not give them.
 */
class RepublishedSurveyDifferencingTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final LocalDate DATE = LocalDate.of(2026, 11, 26);
    static final List<String> AGES = List.of("16-34", "35-54", "55+");
    static final List<String> ANSWERS = List.of("Satisfied", "Neither", "Dissatisfied");
    static final List<String> TOPICS = List.of("parks", "bins", "buses", "libraries");

    @TempDir
    Path tmp;
    private long sequence;

    @Test
    void anEditionAndItsDotTwoDoNotGiveAwayTheOneRespondentAdded() throws Exception {
        FileObjectStore store = new FileObjectStore(tmp.resolve("store"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), LONDON);
        Ingest ingest = new Ingest(store, TestLake.BUCKETS, Recognizer.standard(Limits.defaults()),
                List.of(new DisclosureConfigValidator()), Notifier.NONE, clock,
                () -> "council-pseudonym-secret-2026".getBytes(StandardCharsets.UTF_8),
                Files.createDirectories(tmp.resolve("scratch")));
        BundlePublisher publisher = new BundlePublisher(store, TestLake.BUCKETS, "http://127.0.0.1:4566/published",
                clock, tmp.resolve("work"), EdgeCache.NONE);

        Random random = new Random(11);
        List<List<String>> crowd = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            crowd.add(respondent(random, i));
        }
        List<String> newcomer = respondent(new Random(3), 160);
        List<List<String>> grown = new ArrayList<>(crowd);
        grown.add(newcomer);

        ingest.onObjectCreated(upload(store, "surveys/residents-panel.csv", csv(crowd)));
        String first = publisher.publish(DATE).edition();
        ingest.onObjectCreated(upload(store, "surveys/residents-panel.csv", csv(grown)));
        String second = publisher.publish(DATE).edition();
        assertThat(first).isEqualTo("2026-11-26");
        assertThat(second).isEqualTo("2026-11-26.2");

        // The report and the table's description say how the numbers were protected.
        Path edition = store.root().resolve("published").resolve("bundles").resolve(second);
        assertThat(Files.readString(edition.resolve("index.html"))).contains("cell key method", "Not stated",
                "computed from the published count and base");
        assertThat(Files.readString(edition.resolve("datapackage.json"))).contains(
                "every count is perturbed by the cell key method (moved by at most 2", "counts under 10 are suppressed");

        Map<String, Long> before = cells(store, first);
        Map<String, Long> after = cells(store, second);
        assertThat(before).isNotEmpty();

        // The attacker: per question, the option whose published counts rose most (overall and in the
        // newcomer's age group, which the attacker takes from the age question's own rise).
        Map<String, String> truth = new LinkedHashMap<>();
        truth.put("What is your age?", newcomer.get(1));
        for (int t = 0; t < TOPICS.size(); t++) {
            truth.put(question(t), newcomer.get(2 + t));
        }
        String age = rose(before, after, "What is your age?", "", "", AGES);
        Map<String, String> guess = new LinkedHashMap<>();
        guess.put("What is your age?", age);
        for (int t = 0; t < TOPICS.size(); t++) {
            Map<String, Long> score = new LinkedHashMap<>();
            for (String a : ANSWERS) {
                long s = diff(before, after, question(t) + "||" + a);
                if (age != null) {
                    s += diff(before, after, question(t) + "|What is your age?|" + age + "|" + a);
                }
                score.put(a, s);
            }
            guess.put(question(t), best(score));
        }
        assertThat(guess).as("the newcomer's answers, from the two editions' summary tables").isNotEqualTo(truth);

        // Nor do the cells that changed point at them: cells the newcomer is not in changed too.
        List<String> changedWithoutThem = new ArrayList<>();
        for (Map.Entry<String, Long> c : after.entrySet()) {
            Long b = before.get(c.getKey());
            String[] k = c.getKey().split("\\|", -1);
            boolean theirs = truth.containsKey(k[0]) && k[3].equals(truth.get(k[0]))
                    && (k[1].isEmpty() || k[2].equals(newcomer.get(1)));
            if (b != null && c.getValue() != null && !b.equals(c.getValue()) && !theirs) {
                changedWithoutThem.add(c.getKey());
            }
        }
        assertThat(changedWithoutThem).as("published cells without the newcomer that still changed").isNotEmpty();
    }

    static String question(int topic) {
        return "How satisfied are you with the " + TOPICS.get(topic) + "?";
    }

    static List<String> respondent(Random random, int n) {
        List<String> r = new ArrayList<>(List.of(String.valueOf(119_000_000 + n), AGES.get(random.nextInt(AGES.size()))));
        for (int t = 0; t < TOPICS.size(); t++) {
            r.add(ANSWERS.get(random.nextInt(ANSWERS.size())));
        }
        return r;
    }

    static String csv(List<List<String>> rows) {
        StringBuilder b = new StringBuilder("Respondent ID,What is your age?");
        for (int t = 0; t < TOPICS.size(); t++) {
            b.append(',').append(question(t));
        }
        b.append("\r\n");
        for (List<String> r : rows) {
            b.append(String.join(",", r)).append("\r\n");
        }
        return b.toString();
    }

    private RawObjectEvent upload(FileObjectStore store, String key, String text) throws IOException {
        store.put("raw", key, text.getBytes(StandardCharsets.UTF_8), PutOptions.of("text/csv"));
        ObjectInfo info = store.head("raw", key).orElseThrow();
        sequence++;
        return new RawObjectEvent("raw", key, "v" + sequence, info.etag(), info.size(),
                String.format("%016X", sequence), Instant.parse("2026-11-26T09:00:00Z"));
    }

    /** The edition's summary CSV as "question|group question|group|option" → count (null for [c]). */
    private static Map<String, Long> cells(FileObjectStore store, String edition) throws IOException {
        Path csv = store.root().resolve("published").resolve("bundles").resolve(edition)
                .resolve("data").resolve("surveys-residents-panel-summary.csv");
        Map<String, Long> out = new LinkedHashMap<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(Files.readString(csv))) {
            boolean header = true;
            for (CsvRecord r : reader) {
                if (header) {
                    assertThat(r.getField(7)).isEqualTo("count");
                    header = false;
                    continue;
                }
                String count = r.getField(7);
                out.put(r.getField(1) + "|" + r.getField(3) + "|" + r.getField(4) + "|" + r.getField(6),
                        count.equals("[c]") ? null : Long.parseLong(count));
            }
        }
        return out;
    }

    private static long diff(Map<String, Long> before, Map<String, Long> after, String key) {
        Long b = before.get(key);
        Long a = after.get(key);
        return a == null || b == null ? 0 : a - b;
    }

    private static String rose(Map<String, Long> before, Map<String, Long> after, String q, String gq, String g,
                               List<String> options) {
        Map<String, Long> score = new LinkedHashMap<>();
        for (String o : options) {
            score.put(o, diff(before, after, q + "|" + gq + "|" + g + "|" + o));
        }
        return best(score);
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
}
