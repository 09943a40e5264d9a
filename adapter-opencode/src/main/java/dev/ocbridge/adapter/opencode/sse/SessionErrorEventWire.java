package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.adapter.opencode.rest.ErrorWire;

/** Properties of {@code session.error}; the session is optional in the schema. */
public record SessionErrorEventWire(String sessionID, ErrorWire error) {
}
