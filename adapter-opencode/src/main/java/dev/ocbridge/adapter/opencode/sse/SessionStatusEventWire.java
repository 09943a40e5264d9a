package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.adapter.opencode.rest.SessionStatusWire;

/** Properties of {@code session.status}. */
public record SessionStatusEventWire(String sessionID, SessionStatusWire status) {
}
