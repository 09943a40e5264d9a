package dev.ocbridge.core.health;

import dev.ocbridge.core.domain.SessionId;
import dev.ocbridge.core.health.BridgeHealth.RequestKind;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the permission requests and questions the agent waits on, from what the agent server reports, into
 * {@link BridgeHealth}. A session that goes idle waits on nothing, so its requests are dropped then too: a
 * reply the event stream missed during an outage does not leave a request counted for good.
 */
public final class PendingRequests {
    private final BridgeHealth health;
    private final Map<String, Pending> open = new HashMap<>();

    private record Pending(SessionId session, RequestKind kind) {
    }

    public PendingRequests(BridgeHealth health) {
        this.health = health;
    }

    public synchronized void asked(SessionId session, RequestKind kind, String requestId) {
        open.put(requestId, new Pending(session, kind));
        publish();
    }

    public synchronized void settled(String requestId) {
        if (open.remove(requestId) != null) {
            publish();
        }
    }

    public synchronized void sessionIdle(SessionId session) {
        if (open.values().removeIf(pending -> pending.session().equals(session))) {
            publish();
        }
    }

    private void publish() {
        for (RequestKind kind : RequestKind.values()) {
            health.pendingRequests(kind, (int) open.values().stream().filter(p -> p.kind() == kind).count());
        }
    }
}
