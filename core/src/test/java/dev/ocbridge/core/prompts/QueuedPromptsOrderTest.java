package dev.ocbridge.core.prompts;

import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PromptId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.UserId;
import dev.ocbridge.core.testing.FakeChatPort;
import dev.ocbridge.core.testing.MutableClock;
import dev.ocbridge.core.work.SerialQueues;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.assertj.core.api.Assertions.assertThat;

/** The waiting mark is added on the session's queue, behind whatever the agent reported before. */
class QueuedPromptsOrderTest {
    private final Deque<Runnable> pending = new ArrayDeque<>();
    private final FakeChatPort chat = new FakeChatPort(new MutableClock(Instant.parse("2026-11-21T10:00:00Z")),
            new ChatUser(new UserId("bot"), "bot", true));
    private final SerialQueues queues = new SerialQueues(pending::add);
    private final QueuedPrompts queued = new QueuedPrompts(chat, queues);
    private final SessionId session = new SessionId("ses_1");
    private final ChatUser alice = chat.addUser("alice", false);
    private final PostId post = chat.postAs(alice, chat.directChannelWith(alice.id()), null, "second").id();
    private final PromptId prompt = PromptId.forPost(post);

    @Test
    void aStartHandledBeforeTheMarkWasAddedLeavesNoMark() {
        queued.statusChanged(session, SessionStatus.busy());
        assertThat(queued.willWait(session, prompt, post)).isTrue();
        queued.started(session, prompt);
        queued.sent(session, prompt);

        runQueued();

        assertThat(chat.reactionChanges()).isEmpty();
    }

    @Test
    void anIdleSessionHandledBeforeTheMarkWasAddedLeavesNoMark() {
        queued.statusChanged(session, SessionStatus.busy());
        queued.willWait(session, prompt, post);
        queued.idle(session);
        queued.sent(session, prompt);

        runQueued();

        assertThat(chat.reactionChanges()).isEmpty();
    }

    @Test
    void aPromptStillWaitingWhenItsTurnComesIsMarked() {
        queued.statusChanged(session, SessionStatus.busy());
        queued.willWait(session, prompt, post);
        queued.sent(session, prompt);

        runQueued();

        assertThat(chat.reactionsOn(post)).containsExactly(QueuedPrompts.WAITING);
    }

    private void runQueued() {
        while (!pending.isEmpty()) {
            pending.poll().run();
        }
    }
}
