package dev.ocbridge.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.Arrays;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules of STYLE.md, for a code base under {@code root}: {@code dev.ocbridge} for the real
 * code, and a package of deliberately broken classes to prove that each rule can fail.
 */
final class ArchitectureRules {
    private final String root;
    private final String core;
    private final String domain;
    private final String ports;
    private final String portIn;
    private final String portOut;
    private final String error;
    private final String inbox;
    private final String agent;
    private final String coreTesting;
    private final String adapters;
    private final String mattermost;
    private final String openCode;
    private final String app;

    ArchitectureRules(String root) {
        this.root = root;
        core = root + ".core";
        domain = core + ".domain";
        ports = core + ".port";
        portIn = ports + ".in";
        portOut = ports + ".out";
        error = core + ".error";
        inbox = core + ".inbox";
        agent = core + ".agent";
        coreTesting = core + ".testing";
        adapters = root + ".adapter";
        mattermost = adapters + ".mattermost";
        openCode = adapters + ".opencode";
        app = root + ".app";
    }

    ArchRule coreDependsOnlyOnJavaAndItself() {
        return classes().that().resideInAPackage(core + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", core + "..")
                .as("core depends only on java.. and itself");
    }

    ArchRule theDomainDependsOnNothingElseInCore() {
        return noClasses().that().resideInAPackage(domain + "..")
                .should().dependOnClassesThat(resideInAPackage(core + "..").and(resideOutsideOfPackage(domain + "..")))
                .as("core.domain depends on nothing else in core");
    }

    /** Ports speak the domain's language only, so that no use case and no adapter type leaks into a port. */
    ArchRule portsKnowOnlyTheDomainAndErrors() {
        return classes().that().resideInAPackage(ports + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", domain + "..", error + "..",
                        ports + "..")
                .as("ports know only the domain, the errors and each other");
    }

    /** Types nested in a port (a callback, a small value) are part of it; every top-level type is a port. */
    ArchRule portPackagesHoldOnlyInterfaces() {
        return classes().that().resideInAPackage(ports + "..").and().areTopLevelClasses()
                .should().beInterfaces()
                .as("port packages hold only interfaces");
    }

    /**
     * The two dispatchers (chat events into {@code inbox}, agent events into {@code agent}) sit on top of the
     * capabilities; a capability that called a dispatcher would route events behind its back.
     */
    ArchRule capabilitiesDoNotDependOnTheDispatchers() {
        return noClasses().that().resideInAPackage(core + "..")
                .and().resideOutsideOfPackages(inbox + "..", agent + "..", coreTesting + "..")
                .should().dependOnClassesThat().resideInAnyPackage(inbox + "..", agent + "..")
                .as("no capability of core depends on the dispatchers (core.inbox, core.agent)");
    }

    ArchRule adaptersDoNotDependOnEachOther() {
        return slices().matching(adapters + ".(*)..").namingSlices("adapter $1")
                .should().notDependOnEachOther()
                .as("adapters don't depend on each other");
    }

    ArchRule nothingDependsOnApp() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(app + "..")
                .should().dependOnClassesThat().resideInAPackage(app + "..")
                .as("nothing depends on app");
    }

    ArchRule retrofitAndOkHttpAreUsedOnlyInTheTwoHttpAdapters() {
        return libraryUsedOnlyIn("Retrofit and OkHttp are used only in the Mattermost and OpenCode adapters",
                new String[] {"retrofit2..", "okhttp3.."}, mattermost + "..", openCode + "..");
    }

    ArchRule serverSentEventsAreUsedOnlyInTheOpenCodeAdapter() {
        return libraryUsedOnlyIn("okhttp-sse is used only in the OpenCode adapter",
                new String[] {"okhttp3.sse.."}, openCode + "..");
    }

    ArchRule websocketsAreUsedOnlyInTheMattermostAdapter() {
        return libraryUsedOnlyIn("Tyrus and jakarta.websocket are used only in the Mattermost adapter",
                new String[] {"org.glassfish.tyrus..", "jakarta.websocket..", "javax.websocket.."}, mattermost + "..");
    }

    ArchRule moshiIsUsedOnlyInAdapters() {
        return libraryUsedOnlyIn("Moshi is used only in adapters",
                new String[] {"com.squareup.moshi.."}, adapters + "..");
    }

    ArchRule dependencyInjectionIsUsedOnlyInApp() {
        return libraryUsedOnlyIn("Dagger, javax.inject and jakarta.inject are used only in app",
                new String[] {"dagger..", "javax.inject..", "jakarta.inject.."}, app + "..");
    }

    /**
     * Allowed to be empty: a transport subpackage exists only where an adapter needs one (the persistence
     * adapter has none); the rule constrains those that exist, and ArchitectureRulesCanFailTest shows that its
     * package pattern finds them.
     */
    ArchRule wireTypesAreUsedOnlyInsideTheirOwnAdapter() {
        return classes().that().resideInAnyPackage(adapters + ".*.rest..", adapters + ".*.ws..", adapters + ".*.sse..")
                .should(beUsedOnlyInsideTheirOwnAdapter())
                .allowEmptyShould(true)
                .as("wire types (adapter subpackages rest, ws, sse) are used only inside their own adapter");
    }

