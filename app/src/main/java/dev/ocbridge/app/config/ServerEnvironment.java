package dev.ocbridge.app.config;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment a supervised {@code opencode serve} starts with: the bridge's own, without the bridge's
 * settings and secrets. OpenCode hands its environment to every shell the agent runs, so whatever is left here
 * the agent can read; what the agent needs (provider keys, PATH, HOME) stays.
 */
public record ServerEnvironment(Map<String, String> variables) {

    public ServerEnvironment {
        variables = Map.copyOf(variables);
    }

    public static ServerEnvironment from(Map<String, String> bridgeEnvironment) {
        Map<String, String> kept = new HashMap<>(bridgeEnvironment);
        kept.keySet().removeIf(Setting::isBridgeVariable);
        return new ServerEnvironment(kept);
    }

    /** A count only: the values may hold the operator's other secrets. */
    @Override
    public String toString() {
        return "ServerEnvironment[" + variables.size() + " variables]";
    }
}
