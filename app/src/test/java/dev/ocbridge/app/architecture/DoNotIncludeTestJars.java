package dev.ocbridge.app.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

import java.util.regex.Pattern;

/**
 * Leaves out the test-jars of sibling modules (fakes, emulators, contract tests). {@link ImportOption.DoNotIncludeTests}
 * only knows test class directories, and the jars of production code must stay in: in a reactor build the
 * siblings arrive as jars.
 */
public final class DoNotIncludeTestJars implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
        return !location.matches(TEST_JAR);
    }
}
