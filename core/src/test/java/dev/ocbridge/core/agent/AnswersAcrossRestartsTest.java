package dev.ocbridge.core.agent;

import dev.ocbridge.core.domain.AnsweringMessage;
import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.DeliveredAnswer;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.TokenUsage;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.testing.CoreTestKit;
import dev.ocbridge.core.texts.BridgeTexts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart (a crash, a deploy) in the middle of an answer: completed once, nothing repeated, cut-offs said. */
class AnswersAcrossRestartsTest {
    private static final MessageId MESSAGE = new MessageId("msg_1");
    private static final PartId FIRST = new PartId("prt_1");
    private static final PartId SECOND = new PartId("prt_2");
    private static final String INTERRUPTED = new BridgeTexts(MainDmMode.NEW_SESSION).runInterruptedWhileAway();

    private CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("Restart");
    private final SessionId session = mapping.sessionId();

    @Test
    void anAnswerThatFinishedWhileTheBridgeWasDownGetsOnlyItsMissingText() {
        answerSoFar("The first half, ");

        restartWhileTheServerHolds(finished("The first half, and the second half."));

        assertThat(answers()).containsExactly("The first half, ", "and the second half.");
    }

    @Test
    void textTheLastPostShowsBeyondTheRecordWrittenAMomentBeforeTheCrashIsNotPostedAgain() {
        answerSoFar("The first sentence is long enough to be recognised, and this was posted too. ");
        DeliveredAnswer recorded = kit.mappings.deliveredAnswer(session).orElseThrow();
        kit.mappings.saveDeliveredAnswer(new DeliveredAnswer(session, Map.of(FIRST, 52),
                recorded.workingPostShown().orElseThrow(), recorded.workingLine()));

        restartWhileTheServerHolds(finished("The first sentence is long enough to be recognised, and this was "
                + "posted too. The rest."));

        assertThat(answers()).containsExactly(
                "The first sentence is long enough to be recognised, and this was posted too. ", "The rest.");
    }

    @Test
    void anAnswerChatShowedWholeBeforeTheRestartIsNotPostedAgain() {
        answerSoFar("All of it.");

        restartWhileTheServerHolds(finished("All of it."));

        assertThat(answers()).containsExactly("All of it.");
    }

    @Test
    void aPartThatStartedAfterTheLastFlushIsShownWholeBelow() {
        answerSoFar("One.");

        restartWhileTheServerHolds(new AnsweringMessage(finishedInfo(), List.of(
                new AnsweringMessage.Text(FIRST, TextKind.ANSWER, "One."),
                new AnsweringMessage.Text(SECOND, TextKind.ANSWER, "Two."))));

        assertThat(answers()).containsExactly("One.", "Two.");
    }

    @Test
    void aRunTheServerNeverFinishedIsSaidToBeInterruptedOnceAcrossRestarts() {
        answerSoFar("Half an answer");

        restartWhileTheServerHolds(new AnsweringMessage(unfinishedInfo(), List.of(
                new AnsweringMessage.Text(FIRST, TextKind.ANSWER, "Half an answer"))));
        kit = kit.restart();
        kit.agentReports(new SessionEvent.StreamConnected(false));

        assertThat(answers()).containsExactly("Half an answer", INTERRUPTED);
    }

    @Test
    void aRunAbortedWhileTheBridgeWasDownIsSaidToBeInterrupted() {
        answerSoFar("Half an answer");

        restartWhileTheServerHolds(new AnsweringMessage(unfinishedInfo().failedWith(
                new SessionError("MessageAbortedError", "aborted")), List.of(
                new AnsweringMessage.Text(FIRST, TextKind.ANSWER, "Half an answer"))));

        assertThat(answers()).containsExactly("Half an answer", INTERRUPTED);
    }

    @Test
    void aSessionDeletedWhileTheBridgeWasDownIsSaidToBeInterrupted() {
        answerSoFar("Half an answer");
        kit.sessions.deleteSession(session);

        kit = kit.restart();
        kit.agentReports(new SessionEvent.StreamConnected(false));

        // The reconciler's notice that the session ended comes last.
        assertThat(answers()).hasSize(3);
        assertThat(answers().subList(0, 2)).containsExactly("Half an answer", INTERRUPTED);
    }

    @Test
    void aSessionStillBusyAfterTheRestartShowsOnlyTheRestOfAPartWhenItsWholeTextArrives() {
        answerSoFar("Start, ");
        kit.sessions.status(session, SessionStatus.busy());
        kit = kit.restart();
        kit.agentReports(new SessionEvent.StreamConnected(false));

        kit.agentReports(new SessionEvent.TextDelta(session, MESSAGE, FIRST, TextKind.ANSWER, "end."));
        kit.agentReports(new SessionEvent.TextPartUpdated(session, MESSAGE, FIRST, TextKind.ANSWER,
                "Start, end.", true));
        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(answers()).containsExactly("Start, ", "end.");
    }

    @Test
    void aRunCompletedInChatLeavesNothingForTheNextStart() {
        answerSoFar("Done.");

        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(kit.mappings.deliveredAnswers()).isEmpty();
    }

    /** The run shows this much in chat, and the bridge stops before the run ends. */
    private void answerSoFar(String text) {
        kit.agentReports(new SessionEvent.SessionStatusChanged(session, SessionStatus.busy()));
        kit.agentReports(new SessionEvent.TextDelta(session, MESSAGE, FIRST, TextKind.ANSWER, text));
        kit.scheduler.runDueTasks();
    }

    /** The run ended while the bridge was down; the server is idle and holds {@code message}. */
    private void restartWhileTheServerHolds(AnsweringMessage message) {
        kit.sessions.status(session, SessionStatus.idle());
        kit.sessions.latestRunIs(session, List.of(message));
        kit = kit.restart();
        kit.agentReports(new SessionEvent.StreamConnected(false));
    }

    private static AnsweringMessage finished(String text) {
        return new AnsweringMessage(finishedInfo(), List.of(new AnsweringMessage.Text(FIRST, TextKind.ANSWER, text)));
    }

    private static MessageInfo finishedInfo() {
        return new MessageInfo(MESSAGE, new SessionId("unused"), MessageRole.ASSISTANT, "stop", null, 0,
                TokenUsage.NONE, CoreTestKit.START, CoreTestKit.START);
    }

    private static MessageInfo unfinishedInfo() {
        return new MessageInfo(MESSAGE, new SessionId("unused"), MessageRole.ASSISTANT, null, null, 0,
                TokenUsage.NONE, CoreTestKit.START, null);
    }

    private List<String> answers() {
        List<ChatPost> thread = kit.chat.thread(mapping.thread().root());
        return thread.subList(1, thread.size()).stream().map(ChatPost::message).toList();
    }
}
