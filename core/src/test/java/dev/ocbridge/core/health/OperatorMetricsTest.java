package dev.ocbridge.core.health;

import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What the core reports for the operator's metrics, read on a clock the test moves. */
class OperatorMetricsTest {
    private static final MessageId MESSAGE = new MessageId("msg_1");
    private static final PartId PART = new PartId("prt_1");

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final ThreadMapping mapping = kit.sessionWithThread("Work");

    @Test
    void aForwardedPromptIsCountedWithTheTimeFromReceivingThePostToTheAgentAcceptingIt() {
        kit.chat.failNextUserLookups(1);

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "run the tests");
        assertThat(kit.metrics.routeLatencies()).isEmpty();
        kit.scheduler.advance(Duration.ofSeconds(1));

        assertThat(kit.metrics.routeLatencies()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aPromptTheAgentRefusesIsNotCountedAsForwarded() {
        kit.sessions.rejectNextPrompt("no provider");

        kit.userPosts(kit.alice, kit.aliceDm, mapping.thread().root(), "run the tests");

        assertThat(kit.metrics.routeLatencies()).isEmpty();
    }

    @Test
    void aPromptFromTheMainDmIsCountedToo() {
        kit.userPosts(kit.alice, kit.aliceDm, null, "start something");

        assertThat(kit.metrics.routeLatencies()).containsExactly(Duration.ZERO);
    }

    @Test
    void theFirstTextIsTimedFromItsArrivalUntilItsPostExists() {
        delta("Hel");
        kit.scheduler.advance(Duration.ofMillis(20));
        delta("lo");

        assertThat(kit.metrics.firstTextLatencies()).containsExactly(Duration.ZERO);
    }

    @Test
    void theFirstTextWaitingForAnOutageIsTimedUntilItIsFinallyShown() {
        kit.chat.failNextWrites(1);
        delta("Hello");
        assertThat(kit.metrics.firstTextLatencies()).isEmpty();

        kit.scheduler.advance(Duration.ofSeconds(1));

        assertThat(kit.metrics.firstTextLatencies()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void eachAnswerIsTimedOnceAtItsFirstPost() {
        delta("Hello");
        delta(" world");
        kit.scheduler.advance(Duration.ofSeconds(1));
        kit.agentReports(new SessionEvent.SessionIdle(mapping.sessionId()));
        assertThat(kit.metrics.firstTextLatencies()).hasSize(1);

        kit.agentReports(new SessionEvent.TextDelta(mapping.sessionId(), new MessageId("msg_2"),
                new PartId("prt_2"), TextKind.ANSWER, "second answer"));
        kit.scheduler.advance(Duration.ofSeconds(1));

        assertThat(kit.metrics.firstTextLatencies()).hasSize(2);
    }

    @Test
    void aRunWithAnswerTextCountsAsACompletedAnswerWhenItEnds() {
        delta("Hello");
        assertThat(kit.metrics.answersCompleted()).isZero();

        kit.agentReports(new SessionEvent.SessionIdle(mapping.sessionId()));

        assertThat(kit.metrics.answersCompleted()).isEqualTo(1);
    }

    @Test
    void aRunWithoutAnswerTextIsNoCompletedAnswer() {
        kit.agentReports(new SessionEvent.SessionIdle(mapping.sessionId()));

        assertThat(kit.metrics.answersCompleted()).isZero();
    }

    private void delta(String text) {
        kit.agentReports(new SessionEvent.TextDelta(mapping.sessionId(), MESSAGE, PART, TextKind.ANSWER, text));
        kit.scheduler.runDueTasks();
    }
}
