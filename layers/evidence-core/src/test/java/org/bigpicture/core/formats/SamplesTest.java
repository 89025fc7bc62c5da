package org.bigpicture.core.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bigpicture.core.convert.ConvertedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every statistical sample under the repository's samples/ is claimed by the family it was written for. */
class SamplesTest {

    @TempDir
    Path dir;

    static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples")) && Files.exists(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("layers"))) {
                return p.resolve("samples");
            }
        }
        return null;
    }

    @Test
    void eachSampleIsClaimedByItsFamilyAndConvertsCleanly() throws Exception {
        Path samples = samples();
        assumeTrue(samples != null, "samples/ not found");
        Map<String, String> intended = Map.of(
                "jsna/Life expectancy at birth.csv", "fingertips",
                "nomis/population estimates NM_2002_1.csv", "nomis-api",
                "nomis/claimant count by LSOA.csv", "nomis-web",
                "nomis/Census 2021 - aged 65 and over by LSOA.csv", "nomis-web",
                "ons/ukmidyearestimates20192020ladcodes.csv", "ons-wide",
                "ons/ukpopestimatesmid2020on2021geography.csv", "ons-wide",
                "ons/mid-year-population-v4.csv", "ons-v4",
                "imd/IMD2019 File 1.csv", "imd2019",
                "tables/Stockport libraries.xlsx", "table");
        for (var e : intended.entrySet()) {
            Conversions c = new Conversions(dir.resolve(LakeSlug.of(e.getKey())));
            List<ConvertedDataset> out = c.run(e.getKey(), samples.resolve(e.getKey()));
            assertThat(c.families).as(e.getKey()).containsExactly(e.getValue());
            ConvertedDataset d = out.get(0);
            assertThat(d.rowsWritten()).as(e.getKey()).isPositive();
            assertThat(d.rejected().keySet()).as(e.getKey()).allMatch(r -> r.startsWith("duplicate under another")
                    || r.startsWith("total row") || r.startsWith("footnote"));
            if (!e.getValue().equals("table")) {
                RecordingOutput.Recorded rec = c.output.only();
                assertThat(rec.rows.stream().filter(r -> {
                    Object code = r[rec.index("area_code")];
                    Object parent = r[rec.index("parent_area_code")];
                    Object name = r[rec.index("area_name")];
                    return "E08000007".equals(code) || "E08000007".equals(parent)
                            || (name instanceof String s && s.startsWith("Stockport"));
                })).as("Stockport rows in " + e.getKey()).isNotEmpty();
            }
        }
    }

    @Test
    void theWorkbookSampleSkipsItsCoverAndNotes() throws Exception {
        Path samples = samples();
        assumeTrue(samples != null, "samples/ not found");
        Conversions c = new Conversions(dir);
        List<ConvertedDataset> out = c.run("tables/Stockport libraries.xlsx", samples.resolve("tables/Stockport libraries.xlsx"));
        assertThat(c.tables.skipped()).containsExactly("Cover: cover or notes sheet", "Notes: cover or notes sheet");
        assertThat(out.get(0).datasetId()).isEqualTo("tables-stockport-libraries-libraries");
        RecordingOutput.Recorded rec = c.output.only();
        assertThat(rec.columns).extracting(col -> col.type().tableSchemaName())
                .containsExactly("string", "string", "date", "number", "integer", "boolean");
        assertThat(rec.rows).hasSize(8);
    }
}
