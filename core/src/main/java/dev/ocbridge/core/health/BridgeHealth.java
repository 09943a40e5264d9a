package dev.ocbridge.core.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** What the bridge knows about its own connections, for {@code !status} and the logs. */
public final class BridgeHealth {
    private final Clock clock;
    private final Instant startedAt;
    private volatile boolean chatConnected;
    private volatile boolean agentConnected;

    public BridgeHealth(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public void chatConnected(boolean connected) {
        chatConnected = connected;
    }

    public void agentConnected(boolean connected) {
        agentConnected = connected;
    }

    public boolean chatConnected() {
        return chatConnected;
    }

    public boolean agentConnected() {
        return agentConnected;
    }

    public Duration uptime() {
        return Duration.between(startedAt, clock.instant());
    }
}
