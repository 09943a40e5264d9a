package dev.ocbridge.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.ocbridge.app.architecture.violations.adapter.mattermost.MattermostUsingOpenCode;
import dev.ocbridge.app.architecture.violations.adapter.mattermost.rest.PostWire;
import dev.ocbridge.app.architecture.violations.adapter.opencode.OpenCodeUsingTyrus;
import dev.ocbridge.app.architecture.violations.adapter.persistence.FieldInjectedClock;
import dev.ocbridge.app.architecture.violations.adapter.persistence.PersistenceUsingRetrofit;
import dev.ocbridge.app.architecture.violations.adapter.persistence.ScheduledTask;
import dev.ocbridge.app.architecture.violations.app.Main;
import dev.ocbridge.app.architecture.violations.app.UsesMattermostWire;
import dev.ocbridge.app.architecture.violations.app.config.ConfigPrinting;
import dev.ocbridge.app.architecture.violations.core.agent.AgentDispatcher;
import dev.ocbridge.app.architecture.violations.core.alpha.Ping;
import dev.ocbridge.app.architecture.violations.core.beta.Pong;
import dev.ocbridge.app.architecture.violations.core.commands.CommandsUsingTheInbox;
import dev.ocbridge.app.architecture.violations.core.domain.DomainUsingDate;
import dev.ocbridge.app.architecture.violations.core.domain.DomainUsingService;
import dev.ocbridge.app.architecture.violations.core.port.in.ChatListener;
import dev.ocbridge.app.architecture.violations.core.port.out.ClockPort;
import dev.ocbridge.app.architecture.violations.core.port.out.Mailer;
import dev.ocbridge.app.architecture.violations.core.port.out.PortSettings;
import dev.ocbridge.app.architecture.violations.core.port.out.SchedulingPort;
import dev.ocbridge.app.architecture.violations.core.usecase.ServicePrinting;
import dev.ocbridge.app.architecture.violations.core.usecase.ServiceUsingApp;
import dev.ocbridge.app.architecture.violations.core.usecase.ServiceUsingMoshi;
import dev.ocbridge.app.architecture.violations.core.usecase.ServiceUsingOkHttp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of {@link ArchitectureTest}, applied to a small code base of deliberately broken classes laid
 * out like ours under {@code violations}: each rule must catch the class that breaks it, and must not blame
 * the classes that keep it.
 */
class ArchitectureRulesCanFailTest {
    private static final String ROOT = "dev.ocbridge.app.architecture.violations";
    private static final ArchitectureRules RULES = new ArchitectureRules(ROOT);
    private static final JavaClasses BROKEN_CODE = new ClassFileImporter().importPackages(ROOT);

    private static List<String> violations(ArchRule rule) {
        return rule.evaluate(BROKEN_CODE).getFailureReport().getDetails();
    }

    private static void assertCaught(ArchRule rule, Class<?> culprit) {
        assertThat(violations(rule)).as(rule.getDescription())
                .anyMatch(line -> line.contains(culprit.getName()));
    }

    private static void assertNotBlamed(ArchRule rule, Class<?> innocent) {
        Pattern named = Pattern.compile(Pattern.quote(innocent.getName()) + "(?![\\w$])");
        assertThat(violations(rule)).as(rule.getDescription()).noneMatch(line -> named.matcher(line).find());
    }

    @Test
    void coreUsingALibraryBreaksCorePurity() {
        assertCaught(RULES.coreDependsOnlyOnJavaAndItself(), ServiceUsingOkHttp.class);
    }

    @Test
    void theDomainUsingAServiceIsCaught() {
        assertCaught(RULES.theDomainDependsOnNothingElseInCore(), DomainUsingService.class);
    }

    @Test
    void aPortKnowingAUseCaseIsCaught() {
        assertCaught(RULES.portsKnowOnlyTheDomainAndErrors(), SchedulingPort.class);
    }

    @Test
    void aCapabilityCallingADispatcherIsCaught() {
        assertCaught(RULES.capabilitiesDoNotDependOnTheDispatchers(), CommandsUsingTheInbox.class);
    }

    @Test
    void theDispatcherCallingACapabilityIsAllowed() {
        assertNotBlamed(RULES.capabilitiesDoNotDependOnTheDispatchers(), AgentDispatcher.class);
    }

    @Test
    void aRecordInAPortPackageIsCaught() {
        assertCaught(RULES.portPackagesHoldOnlyInterfaces(), PortSettings.class);
    }

