package dev.ocbridge.core.health;

import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.QuestionId;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.health.BridgeHealth.RequestKind;
import dev.ocbridge.core.testing.CoreTestKit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    @Test
    void permissionsAndQuestionsArePendingUntilAnswered() {
        PermissionId permission = new PermissionId("per_1");
        kit.agentReports(new SessionEvent.PermissionAsked(new PermissionRequest(permission, session, "bash",
                List.of("rm -rf build"), List.of(), Map.of())));
        kit.agentReports(new SessionEvent.QuestionAsked(question("que_1")));
        assertThat(kit.health.pendingRequests(RequestKind.PERMISSION)).isEqualTo(1);
        assertThat(kit.health.pendingRequests(RequestKind.QUESTION)).isEqualTo(1);

        kit.agentReports(new SessionEvent.PermissionReplied(session, permission,
                PermissionReply.ONCE));
        kit.agentReports(new SessionEvent.QuestionRejected(session, new QuestionId("que_1")));

        assertThat(kit.health.pendingRequests(RequestKind.PERMISSION)).isZero();
        assertThat(kit.health.pendingRequests(RequestKind.QUESTION)).isZero();
    }

    @Test
    void anIdleSessionWaitsForNoAnswerEvenWhenTheReplyWasMissed() {
        kit.agentReports(new SessionEvent.QuestionAsked(question("que_1")));

        kit.agentReports(new SessionEvent.SessionIdle(session));

        assertThat(kit.health.pendingRequests(RequestKind.QUESTION)).isZero();
    }

    private QuestionRequest question(String id) {
        return new QuestionRequest(new QuestionId(id), session, List.of());
    }
}
