package org.bigpicture.core.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LedgerJson} writes what the ObjectMapper ingest used wrote, and reads what it read. */
class LedgerJsonTest {

    /**
     * How Ingest was configured before it stopped using jackson-databind, but for numbers: those
     * are spelt by util.Decimals (issue 12: the same bytes on every JDK, where Jackson spells a
     * double with the JDK's Double.toString), so the reference spells them that way too.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(new com.fasterxml.jackson.core.JsonFactoryBuilder()
            .addDecorator((factory, generator) -> new com.fasterxml.jackson.core.util.JsonGeneratorDelegate(generator) {
                @Override
                public void writeNumber(double v) throws IOException {
                    if (Double.isFinite(v)) {
                        writeNumber(org.bigpicture.core.util.Decimals.shortest(v));
                    } else {
                        writeNull();
                    }
                }

                @Override
                public void writeNumber(float v) throws IOException {
                    writeNumber((double) v);
                }
            }).build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final LedgerJson json = new LedgerJson();

    private static final String AWKWARD = "quote \" backslash \\ slash / tab \t newline \n cr \r nul \u0000 bell \u0007 "
            + "del \u007f é ✓ 😀 line-sep \u2028 bom \ufeff </script>";

    private static Map<String, Object> summary() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", 1);
        inner.put("Alpha", List.of(3L, 2.5, "x"));
        inner.put("alpha", null);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("respondents", 148L);
        summary.put("questions", 6);
        summary.put(AWKWARD, AWKWARD);
        summary.put("nested", inner);
        summary.put("list of maps", List.of(Map.of("b", 1, "a", 2), Map.of()));
        summary.put("share", 0.1);
        summary.put("big", 1e20);
        summary.put("tiny", 1e-7);
        summary.put("negative zero", -0.0);
        summary.put("float", 0.3f);
        summary.put("decimal", new BigDecimal("12.3400"));
        summary.put("round decimal", new BigDecimal("1000"));
        summary.put("zero decimal", new BigDecimal("0.000"));
        summary.put("huge", new BigInteger("123456789012345678901234567890"));
        summary.put("max", Long.MAX_VALUE);
        summary.put("short", (short) 7);
        summary.put("yes", true);
        summary.put("no", false);
        summary.put("empty map", Map.of());
        summary.put("empty list", List.of());
        return summary;
    }

    @Test
    void writesTheBytesTheObjectMapperWrote() {
        Map<String, Long> rejected = new LinkedHashMap<>();
        rejected.put("totals rows", 3L);
        rejected.put("duplicates", 1L);
        rejected.put("Ärger", 2L);
        List<String> notes = List.of("period taken from the file name: mid-2020", AWKWARD);

        ObjectNode old = MAPPER.createObjectNode();
        old.put("key", AWKWARD);
        old.put("status", "accepted");
        old.put("sequencer", (String) null);
        ObjectNode source = old.putObject("source");
        source.put("bytes", 682228868L);
        source.put("etag", (String) null);
        old.put("line", 7);
        old.putNull("nothing");
        old.set("rejected_by_reason", MAPPER.valueToTree(new java.util.TreeMap<>(rejected)));
        old.set("notes", MAPPER.valueToTree(notes));
        old.set("summary", MAPPER.valueToTree(summary()));
        old.set("skipped", MAPPER.valueToTree(List.of()));
        old.set("files", MAPPER.createArrayNode().add(MAPPER.createObjectNode().put("name", "data.parquet").put("bytes", 5L)));

        Map<String, Object> now = new LinkedHashMap<>();
        now.put("key", AWKWARD);
        now.put("status", "accepted");
        now.put("sequencer", null);
        Map<String, Object> src = new LinkedHashMap<>();
        src.put("bytes", 682228868L);
        src.put("etag", null);
        now.put("source", src);
        now.put("line", 7);
        now.put("nothing", null);
        now.put("rejected_by_reason", LedgerJson.sorted(rejected));
        now.put("notes", LedgerJson.sorted(notes));
        now.put("summary", LedgerJson.sorted(summary()));
        now.put("skipped", LedgerJson.sorted(List.of()));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", "data.parquet");
        file.put("bytes", 5L);
        now.put("files", List.of(file));

        String expected = new String(bytes(old), StandardCharsets.UTF_8);
        assertThat(new String(json.bytes(now), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(expected).contains("\"Alpha\" : [ 3, 2.5, \"x\" ],\n      \"alpha\" : null,\n      \"zeta\" : 1");
    }

    @Test
    void readsAsReadTreeDidSoThatARecordCopiedOnIsUnchanged() throws IOException {
        String text = new String(bytes(MAPPER.valueToTree(Map.of("datasets", List.of(summary(), Map.of("id", "x"))))),
                StandardCharsets.UTF_8)
                + "";
        String[] documents = {text, "{\"z\":1,\"a\":[1,2.50,-3e2,true,false,null,{}],\"dup\":1,\"m\":{\"y\":\"\\u00e9\"},\"dup\":2}",
            "[ 1, \"two\" ]", "\"just text\"", "12345678901234567890123"};
        for (String doc : documents) {
            byte[] in = doc.getBytes(StandardCharsets.UTF_8);
            assertThat(new String(json.bytes(json.read(in)), StandardCharsets.UTF_8)).as(doc)
                    .isEqualTo(new String(bytes(MAPPER.readTree(in)), StandardCharsets.UTF_8));
        }
        assertThat(json.read(new byte[0])).isEqualTo(Map.of());
    }

    @Test
    void pathsAndTextAnswerAsJsonNodeDid() throws IOException {
        byte[] doc = "{\"status\":\"accepted\",\"sequencer\":null,\"n\":12,\"d\":0.5,\"b\":true,\"source\":{\"etag\":\"abc\"},\"datasets\":[{\"id\":\"x\"},{}]}"
                .getBytes(StandardCharsets.UTF_8);
        Object mine = json.read(doc);
        JsonNode theirs = MAPPER.readTree(doc);
        for (String[] path : List.of(new String[] {"status"}, new String[] {"sequencer"}, new String[] {"n"},
                new String[] {"d"}, new String[] {"b"}, new String[] {"source", "etag"}, new String[] {"source", "missing"},
                new String[] {"missing", "deeper"}, new String[] {"status", "below a string"})) {
            JsonNode node = theirs;
            for (String p : path) {
                node = node.path(p);
            }
            Object value = LedgerJson.path(mine, path);
            assertThat(LedgerJson.text(value, null)).as(Arrays.toString(path)).isEqualTo(node.asText(null));
            if (!node.isNull()) { // asText() says "null" for a JSON null; ingest never asks it of one
                assertThat(LedgerJson.text(value, "")).as(Arrays.toString(path)).isEqualTo(node.asText());
            }
        }
        List<String> ids = new ArrayList<>();
        for (Object d : LedgerJson.elements(LedgerJson.path(mine, "datasets"))) {
            ids.add(LedgerJson.text(LedgerJson.path(d, "id"), ""));
        }
        assertThat(ids).containsExactly("x", "");
        assertThat(LedgerJson.elements(LedgerJson.path(mine, "status"))).isEmpty();
    }

    @Test
    void refusesValuesItHasNoJsonFormFor() {
        assertThatThrownBy(() -> json.bytes(Map.of("when", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.time.Instant");
    }

    @Test
    void instantsPrintAsInstantToStringDoes() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2026-11-26T10:00:00Z"),
                Instant.parse("2026-11-26T10:00:00.120Z"), Instant.parse("2026-11-26T10:00:00.000100Z"),
                Instant.parse("2026-11-26T13:13:33.769973409Z"), Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("2000-02-29T00:00:00.001Z"), Instant.parse("2100-03-01T00:00:00.000000001Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("0999-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-15T12:00:00.010Z"),
                Instant.MIN, Instant.MAX, Instant.ofEpochSecond(0, 10_000_000), Instant.ofEpochSecond(-1, 1)));
        Random random = new Random(6);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong() % 400_000_000_000L; // ±12,700 years
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant t : instants) {
            assertThat(LedgerJson.instant(t)).isEqualTo(t.toString());
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
