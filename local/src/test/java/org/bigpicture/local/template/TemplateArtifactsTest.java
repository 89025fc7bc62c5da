package org.bigpicture.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.bigpicture.local.template.TemplateArtifacts.Artifact;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Maven builds every zip template.yaml points at, so {@code sam deploy} needs no {@code sam build}:
 * each CodeUri/ContentUri names a module of the reactor whose assembly produces exactly that file,
 * and each Handler names a class in that module. A function whose module is not written yet is
 * skipped (its helper adds the module); the zips' contents are checked by {@link TemplateArtifactsIT}.
 */
class TemplateArtifactsTest {

    static List<Artifact> artifacts() throws IOException {
        return TemplateArtifacts.of(SamTemplate.load(RepoPaths.template()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void aReactorModuleBuildsTheZip(Artifact artifact) throws Exception {
        Path root = RepoPaths.root();
        Path pom = root.resolve(artifact.module()).resolve("pom.xml");
        assumeTrue(Files.isRegularFile(pom), artifact.module() + " is not written yet");

        assertThat(modules(root.resolve("pom.xml"))).as("root pom modules").contains(artifact.module());
        Document doc = parse(pom);
        List<String> finalNames = texts(doc, "finalName");
        assertThat(finalNames.stream().map(n -> n + ".zip")).as(pom + " finalName").contains(artifact.zipFileName());
        assertThat(texts(doc, "appendAssemblyId")).as("no -layer/-function suffix on the zip").contains("false");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("artifacts")
    void theHandlerClassIsInItsModule(Artifact artifact) {
        assumeTrue(artifact.entry().endsWith(".class"), "layers have no handler");
        Path module = RepoPaths.root().resolve(artifact.module());
        assumeTrue(Files.isRegularFile(module.resolve("pom.xml")), artifact.module() + " is not written yet");

        Path source = module.resolve("src/main/java").resolve(artifact.entry().replace(".class", ".java"));

        assertThat(source).isRegularFile();
    }

    static List<String> modules(Path rootPom) throws Exception {
        return texts(parse(rootPom), "module");
    }

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static List<String> texts(Document doc, String tag) {
        List<String> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(((Element) nodes.item(i)).getTextContent().trim());
        }
        return out;
    }
}
