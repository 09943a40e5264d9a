package dev.ocbridge.core.agent;

import dev.ocbridge.core.answers.ResponseStreamer;
import dev.ocbridge.core.answers.ResponseStreams;
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.SessionEvent.OfSession;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.health.BridgeHealth.RequestKind;
import dev.ocbridge.core.health.PendingRequests;
import dev.ocbridge.core.port.in.SessionEventHandler;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.threads.BotIdentity;
import dev.ocbridge.core.threads.SessionReconciler;
import dev.ocbridge.core.threads.ThreadManager;
import dev.ocbridge.core.work.SerialQueues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Carries what the agent does into chat: threads for new sessions, streamed answers, errors and ends.
 * Events of one session are handled in order on that session's queue; sessions run in parallel.
 */
public final class AgentOutputService implements SessionEventHandler {
    private static final System.Logger LOG = System.getLogger(AgentOutputService.class.getName());

    private final ThreadManager threads;
    private final ResponseStreams streams;
    private final BotIdentity identity;
    private final SessionReconciler reconciler;
    private final BridgeHealth health;
    private final PendingRequests pending;
    private final BridgeSettings settings;
    private final Clock clock;
    private final SerialQueues queues;
    private final SchedulerPort scheduler;

    public AgentOutputService(ThreadManager threads, ResponseStreams streams, BotIdentity identity,
                              SessionReconciler reconciler, BridgeHealth health, BridgeSettings settings,
                              Clock clock, SerialQueues queues, SchedulerPort scheduler) {
        this.threads = threads;
        this.streams = streams;
        this.identity = identity;
        this.reconciler = reconciler;
        this.health = health;
        this.pending = new PendingRequests(health);
        this.settings = settings;
        this.clock = clock;
        this.queues = queues;
        this.scheduler = scheduler;
    }

    @Override
    public void onSessionEvent(SessionEvent event) {
        if (event instanceof OfSession ofSession) {
            queues.submit(ofSession.sessionId(), () -> handle(ofSession));
        } else if (event instanceof SessionEvent.StreamConnected) {
            health.agentConnected(true);
            queues.submit(SessionReconciler.class, reconciler::reconcile);
        } else if (event instanceof SessionEvent.StreamDisconnected) {
            health.agentConnected(false);
        }
    }

    /**
     * At shutdown: answer text still waiting for the edit interval is sent instead of being lost with the
     * timers. Returns at once; the session queues do the sending.
     */
    public void flushPendingAnswers() {
        streams.flushAll();
    }

    private void handle(OfSession event) {
        SessionId session = event.sessionId();
        if (event instanceof SessionEvent.SessionCreated created) {
            sessionSeen(created.session());
        } else if (event instanceof SessionEvent.SessionUpdated updated) {
            sessionSeen(updated.session());
        } else if (event instanceof SessionEvent.SessionDeleted) {
            sessionStopped(session);
            streamer(session).ifPresent(ResponseStreamer::finishRun);
            streams.discard(session);
            threads.endThread(session);
        } else if (event instanceof SessionEvent.TextDelta delta) {
            if (delta.kind() == TextKind.ANSWER) {
                streamer(session).ifPresent(streamer -> streamer.appendText(delta.partId(), delta.delta()));
            }
        } else if (event instanceof SessionEvent.TextPartUpdated part) {
            if (part.kind() == TextKind.ANSWER) {
                streamer(session).ifPresent(streamer -> streamer.replaceText(part.partId(), part.text()));
            }
        } else if (event instanceof SessionEvent.SessionIdle) {
            sessionStopped(session);
            streamer(session).ifPresent(ResponseStreamer::finishRun);
        } else if (event instanceof SessionEvent.SessionErrored errored) {
            streamer(session).ifPresent(streamer -> streamer.reportError(errored.error()));
        } else if (event instanceof SessionEvent.SessionStatusChanged changed) {
            health.sessionWorking(session, !(changed.status() instanceof SessionStatus.Idle));
        } else if (event instanceof SessionEvent.PermissionAsked asked) {
            pending.asked(session, RequestKind.PERMISSION, asked.request().id().value());
        } else if (event instanceof SessionEvent.PermissionReplied replied) {
            pending.settled(replied.requestId().value());
        } else if (event instanceof SessionEvent.QuestionAsked asked) {
            pending.asked(session, RequestKind.QUESTION, asked.request().id().value());
        } else if (event instanceof SessionEvent.QuestionReplied replied) {
            pending.settled(replied.requestId().value());
        } else if (event instanceof SessionEvent.QuestionRejected rejected) {
            pending.settled(rejected.requestId().value());
        } else if (event instanceof SessionEvent.SessionCompacted
                || event instanceof SessionEvent.MessageUpdated
                || event instanceof SessionEvent.ToolUpdated
                || event instanceof SessionEvent.TodoUpdated) {
            LOG.log(System.Logger.Level.TRACE, "Not shown in chat yet: {0}", event);
        }
    }

    /** An idle or deleted session works on nothing and waits for no answer. */
    private void sessionStopped(SessionId session) {
        health.sessionWorking(session, false);
        pending.sessionIdle(session);
    }

    private Optional<ResponseStreamer> streamer(SessionId session) {
        return streams.streamerFor(threads.mappingOf(session));
    }

    /**
     * A root session the bridge has not seen gets a thread in the owner's DM when it is recent: an update
     * means someone is using it now. Known sessions keep their title and activity current.
     */
    private void sessionSeen(SessionInfo session) {
        Optional<ThreadMapping> mapping = threads.mappingOf(session.id());
        if (mapping.isPresent()) {
            threads.refresh(session);
            return;
        }
        if (!session.isRoot() || identity.owner().isEmpty()) {
            return;
        }
        Instant adoptAfter = clock.instant().minus(settings.adoptWindow());
        if (session.updatedAt().isBefore(adoptAfter)) {
            LOG.log(System.Logger.Level.DEBUG, "Session {0} is older than the adopt window", session.id());
            return;
        }
        openThread(session, 0);
    }

    /**
     * A thread that could not be opened (the chat server briefly away) is tried again with backoff, so a
     * session that gets no further update still gets its thread.
     */
    private void openThread(SessionInfo session, int failures) {
        if (threads.mappingOf(session.id()).isPresent()) {
            return;
        }
        try {
            threads.ensureThread(session, identity.owner().get(), identity.ownerDm().orElseThrow());
        } catch (BridgeException e) {
            Optional<Duration> delay = e.retryable() ? Backoff.CHAT_OUTAGE.delayAfter(failures + 1) : Optional.empty();
            if (delay.isEmpty()) {
                LOG.log(System.Logger.Level.ERROR, "Could not open a thread for session " + session.id()
                        + "; its next update tries again", e);
                return;
            }
            LOG.log(System.Logger.Level.WARNING, "Could not open a thread for session {0} ({1}); trying again in {2}",
                    session.id(), e.getMessage(), delay.get());
            scheduler.schedule(delay.get(),
                    () -> queues.submit(session.id(), () -> openThread(session, failures + 1)));
        }
    }
}
