package dev.ocbridge.core.threads;

import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.domain.SessionInfo;
import dev.ocbridge.core.domain.ThreadMapping;
import dev.ocbridge.core.error.BridgeException;
import dev.ocbridge.core.error.ServerMisroutedException;
import dev.ocbridge.core.port.out.MappingStore;
import dev.ocbridge.core.port.out.SessionPort;
import dev.ocbridge.core.settings.BridgeSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Brings the threads in line with the sessions the server really holds: at start and after the event
 * stream reconnects. Mapped sessions are re-attached silently, vanished ones end their thread, and recent
 * root sessions of every project without a thread get one in the owner's DM; older history is left alone.
 */
public final class SessionReconciler {
    private static final System.Logger LOG = System.getLogger(SessionReconciler.class.getName());
    /**
     * More sessions than this active within the adopt window is someone scripting the server, not a person
     * to open threads for; the newest are adopted and the rest are left to their next update.
     */
    static final int MOST_ADOPTED = 200;

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
        List<SessionInfo> recent = identity.owner().isPresent() ? recentRootSessions() : List.of();
        Map<SessionId, SessionInfo> live = Stream.concat(sessions.listSessions().stream(), recent.stream())
                .collect(Collectors.toMap(SessionInfo::id, Function.identity(), (first, second) -> first));
        endVanishedSessions(live);
        adoptRecentSessions(recent);
    }

    private List<SessionInfo> recentRootSessions() {
        Instant adoptAfter = clock.instant().minus(settings.adoptWindow());
        List<SessionInfo> recent = sessions.recentRootSessions(adoptAfter, MOST_ADOPTED);
        if (recent.size() >= MOST_ADOPTED) {
            LOG.log(System.Logger.Level.WARNING, "At least {0} sessions were active within the adopt window; "
                    + "only the newest {0} get a thread now, the others at their next update", MOST_ADOPTED);
        }
        return recent;
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
            } catch (ServerMisroutedException e) {
                // Every other check would ask the same server and hear the same: wait for the next reconcile.
                LOG.log(System.Logger.Level.WARNING, "No thread is ended while the agent server answers like this: {0}",
                        e.getMessage());
                return;
            } catch (BridgeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not check session {0}: {1}", mapping.sessionId(),
                        e.getMessage());
            }
        }
    }

    /** Oldest first, so that the newest session's thread ends up at the bottom of the DM. */
    private void adoptRecentSessions(List<SessionInfo> recent) {
        recent.stream()
                .filter(session -> mappings.findBySession(session.id()).isEmpty())
                .sorted(Comparator.comparing(SessionInfo::updatedAt))
                .forEach(session -> threads.ensureThread(session, identity.owner().orElseThrow(),
                        identity.ownerDm().orElseThrow()));
    }
}
