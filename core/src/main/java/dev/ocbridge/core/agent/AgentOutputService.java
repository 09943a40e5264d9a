package dev.ocbridge.core.agent;

import dev.ocbridge.core.answers.ResponseStreamer;
import dev.ocbridge.core.answers.ResponseStreams;
import dev.ocbridge.core.control.PermissionDesk;
import dev.ocbridge.core.control.QuestionDesk;
import dev.ocbridge.core.control.RequestBoard;
import dev.ocbridge.core.control.StopHandler;
import dev.ocbridge.core.domain.Backoff;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.SessionEvent.OfSession;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.health.BridgeHealth;
import dev.ocbridge.core.port.in.SessionEventHandler;
import dev.ocbridge.core.port.out.SchedulerPort;
import dev.ocbridge.core.progress.ProgressTracker;
import dev.ocbridge.core.progress.SessionProgress;
import dev.ocbridge.core.progress.SubAgents;
import dev.ocbridge.core.prompts.QueuedPrompts;
import dev.ocbridge.core.settings.BridgeSettings;
import dev.ocbridge.core.threads.BotIdentity;
import dev.ocbridge.core.threads.SessionReconciler;
import dev.ocbridge.core.threads.ThreadManager;
import dev.ocbridge.core.work.SerialQueues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries what the agent does into chat: threads for new sessions, streamed answers, the progress of its work,
 * permission requests and questions, stops, errors and ends. Events of one session are handled in order on that
 * session's queue; sessions run in parallel. A sub-agent's events are handled on its parent's queue as well, where
 * they show on the parent's task line.
 */
public final class AgentOutputService implements SessionEventHandler {
    private static final System.Logger LOG = System.getLogger(AgentOutputService.class.getName());
    /** How long the in-memory state of a session whose run or thread ended is kept, in case more of it arrives. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final ThreadManager threads;
    private final ResponseStreams streams;
    private final BotIdentity identity;
    private final SessionReconciler reconciler;
    private final BridgeHealth health;
    private final BridgeSettings settings;
    private final Clock clock;
    private final SerialQueues queues;
    private final SchedulerPort scheduler;
    private final QueuedPrompts queuedPrompts;
    private final PermissionDesk permissions;
    private final QuestionDesk questions;
    private final StopHandler stops;
    private final ProgressTracker progress;
    private final SubAgents subAgents = new SubAgents();
    private final EndedSessionSweep endedSessions;
    private final AnswerRecovery recovery;
    /** The answers cut off by a restart are completed once, at the first connection that could read the server. */
    private final AtomicBoolean recovered = new AtomicBoolean();

    public AgentOutputService(ThreadManager threads, ResponseStreams streams, BotIdentity identity,
                              SessionReconciler reconciler, BridgeHealth health, BridgeSettings settings,
                              Clock clock, SerialQueues queues, SchedulerPort scheduler,
                              QueuedPrompts queuedPrompts, PermissionDesk permissions, QuestionDesk questions,
                              StopHandler stops, ProgressTracker progress, AnswerRecovery recovery) {
        this.threads = threads;
        this.streams = streams;
        this.identity = identity;
        this.reconciler = reconciler;
        this.health = health;
        this.settings = settings;
        this.clock = clock;
        this.queues = queues;
        this.scheduler = scheduler;
        this.queuedPrompts = queuedPrompts;
        this.permissions = permissions;
        this.questions = questions;
        this.stops = stops;
        this.progress = progress;
        this.recovery = recovery;
        this.endedSessions = new EndedSessionSweep(threads, scheduler, queues, clock, FORGET_AFTER, this::forget);
    }

    @Override
    public void onSessionEvent(SessionEvent event) {
        if (event instanceof OfSession ofSession) {
            subAgents.learnFrom(ofSession);
            queues.submit(ofSession.sessionId(), () -> handle(ofSession));
            subAgents.parentOf(ofSession.sessionId())
                    .ifPresent(parent -> queues.submit(parent, () -> handleSubAgent(parent, ofSession)));
        } else if (event instanceof SessionEvent.StreamConnected) {
            health.agentConnected(true);
            endedSessions.start();
            // Before the reconciler ends the threads of sessions deleted meanwhile, so their cut-off runs are said.
            if (!recovered.get()) {
                queues.submit(SessionReconciler.class, this::recoverAnswers);
            }
            queues.submit(SessionReconciler.class, reconciler::reconcile);
            queues.submit(RequestBoard.class, () -> {
                permissions.reconcile();
                questions.reconcile();
            });
        } else if (event instanceof SessionEvent.StreamDisconnected) {
            health.agentConnected(false);
        }
    }

