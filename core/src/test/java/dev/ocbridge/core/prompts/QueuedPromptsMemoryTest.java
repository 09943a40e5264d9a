package dev.ocbridge.core.prompts;

import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PromptId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.testing.CoreTestKit;
import dev.ocbridge.core.work.SerialQueues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What is remembered per session follows the sessions at work, not every session that ever ran. */
class QueuedPromptsMemoryTest {
    private final QueuedPrompts queued = new QueuedPrompts(CoreTestKit.aliceOwnsTheBot().chat,
            new SerialQueues(Runnable::run));

    @Test
    void aSessionThatWentIdleIsNoLongerRemembered() {
        for (int i = 0; i < 100; i++) {
            SessionId session = new SessionId("ses_" + i);
            queued.statusChanged(session, SessionStatus.busy());
            queued.willWait(session, PromptId.forPost(new PostId("post" + i)), new PostId("post" + i));
            queued.idle(session);
        }

        assertThat(queued.rememberedSessions()).isZero();
    }

    @Test
    void aBusySessionIsRememberedUntilItIsIdle() {
        SessionId session = new SessionId("ses_busy");
        queued.statusChanged(session, SessionStatus.busy());

        assertThat(queued.rememberedSessions()).isEqualTo(1);
    }
}
