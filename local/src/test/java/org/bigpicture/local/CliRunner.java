package org.bigpicture.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bigpicture.core.Wiring;

/** Runs the CLI in this JVM, as the ./bigpicture script would, capturing what it prints. */
final class CliRunner {

    record Outcome(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    static {
        // As Cli.main does: the handlers' own SDK clients retry enough for --fault-rate.
        if (System.getProperty("aws.maxAttempts") == null) {
            System.setProperty("aws.maxAttempts", Integer.toString(LocalStack.MAX_ATTEMPTS));
        }
        if (System.getProperty("aws.retryMode") == null) {
            System.setProperty("aws.retryMode", "standard");
        }
    }

    private CliRunner() {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path home = RepoFiles.root();
        List<String> list = new ArrayList<>(List.of(args));
        int exit = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                home, Wiring.ukClock()).execute(list);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