    private void recoverAnswers() {
        if (!recovered.get()) {
            recovery.recover();
            recovered.set(true);
        }
    }

    /**
     * At shutdown: answer text still waiting for the edit interval is sent instead of being lost with the
     * timers. Returns at once; the session queues do the sending.
     */
    public void flushPendingAnswers() {
        streams.flushAll();
    }

    /**
     * At a stop that stops the OpenCode server too (the bridge supervises it): the runs going on now are cut off
     * and nothing would say so after the restart, so each working session's thread says it now, on the session's
     * queue, before the workers stop. Call it after the event stream was closed, so no status changes meanwhile.
     */
    public void runsStoppedWithTheServer() {
        health.workingSessions().forEach(session -> queues.submit(session, () -> output(session)
                .ifPresent(out -> out.streamer().interruptedByStop(out.progress().finishRun()))));
    }

    private void handle(OfSession event) {
        SessionId session = event.sessionId();
        if (event instanceof SessionEvent.SessionCreated created) {
            sessionSeen(created.session());
        } else if (event instanceof SessionEvent.SessionUpdated updated) {
            sessionSeen(updated.session());
        } else if (event instanceof SessionEvent.SessionDeleted) {
            sessionStopped(session);
            output(session).ifPresent(out -> out.streamer().finishRun(out.progress().finishRun()));
            forget(session);
            permissions.sessionEnded(session);
            questions.sessionEnded(session);
            threads.endThread(session);
        } else if (event instanceof SessionEvent.TextDelta delta) {
            if (shown(delta.kind())) {
                streamer(session).ifPresent(streamer -> streamer.appendText(delta.partId(), delta.kind(),
                        delta.delta()));
            }
        } else if (event instanceof SessionEvent.TextPartUpdated part) {
            if (shown(part.kind())) {
                streamer(session).ifPresent(streamer -> streamer.replaceText(part.partId(), part.kind(),
                        part.text()));
            }
        } else if (event instanceof SessionEvent.SessionIdle) {
            sessionStopped(session);
            output(session).ifPresent(out -> out.streamer().finishRun(out.progress().finishRun()));
            queuedPrompts.idle(session);
            stops.runEnded(session, false);
            forgetLaterIfQuiet(session);
        } else if (event instanceof SessionEvent.SessionErrored errored) {
            if (errored.error().isAbort()) {
                // The closing line says the run stopped; the stop handler says who stopped it.
                output(session).ifPresent(out -> out.streamer().finishRun(out.progress().finishRun(errored.error())));
                stops.runEnded(session, true);
            } else {
                output(session).ifPresent(out -> out.streamer().reportError(errored.error(),
                        out.progress().finishRun(errored.error())));
            }
            forgetLaterIfQuiet(session);
        } else if (event instanceof SessionEvent.SessionStatusChanged changed) {
            health.sessionWorking(session, !(changed.status() instanceof SessionStatus.Idle));
            queuedPrompts.statusChanged(session, changed.status());
            progressOf(session).ifPresent(shown -> shown.statusChanged(changed.status()));
        } else if (event instanceof SessionEvent.PromptStarted started) {
            // The answer to a prompt that waited starts in a post of its own, under the answer it waited for.
            streamer(session).ifPresent(ResponseStreamer::breakHere);
            queuedPrompts.started(session, started.promptId());
        } else if (event instanceof SessionEvent.SessionCompacted) {
            progressOf(session).ifPresent(SessionProgress::compacted);
        } else if (event instanceof SessionEvent.MessageUpdated updated) {
            output(session).ifPresent(out -> messageUpdated(out, updated.message()));
        } else if (event instanceof SessionEvent.ToolUpdated tool) {
            progressOf(session).ifPresent(shown -> shown.toolUpdated(tool.tool()));
        } else if (event instanceof SessionEvent.TodoUpdated todos) {
            progressOf(session).ifPresent(shown -> shown.todosUpdated(todos.todos()));
        } else if (event instanceof SessionEvent.PermissionAsked asked) {
            waitingForAnswer(session);
            permissions.asked(asked.request());
        } else if (event instanceof SessionEvent.PermissionReplied replied) {
            permissions.replied(replied.requestId(), replied.reply());
            progressOf(session).ifPresent(SessionProgress::answered);
        } else if (event instanceof SessionEvent.QuestionAsked asked) {
            waitingForAnswer(session);
            questions.asked(asked.request());
        } else if (event instanceof SessionEvent.QuestionReplied replied) {
            questions.replied(replied.requestId(), replied.answers());
            progressOf(session).ifPresent(SessionProgress::answered);
        } else if (event instanceof SessionEvent.QuestionRejected rejected) {
            questions.rejected(rejected.requestId());
            progressOf(session).ifPresent(SessionProgress::answered);
        }
    }

