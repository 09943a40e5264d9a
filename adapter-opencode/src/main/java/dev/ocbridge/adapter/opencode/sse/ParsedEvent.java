package dev.ocbridge.adapter.opencode.sse;

import dev.ocbridge.core.domain.SessionEvent;

import java.util.List;

/**
 * What one event of the stream meant: its type (empty when unreadable), the directory it came from (null
 * on {@code /event} and for server-wide events), the domain events it turned into (often none) and the name
 * it is counted under: its type, {@link #UNKNOWN} for a type new to the bridge, {@link #MALFORMED}.
 */
public record ParsedEvent(String type, String directory, List<SessionEvent> events, String countedAs) {

    public static final String CONNECTED = "server.connected";
    public static final String UNKNOWN = "unknown";
    public static final String MALFORMED = "malformed";

    public ParsedEvent {
        type = type == null ? "" : type;
        events = List.copyOf(events);
        countedAs = countedAs == null ? MALFORMED : countedAs;
    }

    static ParsedEvent unreadable() {
        return new ParsedEvent("", null, List.of(), MALFORMED);
    }

    /** The first event of every connection. */
    public boolean isConnected() {
        return CONNECTED.equals(type);
    }
}
