package dev.ocbridge.core.commands;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ProjectInfo;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code !sessions} and {@code !projects} answer from what the agent server holds, across every project. */
class SessionAndProjectListsTest {
    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();

    @Test
    void sessionsOfEveryProjectAreListedNewestFirstWithTheirProjectAndThread() {
        kit.sessions.addProject(new ProjectInfo(null, "/repos/shop"));
        SessionInfo older = kit.sessions.addSession("Older work", "/repos/shop/api", null);
        kit.clock.advance(Duration.ofMinutes(2));
        ThreadMapping newer = kit.sessionWithThread("Newer work");

        String answer = command("!sessions");

        assertThat(answer).containsSubsequence("1. **Newer work** · projA", "[thread]("
                + kit.chat.permalink(newer.thread().root()) + ")", "2. **Older work** · shop", "no thread");
        assertThat(answer).contains(older.shortId());
    }

    @Test
    void moreThanTwentySessionsAreCutWithTheCountOfTheRest() {
        for (int i = 1; i <= 23; i++) {
            kit.sessions.addSession("Session " + i, "/srv/batch", null);
            kit.clock.advance(Duration.ofSeconds(1));
        }

        String answer = command("!sessions");

        assertThat(answer).contains("1. **Session 23**", "20. **Session 4**", "… and 3 more sessions.");
        assertThat(answer).doesNotContain("**Session 3**");
    }

    @Test
    void anotherUsersThreadIsNotLinked() {
        CoreTestKit shared = CoreTestKit.anyoneMayDriveIt();
        shared.userPosts(shared.bob, shared.bobDm, null, "bob's work");

        ChatPost ask = shared.userPosts(shared.alice, shared.aliceDm, null, "!sessions");

        String answer = shared.chat.thread(ask.id()).get(1).message();
        assertThat(answer).contains("another user's thread").doesNotContain("[thread](");
    }

    @Test
    void textTheServerSentIsShownAsTextNotAsMarkup() {
        kit.sessions.addSession("**bold** @channel [x](http://evil)", "/srv/we_ird", null);

        String answer = command("!sessions");

        assertThat(answer).contains("\\*\\*bold\\*\\*", "@\u200Bchannel", "\\[x\\]\\(http\\:", "we\\_ird")
                .doesNotContain("@channel");
    }

    @Test
    void whenTheServerCannotBeAskedTheListSaysWhy() {
        kit.sessions.unavailable("OpenCode is not reachable");

        assertThat(command("!sessions")).contains("Could not ask OpenCode", "not reachable");
        assertThat(command("!projects")).contains("Could not ask OpenCode", "not reachable");
    }

    @Test
    void projectsAreListedWithPathSessionsAndWhereNewSessionsGo() {
        kit.sessions.addProject(new ProjectInfo(null, "/repos/shop"));
        kit.sessions.addSession("One", "/repos/shop", null);
        kit.sessions.addSession("Two", "/repos/shop/api", null);
        kit.sessions.addSession("Loose", "/tmp/scratch", null);

        String answer = command("!projects");

        assertThat(answer).contains("**Projects**", "**shop** · `/repos/shop` · 2 sessions",
                "**scratch** · `/tmp/scratch` · 1 session",
                "**projA** · `/home/dev/projA` · no sessions · new sessions from the main DM go here",
                "!new <project> <what to do>");
    }

    @Test
    void helpNamesTheProjectCommands() {
        assertThat(command("!help")).contains("!projects", "!new <project> <what to do>");
    }

    @Test
    void whereSessionsAreNotStartedFromChatNeitherHelpNorProjectsOfferNew() {
        CoreTestKit rejecting = CoreTestKit.aliceOwnsTheBot(MainDmMode.REJECT);

        ChatPost help = rejecting.userPosts(rejecting.alice, rejecting.aliceDm, null, "!help");
        ChatPost projects = rejecting.userPosts(rejecting.alice, rejecting.aliceDm, null, "!projects");

        assertThat(rejecting.chat.thread(help.id()).get(1).message()).contains("!projects").doesNotContain("!new");
        assertThat(rejecting.chat.thread(projects.id()).get(1).message()).contains("projA").doesNotContain("!new");
    }

    @Test
    void anAdoptedSessionOfAnotherProjectIsListedWithItsThread() {
        SessionInfo elsewhere = kit.sessions.addSession("Elsewhere", "/srv/other", null);
        kit.agentReports(new SessionEvent.SessionCreated(elsewhere));

        assertThat(command("!sessions")).contains("**Elsewhere** · other", "[thread](");
    }

    private String command(String text) {
        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, text);
        return kit.chat.thread(post.id()).get(1).message();
    }
}