    /** Helpers nested in a port (such as a cancel handle) are not ports, and the core's fakes are named as fakes. */
    ArchRule drivenPortImplementationsEndInAdapterOrStore() {
        return classes().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(coreTesting + "..")
                .and().areNotInterfaces()
                .and().implement(topLevelInterfaceIn(portOut))
                .should().haveSimpleNameEndingWith("Adapter").orShould().haveSimpleNameEndingWith("Store")
                .as("classes implementing a driven port end in Adapter or Store");
    }

    ArchRule drivenPortsEndInPortOrStore() {
        return classes().that().resideInAPackage(portOut + "..").and().areTopLevelClasses().and().areInterfaces()
                .and().doNotHaveSimpleName("package-info")
                .should().haveSimpleNameEndingWith("Port").orShould().haveSimpleNameEndingWith("Store")
                .as("driven ports (core.port.out) end in Port or Store");
    }

    ArchRule drivingPortsEndInHandler() {
        return classes().that().resideInAPackage(portIn + "..").and().areTopLevelClasses().and().areInterfaces()
                .and().doNotHaveSimpleName("package-info")
                .should().haveSimpleNameEndingWith("Handler")
                .as("driving ports (core.port.in) end in Handler");
    }

    ArchRule noCyclesBetweenSlices() {
        return slices().assignedFrom(packagesOfEachModule())
                .should().beFreeOfCycles()
                .as("there are no cycles between the packages of a module or between modules");
    }

    /** Only the entry point talks to the terminal (--help, --version, a fatal configuration error). */
    ArchRule onlyMainLevelCodeUsesStandardStreams() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(app)
                .should(ACCESS_STANDARD_STREAMS)
                .as("nothing but app's main-level code (package " + app + ") uses System.out or System.err");
    }

    ArchRule noFieldInjection() {
        return noFields().that().areDeclaredInClassesThat().resideInAPackage(root + "..")
                .should().beAnnotatedWith("javax.inject.Inject").orShould().beAnnotatedWith("jakarta.inject.Inject")
                .as("no field injection: dependencies come in through constructors");
    }

    ArchRule noJavaUtilDate() {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Date")
                .as("nothing uses java.util.Date (java.time instead)");
    }

    private ArchRule libraryUsedOnlyIn(String sentence, String[] libraryPackages, String... allowedPackages) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(allowedPackages)
                .should().dependOnClassesThat().resideInAnyPackage(libraryPackages)
                .as(sentence);
    }

    private static DescribedPredicate<JavaClass> topLevelInterfaceIn(String packageName) {
        return DescribedPredicate.describe("a top-level interface in " + packageName,
                type -> type.isInterface() && type.isTopLevelClass() && type.getPackageName().startsWith(packageName)
                        && (type.getPackageName().length() == packageName.length()
                        || type.getPackageName().charAt(packageName.length()) == '.'));
    }

    private ArchCondition<JavaClass> beUsedOnlyInsideTheirOwnAdapter() {
        return new ArchCondition<>("be used only inside their own adapter") {
            @Override
            public void check(JavaClass wireType, ConditionEvents events) {
                String ownAdapter = adapterOf(wireType.getPackageName());
                for (Dependency use : wireType.getDirectDependenciesToSelf()) {
                    String user = use.getOriginClass().getPackageName();
                    if (!user.equals(ownAdapter) && !user.startsWith(ownAdapter + ".")) {
                        events.add(SimpleConditionEvent.violated(use, use.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code <root>.adapter.<name>} of a package inside an adapter. */
    private String adapterOf(String packageName) {
        String afterAdapters = packageName.substring(adapters.length() + 1);
        int end = afterAdapters.indexOf('.');
        return adapters + "." + (end < 0 ? afterAdapters : afterAdapters.substring(0, end));
    }

    /**
     * A slice is a module ({@code core}, {@code adapter.<name>}, {@code app}) or a first-level package inside
     * one ({@code core.domain}, {@code core.port}, {@code adapter.mattermost.rest}, {@code app.di}, ...).
     */
    private SliceAssignment packagesOfEachModule() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                String packageName = type.getPackageName();
                if (!packageName.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String[] parts = packageName.substring(root.length() + 1).split("\\.");
                int moduleLength = parts[0].equals("adapter") && parts.length > 1 ? 2 : 1;
                int sliceLength = Math.min(parts.length, moduleLength + 1);
                return SliceIdentifier.of(String.join(".", Arrays.copyOf(parts, sliceLength)));
            }

            @Override
            public String getDescription() {
                return "modules and the first-level packages inside them";
            }
        };
    }
}
