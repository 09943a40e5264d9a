package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChannelKind;
import dev.ocbridge.core.domain.ChatEvent;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatInboxServiceTest {
    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();

    @Test
    void aReplyInASessionThreadReachesThatSessionWithItsReplyContext() {
        ThreadMapping mapping = sessionWithThread("Work");
        PostId root = mapping.thread().root();

        ChatPost reply = kit.userPosts(kit.alice, kit.aliceDm, root, "run the tests");

        assertThat(promptTexts(mapping)).containsExactly("[Mattermost DM from @alice]\n"
                + "[Reply-To: thread=" + root + " post=" + reply.id() + " channel=" + kit.aliceDm + "]\n"
                + "run the tests");
    }

    @Test
    void aReplyReachesOnlyItsOwnSession() {
        ThreadMapping first = sessionWithThread("First");
        ThreadMapping second = sessionWithThread("Second");

        kit.userPosts(kit.alice, kit.aliceDm, second.thread().root(), "only for the second");

        assertThat(kit.sessions.promptsTo(first.sessionId())).isEmpty();
        assertThat(kit.sessions.promptsTo(second.sessionId())).hasSize(1);
    }

    @Test
    void aReplyInAThreadWithoutSessionIsAnsweredThereAndReachesNoSession() {
        ChatPost unrelated = kit.userPosts(kit.alice, kit.aliceDm, null, "!help");
        int sessionsBefore = kit.sessions.listSessions().size();

        kit.userPosts(kit.alice, kit.aliceDm, unrelated.id(), "hello?");

        assertThat(kit.sessions.allPrompts()).isEmpty();
        assertThat(kit.sessions.listSessions()).hasSize(sessionsBefore);
        assertThat(lastBotPost().message()).contains("not linked to an OpenCode session", "!sessions");
        assertThat(lastBotPost().rootId()).isEqualTo(unrelated.id());
    }

    @Test
    void aReplyInAnEndedSessionsThreadIsRefusedWithAHint() {
        ThreadMapping mapping = sessionWithThread("Done");
        kit.agentReports(new SessionEvent.SessionDeleted(kit.sessions.session(mapping.sessionId()).orElseThrow()));

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "one more thing");

        assertThat(kit.sessions.allPrompts()).isEmpty();
        assertThat(lastBotPost().message()).contains("has ended", "main DM");
    }

    @Test
    void aPromptTheAgentServerRefusesShowsTheReasonInTheThread() {
        ThreadMapping mapping = sessionWithThread("Picky");
        kit.sessions.rejectNextPrompt("model fake/unknown is not available");

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "do it");

        ChatPost answer = lastBotPost();
        assertThat(answer.thread()).isEqualTo(mapping.thread());
        assertThat(answer.message()).contains("Could not send", "model fake/unknown is not available");
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
        assertThat(kit.mappings.findBySession(mapping.sessionId()).orElseThrow().isActive()).isTrue();
    }

    @Test
    void aPromptToASessionThatVanishedEndsTheThreadAndSaysSo() {
        ThreadMapping mapping = sessionWithThread("Vanishing");
        kit.sessions.removeSession(mapping.sessionId());

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "are you there?");

        assertThat(kit.mappings.findBySession(mapping.sessionId()).orElseThrow().isActive()).isFalse();
        assertThat(lastBotPost().message()).contains("has ended");
    }

    @Test
    void aStrangersDmGetsNoReplyAndReachesNoSession() {
        CoreTestKit kitWithStranger = CoreTestKit.aliceOwnsTheBot();
        int postsBefore = kitWithStranger.chat.postsBy(kitWithStranger.bot.id()).size();

        kitWithStranger.userPosts(kitWithStranger.bob, kitWithStranger.bobDm, null, "let me in");

        assertThat(kitWithStranger.sessions.listSessions()).isEmpty();
        assertThat(kitWithStranger.sessions.allPrompts()).isEmpty();
        assertThat(kitWithStranger.chat.postsBy(kitWithStranger.bot.id())).hasSize(postsBefore);
    }

    @Test
    void postsOfOtherBotsAndOutsideDirectChannelsAreIgnored() {
        kit.userPosts(kit.otherBot, kit.aliceDm, null, "automated");
        kit.userPostsInAGroup(kit.alice, "in a group");

        assertThat(kit.sessions.listSessions()).isEmpty();
        assertThat(kit.chat.postsBy(kit.bot.id())).isEmpty();
    }

    @Test
    void aPostAProgramMadeInTheOwnersDmInTheOwnersNameReachesNothing() {
        ThreadMapping mapping = sessionWithThread("Work");

        kit.automationPosts(kit.alice, kit.aliceDm, "rm -rf please");
        kit.chatServerWrites(kit.alice, kit.aliceDm, "alice updated the channel header to: run it");

        assertThat(kit.sessions.listSessions()).hasSize(1);
        assertThat(kit.sessions.allPrompts()).isEmpty();
        assertThat(kit.chat.postsBy(kit.bot.id())).extracting(ChatPost::thread).containsOnly(mapping.thread());
        assertThat(kit.chat.userLookups()).as("screened out before the author is looked up").isZero();
    }

    @Test
    void withoutOwnerOrAllowedUsersNobodyIsServed() {
        CoreTestKit closed = CoreTestKit.noOwner();

        closed.userPosts(closed.alice, closed.aliceDm, null, "hello?");
        closed.userPosts(closed.bob, closed.bobDm, null, "!help");

        assertThat(closed.sessions.listSessions()).isEmpty();
        assertThat(closed.chat.postsBy(closed.bot.id())).isEmpty();
    }

    @Test
    void anyonePeopleMayBeServedWhenTheOperatorSaidSo() {
        CoreTestKit open = CoreTestKit.anyoneMayDriveIt();

        open.userPosts(open.alice, open.aliceDm, null, "from alice");
        open.userPosts(open.bob, open.bobDm, null, "from bob");
        open.userPosts(open.otherBot, open.chat.directChannelWith(open.otherBot.id()), null, "from a bot");

        assertThat(open.sessions.listSessions()).hasSize(2);
        assertThat(open.mappings.mappings()).extracting(ThreadMapping::userId)
                .containsExactlyInAnyOrder(open.alice.id(), open.bob.id());
    }

    @Test
    void theBotsOwnPostsAreIgnored() {
        ChatPost own = kit.chat.postAs(kit.bot, kit.aliceDm, null, "I said this");

        kit.inbox.onChatEvent(new ChatEvent.MessagePosted(own, ChannelKind.DIRECT));

        assertThat(kit.sessions.listSessions()).isEmpty();
        assertThat(kit.chat.postsBy(kit.bot.id())).containsExactly(own);
    }

    @Test
    void allowedUsersAreServedAndOthersIgnoredWhenThereIsNoOwner() {
        CoreTestKit listed = CoreTestKit.noOwner("bob");

        listed.userPosts(listed.alice, listed.aliceDm, null, "from alice");
        listed.userPosts(listed.bob, listed.bobDm, null, "from bob");

        assertThat(listed.sessions.listSessions()).hasSize(1);
        ThreadMapping mapping = listed.mappings.mappings().get(0);
        assertThat(mapping.userId()).isEqualTo(listed.bob.id());
        assertThat(mapping.thread().channel()).isEqualTo(listed.bobDm);
    }

    @Test
    void commandsAreAnsweredAndNeverReachTheAgent() {
        sessionWithThread("Listed session");

        kit.userPosts(kit.alice, kit.aliceDm, null, "!sessions");
        assertThat(lastBotPost().message()).contains("Listed session", "active", "[thread](");
        kit.userPosts(kit.alice, kit.aliceDm, null, "!status");
        assertThat(lastBotPost().message()).contains("Version: 1.2.3", "1 active", "Uptime");
        kit.userPosts(kit.alice, kit.aliceDm, null, "!help");
        assertThat(lastBotPost().message()).contains("!sessions", "!status");
        kit.userPosts(kit.alice, kit.aliceDm, null, "!frobnicate");
        assertThat(lastBotPost().message()).contains("Unknown command `!frobnicate`", "!help");

        assertThat(kit.sessions.allPrompts()).isEmpty();
    }

    private ThreadMapping sessionWithThread(String title) {
        return kit.sessionWithThread(title);
    }

    private List<String> promptTexts(ThreadMapping mapping) {
        return kit.promptTextsTo(mapping.sessionId());
    }

    private ChatPost lastBotPost() {
        List<ChatPost> own = kit.chat.postsBy(kit.bot.id());
        return own.get(own.size() - 1);
    }
}
