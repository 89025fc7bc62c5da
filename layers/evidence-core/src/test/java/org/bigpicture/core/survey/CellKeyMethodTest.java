package org.bigpicture.core.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cell key method as README describes it: the perturbation table, the cell keys, and the
 * published counts of a real conversion recomputed here from the lake's respondent-level files and
 * the secret, by the method as written (not by calling the production classes).
 */
class CellKeyMethodTest {

    static final Path README = Path.of("../../README.md");

    @TempDir
    Path tmp;

    @Test
    void everyRowOfThePerturbationTableIsSymmetricUnbiasedAndNeverGoesBelowZero() {
        for (int d = 1; d <= DisclosureRules.MAX_PERTURBATION_LIMIT; d++) {
            PerturbationTable table = new PerturbationTable(d);
            for (long n = 0; n <= 30; n++) {
                int m = (int) Math.min(n, d);
                int[] seen = new int[2 * d + 1];
                long sum = 0;
                for (int k = 0; k < PerturbationTable.KEY_RANGE; k++) {
                    int p = table.perturbation(n, k);
                    assertThat(Math.abs(p)).as("n=%d D=%d", n, d).isLessThanOrEqualTo(m);
                    assertThat(n + p).isNotNegative();
                    seen[p + d]++;
                    sum += p;
                }
                assertThat(sum).as("mean perturbation of %d under D=%d", n, d).isZero();
                for (int p = -m; p <= m; p++) {
                    assertThat(seen[p + d]).as("keys giving %d to %d", p, n).isEqualTo(seen[-p + d])
                            .isGreaterThanOrEqualTo(PerturbationTable.KEY_RANGE / (2 * m + 1));
                }
            }
        }
    }

