package dev.ocbridge.core.health;

import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeHealthTest {
    private final CoreTestKit kit = CoreTestKit.aliceOwnsTheBot();
    private final SessionId session = kit.sessionWithThread("Work").sessionId();

    @Test
    void connectionsThatWereNeverUpAreDownSinceTheStart() {
        assertThat(kit.health.chatConnection()).isEqualTo(new BridgeHealth.Connection(false, CoreTestKit.START));
        assertThat(kit.health.agentConnection()).isEqualTo(new BridgeHealth.Connection(false, CoreTestKit.START));
    }

    @Test
    void aConnectionRemembersWhenItLastChanged() {
        kit.clock.advance(Duration.ofSeconds(5));
        kit.agentReports(new SessionEvent.StreamConnected(false));
        kit.clock.advance(Duration.ofSeconds(5));
        kit.agentReports(new SessionEvent.StreamConnected(true));

        assertThat(kit.health.agentConnection())
                .isEqualTo(new BridgeHealth.Connection(true, CoreTestKit.START.plusSeconds(5)));
        kit.clock.advance(Duration.ofSeconds(5));
        kit.agentReports(new SessionEvent.StreamDisconnected("gone"));
        assertThat(kit.health.agentConnection())
                .isEqualTo(new BridgeHealth.Connection(false, CoreTestKit.START.plusSeconds(15)));
    }

    @Test
    void aSessionIsBusyFromItsBusyStatusUntilItIsIdle() {
        kit.agentReports(new SessionEvent.SessionStatusChanged(session, new SessionStatus.Busy()));
        kit.agentReports(new SessionEvent.SessionStatusChanged(session, new SessionStatus.Busy()));
        assertThat(kit.health.busySessions()).isEqualTo(1);

        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(kit.health.busySessions()).isZero();
    }

    @Test
    void aSessionWaitingToRetryItsModelCallIsBusy() {
        kit.agentReports(new SessionEvent.SessionStatusChanged(session,
                new SessionStatus.Retrying(1, "overloaded", CoreTestKit.START.plusSeconds(5))));

        assertThat(kit.health.busySessions()).isEqualTo(1);
    }
}
