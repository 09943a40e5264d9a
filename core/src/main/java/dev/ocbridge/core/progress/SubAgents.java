package dev.ocbridge.core.progress;

import dev.ocbridge.core.domain.SessionEvent;
import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which sessions are sub-agents of which: learnt from a child session's creation (it names its parent) and from the
 * task tool call that runs it (it names the child), whichever the stream delivers. Its events arrive on the same
 * stream while the parent works, and show on the parent's task line. Safe to use from any thread.
 */
public final class SubAgents {
    private static final int REMEMBERED = 10_000;

    private final Map<SessionId, SessionId> parents = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SessionId, SessionId> eldest) {
            return size() > REMEMBERED;
        }
    };

    public synchronized void learnFrom(SessionEvent event) {
        if (event instanceof SessionEvent.SessionCreated created) {
            learn(created.session());
        } else if (event instanceof SessionEvent.SessionUpdated updated) {
            learn(updated.session());
        } else if (event instanceof SessionEvent.ToolUpdated tool) {
            tool.tool().details().child()
                    .filter(child -> !child.equals(tool.sessionId()))
                    .ifPresent(child -> parents.put(child, tool.sessionId()));
        }
    }

    /** The session whose task runs {@code session}, if it is a sub-agent. */
    public synchronized Optional<SessionId> parentOf(SessionId session) {
        return Optional.ofNullable(parents.get(session));
    }

    private void learn(SessionInfo session) {
        session.parent().ifPresent(parent -> parents.put(session.id(), parent));
    }
}
