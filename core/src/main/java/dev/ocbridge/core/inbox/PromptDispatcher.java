package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.ServerMisroutedException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.threads.ThreadManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Sends a person's post to a session with its reply context, and says so in chat when that fails. */
public final class PromptDispatcher {
    private static final System.Logger LOG = System.getLogger(PromptDispatcher.class.getName());

    private final SessionPort sessions;
    private final ChatPort chat;
    private final ThreadManager threads;
    private final PromptFormatter formatter;
    private final BridgeTexts texts;
    private final MetricsPort metrics;
    private final Clock clock;

    public PromptDispatcher(SessionPort sessions, ChatPort chat, ThreadManager threads, PromptFormatter formatter,
                            BridgeTexts texts, MetricsPort metrics, Clock clock) {
        this.sessions = sessions;
        this.chat = chat;
        this.threads = threads;
        this.formatter = formatter;
        this.texts = texts;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The agent is told to answer in the session's thread, whichever post the prompt came from. Throws only
     * while nothing has reached the agent; once the prompt has gone out, or may have, failures are reported
     * in chat or logged, so that a caller may handle a post again after this threw without sending it twice.
     * {@code receivedAt} is when the bridge received the post, for the route latency.
     */
    public void send(ThreadMapping mapping, ChatPost post, ChatUser author, Instant receivedAt) {
        ThreadRef answerThread = mapping.thread();
        String text = formatter.format(author.username(), answerThread, post.id(), post.message());
        try {
            sessions.sendPrompt(mapping.sessionId(), Prompt.text(text));
        } catch (NotFoundException e) {
            LOG.log(System.Logger.Level.INFO, "Session {0} is gone; ending its thread", mapping.sessionId());
            afterThePrompt(mapping, "end its thread", () -> {
                threads.endThread(mapping.sessionId());
                chat.createPost(NewPost.inThread(post.thread(), texts.endedThread(mapping)));
            });
            return;
        } catch (ServerMisroutedException e) {
            LOG.log(System.Logger.Level.WARNING, "Prompt for session {0} not sent; its thread stays open: {1}",
                    mapping.sessionId(), e.getMessage());
            afterThePrompt(mapping, "say that the server is not the session's",
                    () -> chat.createPost(NewPost.inThread(answerThread, texts.serverMisrouted(mapping, e.getMessage()))));
            return;
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Prompt for session {0} failed: {1}", mapping.sessionId(),
                    e.getMessage());
            afterThePrompt(mapping, "say that the prompt failed",
                    () -> chat.createPost(NewPost.inThread(answerThread, texts.promptFailed(e.getMessage()))));
            return;
        }
        metrics.promptForwarded(Duration.between(receivedAt, clock.instant()));
        afterThePrompt(mapping, "record its activity", () -> threads.touch(mapping.sessionId()));
    }

    private static void afterThePrompt(ThreadMapping mapping, String what, Runnable step) {
        try {
            step.run();
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "After a prompt for session {0}, could not {1}: {2}",
                    mapping.sessionId(), what, e.getMessage());
        }
    }
}
