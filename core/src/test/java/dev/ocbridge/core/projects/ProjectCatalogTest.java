package dev.ocbridge.core.projects;

import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectCatalogTest {
    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ProjectCatalog catalog = new ProjectCatalog(kit.sessions, kit.settings);

    @Test
    void theProjectsAreTheServersOwnAndEveryOtherDirectoryWithSessionsAndTheDefault() {
        kit.sessions.addProject(new ProjectInfo(null, "/repos/shop"));
        kit.sessions.addSession("In the repository", "/repos/shop/api", null);
        kit.sessions.addSession("Loose", "/tmp/scratch", null);

        ServerOverview overview = catalog.overview();

        assertThat(overview.projects()).extracting(ProjectInfo::directory)
                .containsExactlyInAnyOrder("/repos/shop", "/tmp/scratch", CoreTestKit.DIRECTORY);
        assertThat(overview.complete()).isTrue();
    }

    @Test
    void aSessionBelongsToTheInnermostProjectItWorksIn() {
        kit.sessions.addProject(new ProjectInfo(null, "/repos/shop"));
        kit.sessions.addProject(new ProjectInfo("Vendored lib", "/repos/shop/vendor/lib"));
        SessionInfo inLib = kit.sessions.addSession("Lib work", "/repos/shop/vendor/lib/src", null);
        SessionInfo inShop = kit.sessions.addSession("Shop work", "/repos/shop/vendor", null);

        ServerOverview overview = catalog.overview();

        assertThat(overview.projectOf(inLib)).map(ProjectInfo::name).contains("Vendored lib");
        assertThat(overview.projectOf(inShop)).map(ProjectInfo::name).contains("shop");
    }

    @Test
    void summariesCountSessionsPutTheMostRecentlyActiveFirstAndMarkTheDefault() {
        kit.sessions.addSession("Old", "/tmp/older", null);
        kit.clock.advance(Duration.ofMinutes(5));
        kit.sessions.addSession("One", "/tmp/newer", null);
        kit.sessions.addSession("Two", "/tmp/newer", null);

        assertThat(catalog.overview().summaries()).containsExactly(
                new ProjectSummary(ProjectInfo.of("/tmp/newer"), 2, Optional.of(kit.clock.instant()), false),
                new ProjectSummary(ProjectInfo.of("/tmp/older"), 1,
                        Optional.of(kit.clock.instant().minus(Duration.ofMinutes(5))), false),
                new ProjectSummary(ProjectInfo.of(CoreTestKit.DIRECTORY), 0, Optional.empty(), true));
    }

    @Test
    void theConfiguredDirectoryIsTheDefaultProject() {
        CoreTestKit configured = CoreTestKit.aliceOwnsTheBotWithDirectory("/srv/chosen");

        ServerOverview overview = new ProjectCatalog(configured.sessions, configured.settings).overview();

        assertThat(overview.summaries()).filteredOn(ProjectSummary::isDefault).extracting(s -> s.project().directory())
                .containsExactly("/srv/chosen");
    }

    @Test
    void aNameIsChosenExactlyThenIgnoringCase() {
        kit.sessions.addSession("Work", "/tmp/Shop", null);
        kit.sessions.addSession("Work", "/tmp/blog", null);

        assertThat(catalog.choose("Shop")).isEqualTo(new ProjectChoice.Chosen(ProjectInfo.of("/tmp/Shop")));
        assertThat(catalog.choose("BLOG")).isEqualTo(new ProjectChoice.Chosen(ProjectInfo.of("/tmp/blog")));
    }

    @Test
    void aNameSeveralProjectsShareIsAmbiguous() {
        kit.sessions.addSession("Work", "/home/alice/app", null);
        kit.sessions.addSession("Work", "/home/bob/app", null);

        ProjectChoice choice = catalog.choose("app");

        assertThat(choice).isInstanceOf(ProjectChoice.Ambiguous.class);
        assertThat(((ProjectChoice.Ambiguous) choice).candidates()).extracting(ProjectInfo::directory)
                .containsExactlyInAnyOrder("/home/alice/app", "/home/bob/app");
    }

    @Test
    void anUnknownNameComesWithTheClosestNames() {
        kit.sessions.addSession("Work", "/tmp/shop", null);
        kit.sessions.addSession("Work", "/tmp/shop-admin", null);
        kit.sessions.addSession("Work", "/tmp/blog", null);
        kit.sessions.addSession("Work", "/tmp/zebra", null);

        ProjectChoice choice = catalog.choose("shpo");

        assertThat(choice).isInstanceOf(ProjectChoice.Unknown.class);
        assertThat(((ProjectChoice.Unknown) choice).closest()).extracting(ProjectInfo::name)
                .containsExactly("shop", "blog", "projA");
    }

    @Test
    void anAbsolutePathIsChosenAsItIsWithoutAskingTheServer() {
        kit.sessions.unavailable("not asked");

        assertThat(catalog.choose("/srv/somewhere/new/"))
                .isEqualTo(new ProjectChoice.Chosen(ProjectInfo.of("/srv/somewhere/new")));
    }
}
