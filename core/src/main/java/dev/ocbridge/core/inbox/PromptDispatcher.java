package dev.ocbridge.core.inbox;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.Prompt;
import dev.ocbridge.core.domain.PromptChoices;
import dev.ocbridge.core.domain.PromptDelivery;
import dev.ocbridge.core.domain.PromptId;
import dev.ocbridge.core.domain.PromptPart;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;
import dev.ocbridge.core.error.ServerMisroutedException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MetricsPort;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.prompts.AttachedFiles;
import dev.ocbridge.core.prompts.PreparedFiles;
import dev.ocbridge.core.prompts.PromptChoicesService;
import dev.ocbridge.core.prompts.QueuedPrompts;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.texts.PromptTexts;
import dev.ocbridge.core.threads.ThreadManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends a person's post to a session with its reply context, its files and the model and agent chosen for
 * the session, and says so in chat when that fails.
 *
 * <p>A post sent while the session works is taken into the running work at its next step (steered), as
 * OpenCode does; the post is marked as waiting until the session starts on it ({@link QueuedPrompts}).
 */
public final class PromptDispatcher {
    private static final System.Logger LOG = System.getLogger(PromptDispatcher.class.getName());

    private final SessionPort sessions;
    private final ChatPort chat;
    private final ThreadManager threads;
    private final PromptFormatter formatter;
    private final BridgeTexts texts;
    private final MetricsPort metrics;
    private final Clock clock;
    private final AttachedFiles files;
    private final PromptChoicesService choices;
    private final QueuedPrompts queued;
    private final PromptTexts promptTexts;

    public PromptDispatcher(SessionPort sessions, ChatPort chat, ThreadManager threads, PromptFormatter formatter,
                            BridgeTexts texts, MetricsPort metrics, Clock clock, AttachedFiles files,
                            PromptChoicesService choices, QueuedPrompts queued, PromptTexts promptTexts) {
        this.sessions = sessions;
        this.chat = chat;
        this.threads = threads;
        this.formatter = formatter;
        this.texts = texts;
        this.metrics = metrics;
        this.clock = clock;
        this.files = files;
        this.choices = choices;
        this.queued = queued;
        this.promptTexts = promptTexts;
    }

    /**
     * The agent is told to answer in the session's thread, whichever post the prompt came from. Throws only
     * while nothing has reached the agent; once the prompt has gone out, or may have, failures are reported
     * in chat or logged, so that a caller may handle a post again after this threw without sending it twice.
     * {@code receivedAt} is when the bridge received the post, for the route latency.
     */
    public void send(ThreadMapping mapping, ChatPost post, ChatUser author, Instant receivedAt) {
        filesToSend(post, mapping.thread()).ifPresent(attached -> send(mapping, post, author, attached, receivedAt));
    }

    /**
     * The post's files, fetched before anything reaches the agent (throws only what may pass); empty, after
     * saying so in {@code thread}, for a post of files only none of which can go.
     */
    public Optional<PreparedFiles> filesToSend(ChatPost post, ThreadRef thread) {
        PreparedFiles attached = files.prepare(post);
        if (post.message().isBlank() && attached.parts().isEmpty() && !attached.skipped().isEmpty()) {
            chat.createPost(NewPost.inThread(thread, promptTexts.nothingSent(attached.skipped(), files.maxBytes())));
            return Optional.empty();
        }
        return Optional.of(attached);
    }

    /**
     * Sends the post with files fetched before; never throws, so that a caller that has just created the
     * session is not made to handle the post again.
     */
    public void send(ThreadMapping mapping, ChatPost post, ChatUser author, PreparedFiles attached,
                     Instant receivedAt) {
        ThreadRef answerThread = mapping.thread();
        SessionId session = mapping.sessionId();
        Prompt prompt = prompt(mapping, post, author, attached);
        queued.willWait(session, prompt.id(), post.id());
        try {
            sessions.sendPrompt(session, prompt);
        } catch (NotFoundException e) {
            queued.notSent(session, prompt.id());
            LOG.log(System.Logger.Level.INFO, "Session {0} is gone; ending its thread", session);
            afterThePrompt(mapping, "end its thread", () -> {
                threads.endThread(session);
                chat.createPost(NewPost.inThread(post.thread(), texts.endedThread(mapping)));
            });
            return;
        } catch (ServerMisroutedException e) {
            queued.notSent(session, prompt.id());
            LOG.log(System.Logger.Level.WARNING, "Prompt for session {0} not sent; its thread stays open: {1}",
                    mapping.sessionId(), e.getMessage());
            afterThePrompt(mapping, "say that the server is not the session's",
                    () -> chat.createPost(NewPost.inThread(answerThread,
                            texts.serverMisrouted(mapping, e.getMessage()))));
            return;
        } catch (BridgeException e) {
            queued.notSent(session, prompt.id());
            LOG.log(System.Logger.Level.WARNING, "Prompt for session {0} failed: {1}", session, e.getMessage());
            afterThePrompt(mapping, "say that the prompt failed",
                    () -> chat.createPost(NewPost.inThread(answerThread, texts.promptFailed(e.getMessage()))));
            return;
        }
        queued.sent(session, prompt.id());
        metrics.promptForwarded(Duration.between(receivedAt, clock.instant()));
        afterThePrompt(mapping, "record its activity", () -> threads.touch(session));
        if (!attached.skipped().isEmpty()) {
            afterThePrompt(mapping, "say which files were left out", () -> chat.createPost(NewPost.inThread(
                    answerThread, promptTexts.filesLeftOut(attached.skipped(), files.maxBytes()))));
        }
    }

    private Prompt prompt(ThreadMapping mapping, ChatPost post, ChatUser author, PreparedFiles attached) {
        List<PromptPart> parts = new ArrayList<>();
        parts.add(new PromptPart.Text(formatter.format(author.username(), mapping.thread(), post.id(),
                post.message())));
        parts.addAll(attached.parts());
        PromptChoices chosen = chosenFor(mapping);
        return new Prompt(PromptId.forPost(post.id()), parts, chosen.model(), chosen.agent(), PromptDelivery.STEER);
    }

    /** A state file that cannot be read must not keep the prompt from going: it goes with the server's choice. */
    private PromptChoices chosenFor(ThreadMapping mapping) {
        try {
            return choices.forSession(mapping.sessionId());
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "The model and agent chosen for session {0} cannot be read; the "
                    + "prompt goes without them: {1}", mapping.sessionId(), e.getMessage());
            return PromptChoices.NONE;
        }
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
