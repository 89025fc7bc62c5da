package org.bigpicture.local;

import org.bigpicture.core.util.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the on-failure list a store keeps ({@code failures/<function>/*.json}, in the shape of
 * Lambda's on-failure destination records), so that a later command still sees what failed.
 */
final class FailureRecords {

    private static final ObjectMapper JSON = JsonMappers.PLAIN;

    private FailureRecords() {
    }

    static List<Dispatcher.Failure> read(Path storeDir) throws IOException {
        Path dir = storeDir.resolve("failures");
        List<Dispatcher.Failure> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode r = JSON.readTree(f.toFile());
            JsonNode rec = r.at("/requestPayload/Records/0");
            String function = f.getParent().getFileName().toString();
            ObjectEvent event = new ObjectEvent(rec.at("/s3/bucket/name").asText(),
                    URLDecoder.decode(rec.at("/s3/object/key").asText(), StandardCharsets.UTF_8),
                    rec.path("eventName").asText(), rec.at("/s3/object/size").asLong(),
                    rec.at("/s3/object/eTag").asText(null), rec.at("/s3/object/versionId").asText(null),
                    rec.at("/s3/object/sequencer").asText(), Instant.parse(rec.path("eventTime").asText()));
            out.add(new Dispatcher.Failure(function, event, r.at("/requestContext/approximateInvokeCount").asInt(),
                    r.at("/responsePayload/errorType").asText(), r.at("/responsePayload/errorMessage").asText(), f));
        }
        return out;
    }
}
