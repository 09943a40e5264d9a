package dev.ocbridge.core.health;

import dev.ocbridge.core.domain.SessionId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the bridge knows about its own connections and its sessions' work, for {@code !status}, the
 * readiness check and the gauges of the metrics. A connection that was never up counts as down since the
 * bridge started.
 */
public final class BridgeHealth {
    private final Clock clock;
    private final Instant startedAt;
    private volatile Connection chat;
    private volatile Connection agent;
    private final Set<SessionId> busySessions = ConcurrentHashMap.newKeySet();

    /** Whether a connection is up, and since when it has been so. */
    public record Connection(boolean up, Instant since) {
    }

    public BridgeHealth(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.chat = new Connection(false, startedAt);
        this.agent = new Connection(false, startedAt);
    }

    public void chatConnected(boolean connected) {
        chat = changed(chat, connected);
    }

    public void agentConnected(boolean connected) {
        agent = changed(agent, connected);
    }

    public boolean chatConnected() {
        return chat.up();
    }

    public boolean agentConnected() {
        return agent.up();
    }

    public Connection chatConnection() {
        return chat;
    }

    public Connection agentConnection() {
        return agent;
    }

    public Duration uptime() {
        return Duration.between(startedAt, clock.instant());
    }

    /** A level signal from the agent server: the same status may be reported many times. */
    public void sessionWorking(SessionId session, boolean working) {
        if (working) {
            busySessions.add(session);
        } else {
            busySessions.remove(session);
        }
    }

    public int busySessions() {
        return busySessions.size();
    }

    /** The sessions the agent server last reported working. */
    public Set<SessionId> workingSessions() {
        return Set.copyOf(busySessions);
    }

    private Connection changed(Connection before, boolean up) {
        return before.up() == up ? before : new Connection(up, clock.instant());
    }
}
