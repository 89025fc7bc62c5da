package org.bigpicture.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The zips template.yaml points at: which module builds each, and what must be inside. */
final class TemplateArtifacts {

    /**
     * @param resource  the template resource (function or layer)
     * @param zip       CodeUri/ContentUri, relative to the repository root
     * @param module    the Maven module folder that builds it ({@code functions/ingest})
     * @param entry     a zip entry that proves it is the right zip (the handler class, the core jar)
     */
    record Artifact(String resource, String zip, String module, String entry) {

        String zipFileName() {
            return Path.of(zip).getFileName().toString();
        }

        @Override
        public String toString() {
            return resource + " → " + zip;
        }
    }

    private TemplateArtifacts() {
    }

    static List<Artifact> of(SamTemplate template) {
        List<Artifact> out = new ArrayList<>();
        for (String layer : template.ofType("AWS::Serverless::LayerVersion")) {
            String zip = template.properties(layer).path("ContentUri").asText();
            out.add(new Artifact(layer, zip, module(zip), "java/lib/evidence-core-"));
        }
        for (String function : template.functions()) {
            JsonNode p = template.properties(function);
            String zip = p.path("CodeUri").asText();
            String handler = p.path("Handler").asText();
            String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
            out.add(new Artifact(function, zip, module(zip), className.replace('.', '/') + ".class"));
        }
        return out;
    }

    /** {@code functions/ingest/target/ingest-function.zip} → {@code functions/ingest}. */
    private static String module(String zip) {
        int target = zip.indexOf("/target/");
        if (target < 0) {
            throw new AssertionError(zip + " is not a Maven build output (…/target/…)");
        }
        return zip.substring(0, target);
    }
}
