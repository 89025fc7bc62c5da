package org.bigpicture.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small rules the bundle rests on, each checked alone. */
class PublishPartsTest {

    @Test
    void neutralisesFormulaPrefixesInTextOnly() {
        for (String bad : List.of("=1+1", "+44 161", "-5", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(CsvCells.isDangerous(bad)).as(bad).isTrue();
            assertThat(CsvCells.neutralise(bad)).isEqualTo("'" + bad);
            assertThat(CsvCells.isDangerous(CsvCells.neutralise(bad))).isFalse();
        }
        for (String fine : List.of("", "Stockport", " =x", "'=x", "E08000007", "5", "[c]")) {
            assertThat(CsvCells.neutralise(fine)).as(fine).isEqualTo(fine);
        }
        assertThat(CsvCells.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.text("=a,b")).isEqualTo("\"'=a,b\"");
        assertThat(CsvCells.text("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.text("plain")).isEqualTo("plain");
    }

    @Test
    void writesNumbersAsTheShortestDecimalThatReadsBackExactly() {
        assertThat(CsvCells.number(294197.0)).isEqualTo("294197");
        assertThat(CsvCells.number(-0.0)).isEqualTo("0");
        assertThat(CsvCells.number(-5.5)).isEqualTo("-5.5");
        assertThat(CsvCells.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(CsvCells.number(1.0E-7)).isEqualTo("0.0000001"); // was 0.00000010, a digit too many
        // Plain between 1e-7 and 1e21, exponent form outside, as JavaScript writes numbers (util.Decimals).
        assertThat(CsvCells.number(1e21)).isEqualTo("1E21");
        assertThat(CsvCells.number(-2.5e300)).isEqualTo("-2.5E300");
        assertThat(CsvCells.number(1e-8)).isEqualTo("1E-8");
        assertThat(CsvCells.number(37.770000000000003)).isEqualTo("37.77");
        assertThat(CsvCells.number(Double.NaN)).isEqualTo("NaN");
        assertThat(CsvCells.number(Double.NEGATIVE_INFINITY)).isEqualTo("-INF");
        for (double d : new double[] {0.1, 79.123456789012345, 1234567.875, 3.0e-300, 6.02214076e23, -1e15 - 2}) {
            assertThat(Double.parseDouble(CsvCells.number(d))).as(Double.toString(d)).isEqualTo(d);
            boolean plain = Math.abs(d) >= 1e-7 && Math.abs(d) < 1e21;
            assertThat(CsvCells.number(d).contains("E")).as(CsvCells.number(d)).isEqualTo(!plain);
        }
    }

    @Test
    void escapesEverythingThatCouldBecomeMarkup() {
        assertThat(Html.escape("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.escape("a\u0000b\u0007c\nd")).isEqualTo("a b c\nd");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("Stockport")).isSameAs("Stockport".intern());
    }

    @Test
    void jsonInsideAScriptCannotCloseIt() throws IOException {
        JsonNode node = Json.parse("{\"name\": \"</script><script>alert(1)</script> & more\"}"
                .getBytes(StandardCharsets.UTF_8));
        String script = Json.forScript(node);
        assertThat(script).doesNotContain("<").doesNotContain(">").doesNotContain("&");
        assertThat(Json.parse(script.getBytes(StandardCharsets.UTF_8))).isEqualTo(node);
    }

    @Test
    void editionNamesOrderByDateThenSequence() {
        assertThat(EditionId.parse("2026-11-26")).isEqualTo(EditionId.first(LocalDate.of(2026, 11, 26)));
        assertThat(EditionId.parse("2026-11-26.2").toString()).isEqualTo("2026-11-26.2");
        assertThat(EditionId.parse("2026-11-26.10")).isGreaterThan(EditionId.parse("2026-11-26.9"));
        assertThat(EditionId.parse("2026-11-27")).isGreaterThan(EditionId.parse("2026-11-26.9"));
        for (String bad : List.of("2026-11-26.1", "2026-11-26.0", "2026-13-01", "../2026-11-26", "2026-11-26/x",
                "latest", "")) {
            assertThat(EditionId.isValid(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> EditionId.parse("2026-02-30")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogueNamesTheNextFreeEditionAndSurvivesARoundTrip() throws IOException {
        Catalog c = Catalog.empty();
        LocalDate d = LocalDate.of(2026, 11, 26);
        assertThat(c.nextFor(d).toString()).isEqualTo("2026-11-26");
        c = c.with(entry("2026-11-26", false)).with(entry("2026-11-26.2", true)).with(entry("2026-10-01", false));
        assertThat(c.nextFor(d).toString()).isEqualTo("2026-11-26.3");
        assertThat(c.nextFor(d.plusDays(1)).toString()).isEqualTo("2026-11-27");
        assertThat(c.newestPublic().orElseThrow().id().toString()).isEqualTo("2026-11-26");
        Catalog back = Catalog.parse(c.toJson());
        assertThat(back.editions()).isEqualTo(c.editions());
        assertThat(back.editions().get(0).id().toString()).isEqualTo("2026-10-01");
        JsonNode json = Json.parse(c.toJson());
        assertThat(json.get("editions").get(2).get("withdrawn_reason").asText()).isEqualTo("why");
    }

    private static Catalog.Entry entry(String id, boolean withdrawn) {
        return new Catalog.Entry(EditionId.parse(id), "u/" + id, "r/" + id, "sha", "content-" + id, withdrawn,
                withdrawn ? "why" : null, withdrawn ? "2026-11-27T10:00:00Z" : null);
    }

    @Test
    void markdownShowsUploadedTextAsText() {
        assertThat(Changes.markdown("<img src=x> [link](http://e) | *b*\nnext"))
                .isEqualTo("\\<img src=x\\> \\[link\\](http://e) \\| \\*b\\* next");
    }
}
