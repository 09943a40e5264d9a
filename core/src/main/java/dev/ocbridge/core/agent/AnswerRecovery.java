package dev.ocbridge.core.agent;

import dev.ocbridge.core.answers.ResponseStreamer;
import dev.ocbridge.core.answers.ResponseStreams;
import dev.ocbridge.core.domain.AnsweringMessage;
import dev.ocbridge.core.domain.DeliveredAnswer;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.progress.ProgressTracker;
import dev.ocbridge.core.threads.ThreadManager;
import dev.ocbridge.core.work.SerialQueues;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Completes, after a restart, the answers whose runs ended while the bridge was down. The store names each run
 * chat did not show to its end ({@link DeliveredAnswer}); a session the server still reports busy is left to its
 * events (its streamer starts from the record too). For an idle one, the server's text of the run is shown beyond
 * what chat shows already and the run is closed as the server says it ended: finished, failed, or cut off
 * (unfinished, aborted, or the session gone), which is said once as interrupted.
 */
public final class AnswerRecovery {
    private static final System.Logger LOG = System.getLogger(AnswerRecovery.class.getName());

    private final SessionPort sessions;
    private final MappingStore store;
    private final ThreadManager threads;
    private final ResponseStreams streams;
    private final SerialQueues queues;
    private final ProgressTracker progress;

    public AnswerRecovery(SessionPort sessions, MappingStore store, ThreadManager threads, ResponseStreams streams,
                          SerialQueues queues, ProgressTracker progress) {
        this.sessions = sessions;
        this.store = store;
        this.threads = threads;
        this.streams = streams;
        this.queues = queues;
        this.progress = progress;
    }

    /** Each unfinished answer of an idle session is completed on its session's queue, behind its events. */
    public void recover() {
        List<DeliveredAnswer> unfinished = store.deliveredAnswers();
        if (unfinished.isEmpty()) {
            return;
        }
        Map<SessionId, SessionStatus> busy = sessions.statuses();
        unfinished.stream().map(DeliveredAnswer::session).filter(session -> !busy.containsKey(session))
                .forEach(session -> queues.submit(session, () -> complete(session)));
    }

    private void complete(SessionId session) {
        if (store.deliveredAnswer(session).isEmpty()) {
            return;
        }
        Optional<ResponseStreamer> streamer = streams.streamerFor(threads.mappingOf(session));
        if (streamer.isEmpty()) {
            // Its thread ended: nobody reads on there.
            store.removeDeliveredAnswer(session);
            return;
        }
        try {
            if (sessions.session(session).isEmpty()) {
                streamer.get().interruptedWhileAway();
                return;
            }
            List<AnsweringMessage> run = sessions.latestRun(session);
            run.forEach(message -> message.parts().stream().filter(text -> shown(text.kind()))
                    .forEach(text -> streamer.get().replaceText(text.part(), text.kind(), text.text())));
            closeAsTheServerSays(streamer.get(), run);
        } catch (BridgeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not complete the answer of session {0} after the restart "
                    + "({1}); its next events or the next restart complete it", session, e.getMessage());
        }
    }

    private static void closeAsTheServerSays(ResponseStreamer streamer, List<AnsweringMessage> run) {
        Optional<AnsweringMessage> last = run.isEmpty() ? Optional.empty() : Optional.of(run.get(run.size() - 1));
        Optional<SessionError> failure = last.flatMap(message -> message.message().failure());
        boolean cutOff = last.map(message -> !message.message().isFinished()).orElse(true)
                || failure.filter(SessionError::isAbort).isPresent();
        if (cutOff) {
            streamer.interruptedWhileAway();
        } else if (failure.isPresent()) {
            streamer.reportError(failure.get());
        } else {
            streamer.finishRun();
        }
    }

    private boolean shown(TextKind kind) {
        return kind == TextKind.ANSWER || progress.settings().showReasoning();
    }
}
