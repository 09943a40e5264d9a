package dev.ocbridge.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.ocbridge.core.testing.MappingStoreContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

/** The core is plain Java: whatever the adapters use never leaks into it. */
class CorePurityTest {
    private static final ArchRule CORE_DEPENDS_ONLY_ON_THE_JDK = classes()
            .that().resideInAPackage("dev.ocbridge.core..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.ocbridge.core..")
            .as("core depends only on the JDK and itself");

    @Test
    void coreMainClassesDependOnlyOnTheJdk() {
        JavaClasses core = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.ocbridge.core");

        CORE_DEPENDS_ONLY_ON_THE_JDK.check(core);
    }

    @Test
    void theRuleCatchesACoreClassUsingALibrary() {
        JavaClasses usesJUnitAndAssertJ = new ClassFileImporter().importClasses(MappingStoreContract.class);

        assertThat(CORE_DEPENDS_ONLY_ON_THE_JDK.evaluate(usesJUnitAndAssertJ).getFailureReport().getDetails())
                .anyMatch(line -> line.contains(MappingStoreContract.class.getName()) && line.contains("org.junit"));
    }
}
