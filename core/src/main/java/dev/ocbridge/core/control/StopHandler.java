package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.ChatPost;
import dev.ocbridge.core.domain.ChatUser;
import dev.ocbridge.core.domain.NewPost;
import dev.ocbridge.core.domain.RequestKind;
import dev.ocbridge.core.domain.RequestPost;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.domain.ThreadRef;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.texts.BridgeTexts;
import dev.ocbridge.core.texts.ControlTexts;
import dev.ocbridge.core.threads.BotIdentity;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops a session's run from chat ({@code !stop} in its thread, or 🛑 on a bot post there) and says in the
 * thread that the run was stopped, once, after the answer so far: the thread says so when the run ends, whether
 * the stop came from chat or from another client. Requests the stopped run was waiting on are withdrawn.
 */
public final class StopHandler {
    private static final System.Logger LOG = System.getLogger(StopHandler.class.getName());

    private final SessionPort sessions;
    private final ChatPort chat;
    private final MappingStore mappings;
    private final BotIdentity identity;
    private final RequestBoard board;
    private final PermissionDesk permissions;
    private final QuestionDesk questions;
    private final SessionWork work;
    private final BridgeTexts texts;
    private final ControlTexts controlTexts;
    /** Who stopped each session whose run has not ended yet; touched on that session's queue only. */
    private final Map<SessionId, String> stoppedBy = new ConcurrentHashMap<>();

    public StopHandler(SessionPort sessions, ChatPort chat, MappingStore mappings, BotIdentity identity,
                       RequestBoard board, PermissionDesk permissions, QuestionDesk questions, SessionWork work,
                       BridgeTexts texts, ControlTexts controlTexts) {
        this.sessions = sessions;
        this.chat = chat;
        this.mappings = mappings;
        this.identity = identity;
        this.board = board;
        this.permissions = permissions;
        this.questions = questions;
        this.work = work;
        this.texts = texts;
        this.controlTexts = controlTexts;
    }

    /** {@code !stop}, posted by someone allowed to drive the agent; only a session's thread has a run to stop. */
    public void stopCommand(ChatPost command, ChatUser by) {
        if (!command.isReply()) {
            reply(command.thread(), controlTexts.stopOutsideThread());
            return;
        }
        Optional<ThreadMapping> mapping = mappingOf(command.thread());
        if (mapping.isEmpty()) {
            reply(command.thread(), texts.unknownThread());
        } else if (!mapping.get().isActive()) {
            reply(command.thread(), texts.endedThread(mapping.get()));
        } else {
            stop(mapping.get(), by);
        }
    }

    /** 🛑 by someone allowed to drive the agent, on a post of the bot in a live session's thread. */
    public void stopReaction(ChatPost reactedTo, ChatUser by) {
        if (!reactedTo.authorId().equals(identity.self().id())) {
            return;
        }
        mappingOf(reactedTo.thread()).filter(ThreadMapping::isActive).ifPresent(mapping -> stop(mapping, by));
    }

    private void stop(ThreadMapping mapping, ChatUser by) {
        SessionId session = mapping.sessionId();
        work.submit(session, () -> {
            try {
                if (!sessions.statuses().containsKey(session)) {
                    reply(mapping.thread(), controlTexts.nothingToStop(mapping.shortId()));
                    return;
                }
                sessions.abort(session);
            } catch (BridgeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not stop session {0}: {1}", session, e.getMessage());
                reply(mapping.thread(), controlTexts.stopFailed(e.getMessage()));
                return;
            }
            LOG.log(System.Logger.Level.INFO, "@{0} stopped session {1}", by.username(), session);
            stoppedBy.put(session, by.username());
            withdrawRequests(mapping.thread(), by.username());
        });
    }

    /** Sub-agents' requests are shown in the root's thread and end with its run; each is withdrawn on its own queue. */
    private void withdrawRequests(ThreadRef thread, String by) {
        for (RequestPost post : board.inThread(thread)) {
            if (post.key().kind() == RequestKind.PERMISSION) {
                work.submit(post.sessionId(), () -> permissions.withdraw(post, by));
            } else {
                work.submit(post.sessionId(), () -> questions.withdraw(post, by));
            }
        }
    }

    /**
     * The session's run ended, {@code aborted} or not (an abort while the server waits to retry ends with no
     * error). Says "stopped" once: after a stop from chat, or when another client aborted the run. Runs on the
     * session's queue, after the answer so far was flushed.
     */
    public void runEnded(SessionId session, boolean aborted) {
        String by = stoppedBy.remove(session);
        if (by == null && !aborted) {
            return;
        }
        mappings.findBySession(session).filter(ThreadMapping::isActive)
                .ifPresent(mapping -> reply(mapping.thread(), controlTexts.stopped(Optional.ofNullable(by))));
    }

    private Optional<ThreadMapping> mappingOf(ThreadRef thread) {
        return mappings.findByThreadRoot(thread.root())
                .filter(mapping -> mapping.thread().channel().equals(thread.channel()));
    }

    private void reply(ThreadRef thread, String message) {
        chat.createPost(NewPost.inThread(thread, message));
    }
}
