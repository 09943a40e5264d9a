package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.adapter.opencode.rest.SessionWire;

/** Properties of {@code session.created}, {@code session.updated} and {@code session.deleted}. */
public record SessionInfoEventWire(String sessionID, SessionWire info) {
}
