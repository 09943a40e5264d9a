package dev.ocbridge.core.answers;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseStreamingTest {
    private static final MessageId MESSAGE = new MessageId("msg_1");
    private static final PartId PART = new PartId("prt_1");

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = sessionWithThread();
    private final SessionId session = mapping.sessionId();

    @Test
    void theFirstTextCreatesAPostInTheThread() {
        delta(PART, "Hello");
        kit.scheduler.runDueTasks();

        assertThat(answers()).extracting(ChatPost::message).containsExactly("Hello");
    }

    @Test
    void laterTextEditsThePostAtABoundedRate() {
        delta(PART, "Hel");
        kit.scheduler.runDueTasks();

        delta(PART, "lo");
        delta(PART, " world");
        kit.scheduler.advance(Duration.ofMillis(499));
        assertThat(kit.chat.edits()).isEmpty();
        kit.scheduler.advance(Duration.ofMillis(1));

        assertThat(kit.chat.edits()).containsExactly("Hello world");
        assertThat(answers()).extracting(ChatPost::message).containsExactly("Hello world");
    }

    @Test
    void whenTheAnswerPostIsDeletedTheTextGoesOnInANewPost() {
        delta(PART, "Hel");
        kit.scheduler.runDueTasks();
        kit.chat.deletePost(answers().get(0).id());

        delta(PART, "lo again");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(answers()).extracting(ChatPost::message).containsExactly("Hello again");
    }

    @Test
    void idleFlushesTheFinalTextAtOnce() {
        delta(PART, "partial");
        kit.scheduler.runDueTasks();
        delta(PART, " and the rest");

        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(answers()).extracting(ChatPost::message).containsExactly("partial and the rest");
        // No flush waits: the one timer left forgets the ended session's output later.
        assertThat(kit.scheduler.pendingTasks()).isEqualTo(1);
    }

    @Test
    void textWaitingForTheEditIntervalIsSentWhenTheBridgeStops() {
        delta(PART, "Hel");
        kit.scheduler.runDueTasks();
        delta(PART, "lo before stopping");

        kit.output.flushPendingAnswers();

        assertThat(answers()).extracting(ChatPost::message).containsExactly("Hello before stopping");
    }

    @Test
    void theServersCompleteTextWinsOverSummedDeltas() {
        delta(PART, "Helo");
        kit.agentReports(new SessionEvent.TextPartUpdated(session, MESSAGE, PART, TextKind.ANSWER, "Hello", true));
        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(answers()).extracting(ChatPost::message).containsExactly("Hello");
    }

    @Test
    void reasoningIsNotPostedAsTheAnswer() {
        kit.agentReports(new SessionEvent.TextDelta(session, MESSAGE, new PartId("prt_r"), TextKind.REASONING, "hmm"));
        delta(PART, "Answer");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(answers()).extracting(ChatPost::message).containsExactly("Answer");
    }

    @Test
    void textBeyondThePostLimitContinuesInNewPostsCompleteAndInOrder() {
        StringBuilder full = new StringBuilder();
        for (int i = 0; i < 4_000; i++) {
            String piece = "line " + i + " of a long answer\n";
            full.append(piece);
            delta(PART, piece);
            kit.scheduler.advance(Duration.ofMillis(100));
        }
        kit.agentReports(new SessionEvent.SessionIdle(session));

        List<ChatPost> answers = answers();
        assertThat(full.length()).isGreaterThan(40_000);
        assertThat(answers).hasSizeGreaterThanOrEqualTo(3);
        assertThat(answers).allSatisfy(post -> assertThat(post.message().length()).isLessThanOrEqualTo(15_000));
        assertThat(answers.stream().map(ChatPost::message).reduce("", String::concat)).isEqualTo(full.toString());
    }

    @Test
    void theNextRunStartsANewPost() {
        delta(PART, "first answer");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        delta(new PartId("prt_2"), "second answer");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(answers()).extracting(ChatPost::message).containsExactly("first answer", "second answer");
    }

    @Test
    void lateUpdatesOfAFinishedPartAreNotPostedAgain() {
        delta(PART, "stopped mid");
        kit.agentReports(new SessionEvent.SessionErrored(session, new SessionError("MessageAbortedError", "Aborted")));
        kit.agentReports(new SessionEvent.SessionIdle(session));

        kit.agentReports(new SessionEvent.TextPartUpdated(session, MESSAGE, PART, TextKind.ANSWER, "stopped mid", false));
        kit.agentReports(new SessionEvent.SessionIdle(session));
        kit.scheduler.advance(Duration.ofSeconds(5));

        assertThat(answers()).extracting(ChatPost::message).containsExactly("stopped mid", ":stop_sign: Stopped.");
    }

    @Test
    void aRunThatEndsInAnErrorShowsTheErrorInTheThread() {
        kit.agentReports(new SessionEvent.SessionErrored(session,
                new SessionError("APIError", "fake upstream failure 400")));

        assertThat(answers()).extracting(ChatPost::message)
                .containsExactly(":warning: The agent stopped with an error (APIError): fake upstream failure 400");
    }

    @Test
    void textIsKeptAndPostedLaterWhenTheChatServerIsBrieflyUnavailable() {
        kit.chat.failNextWrites(2);
        delta(PART, "not lost");
        kit.scheduler.runDueTasks();
        assertThat(answers()).isEmpty();

        kit.scheduler.advance(Duration.ofSeconds(10));

        assertThat(answers()).extracting(ChatPost::message).containsExactly("not lost");
    }

    @Test
    void sessionsStreamIntoTheirOwnThreadsOnly() {
        ThreadMapping other = sessionWithThread();

        delta(PART, "for the first");
        kit.agentReports(new SessionEvent.TextDelta(other.sessionId(), new MessageId("msg_9"), new PartId("prt_9"),
                TextKind.ANSWER, "for the second"));
        kit.agentReports(new SessionEvent.SessionIdle(session));
        kit.agentReports(new SessionEvent.SessionIdle(other.sessionId()));

        assertThat(answers()).extracting(ChatPost::message).containsExactly("for the first");
        assertThat(kit.chat.thread(other.thread().root()).subList(1, 2))
                .extracting(ChatPost::message).containsExactly("for the second");
    }

    @Test
    void aChildSessionsTextNeverReachesAnyThread() {
        SessionInfo child = kit.sessions.addSession("Sub task", CoreTestKit.DIRECTORY, session);
        kit.agentReports(new SessionEvent.SessionCreated(child));

        kit.agentReports(new SessionEvent.TextDelta(child.id(), MESSAGE, new PartId("prt_c"), TextKind.ANSWER, "child"));
        kit.agentReports(new SessionEvent.SessionIdle(child.id()));

        assertThat(kit.chat.postsIn(kit.aliceDm)).extracting(ChatPost::message).noneMatch(text -> text.contains("child"));
    }

    private void delta(PartId part, String text) {
        kit.agentReports(new SessionEvent.TextDelta(session, MESSAGE, part, TextKind.ANSWER, text));
    }

    private ThreadMapping sessionWithThread() {
        SessionInfo info = kit.sessions.addSession("Streaming", CoreTestKit.DIRECTORY, null);
        kit.agentReports(new SessionEvent.SessionCreated(info));
        return kit.mappings.findBySession(info.id()).orElseThrow();
    }

    private List<ChatPost> answers() {
        List<ChatPost> thread = kit.chat.thread(mapping.thread().root());
        return thread.subList(1, thread.size());
    }
}