    @Test
    void aTypeNestedInAPortIsAllowed() {
        assertNotBlamed(RULES.portPackagesHoldOnlyInterfaces(), ClockPort.Handle.class);
    }

    @Test
    void anAdapterUsingAnotherAdapterIsCaught() {
        assertCaught(RULES.adaptersDoNotDependOnEachOther(), MattermostUsingOpenCode.class);
    }

    @Test
    void coreUsingAppIsCaught() {
        assertCaught(RULES.nothingDependsOnApp(), ServiceUsingApp.class);
    }

    @Test
    void okHttpOutsideTheHttpAdaptersIsCaught() {
        assertCaught(RULES.retrofitAndOkHttpAreUsedOnlyInTheTwoHttpAdapters(), ServiceUsingOkHttp.class);
    }

    @Test
    void retrofitOutsideTheHttpAdaptersIsCaught() {
        assertCaught(RULES.retrofitAndOkHttpAreUsedOnlyInTheTwoHttpAdapters(), PersistenceUsingRetrofit.class);
    }

    @Test
    void okHttpInsideAnHttpAdapterIsAllowed() {
        assertNotBlamed(RULES.retrofitAndOkHttpAreUsedOnlyInTheTwoHttpAdapters(), MattermostUsingOpenCode.class);
    }

    @Test
    void serverSentEventsOutsideTheOpenCodeAdapterAreCaught() {
        assertCaught(RULES.serverSentEventsAreUsedOnlyInTheOpenCodeAdapter(), MattermostUsingOpenCode.class);
    }

    @Test
    void websocketsOutsideTheMattermostAdapterAreCaught() {
        assertCaught(RULES.websocketsAreUsedOnlyInTheMattermostAdapter(), OpenCodeUsingTyrus.class);
    }

    @Test
    void moshiInCoreIsCaught() {
        assertCaught(RULES.moshiIsUsedOnlyInAdapters(), ServiceUsingMoshi.class);
    }

    @Test
    void injectionOutsideAppIsCaught() {
        assertCaught(RULES.dependencyInjectionIsUsedOnlyInApp(), FieldInjectedClock.class);
    }

    @Test
    void aWireTypeUsedOutsideItsAdapterIsCaught() {
        assertCaught(RULES.wireTypesAreUsedOnlyInsideTheirOwnAdapter(), UsesMattermostWire.class);
    }

    @Test
    void aWireTypeUsedInsideItsAdapterIsAllowed() {
        assertThat(violations(RULES.wireTypesAreUsedOnlyInsideTheirOwnAdapter()))
                .noneMatch(line -> line.contains(MattermostUsingOpenCode.class.getName()))
                .anyMatch(line -> line.contains(PostWire.class.getName()));
    }

    @Test
    void aDrivenPortImplementationNamedOtherwiseIsCaught() {
        assertCaught(RULES.drivenPortImplementationsEndInAdapterOrStore(), FieldInjectedClock.class);
    }

    @Test
    void implementingAHelperNestedInAPortNeedsNoPortName() {
        assertNotBlamed(RULES.drivenPortImplementationsEndInAdapterOrStore(), ScheduledTask.class);
    }

    @Test
    void aDrivenPortNamedOtherwiseIsCaught() {
        assertCaught(RULES.drivenPortsEndInPortOrStore(), Mailer.class);
    }

    @Test
    void aDrivingPortNamedOtherwiseIsCaught() {
        assertCaught(RULES.drivingPortsEndInHandler(), ChatListener.class);
    }

    @Test
    void aCycleBetweenPackagesIsCaught() {
        assertThat(violations(RULES.noCyclesBetweenSlices()))
                .anyMatch(line -> line.contains(Ping.class.getName()) && line.contains(Pong.class.getName()));
    }

    @Test
    void printingOutsideAppIsCaught() {
        assertCaught(RULES.onlyMainLevelCodeUsesStandardStreams(), ServicePrinting.class);
    }

    @Test
    void printingInAnAppSubpackageIsCaught() {
        assertCaught(RULES.onlyMainLevelCodeUsesStandardStreams(), ConfigPrinting.class);
    }

    @Test
    void printingInMainLevelCodeIsAllowed() {
        assertNotBlamed(RULES.onlyMainLevelCodeUsesStandardStreams(), Main.class);
    }

    @Test
    void fieldInjectionIsCaught() {
        assertCaught(RULES.noFieldInjection(), FieldInjectedClock.class);
    }

    @Test
    void javaUtilDateIsCaught() {
        assertCaught(RULES.noJavaUtilDate(), DomainUsingDate.class);
    }
}
