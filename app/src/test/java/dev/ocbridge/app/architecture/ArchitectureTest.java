package dev.ocbridge.app.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the code (STYLE.md, "ArchUnit rules we want") over the production classes of every module.
 * Each rule is shown to fail on a deliberately broken class in {@link ArchitectureRulesCanFailTest}.
 */
@AnalyzeClasses(packages = "dev.ocbridge",
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class ArchitectureTest {
    private static final ArchitectureRules RULES = new ArchitectureRules("dev.ocbridge");

    /** Guards the rules below against passing on an empty or partial import (a module missing from the classpath). */
    @ArchTest
    static void the_production_classes_of_every_library_module_are_analysed(JavaClasses classes) {
        assertThat(classes.stream().map(JavaClass::getPackageName))
                .anyMatch(name -> name.startsWith("dev.ocbridge.core.domain"))
                .anyMatch(name -> name.startsWith("dev.ocbridge.core.port"))
                .anyMatch(name -> name.startsWith("dev.ocbridge.adapter.mattermost"))
                .anyMatch(name -> name.startsWith("dev.ocbridge.adapter.opencode"))
                .anyMatch(name -> name.startsWith("dev.ocbridge.adapter.persistence"))
                .noneMatch(name -> name.startsWith("dev.ocbridge.core.testing"))
                .noneMatch(name -> name.startsWith("dev.ocbridge.app.architecture"));
    }

    @ArchTest
    static final ArchRule core_depends_only_on_java_and_itself = RULES.coreDependsOnlyOnJavaAndItself();

    @ArchTest
    static final ArchRule the_domain_depends_on_nothing_else_in_core = RULES.theDomainDependsOnNothingElseInCore();

    @ArchTest
    static final ArchRule ports_know_only_the_domain_and_errors = RULES.portsKnowOnlyTheDomainAndErrors();

    @ArchTest
    static final ArchRule capabilities_do_not_depend_on_the_dispatchers =
            RULES.capabilitiesDoNotDependOnTheDispatchers();

    @ArchTest
    static final ArchRule port_packages_hold_only_interfaces = RULES.portPackagesHoldOnlyInterfaces();

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other = RULES.adaptersDoNotDependOnEachOther();

    @ArchTest
    static final ArchRule nothing_depends_on_app = RULES.nothingDependsOnApp();

    @ArchTest
    static final ArchRule retrofit_and_okhttp_are_used_only_in_the_two_http_adapters =
            RULES.retrofitAndOkHttpAreUsedOnlyInTheTwoHttpAdapters();

    @ArchTest
    static final ArchRule server_sent_events_are_used_only_in_the_opencode_adapter =
            RULES.serverSentEventsAreUsedOnlyInTheOpenCodeAdapter();

    @ArchTest
    static final ArchRule websockets_are_used_only_in_the_mattermost_adapter =
            RULES.websocketsAreUsedOnlyInTheMattermostAdapter();

    @ArchTest
    static final ArchRule moshi_is_used_only_in_adapters = RULES.moshiIsUsedOnlyInAdapters();

    @ArchTest
    static final ArchRule dependency_injection_is_used_only_in_app = RULES.dependencyInjectionIsUsedOnlyInApp();

    @ArchTest
    static final ArchRule wire_types_are_used_only_inside_their_own_adapter =
            RULES.wireTypesAreUsedOnlyInsideTheirOwnAdapter();

    @ArchTest
    static final ArchRule classes_implementing_a_driven_port_end_in_adapter_or_store =
            RULES.drivenPortImplementationsEndInAdapterOrStore();

    @ArchTest
    static final ArchRule driven_ports_end_in_port_or_store = RULES.drivenPortsEndInPortOrStore();

    @ArchTest
    static final ArchRule driving_ports_end_in_handler = RULES.drivingPortsEndInHandler();

    @ArchTest
    static final ArchRule there_are_no_cycles_between_slices = RULES.noCyclesBetweenSlices();

    @ArchTest
    static final ArchRule only_main_level_code_uses_standard_streams = RULES.onlyMainLevelCodeUsesStandardStreams();

    @ArchTest
    static final ArchRule no_field_injection = RULES.noFieldInjection();

    @ArchTest
    static final ArchRule no_java_util_date = RULES.noJavaUtilDate();
}
