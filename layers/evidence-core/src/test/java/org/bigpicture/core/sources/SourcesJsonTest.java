package org.bigpicture.core.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The compiled form ingest reads: the same file back, and the build's copy of the shipped file is current. */
class SourcesJsonTest {

    @Test
    void theBuildCompiledTheShippedYamlAsItIsNow() throws Exception {
        byte[] expected = SourcesJson.write(SourcesFile.parse(Sources.SHIPPED_NAME, Sources.shippedText()));
        try (InputStream in = Sources.class.getResourceAsStream(SourcesJson.SHIPPED_COMPILED)) {
            assertThat(in).as("default-sources.json on the class path (the pom's compile-default-sources)").isNotNull();
            assertThat(new String(in.readAllBytes(), "UTF-8")).isEqualTo(new String(expected, "UTF-8"));
        }
    }

    @Test
    void aFileReadsBackAsItWasWritten() {
        for (SourcesFile f : new SourcesFile[] {SourcesFile.parse("config/sources.yaml", SourcesFileTest.VALID),
                SourcesFile.parse(Sources.SHIPPED_NAME, Sources.shippedText())}) {
            SourcesFile back = SourcesJson.read(SourcesJson.write(f));
            assertThat(SourcesJson.write(back)).isEqualTo(SourcesJson.write(f));
            assertThat(back.extracts()).isEqualTo(f.extracts());
            assertThat(back.fallback()).isEqualTo(f.fallback());
            assertThat(back.entries()).hasSameSizeAs(f.entries());
            for (int i = 0; i < f.entries().size(); i++) {
                assertThat(back.entries().get(i).terms()).isEqualTo(f.entries().get(i).terms());
                assertThat(back.entries().get(i).keys()).map(Glob::text)
                        .isEqualTo(f.entries().get(i).keys().stream().map(Glob::text).toList());
            }
        }
        // and resolves alike
        assertThat(Sources.shipped().resolve("x.csv", "nomis-api").entry()).isEqualTo("nomis");
    }
}
