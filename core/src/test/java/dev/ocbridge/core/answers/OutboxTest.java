package dev.ocbridge.core.answers;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.settings.MainDmMode;
import dev.ocbridge.core.testing.CoreTestKit;
import dev.ocbridge.core.texts.BridgeTexts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the streamer does when the chat server is away or loses answers, and when it forgets a session. */
class OutboxTest {
    private static final MessageId MESSAGE = new MessageId("msg_1");
    private static final PartId PART = new PartId("prt_1");

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("Outbox");
    private final SessionId session = mapping.sessionId();

    @Test
    void anAnswerIsPostedAfterTheChatServerWasAwayForAnHour() {
        kit.chat.failNextWrites(150);
        delta("still ");
        delta("here");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        kit.scheduler.advance(Duration.ofHours(2));

        assertThat(answers()).containsExactly("still here");
    }

    @Test
    void aRunThatFinishedWhileChatWasAwayIsPostedWholeBeforeTheAnswerOfTheNextRun() {
        delta("first ");
        kit.scheduler.runDueTasks();
        kit.chat.failNextWrites(Integer.MAX_VALUE);
        delta("line of the first answer\n".repeat(1_000));
        kit.agentReports(new SessionEvent.SessionIdle(session));
        kit.scheduler.advance(Duration.ofMinutes(10));
        kit.chat.failNextWrites(0);

        kit.agentReports(new SessionEvent.TextDelta(session, new MessageId("msg_2"), new PartId("prt_2"),
                TextKind.ANSWER, "the second answer"));
        kit.agentReports(new SessionEvent.SessionIdle(session));
        kit.scheduler.advance(Duration.ofHours(1));

        List<String> answers = answers();
        assertThat(answers).hasSizeGreaterThan(2).last().isEqualTo("the second answer");
        String firstRun = String.join("", answers.subList(0, answers.size() - 1));
        assertThat(firstRun).as("the first run's pages, before it").startsWith("first line of the first answer")
                .doesNotContain("the second answer");
        assertThat(firstRun.split("line of the first answer", -1)).as("every line of it, once").hasSize(1_001);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsRetriedWithItsKeyAndStoresOnePost() {
        kit.chat.loseNextCreateAnswers(1);
        delta("Hello");
        kit.scheduler.runDueTasks();

        kit.scheduler.advance(Duration.ofSeconds(5));

        assertThat(answers()).containsExactly("Hello");
    }

    @Test
    void textThatGrewWhileACreateWasRetriedEndsUpInTheOnePost() {
        kit.chat.loseNextCreateAnswers(1);
        delta("Hel");
        kit.scheduler.runDueTasks();

        delta("lo world");
        kit.agentReports(new SessionEvent.SessionIdle(session));
        kit.scheduler.advance(Duration.ofSeconds(5));

        assertThat(answers()).containsExactly("Hello world");
    }

    @Test
    void editsWaitingForTheChatServerAreCoalescedIntoTheNewestText() {
        delta("one");
        kit.scheduler.runDueTasks();
        kit.chat.failNextWrites(3);

        delta(" two");
        kit.scheduler.advance(Duration.ofMillis(500));
        delta(" three");
        kit.scheduler.advance(Duration.ofMinutes(1));

        assertThat(kit.chat.edits()).containsExactly("one two three");
    }

    @Test
    void anErrorThatEndsARunWhileTheChatServerIsAwayIsShownOnceItIsBack() {
        delta("so far");
        kit.scheduler.runDueTasks();
        kit.chat.failNextWrites(20);

        kit.agentReports(new SessionEvent.SessionErrored(session, new SessionError("APIError", "upstream broke")));
        kit.scheduler.advance(Duration.ofMinutes(10));

        assertThat(answers()).containsExactly("so far",
                ":warning: The agent stopped with an error (APIError): upstream broke");
    }

    @Test
    void aRunCutOffByAStopThatStopsTheServerSaysSoOnceBelowItsText() {
        kit.agentReports(new SessionEvent.SessionStatusChanged(session, SessionStatus.busy()));
        delta("half an answer");
        kit.scheduler.runDueTasks();

        kit.output.runsStoppedWithTheServer();

        assertThat(answers()).containsExactly("half an answer", new BridgeTexts(MainDmMode.NEW_SESSION)
                .runInterruptedByStop());
    }

    @Test
    void aStopThatStopsTheServerSaysNothingInTheThreadOfAnIdleSession() {
        delta("a whole answer");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        kit.output.runsStoppedWithTheServer();

        assertThat(answers()).containsExactly("a whole answer");
    }

    @Test
    void aSessionsStreamerIsKeptForTheGracePeriodAfterItsRunEnded() {
        delta("done");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        kit.scheduler.advance(Duration.ofMinutes(9));

        assertThat(kit.streams.size()).isEqualTo(1);
    }

    @Test
    void aSessionsStreamerIsDroppedOnceItsRunEndedLongerAgoThanTheGracePeriod() {
        delta("done");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        kit.scheduler.advance(Duration.ofMinutes(10));

        assertThat(kit.streams.size()).isZero();
    }

    @Test
    void aStreamerWithTextTheChatServerHasNotTakenYetIsKeptPastTheGracePeriod() {
        delta("first");
        kit.scheduler.runDueTasks();
        kit.chat.failNextWrites(40);
        delta(" and more");
        kit.agentReports(new SessionEvent.SessionIdle(session));

        kit.scheduler.advance(Duration.ofMinutes(10));

        assertThat(kit.streams.size()).isEqualTo(1);
    }

    @Test
    void aRunStartedWithinTheGracePeriodKeepsItsStreamer() {
        delta("first run");
        kit.agentReports(new SessionEvent.SessionIdle(session));
        kit.scheduler.advance(Duration.ofMinutes(5));
        kit.agentReports(new SessionEvent.TextDelta(session, new MessageId("msg_2"), new PartId("prt_2"),
                TextKind.ANSWER, "second run"));

        kit.scheduler.advance(Duration.ofMinutes(5));

        assertThat(kit.streams.size()).isEqualTo(1);
    }

    @Test
    void aSessionForgottenAfterTheGracePeriodStreamsItsNextRunIntoANewPost() {
        delta("first run");
        kit.agentReports(new SessionEvent.SessionIdle(session));
        kit.scheduler.advance(Duration.ofMinutes(10));

        kit.agentReports(new SessionEvent.TextDelta(session, new MessageId("msg_2"), new PartId("prt_2"),
                TextKind.ANSWER, "second run"));
        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(answers()).containsExactly("first run", "second run");
    }

    private void delta(String text) {
        kit.agentReports(new SessionEvent.TextDelta(session, MESSAGE, PART, TextKind.ANSWER, text));
    }

    private List<String> answers() {
        List<ChatPost> thread = kit.chat.thread(mapping.thread().root());
        return thread.subList(1, thread.size()).stream().map(ChatPost::message).toList();
    }
}
