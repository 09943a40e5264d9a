package dev.ocbridge.adapter.opencode;

import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.PermissionReply;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the stream remembers of what it reported, which decides what a resynchronisation repeats. */
class StreamMemoryTest {

    private static final SessionId SESSION = new SessionId("ses_1");

    private final StreamMemory memory = new StreamMemory();

    @Test
    void aBusySessionIsActiveUntilItIsReportedIdle() {
        memory.record(new SessionEvent.SessionStatusChanged(SESSION, SessionStatus.busy()));
        assertThat(memory.activeSessions()).containsEntry(SESSION, SessionStatus.busy());

        memory.record(new SessionEvent.SessionIdle(SESSION));

        assertThat(memory.activeSessions()).isEmpty();
    }

    @Test
    void onlyFinishedMessagesCountAsReportedFinished() {
        MessageInfo running = message(null);
        MessageInfo finished = message("stop");

        memory.record(new SessionEvent.MessageUpdated(running));
        assertThat(memory.isFinished(running)).isFalse();

        memory.record(new SessionEvent.MessageUpdated(finished));
        assertThat(memory.isFinished(running)).isTrue();
    }

    @Test
    void aTextPartCountsAsReportedOnlyWhenComplete() {
        memory.record(new SessionEvent.TextPartUpdated(SESSION, new MessageId("msg_1"), new PartId("prt_1"),
                TextKind.ANSWER, "", false));
        assertThat(memory.isPartFinished("prt_1")).isFalse();

        memory.record(new SessionEvent.TextPartUpdated(SESSION, new MessageId("msg_1"), new PartId("prt_1"),
                TextKind.ANSWER, "done", true));
        assertThat(memory.isPartFinished("prt_1")).isTrue();
    }

    @Test
    void aPermissionIsOpenFromAskedToReplied() {
        PermissionId id = new PermissionId("per_1");
        memory.record(new SessionEvent.PermissionAsked(
                new PermissionRequest(id, SESSION, "bash", List.of("ls"), List.of("ls *"), Map.of())));
        assertThat(memory.isOpen(id)).isTrue();

        memory.record(new SessionEvent.PermissionReplied(SESSION, id, PermissionReply.ONCE));

        assertThat(memory.isOpen(id)).isFalse();
    }

    @Test
    void aSessionPromptedCountsAsActiveUntilTheStreamSaysItIsIdle() {
        memory.promptSent(SESSION);
        assertThat(memory.activeSessions()).containsEntry(SESSION, SessionStatus.busy());

        memory.record(new SessionEvent.SessionIdle(SESSION));

        assertThat(memory.activeSessions()).isEmpty();
    }

    @Test
    void aRefusedPromptLeavesTheSessionIdle() {
        memory.promptSent(SESSION);

        memory.promptRefused(SESSION);

        assertThat(memory.activeSessions()).isEmpty();
    }

    @Test
    void aRefusedPromptDoesNotHideThatTheStreamReportedTheSessionBusy() {
        memory.promptSent(SESSION);
        memory.record(new SessionEvent.SessionStatusChanged(SESSION, SessionStatus.busy()));

        memory.promptRefused(SESSION);

        assertThat(memory.activeSessions()).containsEntry(SESSION, SessionStatus.busy());
    }

    @Test
    void aPromptDoesNotHideARetryTheStreamReported() {
        SessionStatus retrying = new SessionStatus.Retrying(2, "overloaded", Instant.EPOCH);
        memory.record(new SessionEvent.SessionStatusChanged(SESSION, retrying));

        memory.promptSent(SESSION);

        assertThat(memory.activeSessions()).containsEntry(SESSION, retrying);
    }

    @Test
    void aForgottenSessionIsNoLongerActive() {
        memory.record(new SessionEvent.SessionStatusChanged(SESSION, SessionStatus.busy()));

        memory.forget(SESSION);

        assertThat(memory.activeSessions()).isEmpty();
    }

    @Test
    void aPermissionAskedAgainWhileOpenIsARepeat() {
        SessionEvent.PermissionAsked asked = new SessionEvent.PermissionAsked(new PermissionRequest(
                new PermissionId("per_2"), SESSION, "bash", List.of("ls"), List.of("ls *"), Map.of()));
        assertThat(memory.isRepeated(asked)).isFalse();

        memory.record(asked);

        assertThat(memory.isRepeated(asked)).isTrue();
    }

    private static MessageInfo message(String finish) {
        return new MessageInfo(new MessageId("msg_1"), SESSION, MessageRole.ASSISTANT, finish, null, 0, null,
                Instant.EPOCH, null);
    }
}