    @Test
    void theDefaultTableIsTheOnePublishedInReadme() throws Exception {
        // | 1 | -1 | 0–84 | rows of the README's ptable
        Pattern row = Pattern.compile("^\\| (1|2 or more) \\| ([-+]?\\d) \\| (\\d+)–(\\d+) \\|$");
        List<PerturbationTable.Row> documented = new ArrayList<>();
        for (String line : Files.readAllLines(README)) {
            Matcher m = row.matcher(line.trim());
            if (m.matches()) {
                documented.add(new PerturbationTable.Row(m.group(1), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
            }
        }
        assertThat(documented).isEqualTo(DisclosureRules.defaults().ptable().rows());
    }

    @Test
    void theSameRespondentsGetTheSameKeyAndOneMoreRespondentRedrawsEveryKey() {
        Random random = new Random(5);
        long[] records = new long[200];
        long all = 0;
        for (int i = 0; i < records.length; i++) {
            records[i] = random.nextLong();
            all += records[i];
        }
        CellKeyPerturbation survey = new CellKeyPerturbation(new PerturbationTable(2), all);
        CellKeyPerturbation same = new CellKeyPerturbation(new PerturbationTable(2), all);
        long newcomer = random.nextLong();
        CellKeyPerturbation grown = new CellKeyPerturbation(new PerturbationTable(2), all + newcomer);
        int unchanged = 0;
        int cells = 2_000;
        for (int c = 0; c < cells; c++) {
            long sum = 0;
            for (long r : records) {
                sum += random.nextInt(3) == 0 ? r : 0;
            }
            assertThat(same.cellKey(sum)).isEqualTo(survey.cellKey(sum));
            // a cell the newcomer is not in still gets a new key: the survey key changed
            unchanged += grown.cellKey(sum) == survey.cellKey(sum) ? 1 : 0;
        }
        // by chance 1 in 256 keys stay (about 8 of 2,000)
        assertThat(unchanged).isLessThan(30);
    }

    @Test
    void publishedCountsAreTheTrueCountsMovedByTheDocumentedMethod() throws Exception {
        ConvertedDataset ds = new SurveyFormat().convert(TestTables.csv("surveys/Resident survey 2021.csv",
                SurveyMonkeyFixtureTest.FIXTURE, TestTables.UTF8), new TestWorkspace(tmp)).get(0);
        SurveySummary summary = SurveySummary.read(Files.newInputStream(ds.dir().resolve("summary.json")));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestWorkspace.SECRET, "HmacSHA256"));

        // record key: the first 8 bytes of HMAC-SHA256(secret, "record-key:" + pseudonymous key)
        Map<String, Long> recordKey = new HashMap<>();
        long all = 0;
        for (List<Object> r : LakeOutputs.rows(ds.dir().resolve("respondents.parquet"), "SELECT respondent_key FROM read_parquet(?)")) {
            byte[] h = mac.doFinal(("record-key:" + r.get(0)).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xFF);
            }
            recordKey.put((String) r.get(0), k);
            all += k;
        }
        // survey key: SplitMix64(sum of every record key XOR "SURVEYKE"); cell key: the top 8 bits of
        // SplitMix64(sum of the cell's record keys + survey key)
        long surveyKey = splitMix(all ^ 0x5355525645594B45L);
        Map<String, Set<String>> answered = new HashMap<>();
        Map<String, Set<String>> chose = new HashMap<>();
        for (List<Object> r : LakeOutputs.rows(ds.dir().resolve("responses.parquet"),
                "SELECT question_id, answer, respondent_key FROM read_parquet(?)")) {
            answered.computeIfAbsent((String) r.get(0), q -> new HashSet<>()).add((String) r.get(2));
            chose.computeIfAbsent(r.get(0) + "\u0000" + r.get(1), q -> new HashSet<>()).add((String) r.get(2));
        }
        int checked = 0;
        for (SurveySummary.Question q : summary.questions()) {
            Set<String> base = answered.getOrDefault(q.id(), Set.of());
            Long publishedBase = published(base, recordKey, surveyKey, Long.MAX_VALUE);
            if (q.base() != null) {
                assertThat(q.base()).as("base of %s", q.id()).isEqualTo(publishedBase);
                checked++;
            }
            for (SurveySummary.OptionCount o : q.options()) {
                if (o.count() != null) {
                    Set<String> cell = chose.getOrDefault(q.id() + "\u0000" + o.label(), Set.of());
                    assertThat(o.count()).as("%s / %s", q.id(), o.label())
                            .isEqualTo(published(cell, recordKey, surveyKey, publishedBase));
                    checked++;
                }
            }
            for (var by : q.byGroup().entrySet()) {
                String groupId = summary.question(by.getKey()).orElseThrow().id();
                for (var g : by.getValue().entrySet()) {
                    Set<String> members = new HashSet<>(g.getKey().equals(SurveySummary.NOT_STATED) ? recordKey.keySet()
                            : chose.getOrDefault(groupId + "\u0000" + g.getKey(), Set.of()));
                    if (g.getKey().equals(SurveySummary.NOT_STATED)) {
                        members.removeAll(answered.getOrDefault(groupId, Set.of()));
                    }
                    Set<String> groupBase = new HashSet<>(base);
                    groupBase.retainAll(members);
                    Long publishedGroupBase = published(groupBase, recordKey, surveyKey, publishedBase);
                    if (g.getValue().base() != null) {
                        assertThat(g.getValue().base()).as("%s by %s", q.id(), g.getKey()).isEqualTo(publishedGroupBase);
                        checked++;
                    }
                    for (SurveySummary.OptionCount o : g.getValue().options()) {
                        if (o.count() != null) {
                            Set<String> cell = new HashSet<>(chose.getOrDefault(q.id() + "\u0000" + o.label(), Set.of()));
                            cell.retainAll(members);
                            assertThat(o.count()).as("%s / %s by %s", q.id(), o.label(), g.getKey())
                                    .isEqualTo(published(cell, recordKey, surveyKey, publishedGroupBase));
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(summary.respondents()).isEqualTo(published(recordKey.keySet(), recordKey, surveyKey, Long.MAX_VALUE));
    }

    /** n + p(n, cell key) from the README's table (D = 2), never above the published base. */
    private static long published(Set<String> respondents, Map<String, Long> recordKey, long surveyKey, long cap) {
        long sum = 0;
        for (String r : respondents) {
            sum += recordKey.get(r);
        }
        int key = (int) (splitMix(sum + surveyKey) >>> 56);
        long n = respondents.size();
        int p;
        if (n == 0) {
            p = 0;
        } else if (n == 1) {
            p = key <= 84 ? -1 : key <= 170 ? 0 : 1;
        } else {
            p = key <= 50 ? -2 : key <= 101 ? -1 : key <= 153 ? 0 : key <= 204 ? 1 : 2;
        }
        return Math.min(n + p, cap);
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
