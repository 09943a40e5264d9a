package dev.ocbridge.core.prompts;

import dev.ocbridge.core.domain.PostId;
import dev.ocbridge.core.domain.PromptId;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.ChatPort;
import dev.ocbridge.core.work.SerialQueues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows that a prompt waits: a prompt sent while its session is working gets {@value #WAITING} on the
 * person's post, taken off when the session starts on it, or at the latest when the session is idle again
 * (an idle server holds nothing back).
 *
 * <p>Whether a session works is learnt from the agent server's status reports, and from the bridge's own
 * prompts (a session just prompted works, before the server has said so). The reaction is added and removed
 * on the session's queue, the queue the agent's reports are handled on, so a start reported before the
 * reaction was added leaves the post without one instead of with one that stays.
 */
public final class QueuedPrompts {
    public static final String WAITING = "hourglass_flowing_sand";
    private static final System.Logger LOG = System.getLogger(QueuedPrompts.class.getName());

    private final ChatPort chat;
    private final SerialQueues queues;
    private final Map<SessionId, Activity> sessions = new HashMap<>();

    public QueuedPrompts(ChatPort chat, SerialQueues queues) {
        this.chat = chat;
        this.queues = queues;
    }

    /**
     * Called just before the prompt is sent: whether it will have to wait, in which case it is remembered
     * until it starts.
     */
    public synchronized boolean willWait(SessionId session, PromptId prompt, PostId post) {
        Activity activity = activity(session);
        if (!activity.busy) {
            return false;
        }
        activity.waiting.put(prompt, new Waiting(post));
        return true;
    }

    /** The prompt reached no session: nothing waits for it. */
    public synchronized void notSent(SessionId session, PromptId prompt) {
        activity(session).waiting.remove(prompt);
    }

    /** The prompt went out: the session works now, and a prompt that waits gets its reaction. */
    public void sent(SessionId session, PromptId prompt) {
        boolean waits;
        synchronized (this) {
            Activity activity = activity(session);
            activity.busy = true;
            waits = activity.waiting.containsKey(prompt);
        }
        if (waits) {
            queues.submit(session, () -> showWaiting(session, prompt));
        }
    }

    /** What the agent server reports; called on the session's queue. */
    public void statusChanged(SessionId session, SessionStatus status) {
        if (status instanceof SessionStatus.Idle) {
            idle(session);
            return;
        }
        synchronized (this) {
            activity(session).busy = true;
        }
    }

    /** Called on the session's queue. */
    public void started(SessionId session, PromptId prompt) {
        Waiting waiting;
        synchronized (this) {
            waiting = activity(session).waiting.remove(prompt);
        }
        if (waiting != null) {
            stopShowing(waiting);
        }
    }

    /** Called on the session's queue. */
    public void idle(SessionId session) {
        List<Waiting> done;
        synchronized (this) {
            // An idle session with nothing waiting is what an unknown one is: keeping its entry would only
            // make the map grow with every session, sub-agents included, that ever ran.
            Activity activity = sessions.remove(session);
            done = activity == null ? List.of() : new ArrayList<>(activity.waiting.values());
        }
        done.forEach(this::stopShowing);
    }

    /** The session is gone. */
    public synchronized void forget(SessionId session) {
        sessions.remove(session);
    }

    /** How many sessions are remembered: the busy ones and those with prompts waiting. */
    synchronized int rememberedSessions() {
        return sessions.size();
    }

    private void showWaiting(SessionId session, PromptId prompt) {
        Waiting waiting;
        synchronized (this) {
            waiting = activity(session).waiting.get(prompt);
            if (waiting == null) {
                return;
            }
            waiting.shown = true;
        }
        mark(waiting.post, true);
    }

    private void stopShowing(Waiting waiting) {
        if (waiting.shown) {
            mark(waiting.post, false);
        }
    }

    /** A mark that cannot be changed is only cosmetic: the prompt went out either way. */
    private void mark(PostId post, boolean waiting) {
        try {
            if (waiting) {
                chat.addReaction(post, WAITING);
            } else {
                chat.removeReaction(post, WAITING);
            }
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not {0} the waiting mark on post {1}: {2}",
                    waiting ? "put" : "take off", post, e.getMessage());
        }
    }

    private Activity activity(SessionId session) {
        return sessions.computeIfAbsent(session, id -> new Activity());
    }

    /** Guarded by the {@link QueuedPrompts} it belongs to. */
    private static final class Activity {
        private boolean busy;
        private final Map<PromptId, Waiting> waiting = new LinkedHashMap<>();
    }

    private static final class Waiting {
        private final PostId post;
        private boolean shown;

        Waiting(PostId post) {
            this.post = post;
        }
    }
}
