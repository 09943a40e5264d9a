package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code !stop} and 🛑 abort a session's run; the thread says so once, after the answer so far. */
class StopFromChatTest {
    private static final SessionError ABORTED = new SessionError("MessageAbortedError", "Aborted");

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("Long run");

    /** The session runs and has streamed some answer text. */
    private ChatPost runningWithAnswerSoFar() {
        kit.sessions.status(mapping.sessionId(), SessionStatus.busy());
        kit.agentReports(new SessionEvent.TextDelta(mapping.sessionId(), new MessageId("msg_1"), new PartId("prt_1"),
                TextKind.ANSWER, "Working on it"));
        kit.scheduler.runDueTasks();
        return lastBotPost();
    }

    /** What the server reports after an abort: the error, then idle. */
    private void serverEndsTheRunAsAborted() {
        kit.agentReports(new SessionEvent.SessionErrored(mapping.sessionId(), ABORTED));
        kit.agentReports(new SessionEvent.SessionIdle(mapping.sessionId()));
        kit.agentReports(new SessionEvent.SessionIdle(mapping.sessionId()));
    }

    private ChatPost lastBotPost() {
        List<ChatPost> posts = kit.chat.postsBy(kit.bot.id());
        return kit.chat.post(posts.get(posts.size() - 1).id());
    }

    private List<String> botRepliesInThread() {
        return kit.chat.thread(mapping.thread().root()).stream().filter(post -> post.authorId().equals(kit.bot.id()))
                .map(post -> kit.chat.post(post.id()).message()).toList();
    }

    @Test
    void stopInTheThreadAbortsTheRunAndTheThreadSaysWhoStoppedItAfterTheAnswerSoFar() {
        ChatPost answer = runningWithAnswerSoFar();

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "!stop");
        serverEndsTheRunAsAborted();

        assertThat(kit.sessions.aborted()).containsExactly(mapping.sessionId());
        assertThat(kit.sessions.promptsTo(mapping.sessionId())).isEmpty();
        List<String> replies = botRepliesInThread();
        assertThat(replies).endsWith("Working on it", ":stop_sign: Stopped by @alice.");
        assertThat(replies).filteredOn(text -> text.contains("Stopped")).hasSize(1);
        assertThat(kit.chat.post(answer.id()).message()).isEqualTo("Working on it");
    }

    @Test
    void theStopSignOnABotPostOfTheThreadStopsTheRun() {
        ChatPost answer = runningWithAnswerSoFar();

        kit.userReacts(kit.alice, answer.id(), "octagonal_sign");
        serverEndsTheRunAsAborted();

        assertThat(kit.sessions.aborted()).containsExactly(mapping.sessionId());
        assertThat(botRepliesInThread()).last().isEqualTo(":stop_sign: Stopped by @alice.");
    }

    @Test
    void anAbortWhileTheServerWaitsToRetryEndsWithoutAnErrorAndIsStillSaid() {
        runningWithAnswerSoFar();

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "!stop");
        kit.agentReports(new SessionEvent.SessionIdle(mapping.sessionId()));

        assertThat(botRepliesInThread()).last().isEqualTo(":stop_sign: Stopped by @alice.");
    }

    @Test
    void aStrangersStopSignDoesNothing() {
        ChatPost answer = runningWithAnswerSoFar();

        kit.userReacts(kit.bob, answer.id(), "octagonal_sign");

        assertThat(kit.sessions.aborted()).isEmpty();
    }

    @Test
    void theStopSignOnSomeonesOwnPostDoesNothing() {
        runningWithAnswerSoFar();
        ChatPost own = kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "!status");

        kit.userReacts(kit.alice, own.id(), "octagonal_sign");

        assertThat(kit.sessions.aborted()).isEmpty();
    }

    @Test
    void stopWhenNothingRunsSaysSoAndAbortsNothing() {
        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "!stop");

        assertThat(kit.sessions.aborted()).isEmpty();
        assertThat(botRepliesInThread()).last().asString().contains("Nothing is running", mapping.shortId());
    }

    @Test
    void stopInTheMainDmSaysWhereItWorks() {
        kit.userPosts(kit.alice, kit.aliceDm, null, "!stop");

        assertThat(kit.sessions.aborted()).isEmpty();
        assertThat(lastBotPost().message()).contains("works in a session's thread");
    }

    @Test
    void aStopWithdrawsTheRequestsTheRunWaitedOn() {
        runningWithAnswerSoFar();
        PermissionRequest request = new PermissionRequest(new PermissionId("per_1"), mapping.sessionId(), "bash",
                List.of("make"), List.of("make *"), Map.of("command", "make"));
        kit.sessions.addPermission(request);
        kit.agentReports(new SessionEvent.PermissionAsked(request));

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "!stop");

        assertThat(kit.sessions.permissionReplies()).containsEntry(request, PermissionReply.REJECT);
        assertThat(kit.sessions.pendingPermissions()).isEmpty();
        assertThat(botRepliesInThread()).anySatisfy(text -> assertThat(text)
                .contains("make", "**Not answered**: the run was stopped by @alice."));
        assertThat(kit.requests.waiting()).isZero();
    }

    @Test
    void aRunAbortedInAnotherClientIsSaidToBeStoppedOnce() {
        runningWithAnswerSoFar();

        serverEndsTheRunAsAborted();

        assertThat(botRepliesInThread()).endsWith("Working on it", ":stop_sign: Stopped.");
    }

    @Test
    void helpSaysHowToStopAndHowToAnswerRequests() {
        kit.userPosts(kit.alice, kit.aliceDm, null, "!help");

        assertThat(lastBotPost().message()).contains("`!stop`", ":octagonal_sign:", ":+1:", ":white_check_mark:",
                "`always`", ":one:");
    }

    @Test
    void statusSaysHowManyRequestsWaitForAnAnswer() {
        PermissionRequest request = new PermissionRequest(new PermissionId("per_1"), mapping.sessionId(), "bash",
                List.of("make"), List.of(), Map.of("command", "make"));
        kit.sessions.addPermission(request);
        kit.agentReports(new SessionEvent.PermissionAsked(request));

        kit.userPosts(kit.alice, kit.aliceDm, null, "!status");

        assertThat(lastBotPost().message()).contains("Waiting for an answer: 1");
    }
}
