package org.bigpicture.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bigpicture.core.store.FileObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report passes axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) with zero violations in Debian's
 * headless Chromium, and loads nothing from outside its folder. Needs {@code /usr/bin/chromium},
 * node and {@code npm ci} in {@code src/test/a11y} (.ci/run does both): skipped on a developer's
 * machine without them, failed when {@code CI=true}.
 *
 * <p>With {@code -Dbigpicture.screenshot=PATH} it also saves a full-page screenshot (the README's).
 */
class ReportAccessibilityTest {

    @TempDir
    Path tmp;

    @Test
    void reportHasNoAxeViolationsInHeadlessChromium() throws Exception {
        Path a11y = Path.of("src/test/a11y").toAbsolutePath();
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(chromium)) {
            missing.add(chromium + " (apt-get install chromium)");
        }
        if (!Files.isDirectory(a11y.resolve("node_modules/axe-core"))
                || !Files.isDirectory(a11y.resolve("node_modules/playwright-core"))) {
            missing.add("npm packages (npm ci --prefix " + a11y + ")");
        }
        if (!onPath("node")) {
            missing.add("node");
        }
        if ("true".equals(System.getenv("CI"))) {
            assertThat(missing).as("CI must have what the accessibility test needs").isEmpty();
        } else {
            assumeTrue(missing.isEmpty(), "accessibility test skipped, missing: " + missing);
        }

        FileObjectStore store = new FileObjectStore(tmp.resolve("store"));
        new TestLake(store, Files.createDirectories(tmp.resolve("scratch"))).standard();
        new BundlePublisher(store, TestLake.BUCKETS, "http://127.0.0.1:4566/published",
                Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneId.of("Europe/London")),
                tmp.resolve("work"), EdgeCache.NONE).publish(LocalDate.of(2026, 11, 26));
        Path report = store.root().resolve("published/bundles/2026-11-26/index.html");
        assertThat(report).isRegularFile();

        List<String> command = new ArrayList<>(List.of("node", a11y.resolve("axe-check.mjs").toString(),
                report.toString()));
        String screenshot = System.getProperty("bigpicture.screenshot");
        if (screenshot != null && !screenshot.isBlank()) {
            command.add(Path.of(screenshot).toAbsolutePath().toString());
        }
        Process p = new ProcessBuilder(command).directory(a11y.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("axe run finished").isTrue();
        String result = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(result).isZero();
        assertThat(result).contains("\"violations\": []").contains("\"external\": []");
        assertThat(Json.parse(out).get("passes").asInt()).as("rules that ran and passed").isGreaterThan(10);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unused")
    private static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
