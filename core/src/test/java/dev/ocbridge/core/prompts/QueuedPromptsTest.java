package dev.ocbridge.core.prompts;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A prompt posted while its session works is passed on at once and shown as waiting until it starts. */
class QueuedPromptsTest {
    private static final String WAITING = "hourglass_flowing_sand";

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("Busy work");
    private final SessionId session = mapping.sessionId();

    @Test
    void aPromptToAnIdleSessionIsNotMarked() {
        ChatPost first = reply("start the work");

        assertThat(kit.chat.reactionsOn(first.id())).isEmpty();
        assertThat(kit.chat.reactionChanges()).isEmpty();
    }

    @Test
    void aPromptPostedRightAfterAnotherIsSentAtOnceInOrderAndMarkedAsWaiting() {
        ChatPost first = reply("first");
        ChatPost second = reply("second");

        assertThat(kit.sessions.promptsTo(session)).extracting(Prompt::id)
                .containsExactly(PromptId.forPost(first.id()), PromptId.forPost(second.id()));
        assertThat(kit.chat.reactionsOn(first.id())).isEmpty();
        assertThat(kit.chat.reactionsOn(second.id())).containsExactly(WAITING);
    }

    @Test
    void aPromptPostedWhileTheServerReportsTheSessionBusyIsMarked() {
        kit.agentReports(new SessionEvent.SessionStatusChanged(session, SessionStatus.busy()));

        ChatPost prompt = reply("while you are at it");

        assertThat(kit.chat.reactionsOn(prompt.id())).containsExactly(WAITING);
    }

    @Test
    void theMarkComesOffWhenThePromptsRunStarts() {
        reply("first");
        ChatPost second = reply("second");

        kit.agentReports(new SessionEvent.PromptStarted(session, PromptId.forPost(second.id())));

        assertThat(kit.chat.reactionsOn(second.id())).isEmpty();
        assertThat(kit.chat.reactionChanges()).containsExactly("+" + WAITING + " " + second.id(),
                "-" + WAITING + " " + second.id());
    }

    @Test
    void theAnswerToAPromptThatWaitedStartsInAPostOfItsOwn() {
        reply("first");
        ChatPost second = reply("second");
        text("prt_1", "The first answer.");

        kit.agentReports(new SessionEvent.PromptStarted(session, PromptId.forPost(second.id())));
        text("prt_2", "The second answer.");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(kit.chat.postsBy(kit.bot.id())).extracting(ChatPost::message)
                .endsWith("The first answer.", "The second answer.");
    }

    @Test
    void theStartOfAnotherPromptLeavesTheMarkOn() {
        ChatPost first = reply("first");
        ChatPost second = reply("second");

        kit.agentReports(new SessionEvent.PromptStarted(session, PromptId.forPost(first.id())));

        assertThat(kit.chat.reactionsOn(second.id())).containsExactly(WAITING);
    }

    @Test
    void everyMarkOfTheSessionComesOffWhenItIsIdleAgain() {
        reply("first");
        ChatPost second = reply("second");
        ChatPost third = reply("third");

        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(kit.chat.reactionsOn(second.id())).isEmpty();
        assertThat(kit.chat.reactionsOn(third.id())).isEmpty();
    }

    @Test
    void aPromptAfterTheSessionWentIdleIsNotMarked() {
        reply("first");
        kit.agentReports(new SessionEvent.SessionStatusChanged(session, SessionStatus.idle()));

        ChatPost next = reply("next");

        assertThat(kit.chat.reactionsOn(next.id())).isEmpty();
    }

    @Test
    void theMarksOfOneSessionDoNotLeakIntoAnother() {
        ThreadMapping other = kit.sessionWithThread("Other work");
        reply("first");
        reply("second");

        ChatPost elsewhere = kit.userPosts(kit.alice, kit.aliceDm, other.thread().root(), "hello there");

        assertThat(kit.chat.reactionsOn(elsewhere.id())).isEmpty();
    }

    @Test
    void aPromptTheServerRefusedIsNotMarked() {
        reply("first");
        kit.sessions.rejectNextPrompt("no such model");

        ChatPost refused = reply("second");

        assertThat(kit.chat.reactionsOn(refused.id())).isEmpty();
        assertThat(kit.chat.reactionChanges()).isEmpty();
    }

    private void text(String part, String text) {
        kit.agentReports(new SessionEvent.TextDelta(session, new MessageId("msg_" + part), new PartId(part),
                TextKind.ANSWER, text));
        kit.scheduler.runDueTasks();
    }

    private ChatPost reply(String text) {
        PostId root = mapping.thread().root();
        return kit.userPosts(kit.alice, kit.aliceDm, root, text);
    }
}
