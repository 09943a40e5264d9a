package dev.ocbridge.adapter.opencode.sse;

/** Properties of {@code permission.replied}. */
public record PermissionRepliedEventWire(String sessionID, String requestID, String reply) {
}
