package dev.ocbridge.adapter.opencode;

import dev.ocbridge.adapter.opencode.rest.MessageWithPartsWire;
import dev.ocbridge.adapter.opencode.rest.PartWire;
import dev.ocbridge.adapter.opencode.rest.WireMapping;
import dev.ocbridge.core.domain.MessageId;
import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.MessageRole;
import dev.ocbridge.core.domain.PartId;
import dev.ocbridge.core.domain.PermissionRequest;
import dev.ocbridge.core.domain.QuestionRequest;
import dev.ocbridge.core.domain.SessionError;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;
import dev.ocbridge.core.domain.TextKind;
import dev.ocbridge.core.domain.ToolCall;
import dev.ocbridge.core.domain.ToolState;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.NotFoundException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * After the event stream (re)connects, asks the server for what may have been missed while it was down
 * and turns it into the events the handler would have seen, leaving out what it already got.
 *
 * <p>An assistant message with neither a finish reason nor an error in a session that is no longer busy
 * belongs to a run the server lost (it was restarted mid-answer): it is reported as failed with
 * {@link #INTERRUPTED}, so nothing waits for it forever.
 */
final class SessionResynchronizer {

    private static final System.Logger LOG = System.getLogger(SessionResynchronizer.class.getName());

    static final String INTERRUPTED = "RunInterruptedError";
    private static final String LOST_RUN =
            "The run ended without finishing; the OpenCode server was probably restarted.";

    private final OpenCodeSessionAdapter sessions;

    SessionResynchronizer(OpenCodeSessionAdapter sessions) {
        this.sessions = sessions;
    }

    /**
     * What was missed, in the order the handler should see it, and the sessions that could not be read.
     * Throws a BridgeException if the server fails as a whole.
     */
    Resynchronisation resynchronise(StreamMemory memory) {
        Map<SessionId, SessionStatus> before = memory.activeSessions();
        Map<SessionId, SessionStatus> now = sessions.statuses();
        List<SessionEvent> events = new ArrayList<>();
        Set<SessionId> unrecovered = new LinkedHashSet<>();
        Set<SessionId> recover = new LinkedHashSet<>(before.keySet());
        recover.addAll(now.keySet());
        for (SessionId session : recover) {
            try {
                events.addAll(missedOfSession(session, before.get(session), now.get(session), memory));
            } catch (NotFoundException gone) {
                // Deleted while the stream was down; the core learns that from the session list it reconciles.
                LOG.log(System.Logger.Level.INFO, "session {0} is gone from the server; nothing to recover",
                        session);
                memory.forget(session);
            } catch (BridgeException e) {
                // One session's unreadable history must not keep every other session's stream down.
                LOG.log(System.Logger.Level.WARNING, "could not recover what session {0} did while the stream "
                        + "was down: {1}", session, e.getMessage());
                unrecovered.add(session);
            }
        }
        for (PermissionRequest permission : sessions.pendingPermissions()) {
            if (!memory.isOpen(permission.id())) {
                events.add(new SessionEvent.PermissionAsked(permission));
            }
        }
        for (QuestionRequest question : sessions.pendingQuestions()) {
            if (!memory.isOpen(question.id())) {
                events.add(new SessionEvent.QuestionAsked(question));
            }
        }
        return new Resynchronisation(events, unrecovered);
    }

    private List<SessionEvent> missedOfSession(SessionId session, SessionStatus before, SessionStatus now,
                                               StreamMemory memory) {
        List<SessionEvent> events = new ArrayList<>();
        boolean busy = now != null;
        if (busy && !now.equals(before)) {
            events.add(new SessionEvent.SessionStatusChanged(session, now));
        }
        events.addAll(missedOutput(session, busy, memory));
        if (!busy && before != null) {
            events.add(new SessionEvent.SessionStatusChanged(session, SessionStatus.idle()));
            events.add(new SessionEvent.SessionIdle(session));
        }
        return events;
    }

    /** The assistant messages of the current run (after the last user message), as far as not yet reported. */
    private List<SessionEvent> missedOutput(SessionId session, boolean busy, StreamMemory memory) {
        List<MessageWithPartsWire> messages = sessions.latestMessagesWithParts(session, OpenCodeSessionAdapter.LATEST_MESSAGES);
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            if ("user".equals(messages.get(i).info().role())) {
                lastUser = i;
            }
        }
        List<SessionEvent> events = new ArrayList<>();
        for (MessageWithPartsWire message : messages.subList(lastUser + 1, messages.size())) {
            MessageInfo info = WireMapping.message(message.info());
            if (info.role() != MessageRole.ASSISTANT) {
                continue;
            }
            boolean lostRun = !busy && !info.isFinished();
            for (PartWire part : message.parts() == null ? List.<PartWire>of() : message.parts()) {
                missedPart(part, memory, lostRun).ifPresent(events::add);
            }
            if (memory.isFinished(info)) {
                continue;
            }
            if (info.isFinished()) {
                events.add(new SessionEvent.MessageUpdated(info));
                info.failure().ifPresent(error -> events.add(new SessionEvent.SessionErrored(session, error)));
            } else if (lostRun) {
                SessionError lost = new SessionError(INTERRUPTED, LOST_RUN);
                events.add(new SessionEvent.MessageUpdated(info.failedWith(lost)));
                events.add(new SessionEvent.SessionErrored(session, lost));
            }
        }
        return events;
    }

    /**
     * Only finished parts: a text part still being written holds none of its streamed text on the server.
     * A tool still pending or running in a lost run will never finish: it is reported failed.
     */
    private static Optional<SessionEvent> missedPart(PartWire part, StreamMemory memory, boolean lostRun) {
        if (part == null || part.id() == null || part.sessionID() == null || part.messageID() == null
                || memory.isPartFinished(part.id())) {
            return Optional.empty();
        }
        if (WireMapping.isTool(part)) {
            ToolCall tool = WireMapping.tool(part);
            if (!tool.state().isFinal() && lostRun) {
                tool = tool.inState(ToolState.ERROR, LOST_RUN, null);
            }
            return tool.state().isFinal()
                    ? Optional.of(new SessionEvent.ToolUpdated(new SessionId(part.sessionID()), tool))
                    : Optional.empty();
        }
        Optional<TextKind> kind = WireMapping.textKind(part);
        boolean ended = part.time() != null && part.time().end() != null;
        if (kind.isEmpty() || !ended || Boolean.TRUE.equals(part.synthetic())) {
            return Optional.empty();
        }
        return Optional.of(new SessionEvent.TextPartUpdated(new SessionId(part.sessionID()),
                new MessageId(part.messageID()), new PartId(part.id()), kind.get(),
                part.text() == null ? "" : part.text(), true));
    }
}
