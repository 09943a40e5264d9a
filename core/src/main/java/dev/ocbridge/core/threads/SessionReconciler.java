package dev.ocbridge.core.threads;

import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.settings.BridgeSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings the threads in line with the sessions the server really holds: at start and after the event
 * stream reconnects. Mapped sessions are re-attached silently, vanished ones end their thread, and recent
 * root sessions without a thread get one in the owner's DM; older history is left alone.
 */
public final class SessionReconciler {
    private static final System.Logger LOG = System.getLogger(SessionReconciler.class.getName());

    private final SessionPort sessions;
    private final MappingStore mappings;
    private final ThreadManager threads;
    private final BotIdentity identity;
    private final BridgeSettings settings;
    private final Clock clock;

    public SessionReconciler(SessionPort sessions, MappingStore mappings, ThreadManager threads,
                             BotIdentity identity, BridgeSettings settings, Clock clock) {
        this.sessions = sessions;
        this.mappings = mappings;
        this.threads = threads;
        this.identity = identity;
        this.settings = settings;
        this.clock = clock;
    }

    public void reconcile() {
        Map<SessionId, SessionInfo> live = sessions.listSessions().stream()
                .collect(Collectors.toMap(SessionInfo::id, Function.identity(), (first, second) -> first));
        endVanishedSessions(live);
        adoptRecentSessions(live.values().stream().toList());
    }

    private void endVanishedSessions(Map<SessionId, SessionInfo> live) {
        for (ThreadMapping mapping : mappings.mappings()) {
            if (!mapping.isActive() || live.containsKey(mapping.sessionId())) {
                continue;
            }
            try {
                if (sessions.session(mapping.sessionId()).isEmpty()) {
                    threads.endThread(mapping.sessionId());
                }
            } catch (BridgeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not check session {0}: {1}", mapping.sessionId(),
                        e.getMessage());
            }
        }
    }

    private void adoptRecentSessions(List<SessionInfo> live) {
        if (identity.owner().isEmpty()) {
            return;
        }
        Instant adoptAfter = clock.instant().minus(settings.adoptWindow());
        live.stream()
                .filter(SessionInfo::isRoot)
                .filter(session -> !session.updatedAt().isBefore(adoptAfter))
                .filter(session -> mappings.findBySession(session.id()).isEmpty())
                .sorted((a, b) -> a.updatedAt().compareTo(b.updatedAt()))
                .forEach(session -> threads.ensureThread(session, identity.owner().get(),
                        identity.ownerDm().orElseThrow()));
    }
}
