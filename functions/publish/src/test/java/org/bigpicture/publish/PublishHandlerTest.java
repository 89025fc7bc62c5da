package org.bigpicture.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.bigpicture.core.store.Buckets;
import org.bigpicture.core.publish.BundlePublisher;
import org.bigpicture.core.publish.EdgeCache;
import org.bigpicture.core.store.FileObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler on the repository's own sample events (the ones {@code sam local invoke -e} uses). */
class PublishHandlerTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @TempDir
    Path tmp;
    FileObjectStore store;
    PublishHandler handler;

    @BeforeEach
    void setUp() {
        store = new FileObjectStore(tmp.resolve("store"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), LONDON);
        BundlePublisher publisher = new BundlePublisher(store, new Buckets("raw", "lake", "published"),
                "https://bundles.example.org", clock, tmp.resolve("work"), EdgeCache.NONE);
        handler = new PublishHandler(publisher, clock);
    }

    static Map<String, Object> event(String name) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("events"))) {
            root = root.getParent();
        }
        assertThat(root).as("events/ folder above " + Path.of("").toAbsolutePath()).isNotNull();
        return new ObjectMapper().readValue(root.resolve("events").resolve(name).toFile(),
                new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void scheduleEventPublishesTheEditionOfTheScheduledUkDate() throws IOException {
        Map<String, Object> out = handler.handleRequest(event("schedule-publish.json"), null);
        assertThat(out.get("outcome")).isEqualTo("published");
        assertThat(out.get("edition")).isEqualTo("2026-12-01");
        assertThat(out.get("url")).isEqualTo("https://bundles.example.org/bundles/2026-12-01/datapackage.json");
        assertThat(store.pathOf("published", "bundles/2026-12-01/datapackage.json")).isRegularFile();
    }

    @Test
    void manualEventPublishesItsDateAndAnUnchangedSecondRunWritesNothing() throws IOException {
        assertThat(handler.handleRequest(event("manual-publish.json"), null).get("edition")).isEqualTo("2026-11-26");
        Map<String, Object> again = handler.handleRequest(event("manual-publish.json"), null);
        assertThat(again.get("outcome")).isEqualTo("unchanged");
        assertThat(again.get("edition")).isEqualTo("2026-11-26");
    }

    @Test
    void withdrawEventsInBothShapesWithdraw() throws IOException {
        handler.handleRequest(Map.of("date", "2026-11-25"), null);
        handler.handleRequest(event("manual-publish.json"), null); // unchanged: no 2026-11-26 edition
        Map<String, Object> out = handler.handleRequest(Map.of("withdraw", "2026-11-25", "reason", "wrong file"), null);
        assertThat(out.get("outcome")).isEqualTo("withdrawn");
        assertThat(out.get("latest")).isNull();
        assertThat(store.pathOf("published", "bundles/2026-11-25/datapackage.json")).doesNotExist();
        // The sample event names an edition that does not exist here: refused with the reason.
        assertThatThrownBy(() -> handler.handleRequest(event("manual-withdraw.json"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-11-26");
    }

    @Test
    void datesComeFromTheEventInUkTime() {
        assertThat(handler.dateOf(Map.of("scheduledTime", "2026-06-30T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(handler.dateOf(Map.of("source", "aws.events", "time", "2026-03-01T06:00:00Z")))
                .isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(handler.dateOf(Map.of())).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThatThrownBy(() -> handler.dateOf(Map.of("date", "26/11/2026")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> handler.handleRequest(Map.of("withdraw", "2026-11-26"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
    }
}
