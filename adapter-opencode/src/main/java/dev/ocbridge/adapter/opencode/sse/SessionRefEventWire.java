package dev.ocbridge.adapter.opencode.sse;

/** Properties of events that only name a session: {@code session.idle}, {@code session.compacted}. */
public record SessionRefEventWire(String sessionID) {
}
