package org.bigpicture.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How number formats show stored numbers (the rule README's "Numbers in workbooks" states). */
class CellFormatTest {

    @ParameterizedTest(name = "{1} as {0}")
    @CsvSource(delimiter = '|', value = {
        "General|37.770000000000003|37.77", "0.00|37.770000000000003|37.77", "0.0|21.43|21.43",
        "#,##0.0|11.92961276322626|11.9296127632263", "General|283253|283253", "#,##0|283253.0|283253",
        "General|0.30000000000000004|0.3", "General|-0|0", "General|007|7", "General|.5|0.5", "General|1E-3|0.001",
        "General|1.5E+20|150000000000000000000", "0.0%|0.17499999999999999|17.5%", "0%|1|100%", "0.00%|0.0123|1.23%",
        "0.0\"%\"|17.5|17.5%", "#,##0,|283253.4|283253.4", "@|12|12", "# ?/?|0.5|0.5", "0.00E+00|12345|12345",
        "dd/mm/yyyy|44742|2022-06-30", "yyyy-mm-dd hh:mm|44742.375|2022-06-30T09:00", "h:mm:ss|0.5|12:00:00",
        "[h]:mm|1.5|1.5", "mmm-yy|44742|2022-06-30", "[$-809]dd mmmm yyyy;@|1|1900-01-01",
        "_-* #,##0_-;-* #,##0_-;_-* \"-\"??_-;_-@_-|1234.5|1234.5"})
    void showsAStoredNumber(String code, String stored, String shown) {
        CellFormat f = CellFormat.of(code);
        assertThat(f.show(stored, Double.parseDouble(stored), false).text()).isEqualTo(shown);
        assertThat(f.show(Double.parseDouble(stored), false).text()).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"0.00|2|false", "#,##0|0|false", "0.0%|1|true", "General|-1|false",
        "dd/mm/yyyy|-1|false", "\"£\"#,##0.00|2|false", "0.0\"%\"|1|true"})
    void saysWhatTheFormatShows(String code, int decimals, boolean percent) {
        assertThat(NumberFormats.decimalsShown(code)).isEqualTo(decimals);
        assertThat(NumberFormats.isPercent(code)).isEqualTo(percent);
    }
}
