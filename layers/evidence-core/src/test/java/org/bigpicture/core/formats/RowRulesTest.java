package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bigpicture.core.convert.BadInputException;
import org.bigpicture.core.convert.ConvertedDataset;
import org.bigpicture.core.read.TextEncoding;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same row rules in every family (issue 13, "never silently wrong"): a ragged row and invalid
 * quoting are rejected with their line, a repeated header row is rejected, empty rows are counted,
 * and a file cut part-way through its last row is quarantined. Each family gets a small file in
 * its own layout, with a good first data row, then the row under test, then another good row.
 */
class RowRulesTest {

    @TempDir
    Path dir;

    /** family, a file with {@code %s} where the row under test goes, a good row, the header row. */
    static Stream<Arguments> families() {
        String ft = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
                + "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator,"
                + "Value note\n";
        String ftRow = "93356,Campylobacter,E12000002,North West,E08000007,Stockport,District,Persons,All ages,,,2017,"
                + "132.85,120.1,146.7,386,290557,\n";
        String api = "DATE,GEOGRAPHY_NAME,GEOGRAPHY_CODE,MEASURES_NAME,OBS_VALUE\n";
        String apiRow = "2021,Stockport,E08000007,Value,295243\n";
        String web = "\"Population estimates - local authority based by single year of age\"\n"
                + "\"ONS Crown Copyright Reserved [from Nomis on 10 June 2021]\"\n\"Date       :\",\"2019\"\n\n"
                + "\"local authority: district / unitary (as of April 2021)\",\"mnemonic\",\"All Ages\",\"Aged 65+\"\n";
        String webRow = "\"Stockport\",\"E08000007\",293423,59604\n";
        String wide = "Code,Name,Geography,All ages,0,1\n";
        String wideRow = "E08000007,Stockport,Metropolitan District,293423,3290,3371\n";
        String v4 = "v4_0,calendar-years,Time,administrative-geography,Geography,sex,Sex,age,Age\n";
        String v4Row = "293423,2019,2019,E08000007,Stockport,0,All,total,Total\n";
        String table = "area,year,value\n";
        String tableRow = "Stockport,2019,293423\n";
        return Stream.of(
                Arguments.of("fingertips", ft + ftRow + "%s" + ftRow.replace("2017", "2018"), ftRow, ft),
                Arguments.of("nomis-api", api + apiRow + "%s" + apiRow.replace("E08000007", "E08000003"), apiRow, api),
                Arguments.of("nomis-web", web + webRow + "%s" + webRow.replace("E08000007", "E08000003"), webRow,
                        web.substring(web.lastIndexOf("\"local"))),
                Arguments.of("ons-wide", wide + wideRow + "%s" + wideRow.replace("E08000007", "E08000003"), wideRow, wide),
                Arguments.of("ons-v4", v4 + v4Row + "%s" + v4Row.replace("E08000007", "E08000003"), v4Row, v4),
                Arguments.of("table", table + tableRow + "%s" + tableRow.replace("Stockport", "Salford"), tableRow, table));
    }

    private ConvertedDataset convert(String family, String text) throws IOException {
        Conversions c = new Conversions(dir.resolve("w" + System.nanoTime()));
        List<ConvertedDataset> out = c.runText("x/" + family + ".csv", text);
        assertThat(c.families).containsExactly(family);
        return out.get(0);
    }

    /** The file's data-row line numbers: the row under test is on this line. */
    private static long lineOf(String text) {
        return text.substring(0, text.indexOf("%s")).chars().filter(ch -> ch == '\n').count() + 1;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aRowWithACellMissingIsRejectedWithItsLine(String family, String file, String good, String header) throws IOException {
        String cells = good.substring(0, good.lastIndexOf(',')) + "\n"; // the last cell gone
        ConvertedDataset d = convert(family, file.formatted(cells));
        assertThat(d.rejected()).containsEntry("ragged row (fewer cells than the header)", 1L);
        assertThat(d.notes()).anyMatch(n -> n.contains("ragged row (fewer cells than the header): line " + lineOf(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aRowWithAValueBeyondTheHeaderIsRejectedWithItsLine(String family, String file, String good, String header)
            throws IOException {
        ConvertedDataset d = convert(family, file.formatted(good.strip() + ",99\n"));
        assertThat(d.rejected()).containsEntry("ragged row (more cells than the header)", 1L);
        assertThat(d.notes()).anyMatch(n -> n.contains("line " + lineOf(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void invalidQuotingIsARejectedRowNotAChangedCell(String family, String file, String good, String header)
            throws IOException {
        int comma = good.indexOf(',');
        String bad = good.substring(0, comma + 1) + "\"x\"y" + good.substring(good.indexOf(',', comma + 1));
        ConvertedDataset d = convert(family, file.formatted(bad));
        assertThat(d.rejected()).containsEntry("invalid quoting (text after a closing quote)", 1L);
        assertThat(d.notes()).anyMatch(n -> n.contains("invalid quoting") && n.contains("line " + lineOf(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void emptyRowsAreCountedWithTheirLines(String family, String file, String good, String header) throws IOException {
        ConvertedDataset d = convert(family, file.formatted("\n,,\n"));
        assertThat(d.notes()).anyMatch(n -> n.startsWith("2 empty rows skipped: lines " + lineOf(file) + ", "
                + (lineOf(file) + 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aCutOffLastRowQuarantinesTheFile(String family, String file, String good, String header) {
        String text = file.formatted("");
        String cut = text.substring(0, text.length() - 1);
        cut = cut.substring(0, cut.lastIndexOf(',')); // the last row loses its last cell and its line end
        long lastLine = text.chars().filter(ch -> ch == '\n').count();
        String upload = cut;
        assertThatThrownBy(() -> convert(family, upload)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("truncated").hasMessageContaining("line " + lastLine);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aRepeatedHeaderRowIsRejectedNotData(String family, String file, String good, String header) throws IOException {
        ConvertedDataset d = convert(family, file.formatted(header));
        long rejected = d.rejected().getOrDefault("repeated header row", 0L) + d.rejected().getOrDefault(
                Tally.FOOTNOTE, 0L);
        assertThat(rejected).as("the header row again is never data").isEqualTo(1);
        assertThat(d.rowsWritten()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aByteOrderMarkInsideTheFileIsNoted(String family, String file, String good, String header) throws IOException {
        ConvertedDataset d = convert(family, file.formatted("\uFEFF" + header));
        assertThat(d.notes()).anyMatch(n -> n.contains("byte-order mark opens line " + lineOf(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void mixedEncodingsAreNoted(String family, String file, String good, String header) throws IOException {
        // a Windows-1252 file ("£" on its first data row) with a row pasted in from a UTF-8 file ("café")
        int at = file.indexOf("%s");
        byte[] before = file.substring(0, at).replaceFirst("Stockport", "Stockport £").getBytes(TextEncoding.WINDOWS_1252);
        byte[] pasted = good.replace("Stockport", "Stockport café").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] after = file.substring(at + 2).getBytes(TextEncoding.WINDOWS_1252);
        byte[] upload = new byte[before.length + pasted.length + after.length];
        System.arraycopy(before, 0, upload, 0, before.length);
        System.arraycopy(pasted, 0, upload, before.length, pasted.length);
        System.arraycopy(after, 0, upload, before.length + pasted.length, after.length);
        Conversions c = new Conversions(dir.resolve("w" + System.nanoTime()));
        ConvertedDataset d = c.runBytes("x/" + family + ".csv", upload).get(0);
        assertThat(d.notes()).anyMatch(n -> n.contains("mixes encodings") && n.contains("the first on line " + lineOf(file)));
    }
}
