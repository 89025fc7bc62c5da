package org.bigpicture.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that reads the real public files beside the repository ({@code ../shared/realdata},
 * {@code realdata2}, {@code realdata3}): tagged {@code shared-data} and, when a folder it needs
 * is absent, each of its tests is skipped by name with the reason (and listed by
 * {@link SkippedTestsListener} at the end of the run), never silently passed.
 * {@code -Dbigpicture.shared=none} runs the suite as a machine without the folders would.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("shared-data")
@ExtendWith(SharedDataCondition.class)
public @interface NeedsSharedData {

    /** The folders under {@code shared/} the test reads. */
    String[] value() default {"realdata"};
}
