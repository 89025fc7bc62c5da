package org.bigpicture.local;

import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Lists every skipped or aborted test by name and reason at the end of a run, so that a run
 * without the shared real data (or without Docker) says what it did not check. The core's tests
 * have the same listener: each test module is its own class path.
 */
public final class SkippedTestsListener implements TestExecutionListener {

    private final List<String> skipped = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        skipped.add(name(test) + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            skipped.add(name(test) + ": " + result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!skipped.isEmpty()) {
            System.out.println("Skipped tests (" + skipped.size() + "):");
            skipped.forEach(s -> System.out.println("  SKIPPED " + s));
            skipped.clear();
        }
    }

    private static String name(TestIdentifier test) {
        String id = test.getUniqueId();
        int c = id.indexOf("[class:");
        String cls = c < 0 ? "" : id.substring(c + 7, id.indexOf(']', c));
        return cls.substring(cls.lastIndexOf('.') + 1) + " " + test.getDisplayName();
    }
}
