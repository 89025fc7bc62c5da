package org.bigpicture.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's packages follow the flow (README, "Layout"): each package imports only packages of
 * lower layers, never one of its own layer or above, and no packages form a cycle. The layers,
 * from the ground up, are listed here once; a new package must be given its place.
 */
class ArchitectureTest {

    /** Bottom first. Packages on one line are siblings: they may not import each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("util"),
            List.of("store"),
            List.of("lake"),
            List.of("sources", "dataset", "areas"),
            List.of("convert"),
            List.of("read", "screen"),
            List.of("survey"),
            List.of("formats"),
            List.of("ingest", "headlines", "publish"),
            List.of(""));  // org.bigpicture.core itself: Wiring, which builds the stages

    private static final String ROOT = "org.bigpicture.core";
    private static JavaClasses core;

    @BeforeAll
    static void importTheCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    private static String pkg(String name) {
        return name.isEmpty() ? ROOT : ROOT + "." + name;
    }

    @Test
    void everyPackageOfTheCoreHasItsPlaceInTheLayers() {
        Set<String> placed = new LinkedHashSet<>();
        LAYERS.forEach(l -> l.forEach(p -> placed.add(pkg(p))));
        Set<String> found = new LinkedHashSet<>();
        for (JavaClass c : core) {
            found.add(c.getPackageName());
        }
        assertThat(placed).containsAll(found);
    }

    @Test
    void noPackageImportsOneOfItsOwnLayerOrAbove() {
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String p : LAYERS.get(i)) {
                List<String> forbidden = new ArrayList<>();
                for (int j = i; j < LAYERS.size(); j++) {
                    for (String q : LAYERS.get(j)) {
                        if (!q.equals(p)) {
                            forbidden.add(q.isEmpty() ? ROOT : pkg(q) + "..");
                        }
                    }
                }
                if (forbidden.isEmpty()) {
                    continue;
                }
                var that = p.isEmpty()
                        ? noClasses().that().resideInAPackage(ROOT)
                        : noClasses().that().resideInAPackage(pkg(p) + "..");
                that.should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                        .because(pkg(p) + " sits in layer " + (i + 1) + " of " + LAYERS.size())
                        .check(core);
            }
        }
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(core);
    }

    /**
     * No writer falls back to the JDK's number formatting, whose digits changed in JDK 19
     * (JDK-4511638): every number becomes text through {@code util.Decimals} (issue 12: the same
     * edition bytes on Java 17 and 21). String concatenation of a double compiles to
     * {@code StringBuilder.append(double)}, so it is caught too.
     */
    @Test
    void noWriterFallsBackToTheJdksNumberFormatting() {
        noClasses().that().resideInAPackage(ROOT + "..").and().doNotHaveFullyQualifiedName(ROOT + ".util.Decimals")
                .should().callMethod(Double.class, "toString", double.class)
                .orShould().callMethod(Double.class, "toString")
                .orShould().callMethod(Float.class, "toString", float.class)
                .orShould().callMethod(String.class, "valueOf", double.class)
                .orShould().callMethod(String.class, "valueOf", float.class)
                .orShould().callMethod(StringBuilder.class, "append", double.class)
                .orShould().callMethod(StringBuilder.class, "append", float.class)
                .orShould().callMethod(java.math.BigDecimal.class, "valueOf", double.class)
                .orShould().callMethod(String.class, "format", String.class, Object[].class)
                .orShould().callMethod(String.class, "format", java.util.Locale.class, String.class, Object[].class)
                .orShould().callMethod(String.class, "formatted", Object[].class)
                .orShould().callMethod(java.text.NumberFormat.class, "format", double.class)
                .orShould().callMethod(com.fasterxml.jackson.core.JsonGenerator.class, "writeNumber", double.class)
                .orShould().callMethod(com.fasterxml.jackson.core.JsonGenerator.class, "writeNumber", float.class)
                .because("numbers are written by util.Decimals, the same on every JDK")
                .check(core);
    }
}
