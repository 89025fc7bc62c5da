package org.bigpicture.core;

import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips, one by one, the tests of a {@link NeedsSharedData} class whose folders are absent. The
 * class itself stays enabled so that every test is reported under its own name (a skipped class
 * is reported as "Tests run: 0").
 */
public final class SharedDataCondition implements ExecutionCondition {

    /** {@code shared/<name>}: under {@code -Dbigpicture.shared} if set ({@code none}: absent), else the nearest upwards. */
    public static Optional<Path> folder(String name) {
        String property = System.getProperty("bigpicture.shared");
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property, name);
            return property.equals("none") || !Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve(name);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("tests are checked one by one");
        }
        List<String> missing = new ArrayList<>();
        for (String name : needed(context)) {
            if (folder(name).isEmpty()) {
                missing.add("../shared/" + name);
            }
        }
        return missing.isEmpty() ? ConditionEvaluationResult.enabled("shared data present")
                : ConditionEvaluationResult.disabled("needs " + String.join(", ", missing) + ", which is absent");
    }

    private static List<String> needed(ExtensionContext context) {
        List<String> out = new ArrayList<>();
        for (AnnotatedElement e : List.<AnnotatedElement>of(context.getRequiredTestMethod(), context.getRequiredTestClass())) {
            AnnotationSupport.findAnnotation(e, NeedsSharedData.class).ifPresent(a -> out.addAll(List.of(a.value())));
        }
        return out;
    }
}
