package dev.ocbridge.core.agent;

import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.testing.CoreTestKit;
import dev.ocbridge.core.work.SerialQueues;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EndedSessionSweepTest {
    private static final Duration GRACE = Duration.ofMinutes(10);

    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final List<SessionId> forgotten = new ArrayList<>();
    private final EndedSessionSweep sweep = new EndedSessionSweep(kit.threads, kit.scheduler,
            new SerialQueues(Runnable::run), kit.clock, GRACE, forgotten::add);

    @Test
    void anEndedSessionIsForgottenOnceItsGraceHasPassed() {
        ThreadMapping ended = kit.sessionWithThread("Done");
        sweep.start();
        kit.threads.endThread(ended.sessionId());

        kit.scheduler.advance(GRACE.multipliedBy(2));

        assertThat(forgotten).containsExactly(ended.sessionId());
    }

    @Test
    void anEndedSessionIsKeptDuringItsGrace() {
        ThreadMapping ended = kit.sessionWithThread("Just done");
        sweep.start();
        kit.scheduler.advance(GRACE.minusMinutes(1));
        kit.threads.endThread(ended.sessionId());

        kit.scheduler.advance(Duration.ofMinutes(2));

        assertThat(forgotten).isEmpty();
    }

    @Test
    void anEndedSessionIsForgottenOnlyOnceAcrossSweeps() {
        ThreadMapping ended = kit.sessionWithThread("Done long ago");
        sweep.start();
        kit.threads.endThread(ended.sessionId());

        kit.scheduler.advance(GRACE.multipliedBy(10));

        assertThat(forgotten).containsExactly(ended.sessionId());
    }

    @Test
    void anActiveSessionIsNeverForgotten() {
        kit.sessionWithThread("Still going");
        sweep.start();

        kit.scheduler.advance(GRACE.multipliedBy(10));

        assertThat(forgotten).isEmpty();
    }
}
