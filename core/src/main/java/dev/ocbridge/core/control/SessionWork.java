package dev.ocbridge.core.control;

import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.work.SerialQueues;

import java.time.Duration;

/**
 * Runs control work on the queue of the session a request belongs to, where that session's agent events are
 * handled too: an answer, the server's "replied" event and the edit of the request's post never race.
 */
public final class SessionWork {
    private static final System.Logger LOG = System.getLogger(SessionWork.class.getName());

    private final SerialQueues queues;
    private final SchedulerPort scheduler;

    public SessionWork(SerialQueues queues, SchedulerPort scheduler) {
        this.queues = queues;
        this.scheduler = scheduler;
    }

    public void submit(SessionId session, Runnable task) {
        queues.submit(session, task);
    }

    /**
     * Runs {@code step} now, on the session's queue (the caller is on it); when it fails in a way that may
     * pass (the chat server away), it runs again later with backoff, for as long as that lasts: a request nobody
     * sees is a run that waits for ever. The step must find out itself
     * whether it is still needed.
     */
    public void withRetry(SessionId session, String what, Runnable step) {
        attempt(session, what, step, 0);
    }

    private void attempt(SessionId session, String what, Runnable step, int failures) {
        try {
            step.run();
        } catch (BridgeException e) {
            if (!e.retryable()) {
                LOG.log(System.Logger.Level.ERROR, "Gave up trying to " + what + " for session " + session, e);
                return;
            }
            Duration delay = Backoff.UNTIL_CHAT_IS_BACK.delayAfter(failures + 1).orElseThrow();
            LOG.log(System.Logger.Level.WARNING, "Could not {0} for session {1} ({2}); trying again in {3}", what,
                    session, e.getMessage(), delay);
            scheduler.schedule(delay, () -> queues.submit(session, () -> attempt(session, what, step,
                    failures + 1)));
        }
    }
}
