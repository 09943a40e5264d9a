package dev.ocbridge.adapter.opencode;

import dev.ocbridge.core.domain.MessageInfo;
import dev.ocbridge.core.domain.PermissionId;
import dev.ocbridge.core.domain.QuestionId;
import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionStatus;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the event stream has already told the handler, so that resynchronisation after a gap reports
 * only what was missed: the last status per session, which messages and parts were reported finished,
 * and which permissions and questions are open.
 */
final class StreamMemory {

    private static final int REMEMBERED = 20_000;

    private final Map<SessionId, SessionStatus> statuses = new LinkedHashMap<>();
    private final Set<SessionId> busyByPromptOnly = new HashSet<>();
    private final Set<String> finishedMessages = boundedSet();
    private final Set<String> finishedParts = boundedSet();
    private final Set<PermissionId> openPermissions = boundedSet();
    private final Set<QuestionId> openQuestions = boundedSet();

    synchronized void record(SessionEvent event) {
        if (event instanceof SessionEvent.SessionStatusChanged changed) {
            rememberStatus(changed.sessionId(), changed.status());
        } else if (event instanceof SessionEvent.SessionIdle idle) {
            rememberStatus(idle.sessionId(), SessionStatus.idle());
        } else if (event instanceof SessionEvent.SessionDeleted deleted) {
            forget(deleted.sessionId());
        } else if (event instanceof SessionEvent.MessageUpdated updated && updated.message().isFinished()) {
            finishedMessages.add(updated.message().id().value());
        } else if (event instanceof SessionEvent.TextPartUpdated part && part.complete()) {
            finishedParts.add(part.partId().value());
        } else if (event instanceof SessionEvent.ToolUpdated tool && tool.tool().state().isFinal()) {
            finishedParts.add(tool.tool().partId().value());
        } else if (event instanceof SessionEvent.PermissionAsked asked) {
            openPermissions.add(asked.request().id());
        } else if (event instanceof SessionEvent.PermissionReplied replied) {
            openPermissions.remove(replied.requestId());
        } else if (event instanceof SessionEvent.QuestionAsked asked) {
            openQuestions.add(asked.request().id());
        } else if (event instanceof SessionEvent.QuestionReplied replied) {
            openQuestions.remove(replied.requestId());
        } else if (event instanceof SessionEvent.QuestionRejected rejected) {
            openQuestions.remove(rejected.requestId());
        }
    }

    /**
     * A prompt was accepted for the session. Until the stream reports otherwise the session counts as
     * busy, so a run that starts and ends while the stream is down is still recovered on reconnect.
     */
    synchronized void promptSent(SessionId session) {
        if (statuses.putIfAbsent(session, SessionStatus.busy()) == null) {
            busyByPromptOnly.add(session);
        }
    }

    /** The server refused the prompt: unless the stream reported the session busy itself, it is not. */
    synchronized void promptRefused(SessionId session) {
        if (busyByPromptOnly.remove(session)) {
            statuses.remove(session);
        }
    }

    /** The session is gone from the server: nothing of it is left to recover. */
    synchronized void forget(SessionId session) {
        statuses.remove(session);
        busyByPromptOnly.remove(session);
    }

    /** A request the handler was already told about, repeated by a live event after resynchronisation. */
    synchronized boolean isRepeated(SessionEvent event) {
        if (event instanceof SessionEvent.PermissionAsked asked) {
            return openPermissions.contains(asked.request().id());
        }
        if (event instanceof SessionEvent.QuestionAsked asked) {
            return openQuestions.contains(asked.request().id());
        }
        return false;
    }

    private void rememberStatus(SessionId session, SessionStatus status) {
        busyByPromptOnly.remove(session);
        if (status instanceof SessionStatus.Idle) {
            statuses.remove(session);
        } else {
            statuses.put(session, status);
        }
    }

    /** Sessions last reported busy or retrying. */
    synchronized Map<SessionId, SessionStatus> activeSessions() {
        return Map.copyOf(statuses);
    }

    synchronized boolean isFinished(MessageInfo message) {
        return finishedMessages.contains(message.id().value());
    }

    synchronized boolean isPartFinished(String partId) {
        return finishedParts.contains(partId);
    }

    synchronized boolean isOpen(PermissionId id) {
        return openPermissions.contains(id);
    }

    synchronized boolean isOpen(QuestionId id) {
        return openQuestions.contains(id);
    }

    private static <T> Set<T> boundedSet() {
        return Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        });
    }
}
