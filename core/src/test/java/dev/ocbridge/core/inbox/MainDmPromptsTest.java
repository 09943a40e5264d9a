package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChatFile;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainDmPromptsTest {

    @Test
    void inNewSessionModeThePostBecomesTheRootOfANewSessionsThread() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.NEW_SESSION);

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "build me a parser");

        List<SessionInfo> sessions = kit.sessions.listSessions();
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).directory()).isEqualTo(CoreTestKit.DIRECTORY);
        ThreadMapping mapping = kit.mappings.findBySession(sessions.get(0).id()).orElseThrow();
        assertThat(mapping.thread().root()).isEqualTo(post.id());
        List<ChatPost> thread = kit.chat.thread(post.id());
        assertThat(thread).hasSize(2);
        assertThat(thread.get(1).message()).contains("OpenCode session", sessions.get(0).shortId());
        assertThat(promptText(kit, mapping)).isEqualTo("[Mattermost DM from @alice]\n"
                + "[Reply-To: thread=" + post.id() + " post=" + post.id() + " channel=" + kit.aliceDm + "]\n"
                + "build me a parser");
    }

    @Test
    void withoutAConfiguredDirectoryTheSessionWorksWhereTheAgentServerWorks() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.NEW_SESSION);

        kit.userPosts(kit.alice, kit.aliceDm, null, "where am I?");

        assertThat(kit.sessions.listSessions()).extracting(SessionInfo::directory)
                .containsExactly(kit.sessions.serverDirectory());
    }

    @Test
    void withAConfiguredDirectoryTheSessionWorksThere() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBotWithDirectory("/srv/chosen");

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "work here");

        SessionInfo session = kit.sessions.recentRootSessions(Instant.EPOCH, 10).get(0);
        assertThat(session.directory()).isEqualTo("/srv/chosen");
        assertThat(kit.mappings.findBySession(session.id()).orElseThrow().thread().root()).isEqualTo(post.id());
    }

    @Test
    void aConfiguredDirectoryMissingOnTheServerGetsTheServersReasonAndStartsNothing() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBotWithDirectory("/srv/typo");
        kit.sessions.missingDirectory("/srv/typo");

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "work here");

        assertThat(kit.chat.thread(post.id()).get(1).message())
                .contains("Could not start a session", "/srv/typo", "does not exist");
        assertThat(kit.mappings.mappings()).isEmpty();
        assertThat(kit.sessions.recentRootSessions(Instant.EPOCH, 10)).isEmpty();
    }

    @Test
    void aFileThatCannotBeFetchedYetStartsNoSessionUntilItCanAndThenExactlyOne() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.NEW_SESSION);
        ChatFile notes = kit.chat.addFile("notes.txt", "text/plain", "read me".getBytes(StandardCharsets.UTF_8));
        kit.chat.failNextDownloads(1);

        kit.userPosts(kit.alice, kit.aliceDm, null, "start with this", List.of(notes.id()));
        assertThat(kit.sessions.listSessions()).isEmpty();
        kit.scheduler.advance(Duration.ofSeconds(1));

        assertThat(kit.sessions.listSessions()).hasSize(1);
        assertThat(kit.sessions.promptsTo(kit.sessions.listSessions().get(0).id()).get(0).parts()).hasSize(2);
    }

    @Test
    void aPostOfOnlyAFileTheAgentCannotReadStartsNoSession() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.NEW_SESSION);
        ChatFile archive = kit.chat.addFile("code.zip", "application/zip", new byte[]{'P', 'K', 3, 4, 0, 0});

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "", List.of(archive.id()));

        assertThat(kit.sessions.listSessions()).isEmpty();
        assertThat(kit.chat.thread(post.id()).get(1).message()).startsWith(":warning: Nothing was sent");
    }

    @Test
    void theServersSessionCreatedEventDoesNotOpenASecondThread() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.NEW_SESSION);
        kit.userPosts(kit.alice, kit.aliceDm, null, "start");
        SessionInfo created = kit.sessions.listSessions().get(0);

        kit.agentReports(new SessionEvent.SessionCreated(created));

        assertThat(kit.chat.postsIn(kit.aliceDm).stream().filter(post -> !post.isReply())).hasSize(1);
        assertThat(kit.mappings.mappings()).hasSize(1);
    }

    @Test
    void whenCreationFailsTheUserIsToldWhyNothingIsMappedAndARetryWorks() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.NEW_SESSION);
        kit.sessions.unavailable("OpenCode is not reachable");

        ChatPost failed = kit.userPosts(kit.alice, kit.aliceDm, null, "first try");

        assertThat(kit.mappings.mappings()).isEmpty();
        List<ChatPost> answer = kit.chat.thread(failed.id());
        assertThat(answer).hasSize(2);
        assertThat(answer.get(1).message()).contains("Could not start a session", "OpenCode is not reachable");

        kit.sessions.unavailable(null);
        ChatPost retry = kit.userPosts(kit.alice, kit.aliceDm, null, "second try");

        assertThat(kit.mappings.mappings()).hasSize(1);
        assertThat(kit.mappings.mappings().get(0).thread().root()).isEqualTo(retry.id());
    }

    @Test
    void whenTheStartedBlockCannotBePostedTheSessionStillGetsThePromptAndNoRetryIsAskedFor() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.NEW_SESSION);
        kit.chat.failNextWrites(1);

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "build me a parser");

        List<SessionInfo> sessions = kit.sessions.listSessions();
        assertThat(sessions).hasSize(1);
        ThreadMapping mapping = kit.mappings.findBySession(sessions.get(0).id()).orElseThrow();
        assertThat(mapping.thread().root()).isEqualTo(post.id());
        assertThat(promptText(kit, mapping)).endsWith("\nbuild me a parser");
        assertThat(kit.chat.thread(post.id())).containsExactly(post);
    }

    @Test
    void inRecentSessionModeThePromptGoesToTheMostRecentlyActiveSessionAndSaysWhere() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.RECENT_SESSION);
        ThreadMapping older = adopt(kit, "Older");
        kit.clock.advance(Duration.ofMinutes(1));
        ThreadMapping newer = adopt(kit, "Newer");

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "continue");

        assertThat(kit.sessions.promptsTo(older.sessionId())).isEmpty();
        assertThat(promptText(kit, newer)).isEqualTo("[Mattermost DM from @alice]\n"
                + "[Reply-To: thread=" + newer.thread().root() + " post=" + post.id() + " channel=" + kit.aliceDm
                + "]\ncontinue");
        List<ChatPost> notice = kit.chat.thread(post.id());
        assertThat(notice.get(1).message()).contains("Newer", kit.chat.permalink(newer.thread().root()));
    }

    @Test
    void inRecentSessionModeUseInAnotherClientCountsAsActivity() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.RECENT_SESSION);
        ThreadMapping usedInTheTui = adopt(kit, "Used in the TUI");
        kit.clock.advance(Duration.ofMinutes(1));
        ThreadMapping promptedFromChat = adopt(kit, "Prompted from chat");
        kit.userPosts(kit.alice, kit.aliceDm, promptedFromChat.thread().root(), "from chat");
        kit.clock.advance(Duration.ofMinutes(5));
        kit.agentReports(new SessionEvent.SessionUpdated(kit.sessions.usedElsewhere(usedInTheTui.sessionId())));

        kit.userPosts(kit.alice, kit.aliceDm, null, "continue");

        assertThat(kit.sessions.promptsTo(usedInTheTui.sessionId())).hasSize(1);
        assertThat(kit.sessions.promptsTo(promptedFromChat.sessionId())).hasSize(1);
    }

    @Test
    void inRejectModeTheUserIsPointedToTheThreadsAndNothingIsSent() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.REJECT);
        adopt(kit, "Existing");

        ChatPost post = kit.userPosts(kit.alice, kit.aliceDm, null, "hello");

        assertThat(kit.sessions.allPrompts()).isEmpty();
        assertThat(kit.sessions.listSessions()).hasSize(1);
        assertThat(kit.chat.thread(post.id()).get(1).message()).contains("Prompts go in a session's thread", "Existing");
    }

    private static ThreadMapping adopt(CoreTestKit kit, String title) {
        SessionInfo session = kit.sessions.addSession(title, CoreTestKit.DIRECTORY, null);
        kit.agentReports(new SessionEvent.SessionCreated(session));
        return kit.mappings.findBySession(session.id()).orElseThrow();
    }

    private static String promptText(CoreTestKit kit, ThreadMapping mapping) {
        return ((PromptPart.Text) kit.sessions.promptsTo(mapping.sessionId()).get(0).parts().get(0)).text();
    }
}