    /**
     * A run ended: when the session has shown nothing more for {@link #FORGET_AFTER} (a new run, text still being
     * sent), its streamer and progress are dropped, so memory does not grow with every session ever seen. Late
     * updates of the ended run (an abort's stragglers) come within seconds; the next run starts afresh.
     */
    private void forgetLaterIfQuiet(SessionId session) {
        scheduler.schedule(FORGET_AFTER, () -> queues.submit(session, () -> {
            if (streams.isQuiet(session)) {
                forgetOutput(session);
            }
        }));
    }

    /** An idle or deleted session works on nothing. */
    private void sessionStopped(SessionId session) {
        health.sessionWorking(session, false);
    }

    /**
     * A person is asked: the request's post goes below what the run has shown so far, what the run shows next
     * goes below it, and the agent shows no sign of working while it waits.
     */
    private void waitingForAnswer(SessionId session) {
        output(session).ifPresent(out -> {
            out.streamer().breakHere();
            out.progress().waitingForAnswer();
        });
    }

    /** A prompt (the user's message) breaks the layout, so that what answers it shows below it. */
    private static void messageUpdated(ThreadOutput out, MessageInfo message) {
        if (message.role() == MessageRole.USER) {
            out.streamer().promptArrived(message.id());
            out.progress().prompted(message);
        } else {
            out.progress().stepUpdated(message);
        }
    }

    /** A sub-agent's work, on its parent's queue: its tool count and state show on the parent's task line. */
    private void handleSubAgent(SessionId parent, OfSession event) {
        SessionId child = event.sessionId();
        progressOf(parent).ifPresent(shown -> {
            if (event instanceof SessionEvent.ToolUpdated tool) {
                shown.subAgentToolUpdated(child, tool.tool());
            } else if (event instanceof SessionEvent.SessionStatusChanged changed) {
                shown.subAgentStatusChanged(child, changed.status());
            } else if (event instanceof SessionEvent.SessionIdle) {
                shown.subAgentStatusChanged(child, SessionStatus.idle());
            }
        });
    }

    private boolean shown(TextKind kind) {
        return kind == TextKind.ANSWER || progress.settings().showReasoning();
    }

    /** What is kept for the session's run in memory; its mapping stays in the store. */
    private void forget(SessionId session) {
        forgetOutput(session);
        queuedPrompts.forget(session);
    }

    private void forgetOutput(SessionId session) {
        streams.discard(session);
        progress.discard(session);
    }

    private Optional<ResponseStreamer> streamer(SessionId session) {
        return streams.streamerFor(threads.mappingOf(session));
    }

    private Optional<SessionProgress> progressOf(SessionId session) {
        return output(session).map(ThreadOutput::progress);
    }

    private Optional<ThreadOutput> output(SessionId session) {
        Optional<ThreadMapping> mapping = threads.mappingOf(session);
        return streams.streamerFor(mapping)
                .map(streamer -> new ThreadOutput(streamer, progress.of(mapping.orElseThrow(), streamer)));
    }

    /** Where a session's run shows in its thread: the posts, and the progress drawn in them. */
    private record ThreadOutput(ResponseStreamer streamer, SessionProgress progress) {
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
     * A thread that could not be opened (the chat server away) is tried again with backoff for as long as that
     * lasts, so a session that gets no further update still gets its thread and its answer.
     */
    private void openThread(SessionInfo session, int failures) {
        if (threads.mappingOf(session.id()).isPresent()) {
            return;
        }
        try {
            threads.ensureThread(session, identity.owner().get(), identity.ownerDm().orElseThrow());
        } catch (BridgeException e) {
            if (!e.retryable()) {
                LOG.log(System.Logger.Level.ERROR, "Could not open a thread for session " + session.id()
                        + "; its next update tries again", e);
                return;
            }
            Duration delay = Backoff.UNTIL_CHAT_IS_BACK.delayAfter(failures + 1).orElseThrow();
            LOG.log(System.Logger.Level.WARNING, "Could not open a thread for session {0} ({1}); trying again in {2}",
                    session.id(), e.getMessage(), delay);
            scheduler.schedule(delay,
                    () -> queues.submit(session.id(), () -> openThread(session, failures + 1)));
        }
    }
}
