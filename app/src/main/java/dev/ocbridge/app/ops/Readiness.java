package dev.ocbridge.app.ops;

import dev.ocbridge.core.health.BridgeHealth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the bridge can do its work: the Mattermost websocket authenticated and the OpenCode event stream
 * connected. When not, what is down and since when, for {@code GET /readyz}.
 */
final class Readiness {
    private final BridgeHealth health;

    Readiness(BridgeHealth health) {
        this.health = health;
    }

    boolean ready() {
        return health.chatConnected() && health.agentConnected();
    }

    /** {@code {"ready":false,"down":[{"name":"mattermost","since":"…"}]}}; {@code down} empty when ready. */
    Map<String, Object> report() {
        List<Map<String, Object>> down = new ArrayList<>();
        addIfDown(down, "mattermost", "websocket", health.chatConnection());
        addIfDown(down, "opencode", "event stream", health.agentConnection());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("ready", down.isEmpty());
        report.put("down", down);
        return report;
    }

    private static void addIfDown(List<Map<String, Object>> down, String name, String what,
                                  BridgeHealth.Connection connection) {
        if (connection.up()) {
            return;
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("what", what);
        entry.put("since", connection.since().toString());
        down.add(entry);
    }
}
