package dev.ocbridge.core.access;

/** Whether the bridge serves a post, and if not, why (for the log; ignored users get no reply). */
public sealed interface AccessDecision {
    record Serve() implements AccessDecision {
    }

    record Ignore(String reason) implements AccessDecision {
    }
}
