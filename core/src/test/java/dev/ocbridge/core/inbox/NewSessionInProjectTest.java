package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code !new <project> <text>}: a session in the chosen project, prompted like a main-DM post. */
class NewSessionInProjectTest {
    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();

    @Test
    void aKnownProjectGetsANewSessionRootedAtThePostAndPromptedWithTheText() {
        kit.sessions.addSession("Earlier work", "/srv/blog", null);
        kit.clock.advance(Duration.ofMinutes(1));

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "!new blog write the about page");

        SessionInfo started = newestSession();
        assertThat(started.directory()).isEqualTo("/srv/blog");
        ThreadMapping mapping = kit.mappings.findBySession(started.id()).orElseThrow();
        assertThat(mapping.thread().root()).isEqualTo(post.id());
        assertThat(kit.chat.thread(post.id()).get(1).message()).contains("OpenCode session", "/srv/blog");
        assertThat(promptTexts(started)).containsExactly("[Mattermost DM from @alice]\n"
                + "[Reply-To: thread=" + post.id() + " post=" + post.id() + " channel=" + kit.aliceDm + "]\n"
                + "write the about page");
    }

    @Test
    void anAbsolutePathStartsASessionThereEvenInAProjectTheServerHasNotSeen() {
        kit.userPosts(kit.alice, kit.aliceDm, null, "!new /srv/fresh start here");

        assertThat(newestSession().directory()).isEqualTo("/srv/fresh");
    }

    @Test
    void anUnknownNameStartsNothingAndNamesTheClosestProjects() {
        kit.sessions.addSession("Earlier work", "/srv/blog", null);

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "!new blgo write the about page");

        String answer = kit.chat.thread(post.id()).get(1).message();
        assertThat(answer).contains("No project is called `blgo`", "nothing was started", "`blog`", "!projects");
        assertThat(kit.sessions.recentRootSessions(Instant.EPOCH, 10)).hasSize(1);
        assertThat(kit.sessions.allPrompts()).isEmpty();
    }

    @Test
    void aNameOfSeveralProjectsStartsNothingAndShowsTheirPaths() {
        kit.sessions.addSession("A", "/home/alice/app", null);
        kit.sessions.addSession("B", "/home/bob/app", null);

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "!new app go");

        assertThat(kit.chat.thread(post.id()).get(1).message())
                .contains("Several projects are called `app`", "`/home/alice/app`", "`/home/bob/app`");
        assertThat(kit.sessions.allPrompts()).isEmpty();
        assertThat(kit.mappings.mappings()).isEmpty();
    }

    @Test
    void aDirectoryMissingOnTheServerGetsTheServersReasonAndStartsNothing() {
        kit.sessions.missingDirectory("/srv/typo");

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "!new /srv/typo go");

        assertThat(kit.chat.thread(post.id()).get(1).message()).contains("Could not start a session", "/srv/typo");
        assertThat(kit.mappings.mappings()).isEmpty();
        assertThat(kit.sessions.allPrompts()).isEmpty();
    }

    @Test
    void withoutAProjectOrTextTheUsageIsExplained() {
        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "!new blog");

        assertThat(kit.chat.thread(post.id()).get(1).message()).contains("!new <project> <what to do>");
        assertThat(kit.sessions.recentRootSessions(Instant.EPOCH, 10)).isEmpty();
    }

    @Test
    void inAThreadItIsRefusedBecauseTheNewSessionNeedsAThreadOfItsOwn() {
        ThreadMapping existing = kit.sessionWithThread("Existing");

        kit.userPosts(kit.alice, kit.aliceDm, existing.thread().root(), "!new projA go");

        List<ChatPost> thread = kit.chat.thread(existing.thread().root());
        assertThat(thread.get(thread.size() - 1).message()).contains("works in the main DM");
        assertThat(kit.sessions.allPrompts()).isEmpty();
        assertThat(kit.mappings.mappings()).hasSize(1);
    }

    @Test
    void whenTheOperatorRefusesSessionsFromChatItStartsNothing() {
        CoreTestKit rejecting = CoreTestKit.aliceOwnsTheBot(MainDmMode.REJECT);

        ChatPost post = rejecting.userPosts(rejecting.alice, rejecting.aliceDm, null, "!new /srv/blog go");

        assertThat(rejecting.chat.thread(post.id()).get(1).message()).contains("not started from chat");
        assertThat(rejecting.sessions.recentRootSessions(Instant.EPOCH, 10)).isEmpty();
    }

    @Test
    void whenTheServerCannotBeAskedForItsProjectsTheUserIsToldWhy() {
        kit.sessions.unavailable("OpenCode is not reachable");

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "!new blog go");

        assertThat(kit.chat.thread(post.id()).get(1).message()).contains("Could not ask OpenCode", "not reachable");
        assertThat(kit.mappings.mappings()).isEmpty();
    }

    private SessionInfo newestSession() {
        return kit.sessions.recentRootSessions(Instant.EPOCH, 1).get(0);
    }

    private List<String> promptTexts(SessionInfo session) {
        return kit.sessions.promptsTo(session.id()).stream()
                .map(prompt -> ((PromptPart.Text) prompt.parts().get(0)).text())
                .toList();
    }
}
