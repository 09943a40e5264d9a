package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.core.domain.SessionEvent;

import java.util.List;

/**
 * What one event of the stream meant: its type (empty when unreadable), the directory it came from (null
 * on {@code /event} and for server-wide events) and the domain events it turned into (often none).
 */
public record ParsedEvent(String type, String directory, List<SessionEvent> events) {

    public static final String CONNECTED = "server.connected";

    public ParsedEvent {
        type = type == null ? "" : type;
        events = List.copyOf(events);
    }

    static ParsedEvent unreadable() {
        return new ParsedEvent("", null, List.of());
    }

    /** The first event of every connection. */
    public boolean isConnected() {
        return CONNECTED.equals(type);
    }
}
