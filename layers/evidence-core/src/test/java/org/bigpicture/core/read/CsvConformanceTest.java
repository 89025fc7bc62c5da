package org.bigpicture.core.read;

import org.bigpicture.core.convert.Records;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.Limits;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CSV conformance cases of csv-spectrum and PapaParse's parser tests, rewritten here as a
 * table (their files are not copied): input, then every record as {@code line: cell|cell} with its
 * irregularities and the verdict {@link RowShape} gives against the first record as header, or the
 * error. Where we differ from PapaParse we differ on purpose: invalid quoting is marked for
 * rejection instead of silently joined, an unclosed quote is an error instead of a row.
 */
class CsvConformanceTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                // csv-spectrum
                Arguments.of("comma in quotes", "first,last,address,city,zip\nJohn,Doe,120 any st.,\"Anytown, WW\",08123\n",
                        List.of("1: first|last|address|city|zip", "2: John|Doe|120 any st.|Anytown, WW|08123")),
                Arguments.of("empty quoted cells", "a,b,c\n1,\"\",\"\"\n2,3,4\n",
                        List.of("1: a|b|c", "2: 1||", "3: 2|3|4")),
                Arguments.of("empty quoted cells, CRLF", "a,b,c\r\n1,\"\",\"\"\r\n2,3,4\r\n",
                        List.of("1: a|b|c", "2: 1||", "3: 2|3|4")),
                Arguments.of("escaped quotes", "a,b\n1,\"ha \"\"ha\"\" ha\"\n3,4\n",
                        List.of("1: a|b", "2: 1|ha \"ha\" ha", "3: 3|4")),
                Arguments.of("JSON inside a quoted cell", "key,val\n1,\"{\"\"type\"\": \"\"Point\"\", \"\"n\"\": 2}\"\n",
                        List.of("1: key|val", "2: 1|{\"type\": \"Point\", \"n\": 2}")),
                Arguments.of("line breaks in quotes", "a,b,c\n1,2,3\n\"Once upon \na time\",5,6\n7,8,9\n",
                        List.of("1: a|b|c", "2: 1|2|3", "3: Once upon \na time|5|6", "5: 7|8|9")),
                Arguments.of("line breaks in quotes, CRLF", "a,b,c\r\n1,2,3\r\n\"Once upon \r\na time\",5,6\r\n7,8,9\r\n",
                        List.of("1: a|b|c", "2: 1|2|3", "3: Once upon \r\na time|5|6", "5: 7|8|9")),
                Arguments.of("quotes and line breaks", "a,b\n1,\"ha \n\"\"ha\"\" \nha\"\n3,4\n",
                        List.of("1: a|b", "2: 1|ha \n\"ha\" \nha", "5: 3|4")),
                Arguments.of("simple", "a,b,c\n1,2,3\n", List.of("1: a|b|c", "2: 1|2|3")),
                Arguments.of("simple, CRLF", "a,b,c\r\n1,2,3\r\n", List.of("1: a|b|c", "2: 1|2|3")),
                Arguments.of("UTF-8", "a,b,c\n1,2,3\n4,5,ʤ\n", List.of("1: a|b|c", "2: 1|2|3", "3: 4|5|ʤ")),
                Arguments.of("coordinates", "Location\n\"41.4, -72.1\"\n", List.of("1: Location", "2: 41.4, -72.1")),
                // PapaParse's core parser tests
                Arguments.of("one row, no line end", "A,b,c", List.of("1: A|b|c [no line end]")),
                Arguments.of("spaces at the edges of unquoted cells", "x,y,z\na,\t b ,c\n",
                        List.of("1: x|y|z", "2: a|\t b |c")),
                Arguments.of("quoted delimiter and quoted line break", "A,B,C\n\"A,a\",\"B\nb\",C\n",
                        List.of("1: A|B|C", "2: A,a|B\nb|C")),
                Arguments.of("spaces around quotes: the cell is unquoted", "A,B,C\nA, \"B\" ,C\n",
                        List.of("1: A|B|C", "2: A| \"B\" |C")),
                Arguments.of("misplaced quotes in unquoted data are characters", "A,B,C\nA,B \"B\",C\n",
                        List.of("1: A|B|C", "2: A|B \"B\"|C")),
                Arguments.of("spaces after a closing quote are dropped", "X,Y,Z\nA,\"B\"  ,C\n",
                        List.of("1: X|Y|Z", "2: A|B|C")),
                Arguments.of("text after a closing quote: invalid quoting", "a,b,c\na,\"b\"c,d\n",
                        List.of("1: a|b|c", "2: a|bc|d [text after quote] INVALID_QUOTING")),
                Arguments.of("quoted cell opening a line", "a,b,c\n\"a \"\"b\"\" c\",d,e\n",
                        List.of("1: a|b|c", "2: a \"b\" c|d|e")),
                Arguments.of("escaped quote ending a quoted cell", "a,b\n\"x\"\"\",y\n", List.of("1: a|b", "2: x\"|y")),
                Arguments.of("empty lines are records (blank), not dropped", "a,b\n\n1,2\n\n",
                        List.of("1: a|b", "2: [blank] SHORT", "3: 1|2", "4: [blank] SHORT")),
                Arguments.of("too few cells: ragged", "a,b,c\nd,e\nf,g,h\n", List.of("1: a|b|c", "2: d|e SHORT", "3: f|g|h")),
                Arguments.of("too many cells: ragged", "a,b\n1,2,3\n", List.of("1: a|b", "2: 1|2|3 LONG")),
                Arguments.of("empty extra cells are not ragged", "a,b\n1,2,,\n", List.of("1: a|b", "2: 1|2||")),
                Arguments.of("the file cut part-way through a row", "a,b,c\n1,2,3\n4,5",
                        List.of("1: a|b|c", "2: 1|2|3", "3: 4|5 [no line end] TRUNCATED")),
                Arguments.of("a last row without a line end is fine when whole", "a,b\n1,2",
                        List.of("1: a|b", "2: 1|2 [no line end]")),
                Arguments.of("quoted cells at the end of rows", "a,b,\"c,d\"\r\ne,f,\"g,h\"",
                        List.of("1: a|b|c,d", "2: e|f|g,h [no line end]")),
                Arguments.of("a lone delimiter is two empty cells", "a,b\n,\n", List.of("1: a|b", "2: |")),
                Arguments.of("carriage returns only", "a,b\r1,2\r3,4\r", List.of("1: a|b", "2: 1|2", "3: 3|4")),
                Arguments.of("a byte-order mark inside the file (files joined)", "a,b\n1,2\n\uFEFFa,b\n3,4\n",
                        List.of("1: a|b", "2: 1|2", "3: a|b [bom] HEADER", "4: 3|4")),
                Arguments.of("a repeated header row", "a,b\n1,2\na,b\n3,4\n",
                        List.of("1: a|b", "2: 1|2", "3: a|b HEADER", "4: 3|4")),
                Arguments.of("quoted cell never closed: an error naming its line", "a,b\n1,\"open\n2,3\n",
                        List.of("1: a|b", "error line 2: unterminated quote: the quoted cell that opens on line 2 never closes")),
                Arguments.of("tab-delimited with quotes", "a\tb\n\"x\ty\"\tz\n", List.of("1: a|b", "2: x\ty|z")),
                Arguments.of("semicolons", "a;b;c\n1;2;3\n4;5;6\n", List.of("1: a|b|c", "2: 1|2|3", "3: 4|5|6")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsAsTheTableSays(String name, String text, List<String> expected) throws IOException {
        Path file = dir.resolve("case.csv");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        TextEncoding.Detected enc = TextEncoding.detect("k", file, Long.MAX_VALUE);
        CsvDialect dialect = CsvDialect.detect(file, enc);
        List<String> out = new ArrayList<>();
        try (Records r = CsvRecords.open("k", file, dialect, Limits.defaults())) {
            List<String> header = null;
            while (r.next()) {
                StringBuilder b = new StringBuilder().append(r.line()).append(": ");
                if (r.isBlank() && r.size() <= 1) {
                    b.append("[blank]");
                } else {
                    for (int i = 0; i < r.size(); i++) {
                        b.append(i == 0 ? "" : "|").append(r.get(i));
                    }
                }
                int flags = r.irregularities();
                if ((flags & Records.TEXT_AFTER_QUOTE) != 0) {
                    b.append(" [text after quote]");
                }
                if ((flags & Records.NO_LINE_END) != 0) {
                    b.append(" [no line end]");
                }
                if ((flags & Records.BOM_AT_START) != 0) {
                    b.append(" [bom]");
                }
                if (header == null) {
                    header = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        header.add(r.get(i));
                    }
                } else {
                    RowShape shape = RowShape.of(r, header.size());
                    if (shape != RowShape.WELL_FORMED) {
                        b.append(' ').append(shape.name());
                    } else if (RowShape.repeatsHeader(r, header)) {
                        b.append(" HEADER");
                    }
                }
                out.add(b.toString());
            }
        } catch (BadInputException e) {
            out.add("error line " + e.line() + ": " + e.reason());
        }
        assertThat(out).as(name).containsExactlyElementsOf(expected);
    }
}
