package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the bot suggests next must be true for what a message in the main DM does. */
class HintsFollowTheMainDmModeTest {

    @Test
    void inRejectModeAReplyInAnEndedThreadIsPointedToOpenCodeAndTheSessionList() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.REJECT);
        ThreadMapping mapping = endedSession(kit);

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "one more thing");

        assertThat(lastBotPost(kit).message()).contains("has ended", "Start a new session in OpenCode", "`!sessions`")
                .doesNotContain("main DM");
    }

    @Test
    void helpSaysWhatAMessageInTheMainDmDoesInEachMode() {
        assertThat(helpIn(MainDmMode.NEW_SESSION)).contains("main DM starts a new session");
        assertThat(helpIn(MainDmMode.RECENT_SESSION)).contains("main DM goes to your most recent active session");
        assertThat(helpIn(MainDmMode.REJECT)).contains("not sent to OpenCode");
    }

    private static String helpIn(MainDmMode mode) {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(mode);
        kit.userPosts(kit.alice, kit.aliceDm, null, "!help");
        return lastBotPost(kit).message();
    }

    @Test
    void inRejectModeTheEndedNoticeDoesNotOfferTheMainDm() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.REJECT);

        endedSession(kit);

        assertThat(lastBotPost(kit).message()).contains("Session ended", "Start a new session in OpenCode")
                .doesNotContain("main DM");
    }

    @Test
    void inRecentSessionModeAReplyInAnUnknownThreadIsToldTheMainDmGoesToTheMostRecentSession() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.RECENT_SESSION);
        ChatPost unrelated = kit.userPosts(kit.alice, kit.aliceDm, null, "!help");

        kit.userPosts(kit.alice, kit.aliceDm, unrelated.id(), "hello?");

        assertThat(lastBotPost(kit).message()).contains("not linked to an OpenCode session",
                "A message in the main DM goes to your most recent active session", "`!sessions`");
    }

    @Test
    void inRejectModeAnEmptySessionListDoesNotOfferTheMainDm() {
        CoreTestKit kit = CoreTestKit.aliceOwnsTheBot(MainDmMode.REJECT);

        kit.userPosts(kit.alice, kit.aliceDm, null, "!sessions");

        assertThat(lastBotPost(kit).message()).contains("No sessions yet", "Start one in OpenCode")
                .doesNotContain("main DM");
    }

    private static ThreadMapping endedSession(CoreTestKit kit) {
        ThreadMapping mapping = kit.sessionWithThread("Done");
        kit.agentReports(new SessionEvent.SessionDeleted(kit.sessions.session(mapping.sessionId()).orElseThrow()));
        return mapping;
    }

    private static ChatPost lastBotPost(CoreTestKit kit) {
        List<ChatPost> own = kit.chat.postsBy(kit.bot.id());
        return own.get(own.size() - 1);
    }
}
