package org.bigpicture.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/a11y/axe-check.mjs} (axe-core in Debian's headless Chromium) on a report.
 * Needs {@code /usr/bin/chromium}, node and {@code npm ci} in {@code src/test/a11y} (.ci/run does
 * both): the calling test is skipped on a developer's machine without them, and fails when
 * {@code CI=true}.
 */
final class Axe {

    private Axe() {
    }

    static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** Asserts zero violations and no request leaving the file; optionally saves a screenshot. */
    static void assertNoViolations(Path report, Path screenshot, int screenshotHeight) throws Exception {
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
        if (onCi()) {
            assertThat(missing).as("CI must have what the accessibility test needs").isEmpty();
        } else {
            assumeTrue(missing.isEmpty(), "accessibility test skipped, missing: " + missing);
        }
        List<String> command = new ArrayList<>(List.of("node", a11y.resolve("axe-check.mjs").toString(),
                report.toString()));
        if (screenshot != null) {
            Files.createDirectories(screenshot.toAbsolutePath().getParent());
            command.add(screenshot.toAbsolutePath().toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(a11y.toFile()).redirectErrorStream(true);
        if (screenshotHeight > 0) {
            pb.environment().put("SCREENSHOT_HEIGHT", Integer.toString(screenshotHeight));
        }
        Process p = pb.start();
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
}
